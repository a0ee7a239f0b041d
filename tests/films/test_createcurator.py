"""`manage.py createcurator`: a staff user in the Curators group, like createsuperuser."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.urls import reverse

# The command adds users to the Curators group, which the data migration makes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curators_group")]


def test_noinput_creates_a_staff_curator_who_can_open_the_admin(client, monkeypatch):
    monkeypatch.setenv("FILMBASE_CURATOR_PASSWORD", "a-long-curator-passphrase")
    out = io.StringIO()
    call_command(
        "createcurator", username="ann", email="ann@example.org", interactive=False, stdout=out
    )
    assert "Curator 'ann' created." in out.getvalue()
    user = User.objects.get(username="ann")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Curators"]
    # The sign-in lock-out (django-axes) needs the request it counts failures for.
    assert client.login(request=HttpRequest(), username="ann", password="a-long-curator-passphrase")
    assert client.get(reverse("admin:films_film_changelist")).status_code == 200


def test_noinput_without_password_says_which_variable_to_set(monkeypatch):
    monkeypatch.delenv("FILMBASE_CURATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="FILMBASE_CURATOR_PASSWORD"):
        call_command("createcurator", username="ann", interactive=False)
    assert not User.objects.exists()


def test_noinput_without_username_is_refused(monkeypatch):
    monkeypatch.setenv("FILMBASE_CURATOR_PASSWORD", "a-long-curator-passphrase")
    with pytest.raises(CommandError, match="--username"):
        call_command("createcurator", interactive=False)


def test_weak_password_and_taken_username_are_refused_with_reasons(monkeypatch):
    User.objects.create_user("ann")
    monkeypatch.setenv("FILMBASE_CURATOR_PASSWORD", "123")
    with pytest.raises(CommandError) as error:
        call_command("createcurator", username="ann", interactive=False)
    message = str(error.value)
    assert "already taken" in message
    assert "too short" in message
    assert User.objects.count() == 1


def test_interactive_prompts_like_createsuperuser(monkeypatch):
    answers = iter(["bo", "bo@example.org"])
    passwords = iter(["one", "other", "short", "short"] + ["a-long-curator-passphrase"] * 2)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    err = io.StringIO()
    call_command("createcurator", stdin=Terminal(), stdout=io.StringIO(), stderr=err)
    assert "didn't match" in err.getvalue()
    assert "too short" in err.getvalue()
    user = User.objects.get(username="bo")
    assert user.email == "bo@example.org"
    assert user.check_password("a-long-curator-passphrase")
