"""One reference, three download formats: CSL-JSON, BibTeX and RIS.

A reference is built once as a CSL-JSON item (the Citation Style Language's data model,
which Zotero, Mendeley and citeproc read); BibTeX and RIS are written from it.

- RIS is written by rispy, with the numbered header each record gets by default
  turned off (reference managers expect a record to open with its `TY` line).
- BibTeX entries are built with bibtexparser (v2) and written by it. Its own
  LaTeX encoder (pylatexenc) also rewrites URLs (`%` becomes `\\%`) and warns on every
  Chinese character it has no macro for, so the values are escaped here instead: only
  the ten characters LaTeX treats as special, outside the `url` field (verbatim in
  biblatex), and the file stays UTF-8, as biber and BibTeX8 read it.
"""

import json

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from rest_framework.renderers import BaseRenderer
from rispy.writer import RisWriter

BIBTEX = "application/x-bibtex"
CSL_JSON = "application/vnd.citationstyles.csl+json"
RIS = "application/x-research-info-systems"

# The download formats by the address's extension: (media type, file extension).
FORMATS = {"bib": BIBTEX, "json": CSL_JSON, "ris": RIS}

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_RIS_TYPES = {"motion_picture": "MPCT", "webpage": "ELEC", "article-newspaper": "NEWS"}


def latex_escape(text: str) -> str:
    """Return `text` with LaTeX's special characters escaped, everything else as it is."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def _name(name: dict) -> str:
    return name.get("literal") or ", ".join(
        part for part in (name.get("family"), name.get("given")) if part
    )


def _people(item: dict) -> list[str]:
    """Return the item's authors, or its directors for a film: the names it is cited by."""
    return [_name(name) for name in item.get("author") or item.get("director") or []]


def _date_parts(item: dict, variable: str) -> list[int]:
    value = item.get(variable) or {}
    parts = value.get("date-parts") or [[]]
    return [int(part) for part in parts[0]]


def _iso(parts: list[int]) -> str:
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(parts))


def to_csl_json(item: dict) -> str:
    """Return the item as a CSL-JSON document: a list of one item."""
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def to_bibtex(item: dict) -> str:
    """Return the item as one BibTeX `@misc` entry (the type every BibTeX style knows).

    Names are braced whole (`{Jia Zhangke}`): Chinese names put the family name first,
    and BibTeX would otherwise turn "Jia Zhangke" into "Zhangke, J.".
    """
    fields = []

    def add(key: str, value: str, *, verbatim: bool = False) -> None:
        if value:
            # bibtexparser encloses each value in braces as it writes it.
            fields.append(Field(key, value if verbatim else latex_escape(value)))

    people = _people(item)
    add("author", " and ".join("{" + latex_escape(name) + "}" for name in people), verbatim=True)
    add("title", item.get("title", ""))
    add("origtitle", item.get("original-title", ""))
    add("howpublished", item.get("container-title") or item.get("genre", ""))
    add("publisher", item.get("publisher", ""))
    issued = _date_parts(item, "issued")
    if issued:
        add("year", str(issued[0]))
        add("date", _iso(issued))
    add("url", item.get("URL", ""), verbatim=True)
    accessed = _date_parts(item, "accessed")
    if accessed:
        add("urldate", _iso(accessed))
    add("language", item.get("language", ""))
    add("note", item.get("note", ""))
    library = bibtexparser.Library([Entry("misc", item["id"], fields)])
    return bibtexparser.write_string(library)


class _RisWriter(RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # no "1." line before the record: rispy's documented way to drop it


def to_ris(item: dict) -> str:
    """Return the item as one RIS record (`MPCT` for a film, `ELEC` for a web page)."""
    record = {"type_of_reference": _RIS_TYPES.get(item.get("type"), "GEN")}
    record["title"] = item.get("title", "")
    people = _people(item)
    if people:
        record["authors"] = people
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]
    if item.get("genre"):
        record["type_of_work"] = item["genre"]
    if item.get("publisher"):
        record["publisher"] = item["publisher"]
    issued = _date_parts(item, "issued")
    if issued:
        record["year"] = str(issued[0])
        record["date"] = "/".join(f"{part:02d}" for part in issued)
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    accessed = _date_parts(item, "accessed")
    if accessed:
        record["access_date"] = "/".join(f"{part:02d}" for part in accessed)
    if item.get("language"):
        record["language"] = item["language"]
    if item.get("note"):
        record["notes"] = [item["note"]]
    return rispy.dumps([record], implementation=_RisWriter)


WRITERS = {BIBTEX: to_bibtex, CSL_JSON: to_csl_json, RIS: to_ris}


# -- The API's renderers: a detail answered in a citation format (content negotiation) ----


class CitationRenderer(BaseRenderer):
    """Write a CSL-JSON item (what a citable view answers) in one citation format.

    An error answer is not an item: ApiViewMixin.finalize_response renders errors as JSON.
    """

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return WRITERS[self.media_type](data).encode(self.charset)


class BibtexRenderer(CitationRenderer):
    media_type = BIBTEX
    format = "bib"


class CslJsonRenderer(CitationRenderer):
    media_type = CSL_JSON
    format = "csl"


class RisRenderer(CitationRenderer):
    media_type = RIS
    format = "ris"


CITATION_RENDERERS = (BibtexRenderer, CslJsonRenderer, RisRenderer)
