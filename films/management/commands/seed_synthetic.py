"""Add deterministic synthetic films for benchmarks: `manage.py seed_synthetic --films N`."""

from django.core.management.base import BaseCommand, CommandError

from core.planner import refresh_statistics
from films.synthetic import synthetic_load


class Command(BaseCommand):
    help = "Add N deterministic synthetic films (with people, quotes…) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, required=True, help="How many films to add.")
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")

    def handle(self, *args, films, seed, **options):
        if films < 0:
            raise CommandError("--films must be zero or more.")
        counts = synthetic_load(films=films, seed=seed)
        refresh_statistics()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Added synthetic data: {summary}."))
