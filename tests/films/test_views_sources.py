"""The sources' pages, and the one citation style: markers, the page's notes, the source."""

import re

import pytest
from django.urls import reverse

from tests.films.factories import CitationFactory, ProductionStatementFactory, SourceFactory
from tests.pages import html, json_ld

pytestmark = pytest.mark.django_db


def test_sources_index_lists_outlet_title_language_date_and_kind(client, works):
    SourceFactory(key="S13", outlet="MIT Technology Review", title="A buzzy model", kind="review")
    for prefix, kind, language in (("", "Review", "English"), ("/zh-hans", "评测", "英文")):
        page = html(client.get(f"{prefix}/sources/"))
        row = page[page.index('<tr id="S13">') :][:900]
        assert "MIT Technology Review" in row and "A buzzy model" in row
        assert f'href="{prefix}/sources/S13/"' in row
        assert kind in row and language in row
    assert "27 December 2024" not in page  # no date is invented for an undated source


def test_a_reprint_says_where_it_was_read_and_that_the_original_is_unknown(client, works):
    source = SourceFactory(
        key="S24",
        outlet="人民网",
        title="Report",
        url="https://zh.newsflash.city/2401/x.html",
        read_copy="reprint",
        language="zh",
    )
    page = html(client.get("/sources/S24/"))
    assert "read at zh.newsflash.city, a reprint of the original:" in page
    assert "Its address is not in our sources." in page
    assert f'href="{source.url}"' in page
    page = html(client.get("/zh-hans/sources/S24/"))
    assert "读自zh.newsflash.city，为原文的转载：" in page


def test_a_mirror_links_the_original_address(client, works):
    SourceFactory(
        key="S43",
        url="https://proxy.example.org/?q=wiki",
        original_url="https://zh.wikipedia.org/zh-tw/%E5%85%94%E6%96%AF%E5%9F%BA",
        read_copy="mirror",
        kind="encyclopedia",
    )
    page = html(client.get("/sources/S43/"))
    assert "a mirror of the original" in page
    assert 'href="https://zh.wikipedia.org/zh-tw/%E5%85%94%E6%96%AF%E5%9F%BA"' in page


def test_a_source_page_lists_every_statement_citing_it_with_links(client, works):
    page = html(client.get("/sources/S6/"))
    statements = page[page.index('id="statements-heading"') :]
    assert 'href="/films/wheat-harvest/"' in statements and "Gives the Chinese title" in statements
    assert f'href="{works["yip"].get_absolute_url()}"' in statements and "Born 1957" in statements
    assert 'href="/about/"' in statements and "Premiered 6 December 2024" in statements
    assert 'href="/about/#milestone-' in statements  # the milestone it dates
    assert works["imagination"].get_absolute_url() in statements
    assert "草稿里的话" not in page  # a draft's quote is not a statement of the site


def test_a_source_page_keeps_a_draft_films_facts_from_readers(client, works):
    source = works["wheat"].citations.first().source
    CitationFactory(film=works["draft"], source=source, note="A fact of the draft film")
    page = html(client.get(source.get_absolute_url()))
    assert "Gives the Chinese title" in page  # the published film's fact
    assert "A fact of the draft film" not in page


def test_a_keyless_source_has_a_page_by_its_id_and_bad_keys_are_404(client, works):
    source = SourceFactory(key="", title="Added by a curator")
    assert source.get_absolute_url() == f"/sources/{source.pk}/"
    assert "Added by a curator" in html(client.get(source.get_absolute_url()))
    for key in ("S999", "S6%00", "..", "S6.html", "x" * 300, "%E4%B8%AD", "%D9%A3", "%C2%B2"):
        assert client.get(f"/sources/{key}/").status_code == 404, key


def test_raw_keys_in_prose_become_markers_listed_in_the_notes(client, works):
    film = works["wheat"]
    film.production_notes = "The robot speaks Fenyang dialect [S4, S6]. Unknown [S77]."
    film.save()
    page = html(client.get(film.get_absolute_url()))
    production = page[page.index('id="production-heading"') :]
    production = production[: production.index("</section>")]
    numbers = re.findall(r'<a class="ref" href="#source-(\d+)">\[\d+\]</a>', production)
    assert len(numbers) == 2 and len(set(numbers)) == 2
    assert "[S4" not in production and "[S6" not in production
    assert "[S77]" in production  # a key no source has stays as written, to be fixed
    for number in numbers:
        note = re.search(rf'<li id="source-{number}" value="{number}">(.*?)</li>', page, re.S)
        assert re.search(r'<a href="/sources/S[46]/"', note.group(1))


def test_a_person_page_numbers_each_source_once_and_never_in_the_heading(client, works):
    yip = works["yip"]
    yip.bio = "Art director."
    yip.save()
    CitationFactory(film=None, person=yip, source=works["s6"], topic="profile", note="A")
    CitationFactory(film=None, person=yip, source=works["s6"], topic="works", note="B")
    page = html(client.get(yip.get_absolute_url()))
    heading = page[page.index("<h1") : page.index("</h1>")]
    assert 'class="ref"' not in heading
    profile = page[page.index('id="profile-heading"') :]
    profile = profile[: profile.index("</section>")]
    assert profile.count('<a class="ref" href="#source-1">[1]</a>') == 1


