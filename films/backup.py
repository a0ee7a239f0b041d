"""Export and import filmbase's content as one JSON document.

`export_content()` writes every content row and its history — drafts included, since
this is a backup, not the public export — in an order that can be loaded back;
`import_content()` loads such a document into an empty database in one transaction,
then rebuilds what is derived (the search index, the content version). Primary keys are
kept, so URLs and API ids survive the round trip. Users are not content: the history
keeps what changed and when, not who (history_user is left empty). The uploaded posters
travel in the same document (`files`: each stored name with its bytes in base64), so one
file restores the site as it was, pictures included.
"""

import base64
import binascii
import json
from contextlib import contextmanager
from datetime import UTC, datetime

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from core.caching import bump_version
from films.curators import CONTENT_MODELS
from films.search import rebuild_search_index

FORMAT = "filmbase-content"
FORMAT_VERSION = 1
# Load order: a row only refers to rows above it.
MODEL_ORDER = [
    "people.person",
    "people.personlink",
    "films.source",
    "films.collection",
    "films.milestone",
    "films.theme",
    "films.film",
    "films.credit",
    "films.quote",
    "films.citation",
    "films.productionstatement",
]


def _models():
    """Yield each content model, then its history and its history's many-to-many rows.

    A model's own many-to-many links (a film's themes) travel inside its rows.
    """
    labels = {f"{app}.{model}" for app, models in CONTENT_MODELS.items() for model in models}
    assert labels == set(MODEL_ORDER), "CONTENT_MODELS and MODEL_ORDER disagree"
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        history = model.history.model
        yield model
        yield history
        for relation in history._meta.related_objects:
            if relation.related_model.__name__.startswith(f"{history.__name__}_"):
                yield relation.related_model


def export_content() -> dict:
    """Return every content row, history included, as a JSON-ready document.

    The tables are read from one snapshot of the database, so a backup taken while
    curators write is one moment of it: no quote whose speaker is missing, no row whose
    history stops short of its version.
    """
    objects = []
    with _snapshot():
        for model in _models():
            queryset = model._default_manager.order_by("pk")
            rows = serializers.serialize("python", queryset)
            for row in rows:
                if "history_user" in row["fields"]:
                    row["fields"]["history_user"] = None
            objects.extend(rows)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "objects": _jsonable(objects),
        "files": _poster_files(objects),
    }


def _poster_storage():
    return apps.get_model("films.film")._meta.get_field("poster").storage


def _poster_files(objects: list[dict]) -> dict[str, str]:
    """Return each uploaded poster the films use now, by stored name, in base64.

    Only the current films' posters: a replaced poster's file is deleted with the change
    (films/uploads.py), so the history's older names have nothing left to keep.
    """
    storage = _poster_storage()
    names = sorted(
        {
            row["fields"]["poster"]
            for row in objects
            if row["model"] == "films.film" and row["fields"].get("poster")
        }
    )
    files = {}
    for name in names:
        with storage.open(name, "rb") as handle:
            files[name] = base64.b64encode(handle.read()).decode("ascii")
    return files


def _restore_files(files: dict) -> None:
    """Write the exported posters back under their stored names, which the rows name."""
    storage = _poster_storage()
    for name, encoded in files.items():
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, TypeError, ValueError) as error:
            raise CommandError(f"The export is damaged: poster {name!r}: {error}") from error
        if storage.exists(name):
            storage.delete(name)  # a leftover of an earlier site: the export's is the one
        if storage.save(name, ContentFile(data)) != name:
            raise CommandError(f"Could not store the poster {name!r} under its own name.")


@contextmanager
def _snapshot():
    """Read everything inside from one snapshot of the database, without blocking writers.

    - PostgreSQL: a REPEATABLE READ, READ ONLY transaction sees the database as of its
      first query, whatever commits meanwhile.
      https://www.postgresql.org/docs/current/transaction-iso.html#XACT-REPEATABLE-READ
    - SQLite: one read transaction. filmbase's connections begin theirs with BEGIN
      IMMEDIATE (settings: `transaction_mode`), which takes the write lock and would stop
      every curator's save for the length of the export; a DEFERRED one only reads and,
      in WAL mode, keeps its snapshot while writers go on.
      https://www.sqlite.org/isolation.html
    Inside a transaction already (a caller's own, or a test's), the export reads in it.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            # Django leaves the connection in autocommit mode; the transaction is ours.
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # nothing was written: nothing to keep
    else:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


class _LosslessEncoder(serializers.json.DjangoJSONEncoder):
    """Keep microseconds: DjangoJSONEncoder rounds times to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def _jsonable(rows: list[dict]) -> list[dict]:
    return json.loads(json.dumps(rows, cls=_LosslessEncoder))


@transaction.atomic
def import_content(document: dict) -> int:
    """Load an exported document into an empty database; return how many rows it held."""
    if document.get("format") != FORMAT:
        raise CommandError("This is not a filmbase content export.")
    if document.get("version") != FORMAT_VERSION:
        raise CommandError(
            f"Export format version {document.get('version')!r} is not supported "
            f"(this filmbase reads version {FORMAT_VERSION})."
        )
    if any(apps.get_model(label).objects.exists() for label in MODEL_ORDER):
        raise CommandError("The database already holds content: import into an empty one.")
    count = 0
    try:
        for obj in serializers.deserialize("python", document["objects"]):
            # The history comes with the export: don't let the many-to-many links write more.
            obj.object.skip_history_when_saving = True
            obj.save()  # a raw save: primary keys kept
            count += 1
    except (serializers.base.DeserializationError, KeyError, TypeError) as error:
        raise CommandError(f"The export is damaged: {error}") from error
    files = document.get("files", {})
    if not isinstance(files, dict):
        raise CommandError("The export is damaged: `files` is not an object.")
    _restore_files(files)
    # Rows came with their primary keys: move each sequence past them (PostgreSQL).
    models = list(_models())
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    rebuild_search_index()
    transaction.on_commit(bump_version)
    return count
