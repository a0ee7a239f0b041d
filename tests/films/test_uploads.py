"""Uploaded posters: the right type, a sane size, no decompression bomb."""

import io
import mimetypes
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
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


def declared_png(name, width, height):
    """Return a PNG of a few bytes whose header declares `width` × `height` pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="60" height="90">'
    b"<script>alert(1)</script></svg>"
)


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
            "The image has far more pixels than the limit of 40 million.",
        ),
        (
            declared_png("small-bomb.png", 20000, 20000),  # 100 bytes, 400 million pixels
            "The image has far more pixels than the limit of 40 million.",
        ),
        (
            SimpleUploadedFile("poster.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml"),
            "Upload a JPEG, PNG or WebP image.",
        ),
        (
            SimpleUploadedFile("poster.png", b"Just some text.\n", content_type="image/png"),
            "Upload a JPEG, PNG or WebP image.",
        ),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024), "image/png"),
            "the limit is 5.0\xa0MB.",
        ),
    ],
    ids=[
        "not-an-image",
        "gif",
        "too-many-pixels",
        "decompression-bomb",
        "declared-20000x20000",
        "svg-with-script",
        "text-named-png",
        "too-large",
    ],
)
def test_bad_uploads_are_refused_with_the_reason(curator_client, film, poster, message):
    response = upload(curator_client, film, poster)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Film.objects.get(pk=film.pk).poster


def test_posters_cannot_be_uploaded_through_the_api(token_client, film):
    """The API takes JSON only: posters are uploaded in the admin, where they are checked."""
    response = token_client.patch(
        f"/api/v1/films/{film.slug}/",
        {"poster": image_file("poster.png")},
        format="multipart",
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert not Film.objects.get(pk=film.pk).poster


def test_an_upload_is_stored_under_the_extension_of_what_it_is(curator_client, film):
    """A PNG named `poly.pdf` must not be stored, then served, as a PDF."""
    response = upload(curator_client, film, image_file("poly.pdf"))
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.poster.name.startswith("posters/poly") and film.poster.name.endswith(".png")
    assert mimetypes.guess_type(film.poster.url)[0] == "image/png"  # what servers send


def test_a_replaced_poster_leaves_storage_once_the_save_commits(
    curator_client, film, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(curator_client, film, image_file("first.png"))
    film.refresh_from_db()
    first = film.poster.name
    assert film.poster.storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            upload(curator_client, film, image_file("second.jpg", kind="JPEG")).status_code == 302
        )
    film.refresh_from_db()
    assert film.poster.name.endswith(".jpg")
    assert film.poster.storage.exists(film.poster.name)
    assert not film.poster.storage.exists(first)


def test_a_deleted_films_poster_leaves_storage(
    curator_client, film, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(curator_client, film, image_file("gone.png"))
    film.refresh_from_db()
    name, storage = film.poster.name, film.poster.storage
    with django_capture_on_commit_callbacks(execute=True):
        film.delete()
    assert not storage.exists(name)


def test_a_rolled_back_replacement_keeps_the_old_poster(curator_client, film):
    upload(curator_client, film, image_file("kept.png"))
    film.refresh_from_db()
    kept = film.poster.name
    with pytest.raises(RuntimeError), transaction.atomic():
        film.poster = image_file("other.png")
        film.save()
        raise RuntimeError("the save fails after the poster was replaced")
    assert film.poster.storage.exists(kept)
