"""Reader pages for themes, quotes, search and the about page (films' and people's pages
are tests/films/test_views.py and tests/people/test_views.py)."""

import re

import pytest
from django.urls import reverse

from tests.films.factories import ThemeFactory
from tests.pages import html

pytestmark = pytest.mark.django_db


# -- Themes ----------------------------------------------------------------------------


def test_theme_list_counts_published_films_and_quotes(client, works):
    hometown = works["hometown"]
    works["draft"].themes.add(hometown)  # a draft film on the theme…
    works["hidden"].themes.add(hometown)  # …its quote…
    works["secret"].themes.add(hometown)  # …and a draft quote: none of them counts
    page = html(client.get(reverse("themes:list")))
    card = re.search(r'<li>\s*<h2><a href="/themes/hometown/".*?</li>', page, re.S).group()
    meta = re.search(r'<p class="meta">(.*?)</p>', card).group(1)
    assert meta == "1 film · 1 quote"  # Wheat Harvest and Jia's words on Zhong Kui


def test_theme_page_lists_its_films_and_quotes(client, works):
    page = html(client.get(works["scifi"].get_absolute_url()))
    assert "<h1" in page and "Science fiction" in page
    assert "The Courier" in page and "Wheat Harvest" not in page
    assert "AI让我们拥有了无穷的想象力" in page
    chinese = html(client.get("/zh-hans" + works["hometown"].get_absolute_url()))
    assert '<h1 lang="zh-Hans">故乡</h1>' in chinese
    assert '<div class="prose" lang="en"><p>Jia&#x27;s Fenyang.</p></div>' in chinese


def test_unknown_theme_is_not_found(client, works):
    assert client.get("/themes/nothing/").status_code == 404


# -- Quotes ----------------------------------------------------------------------------


def test_quotes_page_shows_words_translation_and_cited_source(client, works):
    page = html(client.get(reverse("quotes:list")))
    quote = works["imagination"]
    assert f'<figure class="quote" id="quote-{quote.pk}">' in page
    assert f'<blockquote cite="{works["s6"].url}" lang="zh-Hans">' in page
    assert '<p class="quote-translation" lang="en">AI gives us boundless imagination.</p>' in page
    assert f'<cite><a href="{works["s6"].get_absolute_url()}"' in page
    assert f'href="{works["s6"].url}" rel="noopener"' in page  # the note links out
    assert "Our translation" in page and "At the premiere" in page
    assert "草稿里的话" not in page and "不公开的话" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"director": "tim-yip"}, "无穷的想象力", "Zhong Kui"),
        ({"film": "wheat-harvest"}, "Zhong Kui", "无穷的想象力"),
        ({"theme": "science-fiction"}, "无穷的想象力", "Zhong Kui"),
        ({"director": "jia-zhangke", "theme": "hometown"}, "Zhong Kui", "无穷的想象力"),
        ({"director": ""}, "Zhong Kui", "草稿里的话"),
    ],
)
def test_quotes_can_be_filtered(client, works, query, shown, hidden):
    page = html(client.get(reverse("quotes:list"), query))
    assert shown in page and hidden not in page


def _options(page: str, name: str) -> list[str]:
    """Return the `<option>` tags of the quotes page's filter `name`, "All …" first."""
    select = re.search(rf'<select id="filter-{name}".*?</select>', page, re.S).group(0)
    return re.findall(r"<option[^>]*>[^<]*</option>", select)


def test_quotes_filters_offer_only_what_has_published_quotes(client, works):
    works["hidden"].themes.add(ThemeFactory(name="Drafts only", slug="drafts-only"))
    page = html(client.get(reverse("quotes:list"), {"director": "tim-yip"}))
    assert _options(page, "director")[1:] == [
        '<option value="jia-zhangke">Jia Zhangke</option>',
        '<option value="tim-yip" selected>Tim Yip</option>',
    ]
    assert [re.search(r'value="([^"]*)"', o).group(1) for o in _options(page, "film")] == [
        "",
        "wheat-harvest",
        "the-courier",
    ]
    assert _options(page, "theme")[1:] == [
        '<option value="hometown">Hometown</option>',
        '<option value="science-fiction">Science fiction</option>',
    ]
    chinese = html(client.get("/zh-hans" + reverse("quotes:list")))
    assert '<option value="science-fiction">科幻</option>' in chinese


