"""The permission matrix: who may open which admin page, write through the API, see a draft.

Five kinds of visitor: anonymous, a signed-in reader (no staff flag), staff without any
permission, a curator (the Curators group, as `createcurator` makes them) and a
superuser. The admin pages are taken from the admin site's registry and the API
resources from the router, so a model registered tomorrow is in the matrix at once:
a content model the curators cannot edit, or a new model they can, fails here.

The data (one entry of every registered model, the five accounts) is built once for the
module and rolled back after it; each test runs in its own savepoint.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from filmbase.api_router import router
from films.curators import CONTENT_MODELS, CURATORS_GROUP, grant_curator_permissions
from tests.films.factories import (
    CitationFactory,
    FilmFactory,
    MilestoneFactory,
    ProductionStatementFactory,
    QuoteFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "staff", "curator", "superuser")
DRAFT_SLUG = "matrix-draft-film"
DRAFT_TITLE = "Matrixdraft Unseen"
CONTENT = {f"{app}.{model}" for app, models in CONTENT_MODELS.items() for model in models}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
ADMIN_PAGES = ("changelist", "add", "change", "delete", "history")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Build one entry of every registered model and the five accounts, once."""
    with django_db_blocker.unblock(), transaction.atomic():
        film = FilmFactory(slug="matrix-film", title="Matrix Film")
        person = film.directors[0]
        person.links.create(label="Home page", url="https://example.org/")
        FilmFactory(slug=DRAFT_SLUG, title=DRAFT_TITLE, status="draft", collection=film.collection)
        quote = QuoteFactory(speaker=person, film=film)
        quote.themes.add(ThemeFactory(slug="matrix-theme"))
        CitationFactory(film=film, source=quote.source)
        MilestoneFactory(source=quote.source)
        ProductionStatementFactory(film=film, sources=[quote.source])
        users = {
            "reader": User.objects.create_user("reader", password="x"),
            "staff": User.objects.create_user("staff", password="x", is_staff=True),
            "curator": User.objects.create_user("curator", password="x", is_staff=True),
            "superuser": User.objects.create_superuser("root", password="x"),
        }
        grant_curator_permissions(django_apps)  # a transactional test may have emptied it
        users["curator"].groups.add(Group.objects.get(name=CURATORS_GROUP))
        tokens = {role: Token.objects.create(user=user).key for role, user in users.items()}
        AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", failures_since_start=1)
        AccessLog.objects.create(username="x", ip_address="192.0.2.1")
        AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1")
        # One signed-in client per role for the whole module (their sessions live as
        # long as the data): signing in again for each of ~100 tests is most of the time.
        pages, apis = {"anonymous": Client()}, {"anonymous": APIClient()}
        for role, user in users.items():
            pages[role] = Client()
            pages[role].force_login(user)
            apis[role] = APIClient()
            apis[role].credentials(HTTP_AUTHORIZATION=f"Token {tokens[role]}")
        yield {"users": users, "pages": pages, "apis": apis}
        transaction.set_rollback(True)


def page_client(world, role: str) -> Client:
    return world["pages"][role]


def api_client(world, role: str) -> APIClient:
    return world["apis"][role]


# -- Every admin page -----------------------------------------------------------------------


def test_every_content_model_is_registered_and_nothing_else_is_curators():
    registered = {model._meta.label_lower for model in REGISTERED}
    assert registered >= CONTENT
    curated_apps = set(CONTENT_MODELS)
    for label in registered:
        if label.split(".")[0] in curated_apps:
            assert label in CONTENT, f"{label}: add it to films/curators.py or keep it out"


def test_admin_index(world):
    statuses = {role: page_client(world, role).get("/admin/").status_code for role in ROLES}
    assert statuses == {
        "anonymous": 302,
        "reader": 302,  # not staff: sent to the sign-in page
        "staff": 200,  # "you don't have permission to view or edit anything"
        "curator": 200,
        "superuser": 200,
    }


def _expected_admin(label: str, page: str) -> dict[str, int]:
    # django-axes' records are written by axes alone: nobody adds one by hand.
    everyone_refused = label.startswith("axes.") and page == "add"
    allowed = 403 if everyone_refused else 200
    return {
        "anonymous": 302,
        "reader": 302,
        "staff": 403,
        "curator": allowed if label in CONTENT else 403,
        "superuser": allowed,
    }


@pytest.mark.parametrize("page", ADMIN_PAGES)
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_page(world, model, page):
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{page}"
    if page in ("changelist", "add"):
        url = reverse(name)
    else:
        entry = model._default_manager.order_by("pk").first()
        assert entry is not None, f"give {opts.label} an entry in the `world` fixture"
        url = reverse(name, args=[quote(entry.pk)])
    statuses = {role: page_client(world, role).get(url).status_code for role in ROLES}
    assert statuses == _expected_admin(opts.label_lower, page), url


