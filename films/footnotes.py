"""Numbered source footnotes for a page: every fact shown points at where it comes from.

A page collects its citations (a source and the fact it supports) and the sources of the
quotes it shows; each distinct source gets one number, in order of first use, and each
topic (title, runtime, synopsis…) knows the numbers that support it.
"""

from dataclasses import dataclass, field

from core.content import Localized, localized


@dataclass
class Footnote:
    number: int
    source: object
    notes: list[Localized] = field(default_factory=list)


@dataclass
class Footnotes:
    entries: list[Footnote] = field(default_factory=list)
    topics: dict[str, list[int]] = field(default_factory=dict)
    _by_source: dict[int, Footnote] = field(default_factory=dict, repr=False)

    def cite(self, source, note: Localized | None = None, topic: str = "") -> int:
        """Return the number of `source`, giving it the next one on first use."""
        footnote = self._by_source.get(source.pk)
        if footnote is None:
            footnote = Footnote(len(self.entries) + 1, source)
            self._by_source[source.pk] = footnote
            self.entries.append(footnote)
        if note and note not in footnote.notes:
            footnote.notes.append(note)
        if topic:
            numbers = self.topics.setdefault(topic, [])
            if footnote.number not in numbers:
                numbers.append(footnote.number)
        return footnote.number

    def __bool__(self):
        return bool(self.entries)

    def __iter__(self):
        return iter(self.entries)


def footnotes_for(citations, quotes=(), statements=()) -> Footnotes:
    """Number the sources of `citations`, then of the production `statements` (setting
    `statement.footnotes`), then of `quotes` (setting `quote.footnote`): the order in
    which the page shows them."""
    notes = Footnotes()
    for citation in citations:
        notes.cite(citation.source, localized(citation, "note"), citation.topic)
    for statement in statements:
        statement.footnotes = [notes.cite(source) for source in statement.sources.all()]
    for quote in quotes:
        quote.footnote = notes.cite(quote.source)
    return notes
