"""The curators' admin: what a curator can do, and what everyone else cannot."""

import pytest
from django.urls import reverse

from films.models import Credit, Film, Quote
from tests.films.factories import CollectionFactory, FilmFactory, SourceFactory, ThemeFactory
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


def test_unknown_title_with_a_title_is_refused_with_a_message(curator_client):
    response = curator_client.post(
        reverse("admin:films_film_add"),
        film_form_data(CollectionFactory(), title_status="unknown"),
    )
    assert response.status_code == 200
    assert "A film whose title is unknown has no title." in response.content.decode()
    assert not Film.objects.exists()


def test_curator_sees_field_changes_in_history_and_reverts_them(curator_client):
    film = FilmFactory(synopsis="First words.")
    change_url = reverse("admin:films_film_change", args=[film.pk])
    page = curator_client.get(change_url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key not in {"themes", "poster"}
    }
    data.update(
        collection=film.collection_id,
        synopsis="Second words.",
        **inline_management("credits", 1, 1),
        **{
            "credits-0-id": film.credits.get().pk,
            "credits-0-film": film.pk,
            "credits-0-person": film.credits.get().person_id,
            "credits-0-role": "director",
            "credits-0-order": "0",
        },
        **inline_management("quotes", 0),
        **inline_management("citations", 0),
    )
    response = curator_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    film.refresh_from_db()
    assert film.synopsis == "Second words."

    history = curator_client.get(reverse("admin:films_film_history", args=[film.pk]))
    text = history.content.decode()
    assert "First words." in text and "Second words." in text  # the field-level diff

    first = film.history.order_by("history_date").first()
    revert_url = reverse("admin:films_film_simple_history", args=[film.pk, first.history_id])
    form = curator_client.get(revert_url).context["adminform"].form
    revert = {k: v for k, v in form.initial.items() if v is not None and k != "poster"}
    revert.update(
        collection=film.collection_id,
        themes=[],
        **inline_management("credits", 0),
        **inline_management("quotes", 0),
        **inline_management("citations", 0),
    )
    response = curator_client.post(revert_url, revert)
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.synopsis == "First words."
    assert film.history.count() == 3  # created, changed, reverted: the revert is recorded too


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
    film = FilmFactory()
    response = curator_client.get(reverse("admin:films_film_change", args=[film.pk]))
    assert "View on site" in response.content.decode()


def change_form_data(client, film, **changes):
    """Return the film's change form as the curator's browser would post it back."""
    form = client.get(reverse("admin:films_film_change", args=[film.pk])).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in {"themes", "poster"}
    }
    credit = film.credits.get()
    data.update(
        collection=film.collection_id,
        **inline_management("credits", 1, 1),
        **{
            "credits-0-id": credit.pk,
            "credits-0-film": film.pk,
            "credits-0-person": credit.person_id,
            "credits-0-role": credit.role,
            "credits-0-order": "0",
        },
        **inline_management("quotes", 0),
        **inline_management("citations", 0),
        **changes,
    )
    return data


def test_the_second_save_of_a_stale_form_is_refused_and_loses_nothing(
    client, curator, django_user_model
):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("bo", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Curators"))
    film = FilmFactory(synopsis="As loaded.")
    url = reverse("admin:films_film_change", args=[film.pk])

    client.force_login(curator)
    ann_form = change_form_data(client, film, synopsis="Ann's synopsis.")
    client.force_login(other)
    bo_form = change_form_data(client, film, synopsis="Bo's synopsis.")

    assert client.post(url, bo_form).status_code == 302  # Bo saves first
    client.force_login(curator)
    response = client.post(url, ann_form)  # Ann's form was opened before Bo saved
    assert response.status_code == 200
    assert "Someone else saved this film while you were editing it" in response.content.decode()
    film.refresh_from_db()
    assert film.synopsis == "Bo's synopsis."
    # Reopened, Ann's form is current again and saves.
    assert (
        client.post(url, change_form_data(client, film, synopsis="Ann's synopsis.")).status_code
        == 302
    )
    film.refresh_from_db()
    assert film.synopsis == "Ann's synopsis."


def test_a_revert_moves_the_version_forward(curator_client):
    film = FilmFactory(synopsis="One.")
    film.synopsis = "Two."
    film.save()
    first = film.history.order_by("history_date").first()
    url = reverse("admin:films_film_simple_history", args=[film.pk, first.history_id])
    form = curator_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "poster"}
    data.update(
        collection=film.collection_id,
        themes=[],
        **inline_management("credits", 0),
        **inline_management("quotes", 0),
        **inline_management("citations", 0),
    )
    assert curator_client.post(url, data).status_code == 302
    film.refresh_from_db()
    assert film.synopsis == "One." and film.version == 3
