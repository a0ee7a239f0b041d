"""The API's detail endpoints answer with a reference by content negotiation, as DOI
resolvers do; its addresses are valid URIs."""

import json
from pathlib import Path

import bibtexparser
import jsonschema
import jsonschema_rs
import pytest
import rispy
from django.core.validators import URLValidator

pytestmark = pytest.mark.django_db

CSL_SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "csl-data.json").read_text())
BIBTEX = "application/x-bibtex"
CSL_JSON = "application/vnd.citationstyles.csl+json"
RIS = "application/x-research-info-systems"


def details(works) -> list[str]:
    return [
        "/api/v1/films/wheat-harvest/",
        "/api/v1/people/jia-zhangke/",
        f"/api/v1/quotes/{works['imagination'].pk}/",
        f"/api/v1/sources/{works['s6'].pk}/",
    ]


def test_details_negotiate_the_three_citation_types(api_client, works):
    for url in details(works):
        bib = api_client.get(url, HTTP_ACCEPT=BIBTEX)
        assert bib.status_code == 200 and bib["Content-Type"].startswith(BIBTEX), url
        library = bibtexparser.parse_string(bib.content.decode())
        assert len(library.entries) == 1 and not library.failed_blocks
        document = json.loads(api_client.get(url, HTTP_ACCEPT=CSL_JSON).content)
        jsonschema.validate(document, CSL_SCHEMA)
        record = rispy.loads(api_client.get(url, HTTP_ACCEPT=RIS).content.decode())
        assert len(record) == 1 and record[0]["title"] == document[0]["title"]
        assert "Accept" in api_client.get(url, HTTP_ACCEPT=RIS)["Vary"]
        # Without a citation type: the JSON entry, as before.
        assert api_client.get(url, HTTP_ACCEPT="application/json").json()["url"].endswith(url)


def test_film_reference_from_the_api_points_at_the_english_page(api_client, works):
    item = json.loads(api_client.get("/api/v1/films/wheat-harvest/", HTTP_ACCEPT=CSL_JSON).content)
    assert item[0]["type"] == "motion_picture"
    assert item[0]["title"] == "Wheat Harvest"
    assert item[0]["URL"] == "http://testserver/films/wheat-harvest/"


def test_other_types_and_lists_keep_their_406(api_client, works):
    html = api_client.get("/api/v1/films/wheat-harvest/", HTTP_ACCEPT="text/html")
    assert html.status_code == 406
    assert api_client.get("/api/v1/films/", HTTP_ACCEPT=BIBTEX).status_code == 406
    assert api_client.get("/api/v1/quotes/", HTTP_ACCEPT=RIS).status_code == 406


def test_unknown_entry_is_a_json_404_whatever_the_accept(api_client, works):
    response = api_client.get("/api/v1/films/no-such-film/", HTTP_ACCEPT=BIBTEX)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_negotiated_references_are_cached_per_type(api_client, works, django_assert_num_queries):
    url = "/api/v1/films/wheat-harvest/"
    first = api_client.get(url, HTTP_ACCEPT=RIS).content
    with django_assert_num_queries(0):
        assert api_client.get(url, HTTP_ACCEPT=RIS).content == first
    assert api_client.get(url, HTTP_ACCEPT=BIBTEX).content.startswith(b"@misc")


def test_schema_documents_the_citation_types(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = json.loads(schema.content)["paths"]
    for path in ("/api/v1/films/{slug}/", "/api/v1/quotes/{id}/", "/api/v1/sources/{id}/"):
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert {BIBTEX, CSL_JSON, RIS, "application/json"} <= set(content), path
    assert (
        "application/json" in paths["/api/v1/people/{slug}/"]["get"]["responses"]["200"]["content"]
    )


def test_addresses_are_percent_encoded_uris(api_client, works):
    person = works["yip"]
    person.links.create(label="Tuzki", url="https://zh.wikipedia.org/zh-tw/兔斯基", order=2)
    source = works["s6"]
    source.url = "https://zh.wikipedia.org/wiki/可灵"
    source.save()
    # The format check schemathesis runs on every answer (jsonschema-rs).
    uri = jsonschema_rs.validator_for({"type": "string", "format": "uri"}, validate_formats=True)
    assert not uri.is_valid("https://zh.wikipedia.org/zh-tw/兔斯基")
    links = api_client.get("/api/v1/people/tim-yip/").json()["links"]
    tuzki = next(link for link in links if link["label"] == "Tuzki")
    assert tuzki["url"] == "https://zh.wikipedia.org/zh-tw/%E5%85%94%E6%96%AF%E5%9F%BA"
    address = api_client.get(f"/api/v1/sources/{source.pk}/").json()["address"]
    assert address == "https://zh.wikipedia.org/wiki/%E5%8F%AF%E7%81%B5"
    for value in (tuzki["url"], address):
        URLValidator()(value)
        assert uri.is_valid(value), value
