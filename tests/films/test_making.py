"""How the works were made: the film page's section, /making/, the API and the JSON-LD."""

import re

import pytest

from films.models import Film, ProductionStatement
from tests.films.factories import FilmFactory, ProductionStatementFactory
from tests.pages import html, json_ld

pytestmark = pytest.mark.django_db

TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
COMPOSITE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"


def section(page: str) -> str:
    start = page.index('<section class="making"')
    return page[start : page.index("</section>", start)]


def movie(page: str) -> dict:
    return next(i for i in json_ld(page)[0]["@graph"] if i["@type"] == "Movie")


# -- The film page ---------------------------------------------------------------------


def test_film_page_says_how_it_was_made_with_numbered_sources(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    making = section(page)
    assert "How it was made" in making
    assert "Lip sync" in making and "The robot speaks Fenyang dialect through lip-sync." in making
    assert "Video generation: Keling" in making
    # Numbered with the page's other facts: S6 is [1] (the title), S4 [2] (the runtime).
    lip_sync = making[making.index("Lip sync") : making.index("Video generation")]
    assert re.findall(r'<a class="ref" href="#source-(\d+)">', lip_sync) == ["1", "2"]
    assert "Confirmed" in lip_sync
    sources = page[page.index('id="sources-heading"') :]
    assert sources.count('<li id="source-') == 2  # no new number for a source already cited
    # What no source fills is said to be missing, never guessed.
    team = making[making.index('id="making-team"') : making.index('id="making-time_cost"')]
    assert "Not in our sources." in team


def test_film_page_in_chinese_shows_the_chinese_statement_and_punctuation(client, works):
    making = section(html(client.get("/zh-hans/films/wheat-harvest/")))
    assert "创作过程" in making
    assert "对口型</span>——" in making
    assert "机器人借对口型功能说汾阳话。" in making
    assert "视频生成：可灵</span>" in making
    assert "资料中未见。" in making
    assert "How it was made" not in making and "Lip sync" not in making
    team = section(html(client.get("/zh-hans/films/the-courier/")))
    assert '</a>，剪辑</span>——<span class="statement-note" lang="zh-Hans">剪辑了本片。' in team


def test_a_statement_without_a_source_says_so_on_the_page(client, works):
    ProductionStatementFactory(film=works["ghosts"], note="Fight scenes generated.", sources=[])
    making = section(html(client.get(works["ghosts"].get_absolute_url())))
    assert "Fight scenes generated." in making and "no source yet" in making


# -- /making/ --------------------------------------------------------------------------


def test_making_page_compares_the_works_in_an_accessible_table(client, works):
    page = html(client.get("/making/"))
    assert (
        '<div class="table-scroll" role="region" aria-labelledby="making-caption" tabindex="0">'
        in page
    )
    assert '<caption id="making-caption">' in page
    assert page.count('<th scope="row">') == 4  # the published films, not the draft
    assert '<th scope="col" id="stage-editing">Editing</th>' in page
    assert '<th scope="col" id="tool-lip-sync">Lip sync</th>' in page
    row = page[page.index('href="/films/wheat-harvest/"') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r'<span class="answer">([^<]+)</span>', row)
    stages, tools = cells[:7], cells[7:]
    assert stages[3] == "Keling" and stages[0] == "Not in our sources"
    assert tools[5] == "Used" and tools[1] == "Not in our sources"
    assert '<a class="ref" href="#source-1">[1]</a>' in row
    # The unconfirmed title is marked where it appears.
    courier = page[page.index('href="/films/the-courier/"') :]
    assert "Title not yet confirmed" in courier[: courier.index("</th>")]
    assert 'id="source-1"' in page[page.index('id="sources-heading"') :]
    assert 'href="/making/"' in page  # the main navigation


def test_making_page_shows_a_page_of_films_at_a_time(client, works, settings):
    settings.FILMBASE_PAGE_SIZE = {**settings.FILMBASE_PAGE_SIZE, "films": 2}
    row = re.compile(r'<th scope="row"><a href="([^"]+)"')
    first = html(client.get("/making/"))
    second = html(client.get("/making/?page=2"))
    assert len(row.findall(first)) == 2 and 'rel="next" href="?page=2"' in first
    assert row.findall(second) and not set(row.findall(second)) & set(row.findall(first))
    published = Film.objects.filter(status="published").count()
    assert len(row.findall(first)) + len(row.findall(second)) == min(published, 4)
    assert client.get("/making/?page=99").status_code == 404
    assert client.get("/making/?page=x").status_code == 404


def test_making_page_in_chinese(client, works):
    page = html(client.get("/zh-hans/making/"))
    assert "作品是怎样做成的" in page
    assert '<span class="answer">可灵</span>' in page
    assert '<span class="answer">资料中未见</span>' in page
    assert '<span lang="zh-Hans">《麦收》</span>' in page
    assert "Not in our sources" not in page


def test_making_page_is_in_the_sitemap_in_both_languages(client, works):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/making/" in sitemap
    assert "http://testserver/zh-hans/making/" in sitemap


# -- JSON-LD ---------------------------------------------------------------------------


def test_json_ld_carries_the_digital_source_type_the_record_supports(client, works):
    wheat = movie(html(client.get(works["wheat"].get_absolute_url())))
    assert wheat["digitalSourceType"] == TRAINED
    assert "isBasedOn" not in wheat
    on_making = json_ld(html(client.get("/making/")))[0]["@graph"]
    assert [
        i.get("digitalSourceType") for i in on_making if i["@id"].endswith("/wheat-harvest/")
    ] == [TRAINED]
    courier = movie(html(client.get(works["courier"].get_absolute_url())))
    assert "digitalSourceType" not in courier  # no source says where its images come from


def test_an_unsourced_or_disputed_origin_supports_nothing_and_a_composite_wins(client, works):
    courier = works["courier"]
    origin = {"kind": "origin", "stage": "", "done_by": ""}
    ProductionStatementFactory(
        film=courier, digital_source_type="trainedAlgorithmicMedia", sources=[], **origin
    )
    ProductionStatementFactory(
        film=courier, digital_source_type="trainedAlgorithmicMedia", confidence="disputed", **origin
    )
    assert "digitalSourceType" not in movie(html(client.get(courier.get_absolute_url())))
    ProductionStatementFactory(
        film=courier, digital_source_type="compositeWithTrainedAlgorithmicMedia", **origin
    )
    assert movie(html(client.get(courier.get_absolute_url())))["digitalSourceType"] == COMPOSITE


def test_is_based_on_only_where_a_source_says_based_on(client, works):
    inspiration = {"kind": "inspiration", "stage": "", "done_by": ""}
    ProductionStatementFactory(
        film=works["ghosts"], relation="inspired_by", work_title_zh="钟馗传说", **inspiration
    )
    ghosts = movie(html(client.get(works["ghosts"].get_absolute_url())))
    assert "isBasedOn" not in ghosts
    ProductionStatementFactory(
        film=works["ghosts"],
        relation="based_on",
        work_title="A Novel",
        work_title_zh="一部小说",
        person=works["yu"],
        **inspiration,
    )
    [work] = movie(html(client.get(works["ghosts"].get_absolute_url())))["isBasedOn"]
    assert work["@type"] == "CreativeWork" and work["name"] == "A Novel"
    assert work["author"]["@id"].endswith("/people/yu-baimei/")


# -- The API ---------------------------------------------------------------------------


def test_api_film_entry_carries_the_production_record(api_client, works):
    production = api_client.get("/api/v1/films/wheat-harvest/").json()["production"]
    assert [t["feature"] for t in production["tools"]] == ["lip-sync"]
    [tool] = production["tools"]
    assert tool["confidence"] == "confirmed"
    assert tool["note_zh"] == "机器人借对口型功能说汾阳话。"
    assert sorted(c["key"] for c in tool["citations"]) == ["S4", "S6"]
    assert [(s["stage"], s["done_by"]) for s in production["stages"]] == [
        ("video-generation", "model")
    ]
    assert production["team"] == [] and production["inspirations"] == []
    assert production["digital_source_type"] == TRAINED
    assert production["origin"][0]["digital_source_type_uri"] == TRAINED
    team = api_client.get("/api/v1/films/the-courier/").json()["production"]["team"]
    assert team[0]["person"]["slug"] == works["editor"].slug and team[0]["role"] == "editor"


def test_api_filters_films_by_tool_and_stage(api_client, works):
    def slugs(query):
        response = api_client.get(f"/api/v1/films/?{query}")
        assert response.status_code == 200
        return [film["slug"] for film in response.json()["results"]]

    assert slugs("tool=lip-sync") == ["wheat-harvest"]
    assert slugs("stage=video-generation") == ["wheat-harvest"]
    assert slugs("tool=face-model-training") == []
    assert slugs("stage=editing") == []
    ProductionStatementFactory(film=works["courier"], stage="editing", done_by="people")
    assert slugs("stage=editing") == ["the-courier"]


def test_api_schema_documents_production_and_the_filters(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    detail = schema["components"]["schemas"]["FilmDetail"]["properties"]
    assert "production" in detail
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/films/"]["get"]["parameters"]}
    assert "lip-sync" in parameters["tool"]["schema"]["enum"]
    assert "editing" in parameters["stage"]["schema"]["enum"]


# -- The seeded record -----------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
class TestSeededPages:
    def test_daisy_page_shows_its_three_person_team_linked_to_their_pages(self, client):
        making = section(html(client.get("/films/daisy/")))
        assert "a team of 3 people" in making
        for slug in ("wang-zichuan", "wen-weisi", "da-liu"):
            assert f'href="/people/{slug}/"' in making
        team = movie(html(client.get("/films/daisy/")))["contributor"]
        members = {
            member["contributor"]["@id"].split("/")[-2]: member["roleName"] for member in team
        }
        assert members == {
            "wang-zichuan": "Director",
            "wen-weisi": "AIGC artist",
            "da-liu": "Editor",
        }
        zh = section(html(client.get("/zh-hans/films/daisy/")))
        assert "团队共3人" in zh and "由王子川、AIGC创作者温维斯和剪辑师大刘三人完成。" in zh
        assert "灵感来自" in zh and "《雏菊》" in zh

    def test_wheat_harvest_features_appear_on_the_page_the_table_and_the_json_ld(
        self, client, api_client
    ):
        page = html(client.get("/films/wheat-harvest/"))
        assert "Face model training" in section(page) and "Lip sync" in section(page)
        assert movie(page)["digitalSourceType"] == TRAINED
        assert movie(page)["material"] == ["Keling: Face model training", "Keling: Lip sync"]
        zh = movie(html(client.get("/zh-hans/films/wheat-harvest/")))
        assert zh["material"] == ["可灵：人脸模型训练", "可灵：对口型"]
        table = html(client.get("/making/"))
        row = table[table.index('href="/films/wheat-harvest/"') :]
        row = row[: row.index("</tr>")]
        assert row.count('<span class="answer">Used</span>') == 2
        tools = api_client.get("/api/v1/films/wheat-harvest/").json()["production"]["tools"]
        assert [t["feature"] for t in tools] == ["face-model-training", "lip-sync"]

    def test_every_statement_shown_has_its_sources(self, client):
        assert not ProductionStatement.objects.needs_sourcing().exists()
        table = html(client.get("/making/"))
        assert "no source yet" not in table
        assert table.count('<th scope="row">') == 9


def test_a_film_without_statements_shows_every_kind_as_not_in_our_sources(client, works):
    film = FilmFactory(collection=works["collection"], slug="silent", title="Silent")
    making = section(html(client.get(film.get_absolute_url())))
    assert making.count("Not in our sources.") == 6
