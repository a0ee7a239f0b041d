"""The optional read replica: anonymous readers may use it; curators and fresh changes don't.

A real second database stands in for the replica: a copy of the primary taken before a
curator's edit, i.e. a replica that has not replayed the edit yet. Which title a request
sees tells which database answered it.
"""

import json
import shutil

import pytest

from tests.deploy.test_configuration import manage

EDITED = "Wheat Harvest (edited on the primary)"

# Runs inside `manage.py shell` against both databases; prints what each request saw.
PROBE = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from films.models import Film

url = "/api/v1/films/wheat-harvest/"
anonymous = Client(HTTP_HOST="localhost")
curator = Client(HTTP_HOST="localhost")
user, _ = get_user_model().objects.get_or_create(username="ann", is_staff=True, is_superuser=True)
curator.force_login(user)
print(json.dumps({
    "anonymous": anonymous.get(url).json()["title"],
    "signed_in": curator.get(url).json()["title"],
    "written_to_primary": Film.objects.using("default").get(slug="wheat-harvest").title,
}))
"""

EDIT = f"""
from films.models import Film
film = Film.objects.get(slug="wheat-harvest")
film.title = {EDITED!r}
film.save()
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """Return the environment of a primary with an edit and a replica that lacks it."""
    folder = tmp_path_factory.mktemp("replica")
    primary, replica = folder / "primary.sqlite3", folder / "replica.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{primary}",
        "FILMBASE_VAR_DIR": str(folder),
        "FILMBASE_PUBLIC_CACHE": "off",
    }
    for command in (["migrate", "--no-input", "-v0"], ["load_films"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    shutil.copy(primary, replica)  # the processes have ended: the WAL is checkpointed
    result = manage("shell", "-c", EDIT, env=env)
    assert result.returncode == 0, result.stderr
    return {**env, "DATABASE_REPLICA_URL": f"sqlite:///{replica}"}


def probe(env, max_lag: int) -> dict:
    result = manage("shell", "-c", PROBE, env={**env, "FILMBASE_REPLICA_MAX_LAG": str(max_lag)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_anonymous_readers_read_the_replica_once_the_change_is_old_enough(databases):
    seen = probe(databases, max_lag=0)
    assert seen["anonymous"] == "Wheat Harvest"  # the replica has not replayed the edit
    assert seen["signed_in"] == EDITED  # a curator always sees the primary
    assert seen["written_to_primary"] == EDITED


def test_right_after_a_change_every_reader_reads_the_primary(databases):
    seen = probe(databases, max_lag=3600)
    assert seen["anonymous"] == EDITED
    assert seen["signed_in"] == EDITED


def test_without_a_replica_there_is_one_database_and_no_router(tmp_path):
    show = "from django.conf import settings as s; print(sorted(s.DATABASES), s.DATABASE_ROUTERS)"
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'no-replica.sqlite3'}"}
    result = manage("shell", "-c", show, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['default'] []"
