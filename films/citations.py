"""How to cite a film, a person, a quote or a source: CSL-JSON items and ready text.

Each page's reference is one CSL-JSON item (core/citations.py writes BibTeX and RIS from
it), in the page's language:

- a film is a motion picture: its directors, its title exactly as far as the sources go
  (an unconfirmed title says so, an unknown one is not invented), the year of its
  premiere, the project's organiser as publisher, and filmbase's page with the date read;
- a person's page is a web page of filmbase's;
- a quote is cited as what it really is, a passage of its source: the speaker as author,
  the outlet as container, with filmbase's quote page as where it was found;
- a source is cited as itself, with filmbase's source page as where it is listed.

The ready text follows the APA style (7th edition) on English pages and the order of
GB/T 7714 on Chinese ones. citeproc-py was tried for it: its 0.11 release drops the
`director` of a film (a CSL 1.0.2 variable), the one style it ships prints a film's title
twice, and its Chinese locale writes "6 十二月"; so the two patterns are written here.
"""

import datetime

from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext as _

from core.citations import FORMATS
from core.content import guess_lang, localized
from films.models.base import TitleStatus, reading_chinese

SITE_NAME = "filmbase"


def _date(day) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def _names(people) -> list[dict]:
    # Literal names: a Chinese name is family name first, and no style may reorder it.
    return [{"literal": person.label} for person in people]


def film_title(film) -> tuple[str, str]:
    """Return the film's title to cite in the active language, and the other-language one.

    An unconfirmed title carries the words "title unconfirmed"; a film with no title in
    our sources is cited as such, never under an invented name.
    """
    if film.title_status == TitleStatus.UNKNOWN or not (film.title or film.title_zh):
        return _("[Title not in our sources]"), ""
    ordered = (film.title_zh, film.title) if reading_chinese() else (film.title, film.title_zh)
    title, other = ordered[0] or ordered[1], ordered[1] if ordered[0] else ""
    if film.title_status == TitleStatus.UNCERTAIN:
        title = _("%(title)s [title unconfirmed]") % {"title": title}
    return title, other or ""


def film_item(film, page_url: str, accessed) -> dict:
    """Return the CSL-JSON item of a film's page: the film as a motion picture."""
    title, other = film_title(film)
    item = {"id": f"filmbase-film-{film.slug}", "type": "motion_picture", "title": title}
    if other:
        item["original-title"] = other
    if film.directors:
        item["director"] = _names(film.directors)
    item["genre"] = _("AIGC short film")
    premiere = film.premiere_date or (film.collection.premiere_date if film.collection else None)
    if premiere:
        item["issued"] = {"date-parts": [[premiere.year]]}
    organiser = localized(film.collection, "organiser") if film.collection else None
    if organiser:
        item["publisher"] = organiser.text
    item["URL"] = page_url
    item["accessed"] = _date(accessed)
    item["note"] = _("Entry in filmbase, the knowledge base of the film's project.")
    return item


def person_item(person, page_url: str, accessed) -> dict:
    """Return the CSL-JSON item of a person's page: a web page of filmbase's."""
    return {
        "id": f"filmbase-person-{person.slug}",
        "type": "webpage",
        "title": person.label,
        "container-title": SITE_NAME,
        "issued": _date(timezone.localdate(person.updated_at)),
        "URL": page_url,
        "accessed": _date(accessed),
    }


def _source_fields(source) -> dict:
    # A title we wrote for an untitled page is cited in the reader's language.
    item = {"type": "webpage", "title": source.title_text.text}
    if source.outlet:
        item["container-title"] = source.outlet
    if source.published_on:
        item["issued"] = _date(source.published_on)
    item["URL"] = iri_to_uri(source.url)
    if source.language:
        item["language"] = source.language
    return item


def quote_item(quote, page_url: str, accessed) -> dict:
    """Return the CSL-JSON item of a quote: its source, with the speaker as author."""
    item = {"id": f"filmbase-quote-{quote.pk}", **_source_fields(quote.source)}
    item["author"] = _names([quote.speaker])
    if "issued" not in item and quote.said_on:
        item["issued"] = _date(quote.said_on)
    item["note"] = _("Quoted in filmbase: %(url)s (accessed %(date)s)") % {
        "url": page_url,
        "date": accessed.isoformat(),
    }
    return item


def source_item(source, page_url: str, accessed) -> dict:
    """Return the CSL-JSON item of a source: the page itself, listed in filmbase."""
    item = {"id": f"filmbase-source-{source.key or source.pk}", **_source_fields(source)}
    item["note"] = _("Listed in filmbase: %(url)s (accessed %(date)s)") % {
        "url": page_url,
        "date": accessed.isoformat(),
    }
    return item


# -- Ready text ------------------------------------------------------------------------


