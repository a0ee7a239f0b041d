"""Numbered source notes for a page: every fact shown points at where it comes from.

A page collects its citations (a source and the fact it supports), the sources of the
quotes and milestones it shows, and the sources its prose names by key ("[S3, S10]");
each distinct source gets one number, in order of first use, and each topic (title,
runtime, synopsis…) knows the numbers that support it. Markers in the text are links
`<a class="ref" href="#source-N">` to the page's notes, and each note links to the
source's own page on filmbase.
"""

import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.content import Localized, localized
from films.models import Source

# How prose names its sources: "[S8]" or "[S8, S9]" (the source list's keys).
KEY_GROUP = re.compile(r"\[(S\d+(?:\s*,\s*S\d+)*)\]")


@dataclass
class Footnote:
    number: int
    source: object
    notes: list[Localized] = field(default_factory=list)


@dataclass
class Footnotes:
    entries: list[Footnote] = field(default_factory=list)
    topics: dict[str, list[int]] = field(default_factory=dict)
    by_key: dict[str, object] = field(default_factory=dict, repr=False)
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

    def cite_key(self, key: str) -> int | None:
        """Return the number of the source with this key, or None if the page has none."""
        source = self.by_key.get(key)
        return None if source is None else self.cite(source)

    def __bool__(self):
        return bool(self.entries)

    def __iter__(self):
        return iter(self.entries)


def markers(numbers) -> str:
    """Return markers linking to the notes `numbers`, each number once, in order."""
    unique = list(dict.fromkeys(numbers or ()))
    if not unique:
        return ""
    links = format_html_join(
        "", '<a class="ref" href="#source-{0}">[{0}]</a>', ((n,) for n in unique)
    )
    # In <sup class="refs">: raised, with targets a finger can hit (static/css/site.css).
    return format_html('<sup class="refs">{}</sup>', links)


_BREAK = SafeString("<br>")


def _cited_run(text: str, footnotes, found: list, mark=None) -> SafeString:
    """Return one run of text escaped, line breaks as <br>, its keys as markers."""
    parts: list = []
    position = 0
    for match in KEY_GROUP.finditer(text):
        parts.extend(_lines(text[position : match.start()], mark))
        keys = [key.strip() for key in match.group(1).split(",")]
        numbers = [footnotes.cite_key(key) for key in keys] if footnotes is not None else []
        if numbers and None not in numbers:
            parts.append(markers(numbers))
            found.append(True)
        else:
            parts.append(match.group(0))  # a key the page does not know stays as written
        position = match.end()
    parts.extend(_lines(text[position:], mark))
    return format_html_join("", "{}", ((part,) for part in parts))


def _lines(text: str, mark=None) -> list:
    lines = [mark(line) if mark else line for line in text.split("\n")]
    return [item for line in lines for item in (_BREAK, line)][1:]


def render_cited(text: str, footnotes: Footnotes | None, numbers=(), paragraphs=False, mark=None):
    """Return `text` escaped, its source keys as markers, then `numbers`' markers.

    The trailing markers (a topic's sources) are added only when the text names none
    of its own, so a fact never shows the same source twice. `paragraphs` splits the
    text into <p>s at blank lines, as Django's `linebreaks` does.
    """
    text = str(text or "").replace("\r\n", "\n").strip("\n")
    found: list = []
    runs = re.split(r"\n{2,}", text) if paragraphs else [text]
    html = [_cited_run(run, footnotes, found, mark) for run in runs]
    if numbers and not found:
        html[-1] = format_html("{}{}", html[-1], markers(numbers))
    if paragraphs:
        return format_html_join("\n\n", "<p>{}</p>", ((run,) for run in html))
    return html[0]


def keys_in(*objects) -> set[str]:
    """Return the source keys that the text fields of `objects` name."""
    keys: set[str] = set()
    for obj in objects:
        if obj is None:
            continue
        for model_field in obj._meta.concrete_fields:
            if isinstance(model_field, models.CharField | models.TextField):
                value = getattr(obj, model_field.attname) or ""
                for group in KEY_GROUP.findall(value):
                    keys.update(key.strip() for key in group.split(","))
    return keys


def footnotes_for(citations=(), quotes=(), statements=(), *, prose=(), milestones=()) -> Footnotes:
    """Number the sources of `citations`, `quotes` (setting `quote.footnote`) and
    `milestones` (setting `milestone.footnote`), and load, in one query, the sources
    that the text of `prose`, the quotes and the milestones names by key, for the
    `cited` tag to number as the page renders."""
    notes = Footnotes()
    for citation in citations:
        notes.cite(citation.source, localized(citation, "note"), citation.topic)
    for statement in statements:
        statement.footnotes = [notes.cite(source) for source in statement.sources.all()]
    for quote in quotes:
        quote.footnote = notes.cite(quote.source)
    for milestone in milestones:
        milestone.footnote = notes.cite(milestone.source)
    keys = keys_in(*prose, *quotes, *milestones)
    known = {entry.source.key: entry.source for entry in notes if entry.source.key}
    missing = keys - known.keys()
    if missing:
        known.update((source.key, source) for source in Source.objects.filter(key__in=missing))
    notes.by_key = known
    return notes
