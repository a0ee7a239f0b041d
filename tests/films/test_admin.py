"""The curators' admin: what a curator can do, and what everyone else cannot."""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db.models import PROTECT
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.content import ContentModel
from films.backup import export_content
from films.models import Credit, Film, Quote
from tests.admin_forms import form_as_posted
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

pytestmark = pytest.mark.django_db


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def film_form_data(collection, **overrides):
    data = {
        "collection": collection.pk,
        "order": "10",
        "slug": "wheat-harvest",
        "status": "published",
        "title_zh": "麦收",
        "title": "Wheat Harvest",
        "title_status": "confirmed",
        "synopsis": "A robot goes home to help with the harvest.",
        **inline_management("credits", 0),
        **inline_management("quotes", 0),
        **inline_management("citations", 0),
        **inline_management("production", 0),
    }
    data.update(overrides)
    return data


def test_curator_adds_a_film_with_a_credit_and_a_quote_inline(curator_client):
    collection = CollectionFactory()
    director = PersonFactory(name="Jia Zhangke", name_zh="贾樟柯")
    source = SourceFactory()
    data = film_form_data(
        collection,
        **inline_management("credits", 1),
        **{"credits-0-person": director.pk, "credits-0-role": "director", "credits-0-order": "0"},
        **inline_management("quotes", 1),
        **{
            "quotes-0-speaker": director.pk,
            "quotes-0-status": "published",
            "quotes-0-language": "en",
            "quotes-0-text": "AI will not replace humans.",
            "quotes-0-source": source.pk,
        },
    )
    response = curator_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    film = Film.objects.get(slug="wheat-harvest")
    assert [c.person for c in film.credits.all()] == [director]
    assert film.quotes.get().source == source


def test_curator_records_how_a_film_was_made_with_its_sources(curator_client):
    collection = CollectionFactory()
    s3, s8 = SourceFactory(key="S3"), SourceFactory(key="S8")
    data = film_form_data(
        collection,
        **inline_management("production", 1),
        **{
            "production-0-kind": "tool",
            "production-0-order": "0",
            "production-0-confidence": "confirmed",
            "production-0-feature": "lip-sync",
            "production-0-note": "The robot speaks Fenyang dialect through lip-sync.",
            "production-0-note_zh": "机器人借对口型功能说汾阳话。",
            "production-0-sources": [s3.pk, s8.pk],
        },
    )
    response = curator_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Film.objects.get(slug="wheat-harvest").production.get()
    assert statement.feature == "lip-sync"
    assert set(statement.sources.all()) == {s3, s8}
    # The film's change form shows the statement with its sources.
    page = curator_client.get(reverse("admin:films_film_change", args=[statement.film_id]))
    assert "The robot speaks Fenyang dialect through lip-sync." in page.content.decode()
    assert f'<option value="{s3.pk}" selected>' in page.content.decode()


def test_a_statement_of_the_wrong_shape_is_refused_with_a_message(curator_client):
    data = film_form_data(
        CollectionFactory(),
        **inline_management("production", 1),
        **{
            "production-0-kind": "stage",
            "production-0-order": "0",
            "production-0-confidence": "single_source",
            "production-0-note": "Someone did something.",
        },
    )
    response = curator_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 200
    assert "A stage statement names the stage." in response.content.decode()
    assert not Film.objects.exists()


def test_needs_sourcing_queue_lists_statements_without_a_source(curator_client):
    sourced = ProductionStatementFactory(note="Sourced statement")
    CitationFactory(film=sourced.film)
    unsourced = ProductionStatementFactory(note="Unsourced statement", sources=[])
    CitationFactory(film=unsourced.film)
    queue = curator_client.get(
        reverse("admin:films_productionstatement_changelist"), {"needs_sourcing": "yes"}
    ).content.decode()
    assert "Unsourced statement" in queue and "Sourced statement" not in queue
    films = curator_client.get(
        reverse("admin:films_film_changelist"), {"needs_sourcing": "yes"}
    ).content.decode()
    assert escape(unsourced.film.display_title) in films
    assert escape(sourced.film.display_title) not in films


