"""Fixtures shared by every test module."""

import sys
import types

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import clear_url_caches

from films.curators import CURATORS_GROUP, grant_curator_permissions
from films.seed import seed_load
from tests.environments import production_environment


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files out of the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def prod_env(tmp_path):
    """The environment production requires, with a database file of this test's own."""
    return production_environment(tmp_path)


@pytest.fixture
def curators_group(db):
    """Return the Curators group as the data migration makes it.

    A transactional test (the system tests) empties every table when it ends, the group
    that migration made included; in random order a later test must not depend on it.
    """
    group = Group.objects.filter(name=CURATORS_GROUP).first()
    if group is None:
        grant_curator_permissions(django_apps)
        group = Group.objects.get(name=CURATORS_GROUP)
    return group


@pytest.fixture
def curator(django_user_model, curators_group):
    """Return a staff user in the Curators group, as `createcurator` makes them."""
    user = django_user_model.objects.create_user(
        username="curator", email="curator@example.org", password="curator-pass-9", is_staff=True
    )
    user.groups.add(curators_group)
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def site_with(settings):
    """Return a function that serves the site plus the given URL patterns, for one test."""
    from filmbase import urls  # the settings module must be set up first

    module = types.ModuleType("tests_extra_urls")
    module.handler404 = urls.handler404
    module.handler500 = urls.handler500

    def serve(*patterns):
        module.urlpatterns = [*urls.urlpatterns, *patterns]
        sys.modules[module.__name__] = module
        settings.ROOT_URLCONF = module.__name__
        clear_url_caches()

    yield serve
    sys.modules.pop(module.__name__, None)
    clear_url_caches()


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Give each test empty caches: no content version, no stored answer, no throttle count."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English: a language activated by one request must not leak."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def works(db):
    """Build a small, realistic collection: what the reader pages are tested against.

    Three published films (one with a settled title, one unconfirmed, one untitled), a
    draft, their directors, themes, quotes (one known only in translation), citations,
    a person's links and two milestones, one with an uncertain month.
    """
    import datetime

    from tests.films.factories import (
        CitationFactory,
        CollectionFactory,
        CreditFactory,
        FilmFactory,
        MilestoneFactory,
        ProductionStatementFactory,
        QuoteFactory,
        SourceFactory,
        ThemeFactory,
    )
    from tests.people.factories import PersonFactory

    collection = CollectionFactory(
        name="Keling AI Director Co-Creation Project",
        name_zh="可灵AI导演共创计划",
        slug="keling",
        venue="China Film Museum, Beijing",
        venue_zh="中国电影博物馆",
        organiser="Kling AI (Kuaishou)",
        description="Nine experimental AIGC short films.",
        description_zh="九部AIGC实验短片。",
    )
    jia = PersonFactory(name="Jia Zhangke", name_zh="贾樟柯", slug="jia-zhangke", bio="Director.")
    yip = PersonFactory(
        name="Tim Yip",
        name_zh="叶锦添",
        slug="tim-yip",
        other_names="Ye Jintian",
        birth_year=1957,
        birth_year_note="Uncertain: one non-authoritative source.",
    )
    xue = PersonFactory(name="Xue Xiaolu", name_zh="薛晓路", slug="xue-xiaolu", bio="", bio_zh="")
    editor = PersonFactory(name="Da Liu", name_zh="大刘", slug="da-liu")
    hometown = ThemeFactory(
        name="Hometown",
        name_zh="故乡",
        slug="hometown",
        description="Jia's Fenyang.",
        description_zh="",
    )
    scifi = ThemeFactory(name="Science fiction", name_zh="科幻", slug="science-fiction")
    wheat = FilmFactory(
        collection=collection,
        title="Wheat Harvest",
        title_zh="麦收",
        slug="wheat-harvest",
        synopsis="A robot speaks the Fenyang dialect and harvests wheat.",
        synopsis_zh="机器人说汾阳话，帮老人收麦子。",
        runtime_seconds=360,
        runtime_is_approximate=True,
        production_notes="First robot lead.",
        order=2,
        premiere_date=datetime.date(2024, 12, 6),
        director=jia,
        watch_url="https://video.example.org/wheat",
    )
    courier = FilmFactory(
        collection=collection,
        title="The Courier",
        title_zh="快递员",
        slug="the-courier",
        title_status="uncertain",
        synopsis="An alien courier named Lili seeks a silver dragon.",
        synopsis_zh="",
        order=3,
        director=yip,
    )
    untitled = FilmFactory(
        collection=collection,
        title=None,
        title_zh=None,
        title_status="unknown",
        slug="xue-xiaolu-film",
        synopsis="",
        synopsis_zh="",
        order=4,
        director=xue,
    )
    CreditFactory(film=untitled, person=editor, role="editor")
    draft = FilmFactory(
        collection=collection,
        title="Secret Draft",
        title_zh="秘密草稿",
        slug="secret-draft",
        status="draft",
        order=5,
        director=jia,
    )
    yu = PersonFactory(name="Yu Baimei", name_zh="俞白眉", slug="yu-baimei")
    ghosts = FilmFactory(
        collection=collection,
        title="No Disturbance from Ghosts",
        title_zh="百鬼勿扰",
        slug="no-disturbance-from-ghosts",
        other_titles="钟馗:百鬼勿扰",
        synopsis="Zhong Kui guards a phone's do-not-disturb mode.",
        synopsis_zh="钟馗守护手机的免打扰模式。",
        runtime_note="Sources disagree: 2 or 5 minutes.",
        order=6,
        director=yu,
    )
    wheat.themes.add(hometown)
    courier.themes.add(scifi)
    s6 = SourceFactory(key="S6", title="Premiere report", outlet="lianpr.com")
    s4 = SourceFactory(key="S4", title="AI rewrites the script", outlet="Xinhua")
    CitationFactory(film=wheat, source=s6, topic="title", note="Gives the Chinese title")
    CitationFactory(film=wheat, source=s4, topic="runtime", note="About 6 minutes")
    CitationFactory(film=None, person=yip, source=s6, topic="birth", note="Born 1957")
    ProductionStatementFactory(
        film=wheat,
        kind="tool",
        stage="",
        done_by="",
        feature="lip-sync",
        note="The robot speaks Fenyang dialect through lip-sync.",
        note_zh="机器人借对口型功能说汾阳话。",
        confidence="confirmed",
        sources=[s4, s6],
    )
    ProductionStatementFactory(film=wheat, sources=[s6])
    ProductionStatementFactory(
        film=wheat,
        kind="origin",
        stage="",
        done_by="",
        digital_source_type="trainedAlgorithmicMedia",
        sources=[s6],
    )
    ProductionStatementFactory(
        film=courier,
        kind="team",
        stage="",
        done_by="",
        person=editor,
        role="editor",
        note="Edited the film.",
        note_zh="剪辑了本片。",
        sources=[s6],
    )
    CitationFactory(
        film=None,
        collection=collection,
        source=s6,
        topic="premiere",
        note="Premiered 6 December 2024",
    )
    imagination = QuoteFactory(
        speaker=yip,
        film=courier,
        text="AI让我们拥有了无穷的想象力",
        language="zh",
        translation="AI gives us boundless imagination.",
        source=s6,
        translation_note="Our translation",
        occasion="At the premiere",
        occasion_zh="首映式上",
    )
    imagination.themes.add(scifi)
    zhong_kui = QuoteFactory(
        speaker=jia,
        film=wheat,
        text="",
        language="zh",
        translation="I've always been drawn to Zhong Kui.",
        source=s4,
        translation_note="Xinhua's English",
    )
    zhong_kui.themes.add(hometown)
    hidden = QuoteFactory(speaker=jia, film=draft, text="草稿里的话", source=s4)
    secret = QuoteFactory(speaker=jia, text="不公开的话", status="draft", source=s4)
    yip.links.create(label="Wikipedia", url="https://en.wikipedia.org/wiki/Tim_Yip")
    MilestoneFactory(
        date=datetime.date(2024, 6, 6), title="Kling released", title_zh="可灵发布", source=s6
    )
    MilestoneFactory(
        date=datetime.date(2024, 9, 1),
        date_precision="month",
        date_is_uncertain=True,
        title="Model 1.5",
        title_zh="1.5模型",
        source=s4,
    )
    return {
        "collection": collection,
        "jia": jia,
        "yip": yip,
        "xue": xue,
        "editor": editor,
        "hometown": hometown,
        "scifi": scifi,
        "wheat": wheat,
        "courier": courier,
        "untitled": untitled,
        "ghosts": ghosts,
        "yu": yu,
        "draft": draft,
        "imagination": imagination,
        "zhong_kui": zhong_kui,
        "hidden": hidden,
        "secret": secret,
        "s6": s6,
        "s4": s4,
    }


