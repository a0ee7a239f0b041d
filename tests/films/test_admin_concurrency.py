"""Two curators who press Save at the same moment: the second is refused, nothing is lost.

The stale-save check (core/admin.py) reads the stored version under a row lock. Without
the lock both saves read the same version, both pass, and the second overwrites the
first. Only PostgreSQL has row locks: SQLite runs one write transaction at a time
(filmbase opens them IMMEDIATE), so there the two saves cannot interleave at all.
"""

import threading

import pytest
from django.db import connection, connections
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse

from bench.harness import wait_for
from films.models import Film
from tests.admin_forms import form_as_posted
from tests.films.factories import FilmFactory

# Bounds a wait for an event that never comes (a deadlock), not the pace of a busy machine.
TIMEOUT = 120

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_two_saves_at_the_same_moment_the_second_is_refused(curator, django_user_model):
    second = django_user_model.objects.create_user("bo", password="x", is_staff=True)
    second.groups.add(*curator.groups.all())
    film = FilmFactory(synopsis="As loaded.")
    url = reverse("admin:films_film_change", args=[film.pk])
    forms, answers = {}, {}
    for name, user in (("ann", curator), ("bo", second)):
        client = Client()
        client.force_login(user)
        forms[name] = (client, form_as_posted(client.get(url), synopsis=f"Words by {name}."))

    ann_saved, bo_waits = threading.Event(), threading.Event()

    def hold_ann_open(sender, instance, **kwargs):
        # Ann's save is written but not committed: Bo's save starts now and must wait.
        if threading.current_thread().name == "ann":
            ann_saved.set()
            bo_waits.wait(TIMEOUT)

    def save(name):
        client, form = forms[name]
        try:
            answers[name] = client.post(url, form)
        finally:
            connections.close_all()

    post_save.connect(hold_ann_open, sender=Film)
    try:
        ann = threading.Thread(target=save, args=("ann",), name="ann")
        ann.start()
        assert ann_saved.wait(TIMEOUT)
        bo = threading.Thread(target=save, args=("bo",), name="bo")
        bo.start()
        wait_for(_waiting_on_a_lock, TIMEOUT, "Bo's save waiting for Ann's")
        bo_waits.set()
        ann.join(TIMEOUT)
        bo.join(TIMEOUT)
    finally:
        bo_waits.set()
        post_save.disconnect(hold_ann_open, sender=Film)

    assert answers["ann"].status_code == 302
    assert answers["bo"].status_code == 200
    assert (
        "Someone else saved this film while you were editing it" in answers["bo"].content.decode()
    )
    film.refresh_from_db()
    assert film.synopsis == "Words by ann." and film.version == 2
