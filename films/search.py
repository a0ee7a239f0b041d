"""One search across films, people, themes and quotes, in Chinese and English.

Chinese has no spaces between words, so a reader looking for 麦收 or 钟馗 needs a
substring match, not a word index: every field is matched with `icontains`, which works
the same on SQLite and PostgreSQL. Title and name matches rank before matches in longer
prose. Each kind returns at most `limit` hits plus a flag saying whether there are more,
so the page never counts the whole table.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Case, IntegerField, Q, Value, When

from films.models import Film, Quote, Theme
from people.models import Person

MAX_QUERY_LENGTH = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise_query(raw: str | None) -> str:
    """Return the query a reader meant: NFKC-folded, control characters and extra space gone.

    NFKC turns full-width Latin letters typed on a Chinese keyboard (ｗｈｅａｔ) into
    ordinary ones; the length cap keeps a hostile 10,000-character query cheap.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = _CONTROL.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")  # lone surrogates
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class Hits:
    items: list
    has_more: bool = False

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)


@dataclass
class SearchResults:
    query: str
    films: Hits = field(default_factory=lambda: Hits([]))
    people: Hits = field(default_factory=lambda: Hits([]))
    themes: Hits = field(default_factory=lambda: Hits([]))
    quotes: Hits = field(default_factory=lambda: Hits([]))

    @property
    def total(self) -> int:
        return len(self.films) + len(self.people) + len(self.themes) + len(self.quotes)


def any_field_contains(query: str, fields: list[str]) -> Q:
    """Return a filter for rows where any of `fields` contains `query` (any case)."""
    return reduce(or_, (Q(**{f"{name}__icontains": query}) for name in fields))


def _matching(query: str, strong: list[str], weak: list[str]) -> tuple[Q, Case]:
    """Return a filter on any of the fields, and a rank: 0 for a strong-field match, 1 else."""
    strong_q = any_field_contains(query, strong)
    condition = strong_q
    if weak:
        condition |= any_field_contains(query, weak)
    rank = Case(When(strong_q, then=Value(0)), default=Value(1), output_field=IntegerField())
    return condition, rank


def _top(queryset, query: str, strong: list[str], weak: list[str], order: list[str], limit: int):
    condition, rank = _matching(query, strong, weak)
    rows = list(
        queryset.filter(condition)
        .annotate(search_rank=rank)
        .order_by("search_rank", *order)[: limit + 1]
    )
    return Hits(rows[:limit], has_more=len(rows) > limit)


FILM_FIELDS = (["title", "title_zh", "other_titles"], ["synopsis", "synopsis_zh"])
PERSON_FIELDS = (["name", "name_zh", "other_names"], [])
THEME_FIELDS = (["name", "name_zh"], ["description", "description_zh"])
QUOTE_FIELDS = (["text", "translation"], [])


def search(raw_query: str | None, *, limit: int = 20) -> SearchResults:
    """Return up to `limit` published hits of each kind for the reader's query."""
    query = normalise_query(raw_query)
    if not query:
        return SearchResults(query="")
    return SearchResults(
        query=query,
        films=_top(
            Film.objects.published().with_directors(), query, *FILM_FIELDS, ["order"], limit
        ),
        people=_top(Person.objects.all(), query, *PERSON_FIELDS, ["name"], limit),
        themes=_top(Theme.objects.all(), query, *THEME_FIELDS, ["order", "name"], limit),
        quotes=_top(
            Quote.objects.published().with_context(),
            query,
            *QUOTE_FIELDS,
            ["pk"],
            limit,
        ),
    )
