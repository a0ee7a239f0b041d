"""Load the nine works of the Keling AI Director Co-Creation Project into an empty site.

    manage.py load_films

Safe to run on every deploy: once any film or collection exists it loads nothing, so a
curator's edits are never overwritten. Either way it refreshes the query planner's
statistics (core/planner.py), so that each start brings them up to date.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.planner import refresh_statistics
from films.models import Citation, Film, Milestone, Quote, Source, Theme
from films.seed import seed_load
from people.models import Person


class Command(BaseCommand):
    help = "Load the seed data (films, people, quotes, sources…) unless content exists already."

    def handle(self, *args, verbosity, **options):
        try:
            loaded = seed_load(stdout=self.stdout if verbosity >= 2 else None)
        except ValidationError as error:
            raise CommandError(f"The seed data do not fit this database: {error}") from error
        refresh_statistics()
        if not loaded:
            self.stdout.write("Content already present; nothing loaded.")
            return
        counts = [
            (Film.objects.count(), "films"),
            (Person.objects.count(), "people"),
            (Quote.objects.count(), "quotes"),
            (Source.objects.count(), "sources"),
            (Citation.objects.count(), "citations"),
            (Theme.objects.count(), "themes"),
            (Milestone.objects.count(), "milestones"),
        ]
        summary = ", ".join(f"{count} {noun}" for count, noun in counts)
        self.stdout.write(self.style.SUCCESS(f"Loaded the nine works: {summary}."))
