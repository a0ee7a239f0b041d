"""Load an `export_data` document into an empty database: `manage.py import_data f.json`."""

import json

from django.core.management.base import BaseCommand, CommandError

from core.planner import refresh_statistics
from films.backup import import_content


class Command(BaseCommand):
    help = "Import a filmbase content export into an empty database, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export file (from `manage.py export_data`).")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        count = import_content(document)
        refresh_statistics()
        self.stdout.write(self.style.SUCCESS(f"Imported {count} rows."))
