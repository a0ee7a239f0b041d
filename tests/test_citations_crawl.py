"""Every published page, in both languages, keeps filmbase's promise about its sources.

The crawl starts at the home pages and the sitemap and follows every link to a reader
page. On each it checks what a reader would meet: every marker leads to a note on the
page that names a listed source and links to that source's working page; no raw source
key ("[S3]") and no "dossier" in the visible text; and every unconfirmed title says so
wherever it appears (links, the quote filters, <title>, og:title, the JSON-LD names).
"""

import html as html_module
import re
from collections import deque
from urllib.parse import urldefrag

import pytest

from films.models import Film, Source, TitleStatus
from tests.pages import json_ld

pytestmark = pytest.mark.usefixtures("seeded")

SKIP = ("/api/", "/admin/", "/static/", "/media/", "/sitemap", "/search/", "/healthz")
# Search answers are pages too: a few that find films, people and quotes.
SEARCHES = ["/search/?q=Zhong", "/zh-hans/search/?q=AI", "/search/?q=%E6%96%B0%E4%B8%96%E7%95%8C"]
MARKS = ("title unconfirmed", "片名待确认")
MARKER = re.compile(r'<a class="ref" href="#source-(\d+)">\[(\d+)\]</a>')
HREF = re.compile(r'href="(/[^"]*)"')


def _visible_text(page: str) -> str:
    """Return the text a reader sees: no scripts, styles, tags or attribute values."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return html_module.unescape(body)


def _text(fragment: str) -> str:
    return " ".join(_visible_text(fragment).split())


def _crawl(client) -> dict[str, str]:
    """Return {path: HTML} of every reader page reachable from the home pages."""
    queue = deque(["/", "/zh-hans/", "/sources/", "/zh-hans/sources/", *SEARCHES])
    pages: dict[str, str] = {}
    seen: set[str] = set()
    while queue:
        path = queue.popleft()
        if path in pages or path in seen:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        if not response["Content-Type"].startswith("text/html"):
            seen.add(path)  # a "Cite this page" download, not a page
            continue
        pages[path] = page = response.content.decode()
        for link in HREF.findall(html_module.unescape(page)):
            link, _fragment = urldefrag(link)
            if link and not link.startswith(SKIP) and link not in pages and link not in seen:
                queue.append(link)
    return pages


@pytest.fixture(scope="class")
def crawled(django_db_blocker, seeded):
    from django.test import Client

    with django_db_blocker.unblock():
        return _crawl(Client())


@pytest.mark.django_db
class TestEveryPublishedPage:
    def test_the_crawl_reaches_every_kind_of_page_in_both_languages(self, crawled):
        for prefix in ("", "/zh-hans"):
            for path in ("/films/wheat-harvest/", "/people/da-liu/", "/themes/hometown/"):
                assert prefix + path in crawled
            assert f"{prefix}/sources/S6/" in crawled
            assert f"{prefix}/about/" in crawled
        keys = set(Source.objects.values_list("key", flat=True))
        reached = {p.rstrip("/").rsplit("/", 1)[-1] for p in crawled if "/sources/S" in p}
        assert reached == keys  # every source has a page a reader can reach

    def test_every_marker_leads_to_a_note_naming_a_listed_source(self, client, crawled):
        keys = set(Source.objects.values_list("key", flat=True))
        markers = 0
        for path, page in crawled.items():
            prefix = "/zh-hans" if path.startswith("/zh-hans/") else ""
            for target, shown in MARKER.findall(page):
                markers += 1
                assert target == shown, path
                note = re.search(
                    rf'<li id="source-{target}" value="{target}">(.*?)</li>', page, re.S
                )
                assert note, (path, target)
                link = re.search(rf'<a href="{prefix}/sources/([^/"]+)/"', note.group(1))
                assert link and link.group(1) in keys, (path, target)
                assert f"{prefix}/sources/{link.group(1)}/" in crawled
            # One number per source: the notes list never repeats itself.
            numbers = re.findall(r'<li id="source-(\d+)"', page)
            assert len(numbers) == len(set(numbers)), path
            heading = re.search(r"<h1\b.*?</h1>", page, re.S)
            assert heading and 'class="ref"' not in heading.group(0), path
            assert not re.search(
                r'href="#source-(\d+)">\[\1\]</a><a class="ref" href="#source-\1"', page
            )
        assert markers > 100

    def test_no_raw_source_key_and_no_dossier_in_what_a_reader_sees(self, crawled):
        for path, page in crawled.items():
            text = _visible_text(page)
            assert not re.search(r"\[S\d+", text), (path, re.search(r".{40}\[S\d+.{20}", text))
            assert "dossier" not in text.lower(), path

    def test_every_unconfirmed_title_says_so_wherever_it_appears(self, crawled):
        unconfirmed = list(Film.objects.filter(title_status=TitleStatus.UNCERTAIN))
        assert unconfirmed  # 《新世界》 at least
        for path, page in crawled.items():
            prefix = "/zh-hans" if path.startswith("/zh-hans/") else ""
            for film in unconfirmed:
                url = f"{prefix}/films/{film.slug}/"
                for match in re.finditer(
                    rf'<a [^>]*href="{re.escape(url)}"[^>]*>(.*?)</a>', page, re.S
                ):
                    text = _text(match.group(1))
                    if text:
                        assert any(mark in text for mark in MARKS), (path, text)
                for option in re.findall(rf'<option value="{film.slug}"[^>]*>(.*?)</option>', page):
                    assert any(mark in option for mark in MARKS), (path, option)
                titles = [film.title, film.title_zh]
                # A search page's <title> repeats what the reader typed, not a title.
                searched = "/search/" in path
                for head in (
                    []
                    if searched
                    else re.findall(r"<title>(.*?)</title>|og:title\" content=\"(.*?)\"", page)
                ):
                    head_text = html_module.unescape("".join(head))
                    if any(title and title in head_text for title in titles):
                        assert any(mark in head_text for mark in MARKS), (path, head_text)
                for document in json_ld(page):
                    for item in document.get("@graph", []):
                        if item.get("@type") == "Movie" and item["url"].endswith(url):
                            assert any(mark in item["name"] for mark in MARKS), (path, item)

    def test_a_source_page_says_where_it_was_read_and_what_cites_it(self, crawled):
        page = crawled["/sources/S13/"]
        assert "read at newzone.eu, a reprint of the original" in page
        assert "Its address is not in our sources." in page
        wikipedia = crawled["/sources/S43/"]
        assert "a mirror of the original" in wikipedia
        assert 'href="https://zh.wikipedia.org/zh-tw/%E5%85%94%E6%96%AF%E5%9F%BA"' in wikipedia
        jia = crawled["/sources/S6/"]
        assert 'href="/films/wheat-harvest/"' in jia and 'href="/about/' in jia
        assert "读自newzone.eu，为原文的转载" in crawled["/zh-hans/sources/S13/"]
        listing = _text(crawled["/sources/"])
        assert (
            "MIT Technology Review (Zeyi Yang)" in listing
            and "Encyclopedia or dictionary" in listing
        )
        assert "27 December 2024" in listing