def grow_works(works, n: int = 100) -> None:
    """Add `n` more published films, people and quotes, linked to the nine works' own."""
    from tests.films.factories import grow_content

    grow_content(
        n,
        collection=works["collection"],
        film=works["wheat"],
        person=works["jia"],
        theme=works["hometown"],
        source=works["s6"],
    )


@pytest.fixture
def assert_query_counts(client, works, settings, django_assert_num_queries):
    """Check pinned query counts, uncached, in both languages, before and after growth.

    Call it with {url: count}: each page must run exactly `count` queries in English and
    in Chinese, and again after 100 more linked films, people and quotes are added.
    """
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "content-version": dummy}

    def check(counts: dict[str, int]) -> None:
        for url, count in counts.items():
            for prefix in ("", "/zh-hans"):
                with django_assert_num_queries(count):
                    assert client.get(prefix + url).status_code == 200, prefix + url

    def check_before_and_after_growth(counts: dict[str, int]) -> None:
        check(counts)
        grow_works(works)
        check(counts)

    return check_before_and_after_growth


@pytest.fixture
def api_client():
    """Return an anonymous DRF test client: JSON in, JSON out."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_client(curator):
    """Return a DRF test client that signs its requests with the curator's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    return client


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Load the seed once for a class of tests and roll it back after the last one.

    Each test still runs in its own savepoint (pytest-django's `django_db`), so a test
    that edits the data leaves the next one the seed as loaded.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert seed_load() is True
        yield
        transaction.set_rollback(True)


def _empties_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that empty the database at their end after all the others.

    Django's own runner does the same, so that data the migrations made is there for
    every ordinary test. pytest-randomly shuffles the order; this sort is stable, so the
    order within each group stays random.
    """
    items.sort(key=_empties_the_database)
