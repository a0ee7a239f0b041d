"""PostgreSQL: the search indexes take new entries at once, not through a pending list.

A GIN index normally queues new entries in a pending list that every search reads in
full until VACUUM folds it in. After a bulk load (the nine works, an import, a rebuild
of the search index) that list held up to 10,000 entries, and every search read them
all until the next VACUUM (docs/benchmarks.md). Curators save one
entry at a time, so updating the index on each write costs them nothing they notice.
"""

from django.db import migrations

INDEXES = [
    f"films_search_{kind}_{column}_idx"
    for kind in ("film", "person", "theme", "quote")
    for column in ("title", "vector")
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    # Names from the constant INDEXES only.
    _run(
        schema_editor,
        [f"ALTER INDEX {index} SET (fastupdate = off)" for index in INDEXES]
        + [f"SELECT gin_clean_pending_list('{index}'::regclass)" for index in INDEXES],
    )


def backward(apps, schema_editor):
    _run(schema_editor, [f"ALTER INDEX {index} RESET (fastupdate)" for index in INDEXES])


class Migration(migrations.Migration):
    dependencies = [("films", "0010_quote_status_id_index")]

    operations = [migrations.RunPython(forward, backward)]
