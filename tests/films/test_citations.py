"""A page for every quote, and "Cite this page" in BibTeX, CSL-JSON and RIS.

The downloads are read back as a reference manager would: the CSL-JSON is validated
against the CSL data schema (tests/data/csl-data.json), the BibTeX parsed by bibtexparser,
the RIS by rispy.
"""

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.utils import timezone

pytestmark = pytest.mark.django_db

CSL_SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "csl-data.json").read_text())
PREFIXES = ("", "/zh-hans")


def csl(response) -> dict:
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    document = json.loads(response.content)
    jsonschema.validate(document, CSL_SCHEMA)
    assert len(document) == 1
    return document[0]


def bibtex(response) -> dict:
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    library = bibtexparser.parse_string(
        response.content.decode(), append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    return {"key": entry.key, "type": entry.entry_type, **entry.fields_dict}


def ris(response) -> dict:
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    records = rispy.loads(response.content.decode())
    assert len(records) == 1
    return records[0]


# -- The quote page ------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_quote_page_shows_the_quote_in_both_languages(client, works, prefix):
    quote = works["imagination"]
    response = client.get(f"{prefix}/quotes/{quote.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<blockquote cite="{works["s6"].url}" lang="zh-Hans">' in page
    assert "AI让我们拥有了无穷的想象力" in page
    assert '<p class="quote-translation" lang="en">AI gives us boundless imagination.</p>' in page
    assert f'href="{prefix}/people/tim-yip/"' in page
    assert f'href="{prefix}/films/the-courier/"' in page
    assert f'href="{prefix}/themes/science-fiction/"' in page
    assert ("首映式上" if prefix else "At the premiere") in page
    # The film's title is not confirmed: the page says so next to it.
    assert ("片名尚未确认" if prefix else "Title not yet confirmed") in page
    # The source, with its numbered note.
    assert '<a class="ref" href="#source-1">' in page and 'id="source-1"' in page
    assert f'"@id": "http://testserver{prefix}/quotes/{quote.pk}/"' in page
    assert f'href="{prefix}/quotes/{quote.pk}/cite.bib"' in page


def test_quotes_elsewhere_link_to_their_own_page(client, works):
    quote = works["zhong_kui"]
    for path in ("/quotes/", "/films/wheat-harvest/", "/people/jia-zhangke/", "/themes/hometown/"):
        assert f'href="/quotes/{quote.pk}/"' in client.get(path).content.decode(), path
    found = client.get("/search/", {"q": "Zhong Kui"}).content.decode()
    assert f'href="/quotes/{quote.pk}/"' in found


def test_quote_page_url_in_the_api_is_the_quote_page(api_client, works):
    quote = works["imagination"]
    data = api_client.get(f"/api/v1/quotes/{quote.pk}/").json()
    assert data["page_url"] == f"http://testserver/quotes/{quote.pk}/"
    assert data["page_url_zh"] == f"http://testserver/zh-hans/quotes/{quote.pk}/"
    assert client_ok(api_client, data["page_url"])


def client_ok(client, url) -> bool:
    return client.get(url.removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/quotes/0/",
        "/quotes/999999/",
        "/quotes/99999999999999999999999999/",
        "/quotes/abc/",
        "/quotes/-1/",
        "/quotes/1.5/",
        "/zh-hans/quotes/99999999999999999999999999/",
        "/quotes/99999999999999999999999999/cite.bib",
    ],
)
def test_unknown_quote_is_a_404_page(client, works, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


@pytest.mark.parametrize("name", ["secret", "hidden"])
def test_draft_quotes_and_quotes_on_draft_films_have_no_page(client, works, name):
    pk = works[name].pk
    for path in (f"/quotes/{pk}/", f"/quotes/{pk}/cite.ris"):
        assert client.get(path).status_code == 404


def test_sitemap_lists_published_quote_pages_only(client, works):
    sitemap = client.get("/sitemap-quotes.xml").content.decode()
    assert f"http://testserver/quotes/{works['imagination'].pk}/" in sitemap
    assert f"http://testserver/zh-hans/quotes/{works['zhong_kui'].pk}/" in sitemap
    assert f"/quotes/{works['secret'].pk}/" not in sitemap
    assert f"/quotes/{works['hidden'].pk}/" not in sitemap


def test_quote_page_query_count_is_fixed(assert_query_counts, works):
    assert_query_counts({f"/quotes/{works['imagination'].pk}/": 3})


# -- Cite this page -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_film_is_cited_as_a_motion_picture(client, works, prefix):
    today = timezone.localdate()
    base = f"{prefix}/films/wheat-harvest/"
    item = csl(client.get(base + "cite.json"))
    assert item["type"] == "motion_picture"
    assert item["title"] == ("麦收" if prefix else "Wheat Harvest")
    assert item["original-title"] == ("Wheat Harvest" if prefix else "麦收")
    assert item["director"] == [{"literal": "贾樟柯" if prefix else "Jia Zhangke"}]
    assert item["issued"] == {"date-parts": [[2024]]}
    assert item["publisher"] == "Kling AI (Kuaishou)"
    assert item["URL"] == f"http://testserver{base}"
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}

    entry = bibtex(client.get(base + "cite.bib"))
    assert entry["key"] == "filmbase-film-wheat-harvest" and entry["type"] == "misc"
    name = "贾樟柯" if prefix else "Jia Zhangke"
    assert entry["author"].value == name
    # Braced whole, so that BibTeX does not turn the name into "Zhangke, J.".
    assert f"author = {{{{{name}}}}}" in client.get(base + "cite.bib").content.decode()
    assert entry["title"].value == item["title"]
    assert entry["year"].value == "2024"
    assert entry["url"].value == f"http://testserver{base}"
    assert entry["urldate"].value == today.isoformat()

    record = ris(client.get(base + "cite.ris"))
    assert record["type_of_reference"] == "MPCT"
    assert record["title"] == item["title"]
    assert record["authors"] == [item["director"][0]["literal"]]
    assert record["publisher"] == "Kling AI (Kuaishou)"
    assert record["urls"] == [f"http://testserver{base}"]
    assert record["access_date"] == today.strftime("%Y/%m/%d")


@pytest.mark.parametrize(
    ("slug", "english", "chinese"),
    [
        ("the-courier", "The Courier [title unconfirmed]", "快递员（片名待确认）"),
        ("xue-xiaolu-film", "[Title not in our sources]", "［资料中未见片名］"),
    ],
)
def test_film_citation_is_honest_about_its_title(client, works, slug, english, chinese):
    assert csl(client.get(f"/films/{slug}/cite.json"))["title"] == english
    assert csl(client.get(f"/zh-hans/films/{slug}/cite.json"))["title"] == chinese
    assert bibtex(client.get(f"/films/{slug}/cite.bib"))["title"].value == english
    assert ris(client.get(f"/zh-hans/films/{slug}/cite.ris"))["title"] == chinese
    page = client.get(f"/films/{slug}/").content.decode()
    assert english in page  # the ready text says the same


@pytest.mark.parametrize("prefix", PREFIXES)
def test_quote_is_cited_as_its_source_found_in_filmbase(client, works, prefix):
    quote = works["imagination"]
    base = f"{prefix}/quotes/{quote.pk}/"
    item = csl(client.get(base + "cite.json"))
    assert item["author"] == [{"literal": "叶锦添" if prefix else "Tim Yip"}]
    assert item["title"] == "Premiere report"
    assert item["container-title"] == "lianpr.com"
    assert item["URL"] == works["s6"].url
    assert f"http://testserver{base}" in item["note"]
    entry = bibtex(client.get(base + "cite.bib"))
    assert entry["howpublished"].value == "lianpr.com"
    assert entry["url"].value == works["s6"].url
    record = ris(client.get(base + "cite.ris"))
    assert record["authors"] == [item["author"][0]["literal"]]
    assert record["secondary_title"] == "lianpr.com"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_person_and_source_downloads_validate(client, works, prefix):
    person = csl(client.get(f"{prefix}/people/tim-yip/cite.json"))
    assert person["type"] == "webpage" and person["container-title"] == "filmbase"
    assert person["URL"] == f"http://testserver{prefix}/people/tim-yip/"
    source = csl(client.get(f"{prefix}/sources/S6/cite.json"))
    assert source["title"] == "Premiere report"
    assert f"http://testserver{prefix}/sources/S6/" in source["note"]
    assert bibtex(client.get(f"{prefix}/people/tim-yip/cite.bib"))["title"].value
    assert ris(client.get(f"{prefix}/sources/S6/cite.ris"))["type_of_reference"] == "ELEC"
    assert client.get(f"{prefix}/sources/S404/cite.ris").status_code == 404


def test_downloads_are_files_cached_like_pages(client, works):
    response = client.get("/films/wheat-harvest/cite.ris")
    disposition = 'attachment; filename="filmbase-film-wheat-harvest.ris"'
    assert response["Content-Disposition"] == disposition
    assert "public" in response["Cache-Control"] and response.has_header("ETag")
    again = client.get("/films/wheat-harvest/cite.ris", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/films/wheat-harvest/cite.xml").status_code == 404
    assert client.get("/films/secret-draft/cite.bib").status_code == 404


def test_bibtex_escapes_what_latex_treats_as_special(client, works):
    film = works["wheat"]
    film.title = "Wheat & Harvest: 100% {real}_#1"
    film.save()
    entry = bibtex(client.get("/films/wheat-harvest/cite.bib"))
    assert entry["title"].value == "Wheat & Harvest: 100% {real}_#1"
    raw = client.get("/films/wheat-harvest/cite.bib").content.decode()
    assert r"Wheat \& Harvest: 100\% \{real\}\_\#1" in raw


@pytest.mark.parametrize("prefix", PREFIXES)
def test_cite_block_gives_ready_text_and_downloads(client, works, prefix):
    page = client.get(f"{prefix}/films/wheat-harvest/").content.decode()
    start = page.index('<section class="cite"')
    block = page[start : page.index("</section>", start)]
    if prefix:
        assert "引用本页" in block
        assert "贾樟柯．麦收［Z/OL］．" in block
    else:
        assert "Cite this page" in block
        assert "Jia Zhangke (Director). (2024). <i>Wheat Harvest</i>" in block
        assert "Retrieved " in block
    for ext, media_type in (
        ("bib", "application/x-bibtex"),
        ("json", "application/vnd.citationstyles.csl+json"),
        ("ris", "application/x-research-info-systems"),
    ):
        assert f'href="{prefix}/films/wheat-harvest/cite.{ext}" type="{media_type}"' in block


def test_cite_downloads_query_count_is_fixed(assert_query_counts, works):
    assert_query_counts(
        {
            "/films/wheat-harvest/cite.bib": 2,
            "/people/jia-zhangke/cite.ris": 1,
            f"/quotes/{works['zhong_kui'].pk}/cite.json": 3,
            "/sources/S4/cite.bib": 1,
        }
    )
