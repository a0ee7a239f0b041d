"""The API's other formats: CSV for lists and entries, JSON Lines and zipped CSV for dumps.

CSV is written for spreadsheet programs: UTF-8 with a byte-order mark (without it, Excel
reads Chinese as Latin-1), CRLF line ends (RFC 4180), one column per field, and nested
values (references, lists) as JSON in their cell.
"""

import csv
import io
import zipfile

import orjson
from rest_framework.renderers import BaseRenderer

BOM = "\ufeff"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return str(value)


def csv_text(rows: list[dict]) -> str:
    """Return `rows` as CSV text with a BOM: a header of every field seen, one line each."""
    columns = list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return BOM + out.getvalue()


class CSVRenderer(BaseRenderer):
    """A list's page (or one entry) as CSV; the paging links go in a Link header."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        response = (renderer_context or {}).get("response")
        if isinstance(data, dict) and "results" in data:
            links = [f'<{data[rel]}>; rel="{rel}"' for rel in ("next", "previous") if data.get(rel)]
            if links and response is not None:
                response["Link"] = ", ".join(links)
            rows = data["results"]
        else:
            rows = data if isinstance(data, list) else [data]
        return csv_text(rows).encode("utf-8")


class JSONLinesRenderer(BaseRenderer):
    """A dump as JSON Lines: a header line, then one entity a line with its type.

    The view's data is {"header": {...}, "entities": [(type, entity), ...]}.
    """

    media_type = "application/jsonl"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:  # a 304 has no body
            return b""
        lines = [orjson.dumps({"type": "header", **data["header"]})]
        lines += [orjson.dumps({"type": kind, "data": entity}) for kind, entity in data["entities"]]
        return b"\n".join(lines) + b"\n"


class CSVZipRenderer(BaseRenderer):
    """A dump as a zip: one CSV a type, and README.txt with the licence and schema version.

    The view's data is {"header": {...}, "tables": {name: rows}, "readme": text}.
    """

    media_type = "application/zip"
    format = "csv"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:  # a 304 has no body
            return b""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", data["readme"])
            for name, rows in data["tables"].items():
                archive.writestr(f"{name}.csv", csv_text(rows).encode("utf-8"))
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Disposition"] = 'attachment; filename="filmbase-export.zip"'
        return buffer.getvalue()
