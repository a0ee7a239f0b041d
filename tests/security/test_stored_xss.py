"""Stored XSS: markup a curator types cannot break out anywhere it is shown.

A curator sets a film's titles and synopsis, a person's name and profile, a quote's
words, a theme's name and a source's title to each classic payload, then every place
that shows them is read back and parsed: the reader pages in both languages (no
injected element, attribute or script; JSON-LD that parses and carries the payload as
data; Open Graph tags whose decoded value is the text), the admin's change list,
change form and history, the API's JSON and the sitemap's XML.

There is no rich text in filmbase: every prose field is plain text, escaped and then
given paragraphs by `linebreaks`, so there is nothing for nh3 to sanitise.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.films.test_admin import film_form_data
from tests.security.hostile import XSS_PAYLOADS, assert_nothing_injected, strings_in

pytestmark = pytest.mark.django_db

URL_PAYLOADS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>"]


def typed_everywhere(token_client, works, payload: str) -> None:
    """Have a curator type `payload` into every free-text field that readers see."""
    writes = [
        ("film", works["wheat"].slug, ["title", "title_zh", "synopsis", "synopsis_zh"]),
        ("person", works["jia"].slug, ["name", "name_zh", "bio", "bio_zh"]),
        ("theme", works["hometown"].slug, ["name", "name_zh", "description"]),
        ("quote", works["imagination"].pk, ["text", "translation", "occasion"]),
        ("source", works["s6"].pk, ["title", "outlet"]),
    ]
    for basename, key, names in writes:
        lookup = "id" if isinstance(key, int) else "slug"
        url = reverse(f"api:{basename}-detail", kwargs={lookup: key})
        response = token_client.patch(url, dict.fromkeys(names, payload), format="json")
        assert response.status_code == 200, response.content[:300]
        assert all(response.json()[name] == payload.strip() for name in names)


READER_PAGES = [
    "/",
    "/films/",
    "/films/wheat-harvest/",
    "/themes/",
    "/themes/hometown/",
    "/quotes/",
    "/directors/",
    "/people/jia-zhangke/",
    "/about/",
    "/search/?q=alert",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_typed_markup_stays_text_everywhere_it_is_shown(
    payload, works, token_client, client, curator_client
):
    typed_everywhere(token_client, works, payload)
    assert_text_on_reader_pages(client, payload)
    assert_text_in_the_admin_the_api_and_the_sitemap(curator_client, token_client, works, payload)


def assert_text_on_reader_pages(client, payload):
    for prefix in ("", "/zh-hans"):
        for path in READER_PAGES:
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            markup = assert_nothing_injected(response.content.decode(), prefix + path)
            if path in ("/films/wheat-harvest/", "/people/jia-zhangke/", "/quotes/"):
                data = strings_in(markup.json_ld())
                assert any(payload.strip() in text for text in data), f"{path}: not in JSON-LD"
            if path == "/films/wheat-harvest/":
                # The decoded attribute holds the text (in 《》 on Chinese pages).
                assert payload.strip() in markup.meta("og:title")[0]


def assert_text_in_the_admin_the_api_and_the_sitemap(curator_client, token_client, works, payload):
    for model, entry in [
        ("films/film", works["wheat"]),
        ("people/person", works["jia"]),
        ("films/theme", works["hometown"]),
        ("films/quote", works["imagination"]),
        ("films/source", works["s6"]),
    ]:
        for path in (f"/admin/{model}/", f"/admin/{model}/{entry.pk}/change/"):
            response = curator_client.get(path)
            assert response.status_code == 200, path
            assert_nothing_injected(response.content.decode(), path)
        history = curator_client.get(f"/admin/{model}/{entry.pk}/history/")
        assert_nothing_injected(history.content.decode(), f"{model} history")
    for url in ("/api/v1/films/wheat-harvest/", "/api/v1/people/jia-zhangke/"):
        assert payload.strip() in strings_in(token_client.get(url).json())
    for path in ("/sitemap.xml", "/sitemap-films.xml", "/sitemap-people.xml"):
        response = curator_client.get(path)
        ET.fromstring(response.content)  # well-formed: nothing typed broke out of its text


def test_script_addresses_are_refused_in_every_link_field(works, token_client, curator_client):
    """A link a reader could click must be http(s): `javascript:` and `data:` are refused."""
    film, source, person = works["wheat"], works["s6"], works["jia"]
    for payload in URL_PAYLOADS:
        for url, body, field in [
            (f"/api/v1/films/{film.slug}/", {"watch_url": payload}, "watch_url"),
            (f"/api/v1/sources/{source.pk}/", {"address": payload}, "address"),
            (
                f"/api/v1/people/{person.slug}/",
                {"links": [{"label": "x", "url": payload, "order": 0}]},
                "links",
            ),
        ]:
            response = token_client.patch(url, body, format="json")
            assert response.status_code == 400, url
            assert field in response.json()
        data = film_form_data(film.collection, slug=film.slug, watch_url=payload)
        response = curator_client.post(
            f"/admin/films/film/{film.pk}/change/", {**data, "edited_version": film.version}
        )
        assert response.status_code == 200
        assert "watch_url" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    "broken",
    [
        "<p></p><script>alert(1)</script>",
        '<p title=""><img src=x onerror=alert(1)>"></p>',
        '<a href=" javascript:alert(1)">x</a>',
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}',
    ],
)
def test_the_page_check_catches_a_break_out(broken):
    """The check above would see a payload that escaped its text (it can fail)."""
    with pytest.raises((AssertionError, ValueError)):
        assert_nothing_injected(f"<html><body>{broken}</body></html>", "sample")