def test_quotes_filters_offer_at_most_filter_choices_each(client, works, monkeypatch):
    monkeypatch.setattr("films.views.FILTER_CHOICES", 1)
    page = html(client.get(reverse("quotes:list")))
    assert [len(_options(page, name)) for name in ("director", "film", "theme")] == [2, 2, 2]
    # One past the limit, named in the address: offered too, as chosen.
    chosen = html(client.get(reverse("quotes:list"), {"director": "tim-yip"}))
    assert _options(chosen, "director")[1:] == [
        '<option value="jia-zhangke">Jia Zhangke</option>',
        '<option value="tim-yip" selected>Tim Yip</option>',
    ]


def test_quotes_filter_naming_nothing_is_a_404_with_the_form(client, works):
    response = client.get(reverse("quotes:list"), {"director": "no-one"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Nothing matches this filter" in page and '<select id="filter-director"' in page


def test_quotes_filter_by_a_draft_film_finds_nothing(client, works):
    assert client.get(reverse("quotes:list"), {"film": "secret-draft"}).status_code == 404


def test_quotes_paginate(client, works, settings):
    settings.FILMBASE_PAGE_SIZE = {**settings.FILMBASE_PAGE_SIZE, "quotes": 1}
    first = html(client.get(reverse("quotes:list")))
    assert first.count('<figure class="quote"') == 1 and 'rel="next" href="?page=2"' in first
    second = html(client.get(reverse("quotes:list"), {"page": 2}))
    assert second.count('<figure class="quote"') == 1 and 'rel="prev"' in second
    assert client.get(reverse("quotes:list"), {"page": 3}).status_code == 404
    filtered = html(client.get(reverse("quotes:list"), {"theme": "hometown"}))
    assert "1 quote" in filtered


# -- Search ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "heading", "expected"),
    [
        ("钟馗", "results-films", "No Disturbance from Ghosts"),
        ("Fenyang", "results-films", "Wheat Harvest"),
        ("Fenyang", "results-themes", "Hometown"),
        ("麦收", "results-films", "Wheat Harvest"),
        ("Lili", "results-films", "The Courier"),
        ("叶锦添", "results-people", "Tim Yip"),
        ("想象力", "results-quotes", "无穷的想象力"),
    ],
)
def test_search_finds_in_both_languages_grouped_by_kind(client, works, query, heading, expected):
    page = html(client.get(reverse("search"), {"q": query}))
    section = page[page.index(f'id="{heading}"') :]
    section = section[: section.index("</section>")]
    assert expected in section


def test_search_never_finds_drafts(client, works):
    page = html(client.get(reverse("search"), {"q": "秘密"}))
    assert "Nothing found for “秘密”." in page
    assert "Secret Draft" not in html(client.get(reverse("search"), {"q": "Secret"}))


def test_empty_search_invites_a_query(client, works):
    page = html(client.get("/zh-hans/search/"))
    assert "钟馗、汾阳、麦收" in page
    assert '<link rel="canonical" href="http://testserver/zh-hans/search/">' in page


# -- About -----------------------------------------------------------------------------


def test_about_tells_the_story_with_milestones_and_their_sources(client, works):
    page = html(client.get(reverse("about")))
    assert "Nine experimental AIGC short films." in page
    timeline = page[page.index('class="timeline"') :]
    assert '<time datetime="2024-06-06">6 June 2024</time>' in timeline
    assert '<time datetime="2024-09">September 2024</time>' in timeline
    assert "date uncertain" in timeline
    assert timeline.count("Source:") == 2
    assert "Premiered 6 December 2024" in page  # the collection's citation


def test_about_in_chinese_keeps_the_precision_and_the_doubt(client, works):
    page = html(client.get("/zh-hans/about/"))
    assert '<time datetime="2024-09">2024年9月</time>' in page
    assert "日期存疑" in page
    assert "可灵大事记" in page


def test_filters_and_theme_titles_are_punctuated_for_the_reader(client, works):
    query = "?director=jia-zhangke&film=wheat-harvest&theme=hometown"
    english = client.get(f"/quotes/{query}").content.decode()
    chinese = client.get(f"/zh-hans/quotes/{query}").content.decode()
    assert "Director: <strong" in english and "Film: <strong" in english
    assert "导演：<strong" in chinese and "影片：<strong" in chinese and "主题：<strong" in chinese
    films = client.get("/zh-hans/films/?theme=hometown").content.decode()
    assert "<h1>影片：<span" in films
