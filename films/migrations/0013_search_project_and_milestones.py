"""Search finds the project and Keling's milestones, films by their directors' names.

Two more kinds of search document, each with its own index as the four before it: an
FTS5 table on SQLite (as migration 0008 builds them), a table with GIN-indexed
tsvectors on PostgreSQL (0009, 0011). The index is then rebuilt, so that films carry
their production notes and directors' names and quotes their speakers' names.
"""

from django.db import migrations, models

NEW_KINDS = ["collection", "milestone"]
OLD_KINDS = ["film", "person", "theme", "quote"]
ALL_KINDS = [*OLD_KINDS, *NEW_KINDS]


TOKENIZER = "porter unicode61 remove_diacritics 2"  # as migration 0008


def _sqlite_statements():
    """An FTS5 table per new kind, and the triggers of every kind's table.

    Changing the kinds' check constraint makes SQLite rebuild films_searchdocument,
    which drops the triggers on it: they are created again for all six kinds.
    """
    statements = [
        f"""CREATE VIRTUAL TABLE films_search_{kind} USING fts5(title_text, body_text,
            content='films_searchdocument', content_rowid='id', tokenize='{TOKENIZER}')"""
        for kind in NEW_KINDS
    ]
    return statements + _sqlite_triggers(ALL_KINDS)


def _sqlite_triggers(kinds):
    """The triggers that keep each kind's FTS5 table in step with films_searchdocument."""
    statements = []
    # Built from the constants above only: no input reaches this SQL (bandit B608).
    for kind in kinds:
        table = f"films_search_{kind}"
        columns = "rowid, title_text, body_text"
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_ai",
            f"DROP TRIGGER IF EXISTS {table}_ad",
            f"DROP TRIGGER IF EXISTS {table}_au",
            f"""CREATE TRIGGER {table}_ai AFTER INSERT ON films_searchdocument
                WHEN new.kind = '{kind}' BEGIN
                INSERT INTO {table}({columns})
                    VALUES (new.id, new.title_text, new.body_text); END""",  # nosec B608
            f"""CREATE TRIGGER {table}_ad AFTER DELETE ON films_searchdocument
                WHEN old.kind = '{kind}' BEGIN
                INSERT INTO {table}({table}, {columns})
                    VALUES ('delete', old.id, old.title_text, old.body_text); END""",  # nosec B608
            f"""CREATE TRIGGER {table}_au AFTER UPDATE ON films_searchdocument
                WHEN old.kind = '{kind}' OR new.kind = '{kind}' BEGIN
                INSERT INTO {table}({table}, {columns})
                    SELECT 'delete', old.id, old.title_text, old.body_text
                    WHERE old.kind = '{kind}';
                INSERT INTO {table}({columns})
                    SELECT new.id, new.title_text, new.body_text WHERE new.kind = '{kind}';
            END""",  # nosec B608
        ]
    return statements


def _postgresql_statements():
    """A table per new kind with GIN-indexed tsvectors, as 0009 and 0011 make them."""
    statements = []
    for kind in NEW_KINDS:
        table = f"films_search_{kind}"
        statements += [
            f"""CREATE TABLE {table} (
                id bigint PRIMARY KEY,
                title_text text NOT NULL,
                body_text text NOT NULL,
                title_vector tsvector GENERATED ALWAYS AS
                    (to_tsvector('english', title_text)) STORED,
                vector tsvector GENERATED ALWAYS AS
                    (to_tsvector('english', title_text || ' ' || body_text)) STORED)""",
            f"CREATE INDEX {table}_title_idx ON {table} USING GIN (title_vector) "
            "WITH (fastupdate = off)",
            f"CREATE INDEX {table}_vector_idx ON {table} USING GIN (vector) "
            "WITH (fastupdate = off)",
        ]
    return [*statements, _truncate_function(ALL_KINDS)]


def _truncate_function(kinds):
    """TRUNCATE fires no row trigger: the function that empties the tables names each."""
    return f"""CREATE OR REPLACE FUNCTION films_search_truncate() RETURNS trigger AS $$
        BEGIN
            TRUNCATE {", ".join(f"films_search_{kind}" for kind in kinds)};
            RETURN NULL;
        END $$ LANGUAGE plpgsql"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in _sqlite_statements():
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in _postgresql_statements():
            schema_editor.execute(statement, params=None)  # no placeholders: keep % as is


def backward(apps, schema_editor):
    # The old constraint allows the old kinds only: their rows go first (the index
    # is derived data, rebuilt by the next `load_films` or edit).
    apps.get_model("films", "SearchDocument").objects.filter(kind__in=NEW_KINDS).delete()
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_truncate_function(OLD_KINDS), params=None)
    for kind in NEW_KINDS:
        table = f"films_search_{kind}"
        if vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        if vendor in ("sqlite", "postgresql"):
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def old_triggers_back(apps, schema_editor):
    """Going back, last: the constraint changes rebuilt films_searchdocument on SQLite,
    dropping its triggers; the four old kinds get theirs again."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in _sqlite_triggers(OLD_KINDS):
            schema_editor.execute(statement)


def rebuild(apps, schema_editor):
    """Fill every kind's index anew: films gain their directors, quotes their speakers."""
    from films.search import rebuild_search_index

    rebuild_search_index(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0012_chinese_notes"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, old_triggers_back),
        migrations.RemoveConstraint(
            model_name="searchdocument",
            name="search_document_kind_valid",
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("film", "Film"),
                    ("person", "Person"),
                    ("theme", "Theme"),
                    ("quote", "Quote"),
                    ("collection", "Project"),
                    ("milestone", "Milestone"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                condition=models.Q(("kind", "collection")),
                fields=["id"],
                name="search_collection_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                condition=models.Q(("kind", "milestone")),
                fields=["id"],
                name="search_milestone_order_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        ["film", "person", "theme", "quote", "collection", "milestone"],
                    )
                ),
                name="search_document_kind_valid",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
