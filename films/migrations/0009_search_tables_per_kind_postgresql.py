"""PostgreSQL: the search index in one table per kind of entry, kept in step by a trigger.

With films, people, themes and quotes in one table, PostgreSQL's statistics describe the
mixture: a word common in quotes looked common in film titles too, and the planner
walked 10,000 film rows to find none. A table per kind has statistics of its own, so
each search part can choose between walking the row order (a common word: stop after 21
matches) and the GIN index (a rare one). The rows are copied from films_searchdocument
by a trigger, the way SQLite's FTS5 tables follow it (migration 0008).
"""

from django.db import migrations

KINDS = ["film", "person", "theme", "quote"]


def _forward_sql():
    statements = [
        "DROP INDEX IF EXISTS films_searchdocument_vector_idx",
        "DROP INDEX IF EXISTS films_searchdocument_title_vector_idx",
        "ALTER TABLE films_searchdocument DROP COLUMN IF EXISTS vector",
        "ALTER TABLE films_searchdocument DROP COLUMN IF EXISTS title_vector",
    ]
    for kind in KINDS:
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
            f"CREATE INDEX {table}_title_idx ON {table} USING GIN (title_vector)",
            f"CREATE INDEX {table}_vector_idx ON {table} USING GIN (vector)",
            f"ALTER TABLE {table} ALTER COLUMN title_vector SET STATISTICS 1000",
            f"ALTER TABLE {table} ALTER COLUMN vector SET STATISTICS 1000",
            f"""INSERT INTO {table} (id, title_text, body_text)
                SELECT id, title_text, body_text FROM films_searchdocument
                WHERE kind = '{kind}'""",  # built from the constant KINDS only # nosec B608
            f"ANALYZE {table}",
        ]
    statements += [
        """CREATE FUNCTION films_search_sync() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                EXECUTE format('DELETE FROM %I WHERE id = $1', 'films_search_' || OLD.kind)
                USING OLD.id;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                EXECUTE format(
                    'INSERT INTO %I (id, title_text, body_text) VALUES ($1, $2, $3)',
                    'films_search_' || NEW.kind)
                USING NEW.id, NEW.title_text, NEW.body_text;
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER films_searchdocument_sync
            AFTER INSERT OR UPDATE OR DELETE ON films_searchdocument
            FOR EACH ROW EXECUTE FUNCTION films_search_sync()""",
        # TRUNCATE fires no row trigger (Django's test flush uses it).
        f"""CREATE FUNCTION films_search_truncate() RETURNS trigger AS $$
        BEGIN
            TRUNCATE {", ".join(f"films_search_{kind}" for kind in KINDS)};
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER films_searchdocument_truncate
            AFTER TRUNCATE ON films_searchdocument
            FOR EACH STATEMENT EXECUTE FUNCTION films_search_truncate()""",
    ]
    return statements


BACKWARD = [
    "DROP TRIGGER IF EXISTS films_searchdocument_truncate ON films_searchdocument",
    "DROP TRIGGER IF EXISTS films_searchdocument_sync ON films_searchdocument",
    "DROP FUNCTION IF EXISTS films_search_truncate()",
    "DROP FUNCTION IF EXISTS films_search_sync()",
    *(f"DROP TABLE IF EXISTS films_search_{kind}" for kind in KINDS),
    """ALTER TABLE films_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title_text), 'A')
        || setweight(to_tsvector('english', body_text), 'B')) STORED""",
    "CREATE INDEX films_searchdocument_vector_idx ON films_searchdocument USING GIN (vector)",
    """ALTER TABLE films_searchdocument ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', title_text)) STORED""",
    "CREATE INDEX films_searchdocument_title_vector_idx ON films_searchdocument "
    "USING GIN (title_vector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in _forward_sql():
            schema_editor.execute(statement, params=None)  # no placeholders: keep % as is


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)  # no placeholders: keep % as is


class Migration(migrations.Migration):
    dependencies = [("films", "0008_search_fts_per_kind")]

    operations = [migrations.RunPython(forward, backward)]
