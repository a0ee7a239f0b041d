"""Every film page offers a share image: its poster as a 1200×630 PNG, cached as a file."""

import struct

import pytest

from films.models import Film

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _share_dir(settings, tmp_path):
    settings.FILMBASE_SHARE_IMAGE_DIR = tmp_path / "share"


def _og_image(client, path) -> str:
    page = client.get(path).content.decode()
    start = page.index('<meta property="og:image" content="') + len(
        '<meta property="og:image" content="'
    )
    return page[start : page.index('"', start)]


def test_a_film_page_offers_its_poster_as_a_1200_by_630_png(client, works, settings):
    url = _og_image(client, "/films/wheat-harvest/")
    assert url.startswith("http://testserver/films/wheat-harvest/share-") and url.endswith(".png")
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"] and "public" in response["Cache-Control"]
    png = b"".join(response.streaming_content)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    assert len(list(settings.FILMBASE_SHARE_IMAGE_DIR.glob("*.png"))) == 1
    head = client.head(url.removeprefix("http://testserver"))  # link checkers ask HEAD
    assert head.status_code == 200 and head["Content-Type"] == "image/png"
    assert len(list(settings.FILMBASE_SHARE_IMAGE_DIR.glob("*.png"))) == 1
    chinese = _og_image(client, "/zh-hans/films/wheat-harvest/")
    assert chinese.startswith("http://testserver/zh-hans/films/wheat-harvest/share-")
    assert chinese.rsplit("-", 1)[1] != url.rsplit("-", 1)[1]  # a poster with Chinese first


def test_a_changed_poster_gets_a_new_address_and_old_ones_lead_to_it(client, works):
    old = _og_image(client, "/films/wheat-harvest/").removeprefix("http://testserver")
    film = Film.objects.get(slug="wheat-harvest")
    film.title = "Wheat Harvest Time"
    film.save()
    new = _og_image(client, "/films/wheat-harvest/").removeprefix("http://testserver")
    assert new != old
    stale = client.get(old)
    assert stale.status_code == 302 and stale["Location"] == new
    assert client.get("/films/secret-draft/share-0123456789abcdef0123.png").status_code == 404


def test_an_uploaded_poster_is_the_share_image_itself(client, works):
    film = Film.objects.get(slug="wheat-harvest")
    film.poster = "posters/wheat.png"
    film.save()
    assert _og_image(client, "/films/wheat-harvest/").endswith("/posters/wheat.png")
