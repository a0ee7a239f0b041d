"""The API's film, theme, quote, source, collection and milestone resources: the contract."""

import datetime

import pytest
from django.urls import reverse
from rest_framework import serializers
from rest_framework.request import Request

from core.api.fields import ReadSerializer
from films.api.serializers import FilmDetailSerializer
from films.models import Film, TitleStatus
from tests.films.factories import (
    CitationFactory,
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    MilestoneFactory,
    QuoteFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def works():
    collection = CollectionFactory(slug="keling", name="Keling co-creation", name_zh="可灵共创")
    jia = PersonFactory(slug="jia-zhangke", name="Jia Zhangke", name_zh="贾樟柯")
    xue = PersonFactory(slug="xue-xiaolu", name="Xue Xiaolu", name_zh="薛晓路")
    hometown = ThemeFactory(slug="hometown", name="Hometown", name_zh="故乡", order=1)
    scifi = ThemeFactory(slug="science-fiction", name="Science fiction", name_zh="科幻", order=2)
    wheat = FilmFactory(
        collection=collection,
        slug="wheat-harvest",
        title="Wheat Harvest",
        title_zh="麦收",
        director=jia,
        premiere_date=datetime.date(2024, 12, 6),
        runtime_seconds=300,
        order=1,
    )
    wheat.themes.add(hometown)
    untitled = FilmFactory(
        collection=collection,
        slug="xue-xiaolu-film",
        title=None,
        title_zh=None,
        title_status=TitleStatus.UNKNOWN,
        director=xue,
        premiere_date=datetime.date(2025, 1, 1),
        order=2,
    )
    untitled.themes.add(scifi)
    draft = FilmFactory(collection=collection, slug="secret", title="Secret", status="draft")
    source = SourceFactory(key="S6", title="Xinhua report", language="en")
    quote = QuoteFactory(
        speaker=jia, film=wheat, source=source, text="机器人会说汾阳话", translation="Fenyang"
    )
    quote.themes.add(hometown)
    draft_quote = QuoteFactory(speaker=jia, film=wheat, status="draft", text="草稿")
    CitationFactory(film=wheat, source=source, note="Gives the Chinese title")
    milestone = MilestoneFactory(source=source, title="Kling launched", title_zh="可灵发布")
    return {
        "collection": collection,
        "jia": jia,
        "xue": xue,
        "hometown": hometown,
        "wheat": wheat,
        "untitled": untitled,
        "draft": draft,
        "source": source,
        "quote": quote,
        "draft_quote": draft_quote,
        "milestone": milestone,
    }


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


# -- Films -------------------------------------------------------------------------------


def test_film_list_gives_both_languages_directors_themes_and_links(api_client, works):
    response = api_client.get("/api/v1/films/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    wheat = body["results"][0]
    assert set(wheat) == {
        "slug",
        "title",
        "title_zh",
        "display_title",
        "display_title_zh",
        "title_status",
        "title_is_official",
        "directors",
        "themes",
        "runtime_seconds",
        "premiere_date",
        "status",
        "url",
        "page_url",
        "page_url_zh",
    }
    assert wheat["title"] == "Wheat Harvest" and wheat["title_zh"] == "麦收"
    assert wheat["display_title_zh"] == "《麦收》"
    assert wheat["directors"] == [
        {
            "slug": "jia-zhangke",
            "name": "Jia Zhangke",
            "name_zh": "贾樟柯",
            "url": "http://testserver/api/v1/people/jia-zhangke/",
            "page_url": "http://testserver/people/jia-zhangke/",
            "page_url_zh": "http://testserver/zh-hans/people/jia-zhangke/",
        }
    ]
    assert wheat["themes"][0]["name_zh"] == "故乡"
    assert wheat["url"] == "http://testserver" + reverse("api:film-detail", args=["wheat-harvest"])
    assert wheat["page_url"] == "http://testserver/films/wheat-harvest/"
    assert wheat["page_url_zh"] == "http://testserver/zh-hans/films/wheat-harvest/"


def test_a_film_without_a_title_is_labelled_untitled_never_invented(api_client, works):
    film = api_client.get("/api/v1/films/xue-xiaolu-film/").json()
    assert film["title"] is None and film["title_zh"] is None
    assert film["title_status"] == "unknown"
    assert film["display_title"] == "Title not in our sources (film by Xue Xiaolu)"
    assert film["display_title_zh"] == "片名未见于资料（薛晓路导演作品）"


def test_film_detail_adds_synopsis_credits_quotes_notes_and_citations(api_client, works):
    film = api_client.get("/api/v1/films/wheat-harvest/").json()
    for field in ("synopsis", "synopsis_zh", "production_notes", "production_notes_zh"):
        assert field in film
    assert film["collection"]["name_zh"] == "可灵共创"
    assert film["credits"] == [
        {"person": film["directors"][0], "role": "director", "order": 0},
    ]
    assert [quote["text"] for quote in film["quotes"]] == ["机器人会说汾阳话"]  # no draft
    assert film["quotes"][0]["source"]["key"] == "S6"
    assert film["citations"][0]["note"] == "Gives the Chinese title"
    assert film["citations"][0]["source"]["address"] == works["source"].url
    assert film["version"] == works["wheat"].version


def test_film_api_speaks_english_whatever_accept_language(api_client, works):
    english = api_client.get("/api/v1/films/wheat-harvest/")
    chinese = api_client.get("/api/v1/films/wheat-harvest/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert english.json() == chinese.json()
    missing = api_client.get("/api/v1/films/nope/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert missing.json() == {"detail": "No Film matches the given query."}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("director=jia-zhangke", ["wheat-harvest"]),
        ("person=xue-xiaolu", ["xue-xiaolu-film"]),
        ("theme=science-fiction", ["xue-xiaolu-film"]),
        ("title_status=unknown", ["xue-xiaolu-film"]),
        ("title_status=confirmed", ["wheat-harvest"]),
        ("year=2024", ["wheat-harvest"]),
        ("year=1999", []),
        ("search=麦", ["wheat-harvest"]),
        ("search=WHEAT", ["wheat-harvest"]),
        ("ordering=-premiere_date", ["xue-xiaolu-film", "wheat-harvest"]),
        ("ordering=order", ["wheat-harvest", "xue-xiaolu-film"]),
    ],
)
def test_film_filters_and_ordering(api_client, works, query, expected):
    response = api_client.get(f"/api/v1/films/?{query}")
    assert response.status_code == 200, response.json()
    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("director=nobody", "director"),
        ("theme=nothing", "theme"),
        ("title_status=maybe", "title_status"),
        ("year=twenty", "year"),
        ("year=2024.5", "year"),
        ("year=99999999999999999999", "year"),
        ("ordering=secret_field", "ordering"),
        ("director=jia%00zhangke", "director"),
        ("tool=sora", "tool"),
        ("stage=catering", "stage"),
    ],
)
def test_unknown_filter_values_and_bad_types_are_400_with_field_messages(
    api_client, works, query, field
):
    response = api_client.get(f"/api/v1/films/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert isinstance(response.json()[field][0], str)


def test_pagination_caps_page_size_and_a_page_out_of_range_is_a_json_404(api_client, works):
    FilmFactory.create_batch(3, collection=works["collection"])
    first = api_client.get("/api/v1/films/?page_size=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/v1/films/?page=2&page_size=2"
    assert first["previous"] is None
    assert len(api_client.get("/api/v1/films/?page_size=1000").json()["results"]) == 5
    FilmFactory.create_batch(100, collection=works["collection"], director=works["jia"])
    assert len(api_client.get("/api/v1/films/?page_size=1000").json()["results"]) == 100
    assert len(api_client.get("/api/v1/films/").json()["results"]) == 20
    beyond = api_client.get("/api/v1/films/?page=99")
    assert beyond.status_code == 404
    assert beyond.json() == {"detail": "Invalid page."}


def test_drafts_are_visible_to_curators_only(api_client, token_client, works):
    assert "secret" not in slugs(api_client.get("/api/v1/films/"))
    assert api_client.get("/api/v1/films/secret/").status_code == 404
    assert "secret" in slugs(token_client.get("/api/v1/films/"))
    assert token_client.get("/api/v1/films/secret/").json()["status"] == "draft"
    quotes = api_client.get("/api/v1/films/wheat-harvest/").json()["quotes"]
    assert [quote["id"] for quote in quotes] == [works["quote"].pk]
    curator_quotes = token_client.get("/api/v1/films/wheat-harvest/").json()["quotes"]
    assert len(curator_quotes) == 2


def test_a_signed_in_non_curator_sees_no_drafts(api_client, django_user_model, works):
    api_client.force_authenticate(django_user_model.objects.create_user("reader"))
    assert "secret" not in slugs(api_client.get("/api/v1/films/"))


# -- Themes, quotes, sources, the collection, milestones -----------------------------------


def test_theme_list_and_detail(api_client, works):
    themes = api_client.get("/api/v1/themes/").json()["results"]
    assert [(theme["slug"], theme["name_zh"]) for theme in themes] == [
        ("hometown", "故乡"),
        ("science-fiction", "科幻"),
    ]
    theme = api_client.get("/api/v1/themes/hometown/").json()
    assert [film["slug"] for film in theme["films"]] == ["wheat-harvest"]
    assert [quote["id"] for quote in theme["quotes"]] == [works["quote"].pk]
    assert theme["page_url_zh"] == "http://testserver/zh-hans/themes/hometown/"


def test_quote_list_filters_and_both_languages(api_client, works):
    body = api_client.get("/api/v1/quotes/").json()
    assert body["count"] == 1  # the draft quote is not shown
    quote = body["results"][0]
    assert quote["text"] == "机器人会说汾阳话" and quote["language"] == "zh"
    assert quote["words_zh"] == "机器人会说汾阳话" and quote["words_en"] == "Fenyang"
    assert quote["speaker"]["slug"] == "jia-zhangke"
    assert quote["film"]["slug"] == "wheat-harvest"
    assert quote["source"]["key"] == "S6"
    assert quote["page_url"] == f"http://testserver/quotes/{works['quote'].pk}/"
    for query in ("speaker=jia-zhangke", "film=wheat-harvest", "theme=hometown", "lang=zh"):
        assert api_client.get(f"/api/v1/quotes/?{query}").json()["count"] == 1, query
    # English: the translation of the Chinese words; German: no text in it at all.
    assert api_client.get("/api/v1/quotes/?lang=en").json()["count"] == 1
    assert api_client.get("/api/v1/quotes/?lang=de").json()["count"] == 0
    assert api_client.get("/api/v1/quotes/?lang=xx").status_code == 400
    assert api_client.get("/api/v1/quotes/?film=secret").status_code == 400  # a draft: unknown
    detail = api_client.get(f"/api/v1/quotes/{works['quote'].pk}/").json()
    assert detail["id"] == works["quote"].pk and "version" in detail
    assert api_client.get(f"/api/v1/quotes/{works['draft_quote'].pk}/").status_code == 404


def test_sources_show_what_they_support(api_client, works):
    sources = api_client.get("/api/v1/sources/?lang=en&search=xinhua").json()["results"]
    assert [source["key"] for source in sources] == ["S6"]
    source = api_client.get(f"/api/v1/sources/{works['source'].pk}/").json()
    assert source["address"] == works["source"].url
    assert source["citations"][0]["film"]["slug"] == "wheat-harvest"
    assert source["citations"][0]["person"] is None


def test_collection_and_milestones(api_client, works):
    collection = api_client.get("/api/v1/collections/keling/").json()
    assert collection["name_zh"] == "可灵共创"
    assert collection["premiere_date"] == "2024-12-06"
    assert [film["slug"] for film in collection["films"]] == ["wheat-harvest", "xue-xiaolu-film"]
    milestones = api_client.get("/api/v1/milestones/").json()["results"]
    assert milestones[0]["title_zh"] == "可灵发布"
    assert milestones[0]["source"]["key"] == "S6"
    milestone = api_client.get(f"/api/v1/milestones/{works['milestone'].pk}/").json()
    assert milestone["title"] == "Kling launched"
    assert api_client.get("/api/v1/milestones/?year=2024").json()["count"] == 1
    assert api_client.get("/api/v1/milestones/?year=2023").json()["count"] == 0


def test_api_root_lists_every_resource(api_client):
    root = api_client.get("/api/v1/").json()
    for name in ("films", "people", "themes", "quotes", "sources", "collections", "milestones"):
        assert root[name] == f"http://testserver/api/v1/{name}/"
    assert root["search"].endswith("/api/v1/search/")
    assert root["schema"].endswith("/api/v1/schema/")


# -- Writing -----------------------------------------------------------------------------


def film_payload(works, **changes):
    payload = {
        "slug": "new-film",
        "collection": "keling",
        "title": "New Film",
        "title_zh": "新电影",
        "title_status": "confirmed",
        "status": "published",
        "themes": ["hometown"],
        "credits": [{"person": "jia-zhangke", "role": "director", "order": 0}],
        "citations": [{"source": works["source"].pk, "topic": "title", "note": "The title"}],
    }
    payload.update(changes)
    return payload


def test_curator_creates_a_film_with_credits_themes_and_citations(token_client, works):
    response = token_client.post("/api/v1/films/", film_payload(works), format="json")
    assert response.status_code == 201, response.json()
    assert response["Location"] == "http://testserver/api/v1/films/new-film/"
    assert response["ETag"]
    body = response.json()
    assert body["directors"][0]["slug"] == "jia-zhangke"
    assert body["themes"][0]["slug"] == "hometown"
    assert body["citations"][0]["source"]["key"] == "S6"
    film = Film.objects.get(slug="new-film")
    assert film.history.count() >= 1
    assert film.history.first().history_user is not None


def test_a_duplicate_slug_is_a_400_and_overwrites_nothing(token_client, works):
    response = token_client.post(
        "/api/v1/films/", film_payload(works, slug="wheat-harvest", title="Other"), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["slug"]
    works["wheat"].refresh_from_db()
    assert works["wheat"].title == "Wheat Harvest"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_status": "unknown"}, "non_field_errors"),  # unknown title must be empty
        ({"title_status": "unknown", "title": None}, "non_field_errors"),  # Chinese kept
        ({"title_status": "unknown", "title_zh": None}, "non_field_errors"),  # English kept
        ({"title": None, "title_zh": None}, "non_field_errors"),  # known title must be given
        ({"title": None, "title_is_official": True}, "non_field_errors"),
        ({"runtime_seconds": 0}, "non_field_errors"),
        ({"runtime_seconds": -5}, "runtime_seconds"),
        ({"title_status": "rumoured"}, "title_status"),
        ({"collection": "nowhere"}, "collection"),
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"credits": [{"person": "jia-zhangke", "role": "director"}] * 2}, "credits"),
        ({"credits": [{"person": "nobody", "role": "director"}]}, "credits"),
        ({"title": "Nul\x00byte"}, "title"),
        ({"slug": "not a slug"}, "slug"),
        ({"watch_url": "javascript:alert(1)"}, "watch_url"),
    ],
)
def test_invalid_films_are_field_level_400s_and_save_nothing(token_client, works, changes, field):
    count = Film.objects.count()
    response = token_client.post("/api/v1/films/", film_payload(works, **changes), format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert Film.objects.count() == count


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        # The stored titles with the new status, the stored status with the new titles…
        ({"title_status": "unknown"}, "A film whose title is unknown has no title."),
        ({"title": None, "title_zh": None}, "Enter a title, or set the title status to unknown."),
        ({"title": None}, "Only an English title that exists can be official."),
        ({"runtime_seconds": 0}, "A runtime must be more than zero seconds."),
    ],
)
def test_a_patch_is_checked_with_the_fields_it_leaves_as_stored(token_client, works, changes, rule):
    works["wheat"].title_is_official = True
    works["wheat"].save()
    url = "/api/v1/films/wheat-harvest/"
    response = token_client.patch(url, changes, format="json")
    assert response.status_code == 400, response.json()
    assert rule in response.json()["non_field_errors"]  # the rule's words, not the database's
    works["wheat"].refresh_from_db()
    assert works["wheat"].title == "Wheat Harvest" and works["wheat"].version == 2


