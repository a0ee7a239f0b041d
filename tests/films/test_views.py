"""Reader pages for the project, films, themes, quotes, search and the story, in both languages."""

import re

import pytest
from django.urls import reverse

from tests.films.factories import FilmFactory, QuoteFactory
from tests.pages import html, json_ld

pytestmark = pytest.mark.django_db


# -- Home ------------------------------------------------------------------------------


def test_home_shows_the_project_premiere_and_the_works(client, works):
    page = html(client.get("/"))
    assert "Keling AI Director Co-Creation Project" in page
    assert '<span lang="zh-Hans">可灵AI导演共创计划</span>' not in page  # not as the heading
    assert 'datetime="2024-12-06"' in page and "6 December 2024" in page
    assert "China Film Museum, Beijing" in page
    for film in ("Wheat Harvest", "The Courier", "Title not in our sources (film by Xue Xiaolu)"):
        assert film in page
    assert "Secret Draft" not in page
    for url in ("/directors/", "/themes/", "/quotes/", "/about/"):
        assert f'href="{url}"' in page


def test_home_in_chinese(client, works):
    page = html(client.get("/zh-hans/"))
    assert '<html lang="zh-Hans">' in page
    assert '<span lang="zh-Hans">可灵AI导演共创计划</span>' in page
    assert "2024年12月6日" in page and "中国电影博物馆" in page
    assert "片名未见于资料（薛晓路导演作品）" in page
    assert 'href="/zh-hans/films/wheat-harvest/"' in page
    assert "作品" in page and "浏览" in page


def test_home_collection_is_a_creative_work_series(client, works):
    graph = json_ld(html(client.get("/")))[0]["@graph"]
    series = graph[0]
    assert series["@type"] == "CreativeWorkSeries"
    assert series["startDate"] == "2024-12-06"
    movies = [item for item in graph if item["@type"] == "Movie"]
    assert {"name": "Jia Zhangke"}.items() <= movies[0]["director"][0].items()


# -- Films -------------------------------------------------------------------------------


def test_film_list_shows_every_published_film_with_its_status(client, works):
    page = html(client.get(reverse("films:list")))
    assert page.count('class="film-card"') == 4
    assert "Secret Draft" not in page
    assert "Title not yet confirmed" in page
    assert "Title not in our sources" in page
    assert '<span class="title-alt" lang="zh-Hans">麦收</span>' in page


def card_of(page: str, path: str) -> str:
    """Return the film card that links to the film page at `path`."""
    start = page.rindex('<article class="film-card">', 0, page.index(f'link" href="{path}"'))
    return page[start : page.index("</article>", start)]


def test_a_film_card_links_poster_and_titles_and_names_directors_and_title_status(client, works):
    card = card_of(html(client.get("/films/")), "/films/the-courier/")
    assert '<a class="film-card-link" href="/films/the-courier/"><div class="poster"><svg' in card
    assert (
        '<h2 class="film-card-title"><span class="title-main" lang="en">'
        "The Courier (title unconfirmed)</span>" in card
    )
    assert '<p class="film-card-meta"><span>Tim Yip</span></p>' in card
    assert '<p class="badge">Title not yet confirmed</p>' in card
    # On a theme page the cards sit under the "Films" heading: their titles are h3.
    card = card_of(
        html(client.get("/zh-hans/themes/science-fiction/")), "/zh-hans/films/the-courier/"
    )
    assert '<a class="film-card-link" href="/zh-hans/films/the-courier/">' in card
    assert (
        '<h3 class="film-card-title"><span class="title-main" lang="zh-Hans">'
        "快递员（片名待确认）</span>" in card
    )
    assert "<span>叶锦添</span>" in card and '<p class="badge">片名尚未确认</p>' in card
    film = works["courier"]
    film.poster = "posters/courier.png"
    film.save()
    card = card_of(html(client.get("/films/")), "/films/the-courier/")
    assert (
        '<div class="poster"><img src="/media/posters/courier.png" '
        'alt="Poster of The Courier (title unconfirmed)" '
        'width="300" height="450" loading="lazy"></div>'
    ) in card


@pytest.mark.parametrize("path", ["/", "/films/", "/themes/science-fiction/"])
def test_film_cards_come_from_their_template(client, works, path):
    response = client.get(path)
    assert "films/_film_card.html" in [template.name for template in response.templates]


def test_film_list_filtered_by_theme(client, works):
    page = html(client.get(reverse("films:list"), {"theme": "hometown"}))
    assert "Wheat Harvest" in page and "The Courier" not in page
    assert client.get(reverse("films:list"), {"theme": "nothing"}).status_code == 404


