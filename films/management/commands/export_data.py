"""Write all content, history and posters included, as one JSON document.

`manage.py export_data --output f.json`, or `manage.py export_data > f.json`.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from films.backup import export_content


class Command(BaseCommand):
    help = (
        "Export all content, its history and the uploaded posters as JSON "
        "(to a file, or to standard output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output, **options):
        text = json.dumps(export_content(), ensure_ascii=False, indent=1)
        if output:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {output}: {error.strerror}. Choose a folder this user may "
                    "write to (in the container: /app/var/backups)."
                ) from error
            self.stderr.write(self.style.SUCCESS(f"Exported to {output}."))
        else:
            self.stdout.write(text)