def test_an_empty_title_is_stored_as_unknown_not_blank(token_client, works):
    response = token_client.post(
        "/api/v1/films/", film_payload(works, title="", title_zh="新"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Film.objects.get(slug="new-film").title is None


def test_put_keeps_omitted_rows_and_a_referred_film_is_not_deleted(token_client, works):
    url = "/api/v1/films/wheat-harvest/"
    etag = token_client.get(url)["ETag"]
    patched = token_client.patch(url, {"synopsis": "New words"}, format="json", HTTP_IF_MATCH=etag)
    assert patched.status_code == 200
    assert patched.json()["synopsis"] == "New words"
    assert patched["ETag"] != etag  # stale If-Match: tests/test_api_http.py, every resource

    payload = film_payload(works, slug="wheat-harvest", title="Wheat Harvest")
    payload.pop("credits")  # omitted nested rows stay as they are
    put = token_client.put(url, payload, format="json", HTTP_IF_MATCH=patched["ETag"])
    assert put.status_code == 200, put.json()
    assert put.json()["directors"][0]["slug"] == "jia-zhangke"
    # The film's quotes refer to it: deleting it is refused with what refers to it.
    refused = token_client.delete(url, HTTP_IF_MATCH=put["ETag"])
    assert refused.status_code == 409
    assert refused.json()["referenced_by"] == {"quotes": 2}
    assert "quotes" in refused.json()["detail"]
    untitled = "/api/v1/films/xue-xiaolu-film/"
    assert token_client.delete(untitled, HTTP_IF_MATCH="*").status_code == 204
    assert token_client.get(untitled).status_code == 404


def test_quote_source_and_milestone_writes(token_client, works):
    source = token_client.post(
        "/api/v1/sources/",
        {"title": "A page", "address": "https://example.org/a", "language": "zh"},
        format="json",
    )
    assert source.status_code == 201, source.json()
    source_id = source.json()["id"]
    quote = token_client.post(
        "/api/v1/quotes/",
        {
            "speaker": "xue-xiaolu",
            "film": "xue-xiaolu-film",
            "text": "我们",
            "language": "zh",
            "source": source_id,
            "themes": ["science-fiction"],
            "status": "published",
        },
        format="json",
    )
    assert quote.status_code == 201, quote.json()
    assert quote.json()["themes"][0]["slug"] == "science-fiction"
    wordless = token_client.post(
        "/api/v1/quotes/",
        {"speaker": "xue-xiaolu", "text": "", "translation": "", "source": source_id},
        format="json",
    )
    assert wordless.status_code == 400
    assert "non_field_errors" in wordless.json()
    milestone = token_client.post(
        "/api/v1/milestones/",
        {"date": "2024-06-06", "title": "Kling 1.0", "source": source_id},
        format="json",
    )
    assert milestone.status_code == 201, milestone.json()
    protected = token_client.delete(f"/api/v1/sources/{source_id}/")
    assert protected.status_code == 409
    assert protected.json()["referenced_by"] == {"milestones": 1, "quotes": 1}


def test_theme_and_collection_writes(token_client, works):
    theme = token_client.post(
        "/api/v1/themes/", {"slug": "love", "name": "Love", "name_zh": "爱"}, format="json"
    )
    assert theme.status_code == 201
    renamed = token_client.patch("/api/v1/themes/love/", {"name_zh": "爱情"}, format="json")
    assert renamed.json()["name_zh"] == "爱情"
    assert token_client.delete("/api/v1/themes/love/").status_code == 204
    collection = token_client.patch(
        "/api/v1/collections/keling/",
        {"citations": [{"source": works["source"].pk, "topic": "premiere", "note": "Date"}]},
        format="json",
    )
    assert collection.status_code == 200, collection.json()
    assert collection.json()["citations"][0]["topic"] == "premiere"
    assert token_client.delete("/api/v1/collections/keling/").status_code == 409


def test_credits_are_replaced_when_given(token_client, works):
    CreditFactory(film=works["wheat"], person=works["xue"], role="editor")
    response = token_client.patch(
        "/api/v1/films/wheat-harvest/",
        {"credits": [{"person": "xue-xiaolu", "role": "director", "order": 0}]},
        format="json",
    )
    assert response.status_code == 200
    assert [(c["person"]["slug"], c["role"]) for c in response.json()["credits"]] == [
        ("xue-xiaolu", "director")
    ]


class FilmThemesSerializer(ReadSerializer):
    themes = serializers.HyperlinkedRelatedField(
        many=True, read_only=True, view_name="api:theme-detail", lookup_field="slug"
    )

    class Meta:
        model = Film
        fields = ["slug", "themes"]


def test_a_many_relation_in_a_read_form_links_with_its_own_request(works, rf):
    """A field holding fields (here a many-relation's `child_relation`) is copied whole."""
    film = Film.objects.prefetch_related("themes").get(slug="wheat-harvest")
    first, second = (
        FilmThemesSerializer(film, context={"request": Request(rf.get("/", HTTP_HOST=host))})
        for host in ("localhost", "127.0.0.1")
    )
    assert first.fields["themes"].child_relation is not second.fields["themes"].child_relation
    assert first.data["themes"][0].startswith("http://localhost/api/v1/themes/")
    assert second.data["themes"][0].startswith("http://127.0.0.1/api/v1/themes/")


def test_read_forms_bind_their_own_fields_to_every_answer(works, rf):
    """The fields are worked out once per class (ReadSerializer), yet every serializer,
    nested ones included, gets its own copy, bound to its own answer and request."""
    film = Film.objects.for_api_detail(drafts=False).get(slug="wheat-harvest")
    first, second = (
        FilmDetailSerializer(film, context={"request": Request(rf.get("/", HTTP_HOST=host))})
        for host in ("localhost", "127.0.0.1")
    )
    assert first.fields["directors"].child is not second.fields["directors"].child
    assert first.fields["other_titles"].child is not second.fields["other_titles"].child
    for name in ("title", "url", "production"):  # fields without parts: copies, bound apart
        assert first.fields[name] is not second.fields[name]
        assert (first.fields[name].parent, second.fields[name].parent) == (first, second)
    assert first.data["directors"][0]["url"] == "http://localhost/api/v1/people/jia-zhangke/"
    assert second.data["directors"][0]["url"] == "http://127.0.0.1/api/v1/people/jia-zhangke/"
    assert second.data["credits"][0]["person"]["url"].startswith("http://127.0.0.1/")
