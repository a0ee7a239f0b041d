"""The reader pages in a real browser: headless Chromium (Debian's) driven by Playwright.

A reader's journey (home → film → director → theme → a quote's source), the language
switch and search; axe-core finds no WCAG 2.2 AA violation on any page type in either
language; the Content-Security-Policy blocks nothing and no page asks for anything from
another host; screenshots of a film page at 390 px and 1280 px go to artifacts/.

Needs /usr/bin/chromium (or FILMBASE_CHROMIUM) and node_modules/axe-core (`npm ci`).
Without them these tests skip on a developer's machine, and fail when
FILMBASE_REQUIRE_BROWSER=1, as `.ci/run` sets it: CI never passes by skipping them.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("FILMBASE_CHROMIUM", "/usr/bin/chromium"))
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

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

    def axe_violations(self) -> list[str]:
        """Run axe-core in the page for WCAG 2.2 AA and return its violations, readable."""
        # Evaluated through the DevTools protocol, which the page's CSP does not govern;
        # the site itself never allows an inline script.
        self.page.evaluate(AXE.read_text() + "\n;0")
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"]
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(chromium, live_server, works):
    tabs = []

    def open_tab(width: int = 1280) -> Visit:
        tab = Visit(chromium, live_server.url, width)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        assert not tab.console_errors, f"console errors or broken assets: {tab.console_errors}"
        tab.close()


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

    source = page.locator("figure.quote cite a").first
    href = source.get_attribute("href")
    assert href == works["s4"].url
    source.click()
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


PAGES = [
    "/",
    "/films/",
    "/films/wheat-harvest/",
    "/films/xue-xiaolu-film/",
    "/directors/",
    "/people/tim-yip/",
    "/themes/",
    "/themes/science-fiction/",
    "/quotes/",
    "/quotes/?director=no-one",
    "/quotes/{imagination}/",
    "/search/?q=AI",
    "/about/",
    "/no-such-page/",
]


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_every_page_type_passes_axe_and_stays_on_the_site(visit, works, language):
    tab = visit()
    report = {}
    for path in PAGES:
        path = path.format(imagination=works["imagination"].pk)
        status = 404 if "no-" in path else 200
        tab.goto(language + path, status=status)
        if violations := tab.axe_violations():
            report[language + path] = violations
    assert not report, report
    assert not tab.foreign_requests


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
