"""The reader pages in a real browser: headless Chromium (Debian's) driven by Playwright.

A reader's journey (home → film → director → theme → a quote's source), the language
switch and search; axe-core finds no violation of WCAG 2.0-2.2 A/AA or its best practices
on any page kind, in either language, at a phone's and a desktop's width (the seed data:
the nine works as readers see them); the Content-Security-Policy blocks nothing and no page
asks for anything from another host; screenshots of a film page at 390 px and 1280 px go
to artifacts/.
Every published Chinese page shows no English of ours outside lang="en" (a crawl).

Needs /usr/bin/chromium (or FILMBASE_CHROMIUM) and node_modules/axe-core (`npm ci`).
Without them these tests skip on a developer's machine, and fail when
FILMBASE_REQUIRE_BROWSER=1, as `.ci/run` sets it: CI never passes by skipping them.
"""

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from films.seed import seed_load

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("FILMBASE_CHROMIUM", "/usr/bin/chromium"))
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "artifacts" / "screenshots"
# README's screenshots: `make screenshots` writes them here; other runs to SCREENSHOTS.
README_SCREENSHOTS = BASE_DIR / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with the reason. None: every rule under AXE_TAGS runs.
AXE_DISABLED_RULES: dict[str, str] = {}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _missing() -> str:
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install -y chromium chromium-driver)")
    if not AXE.exists():
        problems.append(f"{AXE.relative_to(BASE_DIR)} is missing (run `npm ci`)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("the playwright package is missing (make install)")
    return "; ".join(problems)


@pytest.fixture(scope="session")
def chromium():
    """Start Debian's Chromium once for the session; never download a browser."""
    if problem := _missing():
        if os.environ.get("FILMBASE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests cannot run: {problem}", pytrace=False)
        pytest.skip(f"browser tests skipped: {problem}")
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls
    # are ordinary blocking code, so tell Django not to refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Visit:
    """One browser tab on the live server that records what a reader must never see."""

    def __init__(self, browser, base_url: str, width: int = 1280):
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, device_scale_factor=1
        )
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.page.on("response", self._response)
        # Nothing leaves the machine: a request to another host is recorded and answered
        # by a stub, so that following a source link can be tested offline.
        self.page.route("**/*", self._route)

    def _console(self, message):
        # A page answered 404 on purpose logs "Failed to load resource"; broken
        # subresources are caught by _response instead, CSP refusals here.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _response(self, response):
        if response.request.resource_type != "document" and response.status >= 400:
            self.console_errors.append(f"{response.status} {response.url}")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == self.host:
            route.continue_()
            return
        self.foreign_requests.append(url)
        route.fulfill(status=200, content_type="text/html", body="<title>source</title>")

    def goto(self, path: str, status: int = 200):
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{path}: {response.status}"
        return self.page

    def axe_result(self) -> dict:
        """Run axe-core in the page under AXE_TAGS and return its whole result."""
        # Evaluated through the DevTools protocol, which the page's CSP does not govern;
        # the site itself never allows an inline script.
        self.page.evaluate(AXE.read_text() + "\n;0")
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES},
        }
        return self.page.evaluate("options => axe.run(document, options)", options)

    def axe_violations(self) -> list[str]:
        """Run axe-core in the page under AXE_TAGS and return its violations, readable."""
        result = self.axe_result()
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"]
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def open_tabs(chromium, live_server):
    tabs = []

    def open_tab(width: int = 1280) -> Visit:
        tab = Visit(chromium, live_server.url, width)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        assert not tab.console_errors, f"console errors or broken assets: {tab.console_errors}"
        tab.close()


@pytest.fixture
def visit(open_tabs, works):
    return open_tabs


@pytest.fixture
def seeded_visit(open_tabs, db):
    """Tabs on the site as `make run` serves it: the nine works of the seed data."""
    from films.seed import seed_load

    assert seed_load()
    return open_tabs


