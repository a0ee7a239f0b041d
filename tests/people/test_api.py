"""The API's people resource: the contract."""

import pytest

from people.models import Person, PersonLink
from tests.films.factories import CitationFactory, CreditFactory, FilmFactory, QuoteFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    jia = PersonFactory(slug="jia-zhangke", name="Jia Zhangke", name_zh="贾樟柯", birth_year=1970)
    yip = PersonFactory(
        slug="tim-yip",
        name="Tim Yip",
        name_zh="叶锦添",
        other_names="Ye Jintian\nYip Kam-tim",
        birth_year=1967,
    )
    editor = PersonFactory(slug="an-editor", name="An Editor", name_zh="剪辑", birth_year=1980)
    wheat = FilmFactory(slug="wheat-harvest", title="Wheat Harvest", director=jia)
    FilmFactory(slug="secret", title="Secret", status="draft", director=editor)
    CreditFactory(film=wheat, person=yip, role="aigc_artist")
    QuoteFactory(speaker=jia, film=wheat, text="汾阳")
    CitationFactory(film=None, person=jia, note="Born in Fenyang")
    PersonLink.objects.create(person=jia, label="Wikipedia", url="https://en.wikipedia.org/")
    return {"jia": jia, "yip": yip, "editor": editor}


def test_people_list_gives_both_names_and_links(api_client, people):
    body = api_client.get("/api/v1/people/").json()
    assert [p["slug"] for p in body["results"]] == ["an-editor", "jia-zhangke", "tim-yip"]
    yip = body["results"][2]
    assert yip == {
        "slug": "tim-yip",
        "name": "Tim Yip",
        "name_zh": "叶锦添",
        "other_names": ["Ye Jintian", "Yip Kam-tim"],
        "birth_year": 1967,
        "url": "http://testserver/api/v1/people/tim-yip/",
        "page_url": "http://testserver/people/tim-yip/",
        "page_url_zh": "http://testserver/zh-hans/people/tim-yip/",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=director", ["jia-zhangke"]),  # the editor directed only a draft
        ("role=aigc_artist", ["tim-yip"]),
        ("search=锦添", ["tim-yip"]),
        ("search=jintian", ["tim-yip"]),
        ("ordering=-birth_year", ["an-editor", "jia-zhangke", "tim-yip"]),
    ],
)
def test_people_filters(api_client, people, query, expected):
    response = api_client.get(f"/api/v1/people/?{query}")
    assert response.status_code == 200
    assert [p["slug"] for p in response.json()["results"]] == expected


def test_curators_see_directors_of_drafts_too(token_client, people):
    slugs = [p["slug"] for p in token_client.get("/api/v1/people/?role=director").json()["results"]]
    assert slugs == ["an-editor", "jia-zhangke"]


def test_an_unknown_role_is_a_400(api_client, people):
    response = api_client.get("/api/v1/people/?role=star")
    assert response.status_code == 400
    assert list(response.json()) == ["role"]


def test_person_detail_has_bio_credits_quotes_links_and_citations(api_client, people):
    jia = api_client.get("/api/v1/people/jia-zhangke/").json()
    assert jia["bio"] and "bio_zh" in jia
    assert jia["credits"][0]["film"]["slug"] == "wheat-harvest"
    assert jia["credits"][0]["role"] == "director"
    assert jia["quotes"][0]["text"] == "汾阳"
    assert jia["quotes"][0]["film"]["display_title"] == "Wheat Harvest"
    assert jia["links"] == [
        {"label": "Wikipedia", "label_zh": "", "url": "https://en.wikipedia.org/", "order": 0}
    ]
    assert jia["citations"][0]["note"] == "Born in Fenyang"
    editor = api_client.get("/api/v1/people/an-editor/").json()
    assert editor["credits"] == []  # the draft film is not shown


def test_curator_writes_a_person_with_links(token_client, people):
    response = token_client.post(
        "/api/v1/people/",
        {
            "slug": "li-shaohong",
            "name": "Li Shaohong",
            "name_zh": "李少红",
            "other_names": ["Li Shao-hong"],
            "links": [{"label": "Baike", "url": "https://baike.example.org/li"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["other_names"] == ["Li Shao-hong"]
    assert Person.objects.get(slug="li-shaohong").other_names == "Li Shao-hong"
    implausible = token_client.patch(
        "/api/v1/people/li-shaohong/", {"birth_year": 1700}, format="json"
    )
    assert implausible.status_code == 400
    assert "non_field_errors" in implausible.json()
    newline = token_client.patch(
        "/api/v1/people/li-shaohong/", {"other_names": ["a\nb"]}, format="json"
    )
    assert newline.status_code == 400


def test_a_number_past_its_field_s_range_is_a_400_on_every_engine(token_client, people):
    # A small integer column holds up to 32767 on PostgreSQL; SQLite would store more, and
    # the API accepts on each engine what the schema says (docs/openapi.yaml).
    jia = "/api/v1/people/jia-zhangke/"
    too_far = {"links": [{"label": "Baike", "url": "https://baike.example.org/", "order": 32768}]}
    refused = token_client.patch(jia, too_far, format="json")
    assert refused.status_code == 400
    assert "32767" in str(refused.json()["links"])
    too_far["links"][0]["order"] = 32767
    assert token_client.patch(jia, too_far, format="json").status_code == 200


def test_deleting_a_person_with_credits_or_quotes_is_refused_with_why(token_client, people):
    response = token_client.delete("/api/v1/people/jia-zhangke/")
    assert response.status_code == 409
    assert response.json()["referenced_by"] == {"credits": 1, "quotes": 1}
    assert Person.objects.filter(slug="jia-zhangke").exists()
    assert token_client.delete("/api/v1/people/tim-yip/").status_code == 409
