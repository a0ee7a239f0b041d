"""Uploaded posters: the right type, a sane size, no decompression bomb."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from films.models import Film
from tests.films.factories import FilmFactory
from tests.films.test_admin import film_form_data

pytestmark = pytest.mark.django_db


def image_file(name, size=(60, 90), kind="PNG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def upload(client, film, poster):
    url = reverse("admin:films_film_change", args=[film.pk])
    data = film_form_data(film.collection, slug=film.slug, poster=poster)
    return client.post(url, {**data, "edited_version": film.version})


@pytest.fixture
def film():
    return FilmFactory(director=False)


def test_a_png_poster_is_accepted(curator_client, film):
    response = upload(curator_client, film, image_file("poster.png"))
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.poster.name.startswith("posters/poster")


@pytest.mark.parametrize(
    ("poster", "message"),
    [
        (
            SimpleUploadedFile("poster.png", b"<svg onload=alert(1)>", content_type="image/png"),
            "Upload a JPEG, PNG or WebP image.",
        ),
        (
            image_file("poster.gif", kind="GIF", mode="P"),
            "Upload a JPEG, PNG or WebP image, not GIF.",
        ),
        (
            image_file("wide.png", size=(9000, 5000), mode="1"),
            "The image is 9000 × 5000 pixels; the limit is 40 million.",
        ),
        (
            image_file("bomb.png", size=(15000, 15000), mode="1"),  # Pillow calls this a bomb
            "pixels; the limit is 40 million.",
        ),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024), "image/png"),
            "the limit is 5.0\xa0MB.",
        ),
    ],
    ids=["not-an-image", "gif", "too-many-pixels", "decompression-bomb", "too-large"],
)
def test_bad_uploads_are_refused_with_the_reason(curator_client, film, poster, message):
    response = upload(curator_client, film, poster)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Film.objects.get(pk=film.pk).poster
