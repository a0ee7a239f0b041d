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

from films.search.index import connect_search_signals, index_object, rebuild_search_index
from films.search.query import SearchPage, SearchResults, search, search_page
from films.search.text import MAX_QUERY_LENGTH, index_text, normalise_query

__all__ = [
    "MAX_QUERY_LENGTH",
    "SearchPage",
    "SearchResults",
    "connect_search_signals",
    "index_object",
    "index_text",
    "normalise_query",
    "rebuild_search_index",
    "search",
    "search_page",
]
