"""One search across films, people, themes and quotes, in Chinese and English.

Chinese has no spaces between words, and neither SQLite's FTS5 tokenizer nor
PostgreSQL's text-search parser can find 麦收 inside a longer run of Chinese. So every
published entry is copied into a `SearchDocument` whose text splits each run of Chinese
into its overlapping character pairs (麦收节 → 麦收 收节 节): a two-character query is
one exact token, a longer one a phrase of pairs, a single character a prefix — a
substring match for queries of any length, answered from the index. English words keep
their word index with stemming (harvests → harvest), and the last English word matches
as a prefix (Fen → Fenyang).

The index is engine-specific: an FTS5 table per kind on SQLite (migration 0008), a table
per kind with stored, generated tsvectors and GIN indexes on PostgreSQL (0009), each
kept in step with `SearchDocument` by triggers. Matches in titles and names come
before matches that need the prose. Each kind returns at most `limit` hits plus a flag
saying whether there are more, so nothing ever counts or scores a whole table.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save

from films.models import (
    Collection,
    Credit,
    CreditRole,
    Film,
    Milestone,
    PublicationStatus,
    Quote,
    SearchDocument,
    SearchKind,
    Theme,
)
from people.models import Person

MAX_QUERY_LENGTH = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Han, kana, Hangul and CJK symbols: scripts written without spaces between words.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKENS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


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


def _cjk_tokens(run: str) -> list[str]:
    """Return the tokens of a run of Chinese: its overlapping pairs, then its last character.

    麦收节 → 麦收 收节 节. A two-character query is then one exact token, a longer one a
    phrase of pairs, and a single character a prefix (麦 → 麦收…, or the lone 节).
    """
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(*values: str | None) -> str:
    """Return `values` as the index stores them: folded, Chinese runs as character pairs."""
    text = " ".join(value for value in values if value)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _CJK_RUN.sub(lambda match: " " + " ".join(_cjk_tokens(match.group())) + " ", text)


# -- What goes into the index --------------------------------------------------------


def _names(person) -> tuple[str, str, str]:
    return person.name, person.name_zh, person.other_names


def _film_document(film):
    """A film is found by its titles, then by its story, production notes and directors:
    a reader who types 贾樟柯 or Jia Zhangke is looking for his film too."""
    if film.status != PublicationStatus.PUBLISHED:
        return None
    directors = [c.person for c in film.credits.all() if c.role == CreditRole.DIRECTOR]
    return (
        index_text(film.title, film.title_zh, film.other_titles),
        index_text(
            film.synopsis,
            film.synopsis_zh,
            film.production_notes,
            film.production_notes_zh,
            *(name for person in directors for name in _names(person)),
        ),
    )


def _person_document(person):
    return (
        index_text(person.name, person.name_zh, person.other_names),
        index_text(person.bio, person.bio_zh),
    )


def _theme_document(theme):
    return (
        index_text(theme.name, theme.name_zh),
        index_text(theme.description, theme.description_zh),
    )


def _quote_document(quote):
    visible = quote.status == PublicationStatus.PUBLISHED and (
        quote.film_id is None or quote.film.status == PublicationStatus.PUBLISHED
    )
    if not visible:
        return None
    return index_text(quote.text, quote.translation), index_text(*_names(quote.speaker))


def _collection_document(collection):
    return (
        index_text(
            collection.name, collection.name_zh, collection.organiser, collection.organiser_zh
        ),
        index_text(
            collection.description,
            collection.description_zh,
            collection.venue,
            collection.venue_zh,
        ),
    )


def _milestone_document(milestone):
    return (
        index_text(milestone.title, milestone.title_zh),
        index_text(milestone.description, milestone.description_zh),
    )


# kind: (model, order of a rebuilt index, what to select_related(), document builder).
# A film's credits are prefetched instead (_credits_with_people).
_DOCUMENTS = {
    SearchKind.FILM: ("films.Film", ["order", "pk"], [], _film_document),
    SearchKind.PERSON: ("people.Person", ["name", "pk"], [], _person_document),
    SearchKind.THEME: ("films.Theme", ["order", "name", "pk"], [], _theme_document),
    SearchKind.QUOTE: ("films.Quote", ["pk"], ["film", "speaker"], _quote_document),
    SearchKind.COLLECTION: ("films.Collection", ["pk"], [], _collection_document),
    SearchKind.MILESTONE: ("films.Milestone", ["date", "pk"], [], _milestone_document),
}
_KIND_OF = {
    Film: SearchKind.FILM,
    Person: SearchKind.PERSON,
    Theme: SearchKind.THEME,
    Quote: SearchKind.QUOTE,
    Collection: SearchKind.COLLECTION,
    Milestone: SearchKind.MILESTONE,
}


def index_object(kind: str, obj) -> None:
    """Add, refresh or remove the search document of one entry."""
    document = _DOCUMENTS[kind][3](obj)
    if document is None:
        SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()
        return
    title_text, body_text = document
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"title_text": title_text, "body_text": body_text},
    )


def rebuild_search_index(*, apps=global_apps) -> int:
    """Recreate every search document from the content; return how many there are."""
    Document = apps.get_model("films", "SearchDocument")
    with transaction.atomic():
        Document.objects.all().delete()
        documents = []
        # A migration rebuilds with the kinds its own SearchDocument knows.
        known = {value for value, _label in Document._meta.get_field("kind").choices}
        for kind, (label, ordering, joins, build) in _DOCUMENTS.items():
            if kind not in known:
                continue
            queryset = apps.get_model(label).objects.order_by(*ordering)
            if kind == SearchKind.FILM:
                queryset = queryset.prefetch_related(_credits_with_people(apps))
            elif joins:
                queryset = queryset.select_related(*joins)
            for obj in queryset.iterator(chunk_size=2000):
                document = build(obj)
                if document is not None:
                    title_text, body_text = document
                    documents.append(
                        Document(
                            kind=kind, object_id=obj.pk, title_text=title_text, body_text=body_text
                        )
                    )
        Document.objects.bulk_create(documents, batch_size=2000)
    return len(documents)


def _credits_with_people(apps=global_apps) -> Prefetch:
    """Prefetch a film's credits with their people joined, not prefetched in turn.

    Django 5.2 prefetches a foreign key as one `id = ? OR id = ? …` per row on SQLite,
    which SQLite refuses past about a thousand rows (its expression depth limit): the
    index of 10,000 films failed to build so.
    """
    credits = apps.get_model("films", "Credit").objects.select_related("person")
    return Prefetch("credits", queryset=credits)


def _index_film(film) -> None:
    index_object(
        SearchKind.FILM, Film.objects.prefetch_related(_credits_with_people()).get(pk=film.pk)
    )


def _entry_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rebuild_search_index afterwards
        return
    if sender is Film:
        _index_film(instance)
        # A quote about a film is public only while the film is.
        for quote in instance.quotes.select_related("film", "speaker"):
            index_object(SearchKind.QUOTE, quote)
        return
    index_object(_KIND_OF[sender], instance)
    if sender is Person:
        # Their films and their quotes are found by their names.
        for film in Film.objects.filter(credits__person=instance, credits__role="director"):
            _index_film(film)
        for quote in instance.quotes.select_related("film", "speaker"):
            index_object(SearchKind.QUOTE, quote)


def _entry_deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(kind=_KIND_OF[sender], object_id=instance.pk).delete()


def _credit_changed(sender, instance, raw=False, **kwargs):
    """A film is found by its directors' names: a new or removed director changes that."""
    if not raw and instance.role == CreditRole.DIRECTOR:
        film = Film.objects.filter(pk=instance.film_id).first()
        if film is not None:
            _index_film(film)


