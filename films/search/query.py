"""Asking the search index: ranked hits per kind, and pages of every match with totals."""

import unicodedata
from dataclasses import dataclass, field

from django.db import connection

from films.models import Collection, Film, Milestone, Quote, SearchKind, Theme
from films.search.text import TOKENS, cjk_tokens, normalise_query
from people.models import Person


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
    projects: Hits = field(default_factory=lambda: Hits([]))
    milestones: Hits = field(default_factory=lambda: Hits([]))

    @property
    def total(self) -> int:
        kinds = (self.films, self.people, self.themes, self.quotes, self.projects, self.milestones)
        return sum(len(hits) for hits in kinds)


@dataclass(frozen=True)
class _Term:
    tokens: tuple[str, ...]  # a phrase: tokens in a row
    prefix: bool = False  # the (single) token may continue


def _query_terms(query: str) -> list[_Term]:
    """Split a query into terms the index understands.

    A run of Chinese becomes the phrase of its character pairs (one character: a prefix);
    English words are words, the last one a prefix, so "Fen" finds Fenyang.
    """
    found = TOKENS.findall(unicodedata.normalize("NFKC", query).casefold())
    terms = []
    for position, (cjk, word) in enumerate(found):
        if len(cjk) == 1:
            terms.append(_Term((cjk,), prefix=True))
        elif cjk:
            terms.append(_Term(tuple(cjk_tokens(cjk)[:-1])))
        else:
            terms.append(_Term((word,), prefix=position == len(found) - 1))
    return terms


def _fts5_expression(terms: list[_Term]) -> str:
    phrases = ('"' + " ".join(term.tokens) + '"' + (" *" if term.prefix else "") for term in terms)
    return " AND ".join(phrases)


def _tsquery_expression(terms: list[_Term]) -> str:
    parts = []
    for term in terms:
        if term.prefix:
            parts.append(f"{term.tokens[0]}:*")
        else:
            parts.append(" <-> ".join(term.tokens))
    return " & ".join(f"({part})" for part in parts)


# Two tiers per kind, each in index order (the curators' order at the last rebuild, then
# newer entries): every term in a title or name first, then matches that need the prose.
# Ordering by the index's own row order lets both engines stop after `limit` rows instead
# of scoring every match, which is what keeps common words fast at 10,000 films.
_SQLITE_PART = (  # {kind} is one of SearchKind's values, never user input
    "SELECT * FROM (SELECT %s AS tier, d.kind, d.id, d.object_id FROM films_search_{kind} "
    "JOIN films_searchdocument d ON d.id = films_search_{kind}.rowid "
    "WHERE films_search_{kind} MATCH %s ORDER BY films_search_{kind}.rowid LIMIT %s)"
)
# On PostgreSQL each kind has a table of its own with its tsvectors (migration 0009).
_POSTGRESQL_TIERS = [  # {kind} is one of SearchKind's values, never user input
    "(SELECT %s AS tier, d.kind, d.id, d.object_id FROM films_search_{kind} s "
    "JOIN films_searchdocument d ON d.id = s.id "
    "WHERE s.title_vector @@ to_tsquery('english', %s) ORDER BY s.id LIMIT %s)",
    "(SELECT %s AS tier, d.kind, d.id, d.object_id FROM films_search_{kind} s "
    "JOIN films_searchdocument d ON d.id = s.id "
    "WHERE s.vector @@ to_tsquery('english', %s) ORDER BY s.id LIMIT %s)",
]
# Every kind has prose: a quote's is its speaker's names.
_KINDS_WITH_PROSE = list(SearchKind)


def _ranked_ids(terms, limit: int) -> dict[str, list[int]]:
    """Return, per kind, the ids of the best `limit` + 1 matches in rank order.

    One statement: for every kind, the first matches in titles and names; for the kinds
    with prose, also the first matches anywhere. The second tier asks for twice as many
    rows and drops the ones the first already has: if the titles alone filled the page
    it is not needed, and if they did not, it holds every title match and then the
    prose-only ones. (Asking for "in the prose but not in a title" instead makes the
    database test both on every row it walks.)
    """
    parts = [(0, kind) for kind in SearchKind] + [(1, kind) for kind in _KINDS_WITH_PROSE]
    rows_wanted = [limit + 1, 2 * (limit + 1)]
    params, sql = [], []
    if connection.vendor == "postgresql":
        expression = _tsquery_expression(terms)
        for tier, kind in parts:
            sql.append(_POSTGRESQL_TIERS[tier].format(kind=SearchKind(kind).value))
            params += [tier, expression, rows_wanted[tier]]
    else:
        expression = _fts5_expression(terms)
        tiers = [f"title_text : ({expression})", f"{{title_text body_text}} : ({expression})"]
        for tier, kind in parts:
            sql.append(_SQLITE_PART.format(kind=SearchKind(kind).value))
            params += [tier, tiers[tier], rows_wanted[tier]]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()
    ranked = {kind: [] for kind in SearchKind}
    for _tier, kind, _position, object_id in sorted(rows):
        if object_id not in ranked[kind]:
            ranked[kind].append(object_id)
    return ranked