def test_a_reader_follows_film_director_theme_and_a_quote_source(visit, works):
    tab = visit()
    page = tab.goto("/")
    assert page.locator("h1").inner_text().startswith("Keling AI Director")

    page.get_by_role("link", name=re.compile("Wheat Harvest")).first.click()
    page.wait_for_url("**/films/wheat-harvest/")
    assert page.locator("h1 [lang='zh-Hans']").inner_text() == "麦收"
    assert page.get_by_text("English title: translation").is_visible()

    page.locator(".facts").get_by_role("link", name="Jia Zhangke").click()
    page.wait_for_url("**/people/jia-zhangke/")
    assert "Jia Zhangke" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Wheat Harvest").first.click()
    page.wait_for_url("**/films/wheat-harvest/")
    page.get_by_role("link", name="Hometown").click()
    page.wait_for_url("**/themes/hometown/")
    assert page.locator("h1").inner_text() == "Hometown"

    # A quote's source leads to the source's page, and from there out to the page read.
    source = page.locator("figure.quote cite a").first
    assert source.get_attribute("href") == works["s4"].get_absolute_url()
    source.click()
    page.wait_for_url("**/sources/S4/")
    out = page.locator(".facts").get_by_role("link", name=works["s4"].url)
    href = out.get_attribute("href")
    assert href == works["s4"].url
    out.click()
    page.wait_for_url(href)
    assert tab.foreign_requests == [href]  # the only request that left the site: a click


def test_the_language_switch_keeps_the_page(visit):
    tab = visit()
    page = tab.goto("/films/wheat-harvest/")
    page.locator(".lang-switch").get_by_role("link", name="简体中文").click()
    page.wait_for_url("**/zh-hans/films/wheat-harvest/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1 .title-main").inner_text().startswith("麦收")
    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r".*/films/wheat-harvest/$"))
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("麦收", "Wheat Harvest"), ("Fenyang", "Wheat Harvest"), ("Lili", "The Courier")],
)
def test_search_from_the_header(visit, query, expected):
    tab = visit()
    page = tab.goto("/")
    page.get_by_role("searchbox", name="Search filmbase").fill(query)
    page.get_by_role("searchbox", name="Search filmbase").press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q="))
    assert page.locator("#results-films + ul").get_by_text(expected).is_visible()


# One page of every kind a reader can reach, on the seed data, as (path, status). A new
# kind of page adds its line here: the axe test below then covers it in both languages.
PAGES = [
    ("/", 200),  # home
    ("/films/", 200),
    ("/films/wheat-harvest/", 200),  # a confirmed title
    ("/films/new-world/", 200),  # an uncertain title
    ("/films/xue-xiaolu-untitled/", 200),  # no title in our sources
    ("/directors/", 200),
    ("/people/jia-zhangke/", 200),
    ("/themes/", 200),
    ("/themes/humans-and-ai/", 200),
    ("/quotes/", 200),
    ("/quotes/?director=jia-zhangke", 200),  # a filter
    ("/quotes/{quote}/", 200),  # a quote page: {quote} is a published quote's id
    ("/search/", 200),  # no query yet
    ("/search/?q=%E9%BA%A6%E6%94%B6", 200),  # 麦收: results
    ("/search/?q=zzzz", 200),  # no results
    ("/about/", 200),
    ("/making/", 200),  # the works compared: a wide table in its own region
    ("/sources/", 200),
    ("/sources/S6/", 200),  # a source: the notes of every page lead here
    ("/no-such-page/", 404),
]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_every_page_kind_passes_axe_and_stays_on_the_site(seeded_visit, language, width):
    from films.models import Quote

    ids = {"quote": Quote.objects.filter(status="published").order_by("pk").first().pk}
    tab = seeded_visit(width)
    report = {}
    for path, status in PAGES:
        path = path.format(**ids)
        tab.goto(language + path, status=status)
        if violations := tab.axe_violations():
            report[language + path] = violations
    assert not report, "\n".join(f"{path}: {v}" for path, vs in report.items() for v in vs)
    assert not tab.foreign_requests


@pytest.mark.parametrize("width", [390, 1280])
def test_source_markers_are_targets_a_finger_can_hit(seeded_visit, width):
    """Every marker is at least 24 x 24 px, and axe really ran its WCAG 2.2 target rule."""
    tab = seeded_visit(width)
    for language in ("", "/zh-hans"):
        page = tab.goto(f"{language}/films/wheat-harvest/")
        sizes = page.eval_on_selector_all(
            "a.ref",
            "links => links.map(a => [a.getAttribute('href'), a.getBoundingClientRect().width,"
            " a.getBoundingClientRect().height])",
        )
        assert len(sizes) >= 5, sizes
        small = [(href, w, h) for href, w, h in sizes if w < 24 or h < 24]
        assert not small, small
        result = tab.axe_result()
        assert "target-size" in {rule["id"] for rule in result["passes"]}
        assert not result["violations"]


