"""The Chinese edition in a real browser: a Chinese reader meets no English of ours.

Crawls every published page under /zh-hans/ that the site links to, starting from the
home page and the sitemap, with the nine works of the seed. On each page every text the
reader can meet is read with the language it is marked in; a run of four or more English
words outside an element marked lang="en" is English that filmbase wrote and did not
translate. English that belongs on a Chinese page (an English source title, a quote
printed in English, an English film title) is marked lang="en" and passes.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from films.seed import seed_load
from tests.test_pages_browser import Visit, chromium  # noqa: F401 - one browser for all tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A word of English: letters, with an inner apostrophe or hyphen; not a key like S8 or 6.
WORD = r"[A-Za-z]+(?:['’-][A-Za-z]+)*"
ENGLISH_RUN = re.compile(rf"(?<![A-Za-z0-9]){WORD}(?:[\s,;:]+{WORD}){{3,}}(?![A-Za-z0-9])")

# Every text node with the language of its nearest marked ancestor, and the text of
# attributes a reader meets (alt, title, aria-label, placeholder) likewise.
READ_TEXTS = """() => {
  const texts = [];
  const langOf = (el) => (el.closest('[lang]') || document.documentElement).getAttribute('lang');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, noscript')) continue;
    const text = node.textContent.trim();
    if (text) texts.push([langOf(el), text]);
  }
  for (const el of document.querySelectorAll('[alt], [title], [aria-label], [placeholder]')) {
    for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push([langOf(el), value.trim()]);
    }
  }
  texts.push([document.documentElement.getAttribute('lang'), document.title]);
  return texts;
}"""

LINKS = """() => Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"""

# Reached from links but not pages to read: the API, files, feeds and the admin.
NOT_PAGES = ("/api/", "/admin/", "/media/", "/static/", "/feed", "/sitemap", ".xml", ".json")


# Notes that Chinese pages used to show in English, some shorter than four words.
FORMER_ENGLISH = ("Translation: filmbase dossier", "English as printed", "Chinese title")


def english_runs(texts) -> list[str]:
    """Return the runs of four or more English words not marked as English."""
    found = []
    for lang, text in texts:
        if (lang or "").lower().startswith("en"):
            continue
        found.extend(match.group(0) for match in ENGLISH_RUN.finditer(text))
        found.extend(note for note in FORMER_ENGLISH if note in text)
    return found


def test_english_runs_are_found_only_outside_english():
    assert english_runs([("zh-Hans", "中文片名经[S8]确认。English title: this dossier's one")])
    assert english_runs([("zh-Hans", "称之为Kling AI Director Co-Creation Project")])
    assert english_runs([("zh-Hans", "Translation: filmbase dossier")])
    assert not english_runs([("en", "English title: this dossier's translation")])
    assert not english_runs([("zh-Hans", "见[S1, S2, S8]；Unknown Pleasures Pictures，AI")])


def _chinese_page(base: str, href: str) -> str | None:
    """Return the site path of `href` if it is a Chinese reader page, else None."""
    url = urlsplit(urljoin(base + "/", href))
    if url.netloc != urlsplit(base).netloc or not url.path.startswith("/zh-hans/"):
        return None
    if any(part in url.path for part in NOT_PAGES):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def test_no_chinese_page_shows_english_of_ours(chromium, live_server):  # noqa: F811
    assert seed_load() is True
    tab = Visit(chromium, live_server.url)
    # Read as data, not opened: the browser's XML viewer styles itself inline.
    sitemap = tab.page.request.get(live_server.url + "/sitemap.xml").text()
    start = {"/zh-hans/", "/zh-hans/search/?q=可灵"}
    start |= {
        _chinese_page(live_server.url, loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
        if _chinese_page(live_server.url, loc)
    }
    queue, seen, report = sorted(start), set(start), {}
    while queue:
        path = queue.pop(0)
        page = tab.goto(path)
        if runs := english_runs(page.evaluate(READ_TEXTS)):
            report[path] = runs
        for href in page.evaluate(LINKS):
            found = _chinese_page(live_server.url, href.split("#")[0])
            if found and found not in seen and len(seen) < 400:
                seen.add(found)
                queue.append(found)
    tab.close()
    assert len(seen) > 40, sorted(seen)  # every film, person, theme and quote page
    assert not report, report
    assert not tab.foreign_requests
    assert not tab.console_errors, tab.console_errors
