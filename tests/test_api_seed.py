"""The API over the real seed data: the nine works, as other apps will first see them."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("seeded")
class TestNineWorks:
    client = APIClient()

    def test_nine_published_films_in_both_languages(self):
        films = self.client.get("/api/v1/films/").json()
        assert films["count"] == 9
        for film in films["results"]:
            assert film["display_title"] and film["display_title_zh"]
            assert film["directors"], film["slug"]
            assert all(person["name"] and person["name_zh"] for person in film["directors"])
        statuses = [film["title_status"] for film in films["results"]]
        assert statuses.count("confirmed") == 6  # 《花满渚》 since China Daily [S50]
        assert statuses.count("uncertain") == 1
        assert statuses.count("unknown") == 2

    def test_the_nine_directors(self):
        directors = self.client.get("/api/v1/people/?role=director").json()
        assert directors["count"] == 9

    def test_every_film_detail_cites_its_sources(self):
        for film in self.client.get("/api/v1/films/").json()["results"]:
            detail = self.client.get(film["url"]).json()
            assert detail["citations"], film["slug"]
            assert all(c["source"]["address"].startswith("http") for c in detail["citations"])

    def test_every_quote_has_its_source_and_both_languages_where_known(self):
        quotes = self.client.get("/api/v1/quotes/?page_size=100").json()
        assert quotes["count"] >= 15
        for quote in quotes["results"]:
            assert quote["source"]["address"]
            assert quote["words_en"] or quote["words_zh"]

    def test_search_finds_wheat_harvest_in_chinese_and_english(self):
        for query in ("麦收", "wheat"):
            hits = self.client.get("/api/v1/search/", {"q": query}).json()["results"]
            assert ("film", "wheat-harvest") in [(hit["type"], hit["slug"]) for hit in hits]

    def test_export_holds_everything_published(self):
        document = self.client.get("/api/v1/export/").json()
        assert len(document["films"]) == 9
        assert len(document["collections"]) == 1
        assert len(document["milestones"]) >= 1
