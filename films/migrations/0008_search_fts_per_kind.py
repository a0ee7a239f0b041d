"""SQLite: one FTS5 index per kind of entry instead of one shared by all four.

A shared index had to intersect every match with the (huge) list of rows of the wanted
kind; with an index per kind a search reads only the matches themselves
(docs/benchmarks.md).
"""

import importlib

from django.db import migrations

KINDS = ["film", "person", "theme", "quote"]
TOKENIZER = "porter unicode61 remove_diacritics 2"


def _forward_sql():
    statements = [
        "DROP TRIGGER IF EXISTS films_searchdocument_au",
        "DROP TRIGGER IF EXISTS films_searchdocument_ad",
        "DROP TRIGGER IF EXISTS films_searchdocument_ai",
        "DROP TABLE IF EXISTS films_searchdocument_fts",
    ]
    # The SQL below is built from the constant KINDS only: no input reaches it (bandit B608).
    for kind in KINDS:
        table = f"films_search_{kind}"
        insert = (
            f"INSERT INTO {table}(rowid, title_text, body_text) "  # nosec B608
            "VALUES (new.id, new.title_text, new.body_text);"
        )
        delete = (
            f"INSERT INTO {table}({table}, rowid, title_text, body_text) "  # nosec B608
            "VALUES ('delete', old.id, old.title_text, old.body_text);"
        )
        statements += [
            f"""CREATE VIRTUAL TABLE {table} USING fts5(title_text, body_text,
                content='films_searchdocument', content_rowid='id', tokenize='{TOKENIZER}')""",
            f"""CREATE TRIGGER {table}_ai AFTER INSERT ON films_searchdocument
                WHEN new.kind = '{kind}' BEGIN {insert} END""",
            f"""CREATE TRIGGER {table}_ad AFTER DELETE ON films_searchdocument
                WHEN old.kind = '{kind}' BEGIN {delete} END""",
            # One trigger for updates, so that the old tokens go before the new ones come:
            # SQLite runs one trigger's statements in order, but not triggers in order.
            f"""CREATE TRIGGER {table}_au AFTER UPDATE ON films_searchdocument
                WHEN old.kind = '{kind}' OR new.kind = '{kind}' BEGIN
                INSERT INTO {table}({table}, rowid, title_text, body_text)
                    SELECT 'delete', old.id, old.title_text, old.body_text
                    WHERE old.kind = '{kind}';
                INSERT INTO {table}(rowid, title_text, body_text)
                    SELECT new.id, new.title_text, new.body_text WHERE new.kind = '{kind}';
            END""",
            f"""INSERT INTO {table}(rowid, title_text, body_text)
                SELECT id, title_text, body_text FROM films_searchdocument
                WHERE kind = '{kind}'""",  # nosec B608
        ]
    return statements


def _backward_sql():
    statements = []
    for kind in KINDS:
        table = f"films_search_{kind}"
        statements += [
            *(
                f"DROP TRIGGER IF EXISTS {table}_{suffix}"
                for suffix in ("ai", "ad", "au_old", "au_new")
            ),
            f"DROP TABLE IF EXISTS {table}",
        ]
    return statements


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _forward_sql():
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in _backward_sql():
        schema_editor.execute(statement)
    # Back to the shared index of migration 0003, rebuilt from the documents.
    module = importlib.import_module("films.migrations.0003_search_document")
    for statement in module.SQLITE_FORWARD:
        schema_editor.execute(statement)
    schema_editor.execute(
        "INSERT INTO films_searchdocument_fts(rowid, kind, title_text, body_text) "
        "SELECT id, kind, title_text, body_text FROM films_searchdocument"
    )


class Migration(migrations.Migration):
    dependencies = [("films", "0007_search_title_vector")]

    operations = [migrations.RunPython(forward, backward)]
