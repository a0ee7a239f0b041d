"""What a first-time API client expects: strict filters, redirects, quotas, refusals."""

import time

import pytest
from django.utils.http import http_date

from films.models import Quote

pytestmark = pytest.mark.django_db


def test_quotes_take_director_as_the_page_does(api_client, works):
    by_speaker = api_client.get("/api/v1/quotes/?speaker=tim-yip").json()
    by_director = api_client.get("/api/v1/quotes/?director=tim-yip").json()
    assert by_director == by_speaker
    assert 0 < by_director["count"] < api_client.get("/api/v1/quotes/").json()["count"]
    assert api_client.get("/api/v1/quotes/?director=nobody").status_code == 400


@pytest.mark.parametrize(
    "path", ["films", "people", "themes", "quotes", "sources", "collections", "milestones"]
)
def test_an_unknown_filter_is_a_400_naming_the_valid_ones(api_client, works, path):
    response = api_client.get(f"/api/v1/{path}/?directr=jia-zhangke")
    assert response.status_code == 400
    message = response.json()["directr"][0]
    assert "Unknown parameter" in message and "page_size" in message and "fields" in message


@pytest.mark.parametrize("value", ["0", "-1", "²", "٣", "1.5", "x"])
@pytest.mark.parametrize("name", ["page", "page_size"])
def test_search_refuses_what_is_not_a_whole_number_with_a_message(api_client, works, name, value):
    response = api_client.get("/api/v1/search/", {"q": "wheat", name: value})
    assert response.status_code == 400
    assert "whole number" in response.json()[name][0]
    too_many = api_client.get("/api/v1/search/", {"q": "wheat", "page_size": "101"})
    assert too_many.status_code == 400


def test_search_and_changes_refuse_unknown_parameters_too(api_client, works):
    assert api_client.get("/api/v1/search/?q=麦&kind=film").status_code == 400
    assert api_client.get("/api/v1/changes/?sinse=2024-01-01").status_code == 400


def test_lang_means_has_text_in_that_language(api_client, works):
    source = works["imagination"].source
    Quote.objects.create(
        speaker=works["jia"],
        source=source,
        text="",
        language="zh",
        translation="Only the English is in our sources",
        status="published",
    )
    zh = api_client.get("/api/v1/quotes/?lang=zh&page_size=100").json()["results"]
    en = api_client.get("/api/v1/quotes/?lang=en&page_size=100").json()["results"]
    assert zh and all(quote["words_zh"] for quote in zh)
    assert en and all(quote["words_en"] for quote in en)
    assert "Only the English is in our sources" in [quote["words_en"] for quote in en]


def test_a_read_without_its_trailing_slash_is_redirected(api_client, works):
    response = api_client.get("/api/v1/films/wheat-harvest?fields=slug")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/films/wheat-harvest/?fields=slug"
    assert api_client.head("/api/v1/films").status_code == 301
    assert api_client.get("/api/v1/nothing").status_code == 404
    assert api_client.post("/api/v1/films", {}).status_code == 404  # no body is re-sent


def test_deleting_a_theme_of_published_films_is_refused_like_a_person(token_client, works):
    response = token_client.delete("/api/v1/themes/hometown/")
    assert response.status_code == 409
    body = response.json()
    assert {entry["slug"] for entry in body["protected_by"]} == {"wheat-harvest"}
    assert body["referenced_by"] == {"films": 1}
    assert token_client.get("/api/v1/themes/hometown/").status_code == 200
    unused = token_client.post(
        "/api/v1/themes/", {"slug": "unused", "name": "Unused", "name_zh": "未用"}
    )
    assert unused.status_code == 201
    assert token_client.delete("/api/v1/themes/unused/").status_code == 204


@pytest.mark.parametrize("client_name", ["api_client", "token_client"])
def test_if_modified_since_with_the_sent_last_modified_is_a_304(request, works, client_name):
    client = request.getfixturevalue(client_name)
    time.sleep(0.01)  # a content version with a fraction of a second after the edits
    first = client.get("/api/v1/films/wheat-harvest/")
    assert first.status_code == 200
    again = client.get(
        "/api/v1/films/wheat-harvest/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304
    earlier = http_date(time.time() - 3600)
    older = client.get("/api/v1/films/wheat-harvest/", HTTP_IF_MODIFIED_SINCE=earlier)
    assert older.status_code == 200


def test_every_api_answer_tells_the_rate_limit(api_client, works, settings):
    rates = {"anon": "5/minute", "user": "50/minute", "token": "5/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    first = api_client.get("/api/v1/films/?page_size=1")
    assert first["RateLimit-Limit"] == "5" and first["RateLimit-Remaining"] == "4"
    assert 0 < int(first["RateLimit-Reset"]) <= 60
    second = api_client.get("/api/v1/films/?page_size=2")
    assert second["RateLimit-Remaining"] == "3"
    # From the public cache: not counted, but told.
    cached = api_client.get("/api/v1/films/?page_size=1")
    assert cached["RateLimit-Remaining"] == "3"
    revalidated = api_client.get("/api/v1/films/?page_size=1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304 and revalidated["RateLimit-Remaining"] == "3"
    assert api_client.get("/api/v1/films/?bad=1")["RateLimit-Remaining"] == "2"
    for _ in range(2):
        api_client.get("/api/v1/themes/?page=1")
        api_client.get("/api/v1/themes/?page=2")
    refused = api_client.get("/api/v1/quotes/")
    assert refused.status_code == 429 and refused["RateLimit-Remaining"] == "0"
    assert int(refused["RateLimit-Reset"]) > 0


def test_an_anonymous_client_is_told_no_quota_when_only_accounts_have_one(
    api_client, works, settings
):
    rates = {"anon": None, "user": "50/minute", "token": "5/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    rendered = api_client.get("/api/v1/films/")
    cached = api_client.get("/api/v1/films/")
    revalidated = api_client.get("/api/v1/films/", HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert revalidated.status_code == 304
    for response in (rendered, cached, revalidated):
        assert "RateLimit-Limit" not in response  # the account's quota is not theirs


def test_people_page_lists_everyone_with_their_roles(client, works, django_assert_num_queries):
    for prefix in ("", "/zh-hans"):
        response = client.get(f"{prefix}/people/")
        assert response.status_code == 200
        page = response.content.decode()
        for name in ("贾樟柯", "Tim Yip", "大刘", "俞白眉", "薛晓路"):
            assert name in page
    assert "剪辑" in client.get("/zh-hans/people/").content.decode()
    assert "Editor" in client.get("/people/").content.decode()
    assert client.get("/people/?page=9").status_code == 404


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/", '<a href="/people/">People</a>'),
        ("/zh-hans/films/", '<a href="/zh-hans/people/">人物</a>'),
    ],
)
def test_every_page_leads_to_the_people_page_from_its_footer(client, works, path, link):
    page = client.get(path).content.decode()
    assert link in page[page.index('<footer class="site-footer">') :]
