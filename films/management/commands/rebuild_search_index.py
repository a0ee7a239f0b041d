"""Rebuild the search index from the content (after loaddata or a raw import)."""

from django.core.management.base import BaseCommand

from films.search import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the search index from the published content."

    def handle(self, *args, **options):
        count = rebuild_search_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} entries."))
