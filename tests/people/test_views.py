"""Reader pages for people: the directors index and a page per person, in both languages."""

import pytest

from tests.films.factories import CreditFactory, FilmFactory
from tests.films.test_views import html, json_ld

pytestmark = pytest.mark.django_db


def test_directors_index_lists_directors_of_published_films_with_their_films(client, works):
    page = html(client.get("/directors/"))
    for name in ("Jia Zhangke", "Tim Yip", "Xue Xiaolu", "Yu Baimei"):
        assert name in page
    assert "Da Liu" not in page  # an editor, not a director
    jia = page[page.index('<a href="/people/jia-zhangke/">') :][:800]
    assert "Wheat Harvest" in jia and "Secret Draft" not in jia
    assert "Title not in our sources (film by Xue Xiaolu)" in page


def test_directors_index_in_chinese(client, works):
    page = html(client.get("/zh-hans/directors/"))
    assert '<span class="title-main" lang="zh-Hans">贾樟柯</span>' in page
    assert '<span class="title-alt" lang="en">Jia Zhangke</span>' in page
    assert "《麦收》" in page


def test_a_director_of_drafts_only_is_not_listed(client, works):
    FilmFactory(status="draft", director=works["editor"])
    assert "Da Liu" not in html(client.get("/directors/"))


def test_person_page_shows_names_birth_year_with_its_note_and_links(client, works):
    page = html(client.get(works["yip"].get_absolute_url()))
    assert '<span class="title-main" lang="en">Tim Yip' in page
    assert '<span class="title-alt" lang="zh-Hans">叶锦添</span>' in page
    assert '<span lang="en">Ye Jintian</span>' in page
    assert "1957" in page and "Uncertain: one non-authoritative source." in page
    assert 'href="https://en.wikipedia.org/wiki/Tim_Yip"' in page
    assert "Born 1957" in page  # the citation, as a numbered source
    assert '<a class="ref" href="#source-1">[1]</a>' in page


def test_person_page_shows_filmography_with_roles_and_quotes(client, works):
    CreditFactory(film=works["wheat"], person=works["yip"], role="producer")
    page = html(client.get(works["yip"].get_absolute_url()))
    films = page[page.index('class="filmography"') :]
    assert "The Courier" in films and "Director" in films
    assert "Wheat Harvest</a> — Producer" in films
    assert "AI让我们拥有了无穷的想象力" in page
    assert 'href="/quotes/?director=tim-yip"' in page


def test_person_page_hides_draft_films_and_quotes(client, works):
    page = html(client.get(works["jia"].get_absolute_url()))
    assert "Wheat Harvest" in page
    assert "Secret Draft" not in page and "草稿里的话" not in page and "不公开的话" not in page


def test_person_page_without_profile_or_birth_year_says_so(client, works):
    page = html(client.get("/zh-hans" + works["xue"].get_absolute_url()))
    assert "尚无简介" in page and "资料中未见" in page
    assert "片名未见于资料（薛晓路导演作品）" in page


def test_person_json_ld_is_a_person(client, works):
    graph = json_ld(html(client.get(works["yip"].get_absolute_url())))[0]["@graph"]
    person = graph[0]
    assert person["@type"] == "Person" and person["name"] == "Tim Yip"
    assert "Ye Jintian" in person["alternateName"]
    assert "birthDate" not in person  # the birth year is uncertain
    assert person["sameAs"] == ["https://en.wikipedia.org/wiki/Tim_Yip"]


def test_unknown_person_is_not_found(client, works):
    assert client.get("/people/no-one/").status_code == 404
    assert client.get("/zh-hans/people/no-one/").status_code == 404


QUERY_COUNTS = {"/directors/": 4, "/people/jia-zhangke/": 7, "/people/xue-xiaolu/": 6}


def test_query_counts_are_pinned_and_do_not_grow_with_the_data(assert_query_counts):
    assert_query_counts(QUERY_COUNTS)
