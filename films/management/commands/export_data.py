"""Write all content, history included, as one JSON document: `manage.py export_data > f.json`."""

import json

from django.core.management.base import BaseCommand

from films.backup import export_content


class Command(BaseCommand):
    help = "Export all content and its history as JSON (to a file, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output, **options):
        text = json.dumps(export_content(), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(self.style.SUCCESS(f"Exported to {output}."))
        else:
            self.stdout.write(text)