def test_a_link_about_their_work_is_labelled_so_and_kept_out_of_same_as(client, works):
    person = works["xue"]
    person.links.create(label="Her work", url="https://example.org/work", is_about_their_work=True)
    page = html(client.get(person.get_absolute_url()))
    assert "About their work, not about them:" in page
    data = json_ld(page)[0]["@graph"][0]
    assert "https://example.org/work" not in data.get("sameAs", [])


def test_home_quotes_and_theme_pages_that_cite_have_notes(client, works):
    for path in ("/quotes/", "/themes/hometown/", "/zh-hans/quotes/"):
        page = html(client.get(path))
        assert 'id="sources-heading"' in page, path
        assert re.search(r'<a class="ref" href="#source-1">\[1\]</a>', page), path


def test_a_theme_link_without_a_source_is_our_reading_and_one_with_shows_it(client, works):
    wheat, hometown = works["wheat"], works["hometown"]
    page = html(client.get(wheat.get_absolute_url()))
    assert "our reading" in page[page.index('id="themes-heading"') :]
    CitationFactory(film=wheat, source=works["s6"], topic="themes", note="Fenyang", theme=hometown)
    page = html(client.get(wheat.get_absolute_url()))
    chips = page[page.index('id="themes-heading"') :]
    chips = chips[: chips.index("</ul>")]
    assert "our reading" not in chips and 'class="ref"' in chips
    theme_page = html(client.get(hometown.get_absolute_url()))
    card = theme_page[theme_page.index('href="/films/wheat-harvest/"') :]
    assert "Stated by" in card[: card.index("</article>")]
    assert "filmbase's own summary" in theme_page or not hometown.description


def test_sitemap_lists_the_sources_in_both_languages(client, works):
    index = client.get(reverse("sitemap")).content.decode()
    assert "sitemap-sources.xml" in index
    section = client.get("/sitemap-sources.xml").content.decode()
    assert "http://testserver/sources/S6/" in section
    assert "http://testserver/zh-hans/sources/S6/" in section
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/sources/" in pages


def test_the_api_gives_a_sources_original_and_read_at_addresses(api_client, works):
    SourceFactory(
        key="S43",
        url="https://proxy.example.org/?q=wiki",
        original_url="https://zh.wikipedia.org/wiki/x",
        read_copy="mirror",
        kind="encyclopedia",
    )
    listed = api_client.get("/api/v1/sources/").json()["results"]
    mirror = next(item for item in listed if item["key"] == "S43")
    assert mirror["address"] == "https://proxy.example.org/?q=wiki"
    assert mirror["original_address"] == "https://zh.wikipedia.org/wiki/x"
    assert mirror["read_copy"] == "mirror" and mirror["kind"] == "encyclopedia"
    assert mirror["page_url"] == "http://testserver/sources/S43/"
    assert mirror["page_url_zh"] == "http://testserver/zh-hans/sources/S43/"
    film = api_client.get("/api/v1/films/wheat-harvest/").json()
    assert film["citations"][0]["source"]["page_url"].startswith("http://testserver/sources/")
    quote = api_client.get("/api/v1/quotes/").json()["results"][0]
    assert quote["film"]["title_status"] in ("confirmed", "uncertain", "unknown")


def test_a_source_page_lists_the_production_statements_that_cite_it(client, works):
    ProductionStatementFactory(
        film=works["draft"],
        kind="tool",
        stage="",
        done_by="",
        feature="lip-sync",
        note="Secret lip-sync",
        sources=[works["s6"]],
    )
    page = html(client.get("/sources/S6/"))
    section = page[page.index('id="statements-heading"') : page.index("</section>")]
    assert "The robot speaks Fenyang dialect through lip-sync." in section
    assert 'href="/films/wheat-harvest/#making-heading"' in section
    assert "Edited the film." in section and "no source yet" not in section
    assert "Secret lip-sync" not in page  # a draft film's statement stays unseen
    chinese = html(client.get("/zh-hans/sources/S6/"))
    assert "机器人借对口型功能说汾阳话。" in chinese
    assert "创作过程：" in chinese and "): " not in chinese


def test_a_note_is_punctuated_in_the_title_s_language_and_dated_in_the_page_s(client, works):
    source = SourceFactory(
        key="S8", outlet="新华网", title="《麦收》首映", language="zh", published_on="2024-12-06"
    )
    CitationFactory(film=works["wheat"], source=source, topic="title", note="Gives the title")
    english = html(client.get("/films/wheat-harvest/"))
    chinese = html(client.get("/zh-hans/films/wheat-harvest/"))
    for page in (english, chinese):
        assert 'lang="zh-Hans">新华网：《麦收》首映</a></cite>' in page
        assert 'lang="en">Xinhua: AI rewrites the script</a></cite>' in page  # English S4
    assert '首映</a></cite>, <time datetime="2024-12-06">6 December 2024</time>' in english
    assert '首映</a></cite>，<time datetime="2024-12-06">2024年12月6日</time>' in chinese