def _hits(queryset, ids: list[int], limit: int) -> Hits:
    found = queryset.in_bulk(ids[:limit]) if ids else {}
    return Hits([found[pk] for pk in ids[:limit] if pk in found], has_more=len(ids) > limit)


# Every match of a kind: in a title or the prose (quotes have no prose), the last tier above.
_SQLITE_COUNT = (  # {kind} is one of SearchKind's values, never user input
    "SELECT %s, COUNT(*) FROM films_search_{kind} WHERE films_search_{kind} MATCH %s"
)
_POSTGRESQL_COUNT = (  # {kind} is one of SearchKind's values, never user input
    "SELECT %s, COUNT(*) FROM films_search_{kind} s WHERE s.vector @@ to_tsquery('english', %s)"
)
# The order the kinds are listed in, with SearchResults' name for each.
KINDS = {
    SearchKind.FILM: "films",
    SearchKind.PERSON: "people",
    SearchKind.THEME: "themes",
    SearchKind.QUOTE: "quotes",
}


def _match_counts(terms) -> dict[str, int]:
    """Return the number of published matches per kind, in one statement.

    The index holds published entries only (its documents), so these are the totals the
    pages of hits add up to.
    """
    params, sql = [], []
    if connection.vendor == "postgresql":
        expression = _tsquery_expression(terms)
        for kind in KINDS:
            sql.append(_POSTGRESQL_COUNT.format(kind=SearchKind(kind).value))
            params += [kind.value, expression]
    else:
        expression = _fts5_expression(terms)
        for kind in KINDS:
            columns = "{title_text body_text}" if kind in _KINDS_WITH_PROSE else "title_text"
            sql.append(_SQLITE_COUNT.format(kind=SearchKind(kind).value))
            params += [kind.value, f"{columns} : ({expression})"]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        return dict(cursor.fetchall())


@dataclass
class SearchPage:
    """One page of every match, films first, then people, themes and quotes."""

    results: SearchResults
    totals: dict[str, int]  # per SearchResults name: films, people, themes, quotes

    @property
    def count(self) -> int:
        return sum(self.totals.values())


def search_page(raw_query: str | None, *, start: int, size: int) -> SearchPage:
    """Return the matches from `start` to `start + size` in the order the kinds are listed.

    The totals come from one count per kind; the hits from the same ranked ids as
    `search`, asked for as deep as the page reaches, then only the page's slice of each
    kind is read. Three statements at most, whatever the page.
    """
    query = normalise_query(raw_query)
    terms = _query_terms(query)
    results = SearchResults(query=query)
    if not terms:
        return SearchPage(results, dict.fromkeys(KINDS.values(), 0))
    counts = _match_counts(terms)
    slices, offset = {}, 0
    for kind in KINDS:
        total = counts.get(kind.value, 0)
        first, last = max(start - offset, 0), min(start + size - offset, total)
        if first < last:
            slices[kind] = (first, last)
        offset += total
    if slices:
        ids = _ranked_ids(terms, max(last for _first, last in slices.values()))
        querysets = _published()
        for kind, (first, last) in slices.items():
            wanted = ids[kind][first:last]
            found = querysets[kind].in_bulk(wanted)
            hits = Hits([found[pk] for pk in wanted if pk in found])
            setattr(results, KINDS[kind], hits)
    totals = {name: counts.get(kind.value, 0) for kind, name in KINDS.items()}
    return SearchPage(results, totals)


def _published() -> dict:
    return {
        SearchKind.FILM: Film.objects.published().with_directors(),
        SearchKind.PERSON: Person.objects.all(),
        SearchKind.THEME: Theme.objects.all(),
        SearchKind.QUOTE: Quote.objects.published().with_context(),
    }


def search(raw_query: str | None, *, limit: int = 20) -> SearchResults:
    """Return up to `limit` published hits of each kind for the reader's query."""
    query = normalise_query(raw_query)
    terms = _query_terms(query)
    if not terms:
        return SearchResults(query=query)
    ids = _ranked_ids(terms, limit)
    return SearchResults(
        query=query,
        films=_hits(Film.objects.published().with_directors(), ids[SearchKind.FILM], limit),
        people=_hits(Person.objects.all(), ids[SearchKind.PERSON], limit),
        themes=_hits(Theme.objects.all(), ids[SearchKind.THEME], limit),
        quotes=_hits(Quote.objects.published().with_context(), ids[SearchKind.QUOTE], limit),
        projects=_hits(Collection.objects.all(), ids[SearchKind.COLLECTION], limit),
        milestones=_hits(Milestone.objects.all(), ids[SearchKind.MILESTONE], limit),
    )
