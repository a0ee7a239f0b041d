"""The Atom feed of what changed for readers, in both languages, linked from every page."""

import xml.etree.ElementTree as ET

import pytest

from films.models import Film
from tests.films.factories import SourceFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, root.findall(f"{ATOM}entry")


def test_the_feed_lists_published_changes_and_never_drafts(client, works):
    root, entries = _entries(client, "/feed/")
    assert root.get(XML_LANG) == "en"
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    # The latest change of each entry: the films were linked to credits after publication.
    assert any(title == "Film changed: Wheat Harvest" for title in titles)
    assert "Film changed: The Courier (title unconfirmed)" in titles
    assert "Film changed: Title not in our sources (film by Xue Xiaolu)" in titles
    assert any(title.startswith("Person published: Jia Zhangke") for title in titles)
    assert "Quote changed: AI gives us boundless imagination." in titles
    assert any(title.startswith("Source published") for title in titles)
    text = ET.tostring(root, encoding="unicode")
    assert "secret-draft" not in text and "草稿里的话" not in text and "不公开的话" not in text
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert "http://testserver/films/wheat-harvest/" in links

    wheat = Film.objects.get(slug="wheat-harvest")
    wheat.runtime_note = "About five minutes"
    wheat.save()
    _root, entries = _entries(client, "/feed/")
    first = entries[0].findtext(f"{ATOM}title")
    assert first.startswith("Film changed") and "Wheat Harvest" in first
    wheat.status = "draft"
    wheat.save()
    _root, entries = _entries(client, "/feed/")
    assert "wheat-harvest" not in b"".join(ET.tostring(entry) for entry in entries).decode()


def test_the_chinese_feed_speaks_chinese(client, works):
    root, entries = _entries(client, "/zh-hans/feed/")
    assert root.findtext(f"{ATOM}title") == "filmbase：最新更动"
    assert root.get(XML_LANG) == "zh-Hans"
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert any(title.startswith("影片已更新：") and "《麦收》" in title for title in titles)
    assert any(title.startswith("人物已发布：") and "贾樟柯" in title for title in titles)
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert "http://testserver/zh-hans/films/wheat-harvest/" in links


def test_the_chinese_feed_names_an_untitled_page_by_our_chinese_description(client, works):
    SourceFactory(key="S30", title="Article on Wheat Harvest", title_zh="关于《麦收》的文章")
    _root, entries = _entries(client, "/zh-hans/feed/")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert any(title.endswith("关于《麦收》的文章") for title in titles), titles
    assert not any("Article on Wheat Harvest" in title for title in titles)
    _root, entries = _entries(client, "/feed/")
    assert any("Article on Wheat Harvest" in e.findtext(f"{ATOM}title") for e in entries)


def test_every_page_links_the_feed_of_its_language(client, works):
    for path, feed in (
        ("/", "/feed/"),
        ("/films/wheat-harvest/", "/feed/"),
        ("/zh-hans/people/", "/zh-hans/feed/"),
    ):
        page = client.get(path).content.decode()
        assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in page


def test_the_feed_costs_a_fixed_number_of_queries(
    client, works, settings, django_assert_num_queries
):
    from tests.conftest import grow_works

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "content-version": dummy}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/feed/")
    grow_works(works)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get("/feed/")
