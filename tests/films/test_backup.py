"""export_data / import_data: a round trip into an empty database loses nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from films.backup import MODEL_ORDER, export_content, import_content
from films.models import Film
from films.search import search
from films.seed import seed_load

pytestmark = pytest.mark.django_db


def empty_the_content():
    from django.apps import apps

    for label in reversed(MODEL_ORDER):
        model = apps.get_model(label)
        model.objects.all().delete()
        model.history.model.objects.all().delete()


def test_round_trip_into_an_empty_database_reproduces_everything(tmp_path):
    seed_load()
    film = Film.objects.get(slug="wheat-harvest")
    film.status = "draft"  # a backup keeps drafts and history too
    film.save()
    path = tmp_path / "export.json"
    call_command("export_data", output=str(path), stderr=io.StringIO())
    before = json.loads(path.read_text())["objects"]

    empty_the_content()
    assert not Film.objects.exists()
    out = io.StringIO()
    call_command("import_data", str(path), stdout=out)
    assert f"Imported {len(before)} rows." in out.getvalue()

    assert export_content()["objects"] == before
    assert search("钟馗").films.items[0].slug == "no-disturbance-from-ghosts"
    assert not search("麦收").films  # still a draft
    new = Film.objects.create(  # sequences moved past the imported ids
        collection=film.collection, slug="after-import", title="After", title_status="confirmed"
    )
    assert new.pk > max(row["pk"] for row in before if row["model"] == "films.film")


def test_import_refuses_a_database_that_holds_content():
    seed_load()
    with pytest.raises(CommandError, match="already holds content"):
        import_content(export_content())


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "something-else"}, "not a filmbase content export"),
        ({"format": "filmbase-content", "version": 99, "objects": []}, "version 99"),
        (
            {"format": "filmbase-content", "version": 1, "objects": [{"model": "films.nope"}]},
            "damaged",
        ),
    ],
)
def test_import_refuses_a_foreign_or_damaged_document(document, message):
    with pytest.raises(CommandError, match=message):
        import_content(document)


def test_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_data", str(path))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_posters_travel_in_the_export_and_come_back_under_their_names(media, tmp_path):
    from django.core.files.base import ContentFile

    seed_load()
    film = Film.objects.get(slug="wheat-harvest")
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # the bytes, whatever they are
    film.poster.save("wheat.png", ContentFile(picture))
    name = film.poster.name
    path = tmp_path / "export.json"
    call_command("export_data", output=str(path), stderr=io.StringIO())
    before = json.loads(path.read_text())
    assert list(before["files"]) == [name]

    empty_the_content()
    (media / name).write_bytes(b"a leftover of another site, under the same name")
    call_command("import_data", str(path), stdout=io.StringIO())

    assert Film.objects.get(slug="wheat-harvest").poster.name == name
    assert (media / name).read_bytes() == picture
    after = export_content()
    assert after["objects"] == before["objects"] and after["files"] == before["files"]


def test_a_damaged_poster_is_refused_and_nothing_is_saved(media):
    seed_load()
    document = export_content()
    document["files"] = {"posters/x.png": "not base64!"}
    empty_the_content()
    with pytest.raises(CommandError, match="poster 'posters/x.png'"):
        import_content(document)
    assert not Film.objects.exists()


def test_an_unwritable_output_is_a_clear_error(tmp_path):
    # A folder that cannot be written to, even by root: it is a file.
    (tmp_path / "not-a-folder").write_text("")
    target = tmp_path / "not-a-folder" / "f.json"
    with pytest.raises(CommandError, match="Cannot write .*/backups"):
        call_command("export_data", output=str(target), stderr=io.StringIO())