@pytest.mark.parametrize("width", [390, 1280])
def test_film_page_screenshots(visit, width):
    tab = visit(width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("", "/zh-hans"):
        page = tab.goto(f"{language}/films/wheat-harvest/")
        # Nothing wider than the screen: a phone reader never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        name = f"film-{language.strip('/') or 'en'}-{width}.png"
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
        assert (SCREENSHOTS / name).stat().st_size > 10_000


def test_the_making_table_scrolls_in_its_own_region_on_a_phone(visit):
    tab = visit(390)
    for language in ("", "/zh-hans"):
        page = tab.goto(f"{language}/making/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        region = page.locator(".table-scroll")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        # A keyboard reader reaches the region and scrolls it with the arrow keys.
        region.focus()
        page.keyboard.press("ArrowRight")
        # The browser may scroll smoothly: wait for the region to have moved.
        page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("film", "/films/wheat-harvest/"),
        ("film-zh-hans", "/zh-hans/films/the-courier/"),
    ],
)
def test_readme_screenshots(seeded_visit, name, path):
    """README's three pictures of the site as `make run` serves it: 1024 x 720 px, in 256
    colours so that each stays small; `make screenshots` refreshes the committed ones."""
    from PIL import Image

    folder = README_SCREENSHOTS if os.environ.get("FILMBASE_SCREENSHOTS") == "docs" else SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    tab = seeded_visit(1024)
    tab.page.set_viewport_size({"width": 1024, "height": 720})
    page = tab.goto(path)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target))
    with Image.open(target) as shot:
        small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)
    with Image.open(target) as saved:
        assert saved.size == (1024, 720)
    assert 10_000 < target.stat().st_size < 150_000
    # The committed picture exists and has the same shape (its pixels follow fonts).
    with Image.open(README_SCREENSHOTS / f"{name}.png") as committed:
        assert committed.size == (1024, 720)


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/api/v1/docs/", ".swagger-ui .info .title"), ("/api/v1/redoc/", "h1")],
)
def test_the_api_docs_render_under_the_strict_policy(visit, path, heading):
    """Swagger UI and Redoc work with no inline script: the CSP refuses nothing they need."""
    tab = visit()
    if "redoc" in path:
        # Redoc's footer asks for its maker's logo from a CDN: the policy refuses it (the
        # image then hides itself), which is what we want; nothing else may be refused.
        with tab.page.expect_console_message(lambda m: "cdn.redoc.ly" in m.text, timeout=20_000):
            page = tab.goto(path)
        tab.console_errors = [e for e in tab.console_errors if "cdn.redoc.ly" not in e]
    else:
        page = tab.goto(path)
    assert "filmbase API" in page.locator(heading).first.inner_text(timeout=15_000)
    assert not tab.foreign_requests


# -- The Chinese edition: a Chinese reader meets no English of ours ------------------
#
# Every published page under /zh-hans/ that the site links to is crawled, from the home
# page and the sitemap, with the nine works of the seed. Every text a reader can meet is
# read with the language it is marked in: a run of four or more English words outside
# an element marked lang="en" is English that filmbase wrote and did not translate.
# English that belongs there (a source's title, a quote printed in English, an English
# film title) is marked lang="en" and passes.

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
  // The title names what the heading names: an English source's page is titled in English.
  const heading = document.querySelector('h1');
  const titleLang = heading ? langOf(heading) : document.documentElement.getAttribute('lang');
  texts.push([titleLang, document.title]);
  return texts;
}"""

LINKS = """() => Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"""

# Reached from links but not pages to read: the API, files, feeds and the admin.
NOT_PAGES = ("/api/", "/admin/", "/media/", "/static/", "/feed", "/sitemap")
# Downloads (a citation as BibTeX, CSL-JSON or RIS, a feed) are files, not pages.
NOT_PAGE_ENDINGS = (".xml", ".json", ".bib", ".ris")


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
    if any(part in url.path for part in NOT_PAGES) or url.path.endswith(NOT_PAGE_ENDINGS):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def test_no_chinese_page_shows_english_of_ours(chromium, live_server):
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
