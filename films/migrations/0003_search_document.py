"""The search index: a table of documents, and an engine-specific full-text index on it."""

from django.db import migrations, models

# The full-text index behind films.search, different on each engine.
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE films_searchdocument_fts USING fts5(
        kind, title_text, body_text,
        content='films_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER films_searchdocument_ai AFTER INSERT ON films_searchdocument BEGIN
        INSERT INTO films_searchdocument_fts(rowid, kind, title_text, body_text)
        VALUES (new.id, new.kind, new.title_text, new.body_text);
    END""",
    """CREATE TRIGGER films_searchdocument_ad AFTER DELETE ON films_searchdocument BEGIN
        INSERT INTO films_searchdocument_fts(films_searchdocument_fts, rowid, kind, title_text,
            body_text) VALUES ('delete', old.id, old.kind, old.title_text, old.body_text);
    END""",
    """CREATE TRIGGER films_searchdocument_au AFTER UPDATE ON films_searchdocument BEGIN
        INSERT INTO films_searchdocument_fts(films_searchdocument_fts, rowid, kind, title_text,
            body_text) VALUES ('delete', old.id, old.kind, old.title_text, old.body_text);
        INSERT INTO films_searchdocument_fts(rowid, kind, title_text, body_text)
        VALUES (new.id, new.kind, new.title_text, new.body_text);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS films_searchdocument_au",
    "DROP TRIGGER IF EXISTS films_searchdocument_ad",
    "DROP TRIGGER IF EXISTS films_searchdocument_ai",
    "DROP TABLE IF EXISTS films_searchdocument_fts",
]
# A stored tsvector computed by PostgreSQL itself: ranking reads it, never recomputes it.
POSTGRESQL_FORWARD = [
    """ALTER TABLE films_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title_text), 'A')
        || setweight(to_tsvector('english', body_text), 'B')) STORED""",
    "CREATE INDEX films_searchdocument_vector_idx ON films_searchdocument USING GIN (vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS films_searchdocument_vector_idx",
    "ALTER TABLE films_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def build_index(apps, schema_editor):
    from films.search import rebuild_search_index

    rebuild_search_index(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0002_curators_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("film", "Film"),
                            ("person", "Person"),
                            ("theme", "Theme"),
                            ("quote", "Quote"),
                        ],
                        max_length=10,
                    ),
                ),
                ("object_id", models.BigIntegerField()),
                ("rank_order", models.IntegerField(default=0)),
                ("title_text", models.TextField()),
                ("body_text", models.TextField(blank=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="unique_search_document"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["film", "person", "theme", "quote"])),
                        name="search_document_kind_valid",
                    ),
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
        migrations.RunPython(build_index, migrations.RunPython.noop),
    ]