def test_a_failing_inline_saves_nothing_and_says_why(curator_client):
    collection = CollectionFactory()
    director = PersonFactory()
    data = film_form_data(
        collection,
        **inline_management("quotes", 1),
        **{
            "quotes-0-speaker": director.pk,
            "quotes-0-status": "published",
            "quotes-0-language": "en",
            "quotes-0-text": "Words without a source.",
        },
    )
    response = curator_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Film.objects.exists()
    assert not Quote.objects.exists()


def test_duplicate_slug_shows_a_message_on_the_form(curator_client):
    FilmFactory(slug="wheat-harvest")
    response = curator_client.post(
        reverse("admin:films_film_add"), film_form_data(CollectionFactory())
    )
    assert response.status_code == 200
    assert "Film with this Slug already exists." in response.content.decode()
    assert Film.objects.count() == 1


@pytest.mark.parametrize(
    "titles",
    [{}, {"title": ""}, {"title_zh": ""}],
    ids=["both-titles", "chinese-title-only", "english-title-only"],
)
def test_unknown_title_with_a_title_is_refused_with_a_message(curator_client, titles):
    response = curator_client.post(
        reverse("admin:films_film_add"),
        film_form_data(CollectionFactory(), title_status="unknown", **titles),
    )
    assert response.status_code == 200
    assert "A film whose title is unknown has no title." in response.content.decode()
    assert not Film.objects.exists()


def test_curator_can_use_every_content_admin(curator_client):
    for name in [
        "films_film",
        "films_quote",
        "films_theme",
        "films_source",
        "films_collection",
        "films_milestone",
        "films_credit",
        "films_citation",
        "films_productionstatement",
        "people_person",
        "people_personlink",
    ]:
        assert curator_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        assert curator_client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_curator_cannot_manage_users(curator_client):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_changelist_filters_and_search_work_in_both_languages(curator_client):
    theme = ThemeFactory(name="Hometown")
    film = FilmFactory(title="Wheat Harvest", title_zh="麦收")
    film.themes.add(theme)
    FilmFactory(title="Daisy", title_zh="雏菊", title_status="uncertain")
    url = reverse("admin:films_film_changelist")
    for query in ["麦收", "wheat"]:
        response = curator_client.get(url, {"q": query})
        assert list(response.context["cl"].result_list) == [film]
    needs = curator_client.get(url, {"needs_sourcing": "yes"}).context["cl"].result_list
    assert {f.title for f in needs} == {"Wheat Harvest", "Daisy"}  # neither cites a source
    by_theme = curator_client.get(url, {"themes__id__exact": theme.pk}).context["cl"]
    assert list(by_theme.result_list) == [film]
    director = film.credits.get(role=Credit.Role.DIRECTOR).person
    by_director = curator_client.get(url, {"director": director.slug}).context["cl"]
    assert list(by_director.result_list) == [film]