@pytest.mark.parametrize("role", ["staff", "curator"])
def test_a_refused_admin_delete_deletes_nothing(world, role):
    victim = world["users"]["reader"]
    url = reverse("admin:auth_user_delete", args=[victim.pk])
    response = page_client(world, role).post(url, {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=victim.pk).exists()


# -- Every API write endpoint ----------------------------------------------------------------

RESOURCES = [(prefix, viewset) for prefix, viewset, _ in router.registry]


def _detail_url(prefix: str, key) -> str:
    return f"/api/v1/{prefix}/{key}/"


@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[p for p, _ in RESOURCES])
def test_api_writes(world, prefix, viewset):
    entry = viewset.model._default_manager.order_by("pk").first()
    assert entry is not None, f"give {viewset.model._meta.label} an entry in `world`"
    key = getattr(entry, viewset.lookup_field)
    missing = "no-such-entry" if viewset.lookup_field == "slug" else 999999999
    statuses = {}
    for role in ROLES:
        client = api_client(world, role)
        statuses[role] = {
            "post": client.post(f"/api/v1/{prefix}/", {}, format="json").status_code,
            "put": client.put(_detail_url(prefix, key), {}, format="json").status_code,
            "patch": client.patch(_detail_url(prefix, key), {}, format="json").status_code,
            # A missing entry: once allowed, the answer is 404 and no data is lost.
            "delete": client.delete(_detail_url(prefix, missing)).status_code,
        }
    refused_anonymous = {"post": 401, "put": 401, "patch": 401, "delete": 401}
    refused = {"post": 403, "put": 403, "patch": 403, "delete": 403}
    # Allowed: an empty body is a 400 for a create or a full update, a no-op PATCH is a 200.
    allowed = {"post": 400, "put": 400, "patch": 200, "delete": 404}
    assert statuses == {
        "anonymous": refused_anonymous,
        "reader": refused,
        "staff": refused,
        "curator": allowed,
        "superuser": allowed,
    }


def test_a_real_api_delete_is_refused_to_non_curators_and_allowed_to_curators(world):
    milestone = MilestoneFactory()
    url = f"/api/v1/milestones/{milestone.pk}/"
    for role in ("anonymous", "reader", "staff"):
        assert api_client(world, role).delete(url).status_code in (401, 403)
    assert type(milestone).objects.filter(pk=milestone.pk).exists()
    assert api_client(world, "curator").delete(url).status_code == 204
    assert not type(milestone).objects.filter(pk=milestone.pk).exists()


# -- Drafts ------------------------------------------------------------------------------------


def _slugs(response) -> set[str]:
    return {entry["slug"] for entry in response.json()["results"]}


def test_a_draft_film_is_shown_to_curators_in_the_api_only(world):
    sees = {}
    for role in ROLES:
        client, api = page_client(world, role), api_client(world, role)
        sees[role] = {
            "page": client.get(f"/films/{DRAFT_SLUG}/").status_code,
            "page zh": client.get(f"/zh-hans/films/{DRAFT_SLUG}/").status_code,
            "api detail": api.get(f"/api/v1/films/{DRAFT_SLUG}/").status_code,
            "api list": DRAFT_SLUG in _slugs(api.get("/api/v1/films/?page_size=100")),
        }
    hidden = {"page": 404, "page zh": 404, "api detail": 404, "api list": False}
    # Curators preview drafts in the admin and read them in the API; the reader pages
    # (shared by everyone through the public cache) never show them.
    shown = {"page": 404, "page zh": 404, "api detail": 200, "api list": True}
    assert sees == {
        "anonymous": hidden,
        "reader": hidden,
        "staff": hidden,
        "curator": shown,
        "superuser": shown,
    }


def test_a_draft_film_is_never_in_search_or_the_sitemap(world):
    for role in ROLES:
        client, api = page_client(world, role), api_client(world, role)
        assert "Matrix Film" in client.get("/search/?q=Matrix").content.decode()
        page = client.get("/search/?q=Matrixdraft").content.decode()
        assert DRAFT_SLUG not in page and DRAFT_TITLE not in page, role
        hits = api.get("/api/v1/search/?q=Matrixdraft").content.decode()
        assert DRAFT_SLUG not in hits and DRAFT_TITLE not in hits, role
        sitemap = client.get("/sitemap-films.xml").content.decode()
        assert "/films/matrix-film/" in sitemap
        assert DRAFT_SLUG not in sitemap, role
