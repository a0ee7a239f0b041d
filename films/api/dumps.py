"""The export in its other formats: JSON Lines, and a zip of one CSV per type.

Both are built from the same cached document as the JSON export (films/api/sync.py),
so every format holds the same entries in the same fields; each states the licence and
the schema version (the JSON Lines header line, the zip's README.txt).
"""

# The document's lists, in the order they are dumped, with the type of their entries.
ENTITY_TYPES = {
    "collections": "collection",
    "films": "film",
    "people": "person",
    "themes": "theme",
    "quotes": "quote",
    "sources": "source",
    "milestones": "milestone",
}
HEADER_FIELDS = ("schema_version", "generated_at", "licence", "licence_url")

JSONL_HELP = (
    "With ?format=jsonl: JSON Lines. The first line is the header (`type` 'header', "
    "schema_version, generated_at, licence, licence_url); then one entity a line, "
    '`{"type": "film", "data": {…}}`, data in the form of the JSON export.'
)
CSV_HELP = (
    "With ?format=csv: a zip of one CSV file per type (films.csv, people.csv…; UTF-8 "
    "with a byte-order mark, nested values as JSON in their cell) and README.txt with "
    "the licence and schema version."
)

README = """filmbase export: schema version {schema_version}, generated {generated_at}
Licence: {licence} ({licence_url}).
One CSV file per type: {files}. Each row is one published entry, with the fields of
the API's detail answers; references and lists are JSON in their cell. The files are
UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese correctly.

filmbase 数据导出：结构版本 {schema_version}，生成于 {generated_at}
许可：filmbase 自撰文字采用 CC BY 4.0 许可，引语与事实仍归属其所引来源（{licence_url}）。
每种类型一个 CSV 文件：{files}。每行是一个已发布的条目，字段与 API 详情接口相同；\
引用与列表以 JSON 形式存于单元格中。文件编码为带字节顺序标记（BOM）的 UTF-8，\
以便电子表格软件正确显示中文。
"""


def in_format(document: dict, format_name: str | None):
    """Return what the renderer of `format_name` takes: the document, or its parts."""
    header = {name: document[name] for name in HEADER_FIELDS}
    if format_name == "jsonl":
        entities = [
            (kind, entity) for key, kind in ENTITY_TYPES.items() for entity in document[key]
        ]
        return {"header": header, "entities": entities}
    if format_name == "csv":
        files = ", ".join(f"{key}.csv" for key in ENTITY_TYPES)
        return {
            "header": header,
            "tables": {key: document[key] for key in ENTITY_TYPES},
            "readme": README.format(files=files, **header),
        }
    return document
