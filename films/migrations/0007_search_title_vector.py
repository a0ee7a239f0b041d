"""A tsvector of titles and names alone, with its own GIN index (PostgreSQL only).

Search looks in titles first. With titles in a column of their own, PostgreSQL's
statistics describe exactly what that tier matches, so it can choose between walking the
row order (a common word) and the GIN index (a rare one) instead of guessing from a
column that mixes titles with prose.
"""

from django.db import migrations

FORWARD = [
    """ALTER TABLE films_searchdocument ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', title_text)) STORED""",
    "CREATE INDEX films_searchdocument_title_vector_idx ON films_searchdocument "
    "USING GIN (title_vector)",
    # Track the most common words of each column, not only the first hundred.
    "ALTER TABLE films_searchdocument ALTER COLUMN vector SET STATISTICS 1000",
    "ALTER TABLE films_searchdocument ALTER COLUMN title_vector SET STATISTICS 1000",
]
BACKWARD = [
    "DROP INDEX IF EXISTS films_searchdocument_title_vector_idx",
    "ALTER TABLE films_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE films_searchdocument ALTER COLUMN vector SET STATISTICS -1",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("films", "0006_poster_validation")]

    operations = [migrations.RunPython(forward, backward)]