def test_staff_user_outside_curators_is_refused(client, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(outsider)
    assert client.get(reverse("admin:films_film_changelist")).status_code == 403
    response = client.post(reverse("admin:films_film_add"), film_form_data(CollectionFactory()))
    assert response.status_code == 403
    assert not Film.objects.exists()


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:films_film_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_view_on_site_links_to_the_reader_page(curator_client):
    film = FilmFactory(title="Wheat Harvest", slug="wheat-harvest")
    page = curator_client.get(reverse("admin:films_film_change", args=[film.pk])).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">View on site</a>', page)
    assert link, "no View on site link"
    reader = curator_client.get(link.group(1), follow=True)
    assert reader.redirect_chain[-1][0] == "http://testserver/films/wheat-harvest/"
    assert reader.status_code == 200
    assert "<h1" in reader.content.decode() and "Wheat Harvest" in reader.content.decode()


# -- No lost work: stale forms, history and revert, for every versioned model ------------------


@dataclass(frozen=True)
class Versioned:
    """A model with a version: how to make one, its admin, a text to edit, its API address."""

    factory: type
    admin: str
    field: str
    resource: str
    lookup: str = "slug"

    def make(self, **fields):
        return self.factory(**fields)

    def change_url(self, entry) -> str:
        return reverse(f"admin:{self.admin}_change", args=[entry.pk])

    def api_url(self, entry) -> str:
        return f"/api/v1/{self.resource}/{getattr(entry, self.lookup)}/"


VERSIONED = {
    "film": Versioned(FilmFactory, "films_film", "synopsis", "films"),
    "person": Versioned(PersonFactory, "people_person", "bio", "people"),
    "theme": Versioned(ThemeFactory, "films_theme", "description", "themes"),
    "quote": Versioned(QuoteFactory, "films_quote", "translation", "quotes", "pk"),
    "source": Versioned(SourceFactory, "films_source", "note", "sources", "pk"),
    "collection": Versioned(CollectionFactory, "films_collection", "description", "collections"),
    "milestone": Versioned(MilestoneFactory, "films_milestone", "description", "milestones", "pk"),
}


def test_every_versioned_model_is_covered():
    versioned = {m for m in apps.get_models() if issubclass(m, ContentModel)}
    assert {v.factory._meta.model for v in VERSIONED.values()} == versioned


@pytest.fixture
def second_curator(django_user_model, curators_group):
    user = django_user_model.objects.create_user("bo", password="x", is_staff=True)
    user.groups.add(curators_group)
    return user


def test_the_same_citation_twice_is_refused_at_the_form(curator_client):
    citation = CitationFactory(note="Gives the Chinese title")
    film = citation.film
    url = reverse("admin:films_film_change", args=[film.pk])
    form = form_as_posted(curator_client.get(url))
    count = int(form["citations-TOTAL_FORMS"])
    form.update(
        {
            "citations-TOTAL_FORMS": str(count + 1),
            f"citations-{count}-film": film.pk,
            f"citations-{count}-source": citation.source.pk,
            f"citations-{count}-topic": citation.topic,
            f"citations-{count}-note": citation.note,
            f"citations-{count}-order": "0",
        }
    )
    refused = curator_client.post(url, form)
    assert refused.status_code == 200  # the form again, with the message, not a 500
    assert "This citation exists already: the same source for the same fact." in (
        refused.content.decode()
    )
    assert film.citations.count() == 1


@pytest.mark.parametrize("kind", VERSIONED)
def test_a_change_sent_without_its_version_is_refused(kind, client, curator):
    """A form that lost its hidden version (a script, a stripped field) cannot overwrite."""
    model = VERSIONED[kind]
    entry = model.make(**{model.field: "As loaded."})
    url = model.change_url(entry)
    client.force_login(curator)
    form = form_as_posted(client.get(url), **{model.field: "Unversioned words."})
    assert form.pop("edited_version")
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "sent without the version it was opened at" in refused.content.decode()
    entry.refresh_from_db()
    assert getattr(entry, model.field) == "As loaded." and entry.version == 1


@pytest.mark.parametrize("kind", VERSIONED)
def test_the_second_save_of_a_stale_form_is_refused_and_loses_nothing(
    kind, client, curator, second_curator
):
    model = VERSIONED[kind]
    entry = model.make(**{model.field: "As loaded."})
    url = model.change_url(entry)

    client.force_login(curator)
    ann_form = form_as_posted(client.get(url), **{model.field: "Words by Ann."})
    client.force_login(second_curator)
    bo_form = form_as_posted(client.get(url), **{model.field: "Words by Bo."})
    saved = client.post(url, bo_form)  # Bo saves first
    assert saved.status_code == 302, saved.context["adminform"].form.errors

    before = export_content()["objects"]  # every row and every history record
    client.force_login(curator)
    refused = client.post(url, ann_form)  # Ann's form was opened before Bo saved
    assert refused.status_code == 200
    page = refused.content.decode()
    assert (
        f"Someone else saved this {entry._meta.verbose_name} while you were editing it, so "
        "your changes were not saved."
    ) in page
    assert "Words by Ann." in page  # her text is still on the form, to copy
    assert export_content()["objects"] == before
    entry.refresh_from_db()
    assert getattr(entry, model.field) == "Words by Bo." and entry.version == 2

    # Reopened, Ann's form is current again and saves.
    again = client.post(url, form_as_posted(client.get(url), **{model.field: "Words by Ann."}))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert getattr(entry, model.field) == "Words by Ann." and entry.version == 3


@pytest.mark.parametrize("kind", VERSIONED)
def test_every_change_is_in_the_history_and_a_revert_is_recorded(
    kind, curator_client, token_client, api_client
):
    model = VERSIONED[kind]
    entry = model.make(**{model.field: "First words."})
    start = timezone.now()
    url = model.change_url(entry)
    changed = curator_client.post(
        url, form_as_posted(curator_client.get(url), **{model.field: "Second words."})
    )
    assert changed.status_code == 302, changed.context["adminform"].form.errors
    etag = token_client.get(model.api_url(entry))["ETag"]
    written = token_client.patch(
        model.api_url(entry), {model.field: "Third words."}, format="json", HTTP_IF_MATCH=etag
    )
    assert written.status_code == 200, written.json()

    history = curator_client.get(reverse(f"admin:{model.admin}_history", args=[entry.pk]))
    text = history.content.decode()
    assert "First words." in text and "Second words." in text and "Third words." in text

    first = entry.history.earliest("history_date")
    revert_url = reverse(f"admin:{model.admin}_simple_history", args=[entry.pk, first.history_id])
    reverted = curator_client.post(revert_url, form_as_posted(curator_client.get(revert_url)))
    assert reverted.status_code == 302, reverted.context["adminform"].form.errors
    entry.refresh_from_db()
    assert getattr(entry, model.field) == "First words."
    assert entry.version == 4  # forward from 3, though the copy restored was version 1
    records = entry.history.order_by("history_date")
    assert [(r.history_type, getattr(r, model.field), r.version) for r in records] == [
        ("+", "First words.", 1),
        ("~", "Second words.", 2),
        ("~", "Third words.", 3),
        ("~", "First words.", 4),
    ]
    feed = api_client.get("/api/v1/changes/", {"since": start.isoformat()}).json()["results"]
    assert [(c["type"], c["action"]) for c in feed] == [(kind, "updated")] * 3
    assert token_client.get(model.api_url(entry))["ETag"].endswith('v4"')
    late = token_client.patch(  # an app still holding version 3 must read it again
        model.api_url(entry), {model.field: "Late."}, format="json", HTTP_IF_MATCH=written["ETag"]
    )
    assert late.status_code == 412


# -- Deleting what others refer to: refused, and why -----------------------------------------

# Each PROTECT relation: how to make a referrer, the field that points at the protected entry,
# the protected entry's admin and its API address.
PROTECTED = {
    "credit.person": (lambda: CreditFactory(), "person", "people_person", "people", "slug"),
    "quote.speaker": (lambda: QuoteFactory(), "speaker", "people_person", "people", "slug"),
    "quote.film": (
        lambda: QuoteFactory(film=FilmFactory(director=False)),
        "film",
        "films_film",
        "films",
        "slug",
    ),
    "quote.source": (lambda: QuoteFactory(), "source", "films_source", "sources", "pk"),
    "citation.source": (
        lambda: CitationFactory(film=FilmFactory(director=False)),
        "source",
        "films_source",
        "sources",
        "pk",
    ),
    "milestone.source": (lambda: MilestoneFactory(), "source", "films_source", "sources", "pk"),
    "productionstatement.person": (
        lambda: ProductionStatementFactory(
            film=FilmFactory(director=False),
            kind="team",
            stage="",
            done_by="",
            person=PersonFactory(),
            role="editor",
        ),
        "person",
        "people_person",
        "people",
        "slug",
    ),
    "film.collection": (
        lambda: FilmFactory(director=False),
        "collection",
        "films_collection",
        "collections",
        "slug",
    ),
}


def test_every_protect_relation_is_covered():
    protect = {
        f"{field.model._meta.model_name}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.remote_field.on_delete is PROTECT
    }
    assert protect == set(PROTECTED)


@pytest.mark.parametrize("relation", PROTECTED)
def test_deleting_what_others_refer_to_is_refused_with_why(relation, curator_client, token_client):
    make, field, admin_name, resource, lookup = PROTECTED[relation]
    referrer = make()
    entry = getattr(referrer, field)
    before = export_content()["objects"]

    # The admin: Django's page that names what protects the entry, for the delete link and
    # for the change list's "delete selected" action, even when the deletion is confirmed.
    delete_url = reverse(f"admin:{admin_name}_delete", args=[entry.pk])
    selected = {"action": "delete_selected", "_selected_action": [entry.pk]}
    for page in [
        curator_client.get(delete_url),
        curator_client.post(delete_url, {"post": "yes"}),
        curator_client.post(reverse(f"admin:{admin_name}_changelist"), selected),
        curator_client.post(reverse(f"admin:{admin_name}_changelist"), {**selected, "post": "yes"}),
    ]:
        assert page.status_code == 200
        text = page.content.decode()
        assert "would require deleting the following protected related objects" in text
        assert escape(str(referrer)) in text

    # The API: a 409 that says why and lists what refers to the entry.
    response = token_client.delete(f"/api/v1/{resource}/{getattr(entry, lookup)}/")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    body = response.json()
    kind = referrer._meta
    assert body["detail"].startswith(f"Cannot delete this entry: 1 {kind.verbose_name} refers")
    assert body["referenced_by"] == {str(kind.verbose_name_plural): 1}
    [protector] = body["protected_by"]
    assert protector["type"] == kind.model_name and protector["id"] == referrer.pk
    assert protector["slug"] == getattr(referrer, "slug", None)
    assert str(referrer) in protector["label"]

    assert export_content()["objects"] == before  # nothing deleted, nothing recorded


def change_list_as_posted(response, entry, order) -> dict:
    """Return an editable change list as the browser would post it, with `entry` reordered."""
    data = {}
    for tag in re.findall(r'<input\b[^>]*\bname="form-[^"]+"[^>]*>', response.content.decode()):
        value = re.search(r'value="([^"]*)"', tag)
        data[re.search(r'name="([^"]+)"', tag).group(1)] = value.group(1) if value else ""
    [row] = [
        name[: -len("id")]
        for name, pk in data.items()
        if name.endswith("-id") and pk == str(entry.pk)
    ]
    return {**data, f"{row}order": str(order), "_save": "Save"}


@pytest.mark.parametrize("kind", ["film", "theme"])
def test_a_stale_row_of_an_editable_change_list_is_refused(kind, client, curator, second_curator):
    model = VERSIONED[kind]
    first, second = model.make(order=10), model.make(order=11)
    changelist = reverse(f"admin:{model.admin}_changelist")
    client.force_login(curator)
    ann = change_list_as_posted(client.get(changelist), second, 12)  # Ann reorders one…

    client.force_login(second_curator)  # …while Bo moves the first one
    url = model.change_url(first)
    assert client.post(url, form_as_posted(client.get(url), order="20")).status_code == 302

    client.force_login(curator)
    refused = client.post(changelist, ann)
    assert refused.status_code == 200
    assert "Someone else saved this" in refused.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (20, 11)  # Bo's order kept, nothing of Ann's saved

    # Reloaded, the list is current again and saves.
    ann = change_list_as_posted(client.get(changelist), second, 12)
    assert client.post(changelist, ann).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (20, 12)
