"""`seed_synthetic`: deterministic benchmark data on top of the real works."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from films.models import Film, Quote
from films.synthetic import COLLECTION_SLUG
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def load_and_snapshot(films):
    try:
        with transaction.atomic():
            call_command("seed_synthetic", films=films, seed=42, stdout=io.StringIO())
            snapshot = list(
                Film.objects.filter(collection__slug=COLLECTION_SLUG)
                .order_by("order", "credits__order", "credits__person__slug")
                .values_list("slug", "title", "title_zh", "synopsis", "credits__person__name")
            )
            raise Rollback(snapshot)
    except Rollback as done:
        return done.args[0]


def test_same_seed_gives_the_same_films():
    first = load_and_snapshot(20)
    assert first == load_and_snapshot(20)
    assert len({row[0] for row in first}) == 20


def test_synthetic_films_come_on_top_of_existing_ones_with_quotes_and_credits():
    real = FilmFactory(title="Wheat Harvest")
    out = io.StringIO()
    call_command("seed_synthetic", films=30, stdout=out)
    assert "30 films" in out.getvalue()
    assert Film.objects.published().count() == 31
    assert Film.objects.get(pk=real.pk).collection.slug != COLLECTION_SLUG
    synthetic = Film.objects.filter(collection__slug=COLLECTION_SLUG)
    assert all(film.directors for film in synthetic.with_directors())
    assert Quote.objects.filter(film__in=synthetic).count() == 60
    call_command("seed_synthetic", films=5, stdout=io.StringIO())  # adds, never collides
    assert synthetic.count() == 35