def _part(text: str, *, italic: bool = False) -> str:
    """Return `text` escaped, in a `lang` span when its language is not the page's."""
    lang = guess_lang(text)
    page_lang = "zh-Hans" if reading_chinese() else "en"
    html = conditional_escape(text)
    if italic:
        html = format_html("<i>{}</i>", html)
    if lang != page_lang and any(char.isalpha() for char in text):
        html = format_html('<span lang="{}">{}</span>', lang, html)
    return html


def _people_text(item: dict) -> str:
    names = [name["literal"] for name in item.get("author") or item.get("director") or []]
    separator = "、" if reading_chinese() else ", "
    return format_html_join(separator, "{}", ((_part(name),) for name in names))


def _issued_text(item: dict) -> str:
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if reading_chinese():
        return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts))
    if len(parts) == 3:
        return f"{parts[0]}, " + date_format(_as_date(parts), "F j")
    return str(parts[0]) if parts else _("n.d.")


def _as_date(parts) -> datetime.date:
    return datetime.date(*parts)


def _link(url: str) -> str:
    return format_html('<a href="{}">{}</a>', url, url)


def _accessed_text(day: datetime.date) -> str:
    return day.isoformat() if reading_chinese() else date_format(day, "F j, Y")


def _joined(pieces) -> str:
    return format_html_join("", "{}", ((piece,) for piece in pieces if piece))


def ready_text(item: dict, page_url: str, accessed_on: datetime.date) -> str:
    """Return the reference as HTML: APA style in English, GB/T 7714 order in Chinese."""
    accessed = _accessed_text(accessed_on)
    people = _people_text(item)
    title = _part(item["title"])
    kind = item["type"]
    found_in = kind == "webpage" and item["id"].startswith(("filmbase-quote", "filmbase-source"))
    if reading_chinese():
        code = "Z/OL" if kind == "motion_picture" else "EB/OL"
        pieces = [format_html("{}．", people) if people else ""]
        pieces.append(format_html("{}［{}］．", title, code))
        publisher = item.get("publisher") or item.get("container-title", "")
        if publisher:
            pieces.append(format_html("{}，", _part(publisher)))
        pieces.append(format_html("{}［{}］．", _issued_text(item) or "", accessed))
        pieces.append(_link(item["URL"]))
        if found_in:
            pieces.append(format_html("．转引自 {}：{}", SITE_NAME, _link(page_url)))
        return _joined(pieces)
    if kind == "motion_picture":
        role = "Directors" if len(item.get("director", [])) > 1 else "Director"
        head = format_html("{} ({}). ", people, role) if people else ""
        pieces = [
            format_html("{}({}). ", head, _issued_text(item)),
            format_html("<i>{}</i>", title),
        ]
        if item.get("original-title"):
            pieces.append(format_html(" [{}]", _part(item["original-title"])))
        pieces.append(format_html(" [{}]. ", _part(item["genre"])))
        if item.get("publisher"):
            pieces.append(format_html("{}. ", _part(item["publisher"])))
        pieces.append(format_html("Retrieved {}, from {}", accessed, _link(item["URL"])))
        return _joined(pieces)
    if people:
        pieces = [format_html("{}. ({}). {}. ", people, _issued_text(item), title)]
    else:
        pieces = [format_html("{}. ({}). ", title, _issued_text(item))]
    container = item.get("container-title")
    if container:
        pieces.append(format_html("<i>{}</i>. ", _part(container)))
    if found_in:
        pieces.append(format_html("{}. ", _link(item["URL"])))
        label = "Quoted in" if item["id"].startswith("filmbase-quote") else "Listed in"
        pieces.append(
            format_html("{} {}, retrieved {}, from {}", label, SITE_NAME, accessed, _link(page_url))
        )
    else:
        pieces.append(format_html("Retrieved {}, from {}", accessed, _link(item["URL"])))
    return _joined(pieces)


# -- The "Cite this page" block ----------------------------------------------------------

BUILDERS = {"film": film_item, "person": person_item, "quote": quote_item, "source": source_item}


def page_address(request, path: str | None = None) -> str:
    """Return the absolute, percent-encoded address of the page at `path` (default: this one)."""
    return iri_to_uri(request.build_absolute_uri(path or request.path))


def item_for(kind: str, obj, page_url: str, accessed_on: datetime.date | None = None) -> dict:
    """Return the CSL-JSON item of the page at `page_url` about `obj`, read today."""
    return BUILDERS[kind](obj, page_url, accessed_on or timezone.localdate())


def cite_block(request, kind: str, obj) -> dict:
    """Return what the "Cite this page" include shows: the ready text and the downloads."""
    page_url = page_address(request)
    today = timezone.localdate()
    item = item_for(kind, obj, page_url, today)
    labels = {"bib": "BibTeX", "json": "CSL-JSON", "ris": "RIS"}
    return {
        "style": _("As GB/T 7714 orders a reference")
        if reading_chinese()
        else _("In APA style (7th edition)"),
        "text": ready_text(item, page_url, today),
        "downloads": [
            {"label": labels[ext], "href": f"{request.path}cite.{ext}", "type": media_type}
            for ext, media_type in FORMATS.items()
        ],
    }