def connect_search_signals() -> None:
    for model in _KIND_OF:
        uid = f"filmbase-search-{model._meta.label_lower}"
        post_save.connect(_entry_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_entry_deleted, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_credit_changed, sender=Credit, dispatch_uid="filmbase-search-credit-save")
    post_delete.connect(
        _credit_changed, sender=Credit, dispatch_uid="filmbase-search-credit-delete"
    )


# -- Querying ------------------------------------------------------------------------


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
    found = _TOKENS.findall(unicodedata.normalize("NFKC", query).casefold())
    terms = []
    for position, (cjk, word) in enumerate(found):
        if len(cjk) == 1:
            terms.append(_Term((cjk,), prefix=True))
        elif cjk:
            terms.append(_Term(tuple(_cjk_tokens(cjk)[:-1])))
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
_KINDS_WITH_PROSE = list(_DOCUMENTS)


def _ranked_ids(terms, limit: int) -> dict[str, list[int]]:
    """Return, per kind, the ids of the best `limit` + 1 matches in rank order.

    One statement: for every kind, the first matches in titles and names; for the kinds
    with prose, also the first matches anywhere. The second tier asks for twice as many
    rows and drops the ones the first already has: if the titles alone filled the page
    it is not needed, and if they did not, it holds every title match and then the
    prose-only ones. (Asking for "in the prose but not in a title" instead makes the
    database test both on every row it walks.)
    """
    parts = [(0, kind) for kind in _DOCUMENTS] + [(1, kind) for kind in _KINDS_WITH_PROSE]
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
    ranked = {kind: [] for kind in _DOCUMENTS}
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
