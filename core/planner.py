"""The query planner's statistics, refreshed after content is loaded in bulk.

SQLite keeps no statistics until ANALYZE runs, and then guesses: at 10,000 films it
found a theme's quotes by walking every published quote in id order rather than through
the theme's own links. PostgreSQL's autovacuum analyzes in time, but not before the
first requests after a bulk load; nor does it mark the new rows visible to every
transaction before it vacuums, so until then counting films read the table rather than
the index alone (docs/benchmarks.md has the figures). `manage.py load_films` (run by
bin/start at every start), `seed_synthetic` and `import_data` call this.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_statistics(using: str = DEFAULT_DB_ALIAS) -> None:
    """Run ANALYZE: on SQLite over a sample of each index, which keeps it quick.

    On PostgreSQL VACUUM (ANALYZE), outside a transaction (VACUUM cannot run in one; inside,
    ANALYZE alone), over filmbase's own tables: a plain ANALYZE also tries the system
    catalogues and logs a warning for each one the database user does not own.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=400")
            cursor.execute("ANALYZE")
        else:
            tables = ", ".join(
                map(connection.ops.quote_name, connection.introspection.table_names(cursor))
            )
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} {tables}")