def test_film_list_paginates(client, works, settings):
    settings.FILMBASE_PAGE_SIZE = {**settings.FILMBASE_PAGE_SIZE, "films": 3}
    first = html(client.get("/films/"))
    assert first.count('class="film-card"') == 3 and 'rel="next" href="?page=2"' in first
    second = html(client.get("/films/?page=2"))
    assert second.count('class="film-card"') == 1
    assert '<link rel="canonical" href="http://testserver/films/?page=2">' in second


def test_film_page_shows_both_titles_with_their_languages(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    assert '<span class="title-main" lang="en">Wheat Harvest' in page
    assert '<span class="title-alt" lang="zh-Hans">麦收</span>' in page
    assert "English title: translation" in page
    assert "<title>Wheat Harvest · filmbase</title>" in page


def test_film_page_in_chinese_puts_the_chinese_title_first(client, works):
    page = html(client.get("/zh-hans" + works["wheat"].get_absolute_url()))
    assert '<span class="title-main" lang="zh-Hans">麦收' in page
    assert '<span class="title-alt" lang="en">Wheat Harvest</span>' in page
    assert "英文片名：译名" in page
    assert '<div lang="zh-Hans"><p>机器人说汾阳话，帮老人收麦子。</p></div>' in page
    assert "约6分钟" in page


def test_film_page_falls_back_to_the_other_language_with_its_lang(client, works):
    page = html(client.get("/zh-hans" + works["courier"].get_absolute_url()))
    assert '<div lang="en"><p>An alien courier named Lili seeks a silver dragon.</p></div>' in page


def test_film_page_shows_credits_runtime_themes_notes_and_watch_link(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    assert '<a href="/people/jia-zhangke/">Jia Zhangke</a>' in page
    assert "about 6 min" in page
    assert "<dt>Premiere</dt>" in page and "6 December 2024</time>, <span" in page
    assert 'href="/themes/hometown/"' in page
    assert "First robot lead." in page
    assert 'href="https://video.example.org/wheat"' in page


def test_other_credits_are_grouped_by_role(client, works):
    page = html(client.get(works["untitled"].get_absolute_url()))
    assert "<dt>Editor</dt>" in page and '<a href="/people/da-liu/">Da Liu</a>' in page


def test_an_untitled_film_is_called_untitled_never_given_a_title(client, works):
    url = works["untitled"].get_absolute_url()
    page = html(client.get(url))
    assert (
        '<span class="title-main" lang="en">Title not in our sources (film by Xue Xiaolu)' in page
    )
    assert "Title not in our sources" in page
    assert "Our sources say nothing yet about the story of this film." in page
    chinese = html(client.get("/zh-hans" + url))
    assert "片名未见于资料（薛晓路导演作品）" in chinese and "片名未见于资料" in chinese


def test_an_unconfirmed_title_says_so(client, works):
    page = html(client.get(works["courier"].get_absolute_url()))
    assert "Title not yet confirmed" in page


def test_a_runtime_the_sources_disagree_on_is_left_open_with_the_note(client, works):
    page = html(client.get(works["ghosts"].get_absolute_url()))
    assert "Sources disagree" in page
    assert "Sources disagree: 2 or 5 minutes." in page
    assert "钟馗:百鬼勿扰" in page  # the variant title


def test_film_page_numbers_its_sources(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    sources = page[page.index('id="sources-heading"') :]
    assert sources.index("Premiere report") < sources.index("AI rewrites the script")
    assert 'id="source-1"' in sources and 'id="source-2"' in sources
    assert "Gives the Chinese title" in sources
    # The title rests on source 1 (after the heading, never in it), the runtime on
    # source 2, the quote on source 2 too; each note leads to the source's own page.
    heading = page[page.index("<h1") : page.index("</h1>")]
    assert 'class="ref"' not in heading
    assert re.search(r'<a class="ref" href="#source-1">\[1\]</a>', page)
    assert re.search(r'about 6 min.*?<a class="ref" href="#source-2">\[2\]</a>', page, re.S)
    assert re.search(r'id="source-1".*?<a href="/sources/[^/"]+/"', sources, re.S)


def test_film_page_shows_the_directors_quotes_honestly(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    assert '<blockquote cite="' + works["s4"].url + '" lang="en">' in page
    assert "I&#x27;ve always been drawn to Zhong Kui." in page
    assert "The words as originally said are not in our sources" in page
    assert "Xinhua&#x27;s English" in page
    assert "草稿里的话" not in page and "不公开的话" not in page


def test_previous_and_next_skip_drafts(client, works):
    page = html(client.get(works["untitled"].get_absolute_url()))
    nav = page[page.index('class="prev-next"') :]
    assert 'rel="prev" href="/films/the-courier/"' in nav
    assert 'rel="next" href="/films/no-disturbance-from-ghosts/"' in nav
    first = html(client.get(works["wheat"].get_absolute_url()))
    assert 'rel="prev"' not in first[first.index('class="prev-next"') :]


def test_a_neighbour_without_a_title_is_named_by_its_director_in_the_pinned_queries(
    client, works, assert_query_counts
):
    before_untitled = "/films/the-courier/"
    nav = html(client.get(before_untitled)).split('class="prev-next"')[1]
    assert 'rel="next" href="/films/xue-xiaolu-film/"' in nav
    assert "Title not in our sources (film by Xue Xiaolu)" in nav
    assert_query_counts({before_untitled: 8})


def test_film_page_has_meta_canonical_alternates_and_open_graph(client, works):
    page = html(client.get("/zh-hans/films/wheat-harvest/"))
    assert '<link rel="canonical" href="http://testserver/zh-hans/films/wheat-harvest/">' in page
    assert '<link rel="alternate" hreflang="en" href="http://testserver/films/wheat-harvest/">' in (
        page
    )
    assert 'hreflang="zh-Hans" href="http://testserver/zh-hans/films/wheat-harvest/"' in page
    assert 'hreflang="x-default" href="http://testserver/films/wheat-harvest/"' in page
    assert '<meta property="og:type" content="video.movie">' in page
    assert '<meta property="og:title" content="《麦收》">' in page
    assert '<meta name="description" content="机器人说汾阳话，帮老人收麦子。">' in page


def test_film_page_json_ld_is_a_movie_with_director_and_quotations(client, works):
    graph = json_ld(html(client.get(works["wheat"].get_absolute_url())))[0]["@graph"]
    movie, quotation = graph
    assert movie["@type"] == "Movie" and movie["name"] == "Wheat Harvest"
    assert movie["director"][0]["name"] == "Jia Zhangke"
    assert movie["duration"] == "PT360S"
    assert movie["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert quotation["@type"] == "Quotation"
    assert quotation["creator"]["name"] == "Jia Zhangke"


def test_json_ld_addresses_are_absolute_behind_the_host_and_scheme_asked_for(rf, settings):
    from films.structured_data import _absolute

    settings.ALLOWED_HOSTS = ["filmbase.example.org", "testserver"]
    request = rf.get("/", HTTP_HOST="filmbase.example.org", secure=True)
    assert _absolute(request, "/films/wheat-harvest/") == (
        "https://filmbase.example.org/films/wheat-harvest/"
    )
    assert _absolute(request, "/#collection") == "https://filmbase.example.org/#collection"
    # A poster kept in object storage already has its own address.
    poster = "https://media.example.net/posters/wheat.png"
    assert _absolute(request, poster) == poster
    assert _absolute(rf.get("/"), "/films/") == "http://testserver/films/"


def test_a_generated_poster_is_drawn_and_an_uploaded_one_replaces_it(client, works):
    page = html(client.get(works["wheat"].get_absolute_url()))
    assert '<svg class="poster-art"' in page and 'aria-hidden="true"' in page
    film = works["courier"]
    film.poster = "posters/courier.png"
    film.save()
    page = html(client.get(film.get_absolute_url()))
    poster = page[page.index('class="poster"') :][:300]
    assert (
        '<img src="/media/posters/courier.png" alt="Poster of The Courier (title unconfirmed)"'
        in poster
    )
    assert '<meta property="og:image" content="http://testserver/media/posters/courier.png">' in (
        page
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wheat Harvest", "en"),
        ("麦收", "zh-Hans"),
        ("Lili 丽丽", "zh-Hans"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_language_of_a_short_text_is_chinese_when_it_has_a_han_character(text, lang):
    from core.content import guess_lang

    assert guess_lang(text) == lang


@pytest.mark.parametrize("slug", ["secret-draft", "no-such-film"])
def test_drafts_and_unknown_films_are_not_found(client, works, slug):
    for prefix in ("", "/zh-hans"):
        response = client.get(f"{prefix}/films/{slug}/")
        assert response.status_code == 404
        assert "Secret Draft" not in response.content.decode()


# -- Fixed query counts ----------------------------------------------------------------

QUERY_COUNTS = {
    "/": 6,
    "/films/": 3,
    "/films/?theme=hometown": 4,
    "/films/wheat-harvest/": 8,  # + production (2), the neighbours, all three films' credits
    "/making/": 5,  # count, films, directors, their production statements, their sources
    "/themes/": 2,
    "/themes/hometown/": 6,
    "/sources/": 2,
    "/sources/S6/": 8,  # + the production statements citing it, their films' directors
    "/quotes/": 8,
    "/quotes/?director=jia-zhangke&film=wheat-harvest&theme=hometown": 12,
    "/search/?q=wheat": 3,  # the index, the films, their directors
    "/search/?q=%E6%83%B3%E8%B1%A1%E5%8A%9B": 3,  # 想象力: the index, a quote, its film
    "/search/?q=": 0,
    "/about/": 3,
}


def test_query_counts_are_pinned_and_do_not_grow_with_the_data(assert_query_counts):
    assert_query_counts(QUERY_COUNTS)


# -- Bad input -------------------------------------------------------------------------

HOSTILE_QUERIES = [
    "",
    "q=" + "x" * 5000,
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "q=%00",
    "q=%ff%fe",
    "q=%E9%BA%A6%E6%94%B6",
    "page=abc",
    "page=0",
    "page=-1",
    "page=99999",
    "page=1.5",
    "director=%3Cscript%3E",
    "director=%ff",
    "film=..%2F..%2Fetc",
    "theme=" + "t" * 5000,
    "director=tim-yip&director=jia-zhangke",
    "unknown=1&q=%00%ff",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize(
    "path", ["/", "/films/", "/films/wheat-harvest/", "/themes/", "/quotes/", "/search/"]
)
def test_any_query_string_gets_a_page_or_a_4xx_never_a_500(client, works, path, query):
    for prefix in ("", "/zh-hans"):
        response = client.get(f"{prefix}{path}?{query}")
        assert response.status_code in (200, 404), (path, query, response.status_code)
        page = response.content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "<script>\n" not in page


def test_search_escapes_what_the_reader_typed(client, works):
    page = html(client.get(reverse("search"), {"q": '"><img src=x onerror=alert(1)>'}))
    assert "<img src=x" not in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


HOSTILE = "</script><script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'


def _strings(data) -> list[str]:
    """Return every string value in parsed JSON."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return [text for value in values for text in _strings(value)]


def test_hostile_content_is_escaped_in_html_json_ld_and_meta(client, works):
    film = FilmFactory(title=HOSTILE, title_zh=HOSTILE_ATTR, slug="hostile", synopsis=HOSTILE_ATTR)
    QuoteFactory(film=film, speaker=works["jia"], text=HOSTILE, translation=HOSTILE_ATTR)
    for url in ("/films/hostile/", "/quotes/", "/people/jia-zhangke/", "/films/", "/"):
        for prefix in ("", "/zh-hans"):
            page = html(client.get(prefix + url))
            assert "<script>alert(1)" not in page, url
            assert "<img src=x" not in page, url
            # Still valid JSON, and the hostile text is there intact, as a value of its own
            assert HOSTILE in _strings(json_ld(page)), prefix + url
    page = html(client.get("/films/hostile/"))
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in page
    assert '<meta property="og:title" content="&lt;/script&gt;&lt;script&gt;' in page
    assert json_ld(page)[0]["@graph"][0]["name"] == HOSTILE


# -- The nine works as seeded ----------------------------------------------------------

NINE = [
    "hua-man-zhu",
    "wheat-harvest",
    "the-courier",
    "xue-xiaolu-untitled",
    "no-disturbance-from-ghosts",
    "new-world",
    "the-last-line-of-defense",
    "daisy",
    "wang-maomao-untitled",
]


@pytest.mark.usefixtures("seeded")
class TestTheNineWorks:
    """The pages on the real seed data, as `make run` serves them."""

    @pytest.mark.parametrize("prefix", ["", "/zh-hans"])
    def test_home_shows_the_nine_works(self, client, prefix):
        page = html(client.get(prefix + "/"))
        assert page.count('class="film-card"') == 9
        badge = "Title not in our sources" if not prefix else "片名未见于资料"
        assert page.count(f'<p class="badge">{badge}</p>') == 2
        assert page.count("Title not yet confirmed" if not prefix else "片名尚未确认") == 1

    @pytest.mark.parametrize("slug", NINE)
    @pytest.mark.parametrize("prefix", ["", "/zh-hans"])
    def test_every_film_page_renders_with_its_sources(self, client, prefix, slug):
        page = html(client.get(f"{prefix}/films/{slug}/"))
        assert 'id="sources-heading"' in page
        assert json_ld(page)[0]["@graph"][0]["@type"] == "Movie"

    def test_the_alien_is_lili(self, client):
        page = html(client.get("/films/the-courier/"))
        assert "Lili" in page and "Lily" not in page

    def test_yu_baimeis_runtime_is_left_open(self, client):
        page = html(client.get("/films/no-disturbance-from-ghosts/"))
        assert "Sources disagree" in page

    @pytest.mark.parametrize(
        ("query", "slug"),
        [
            ("钟馗", "no-disturbance-from-ghosts"),
            ("Fenyang", "wheat-harvest"),
            ("麦收", "wheat-harvest"),
            ("Lili", "the-courier"),
        ],
    )
    def test_search_page_finds_the_readers_examples(self, client, query, slug):
        page = html(client.get(reverse("search"), {"q": query}))
        films = page[page.index('id="results-films"') :]
        assert f'href="/films/{slug}/"' in films[: films.index("</section>")]

    def test_directors_index_lists_the_nine_directors(self, client):
        page = html(client.get("/directors/"))
        assert page.count('class="person-card"') == 9
