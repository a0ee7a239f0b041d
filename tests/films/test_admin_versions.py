"""The admin's stale-save check refuses every version but the stored one.

tests/films/test_admin.py covers the usual case (a form opened before a colleague saved
carries an older version); these pin what `make mutate` found no test for.
"""

import pytest
from django.urls import reverse

from tests.admin_forms import form_as_posted
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("offset", [1, 100])
def test_a_form_claiming_a_version_the_entry_never_had_is_refused(offset, curator_client):
    """A version from the future (a hand-made or altered form) cannot overwrite either."""
    film = FilmFactory(synopsis="As loaded.")
    url = reverse("admin:films_film_change", args=[film.pk])
    form = form_as_posted(curator_client.get(url), synopsis="Altered words.")
    assert form["edited_version"] == 1
    refused = curator_client.post(url, {**form, "edited_version": str(1 + offset)})
    assert refused.status_code == 200
    assert "Someone else saved this film while you were editing it" in refused.content.decode()
    film.refresh_from_db()
    assert film.synopsis == "As loaded." and film.version == 1
