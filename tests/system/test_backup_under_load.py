"""A backup taken while curators write is one moment of the database, and restores exactly.

filmbase is served as in production (tests/system/conftest.py) on the engine the suite
runs on; two threads write through the API with a curator's token (a new person, a
quote of theirs, an edit of the person) while `manage.py export_data` runs three times,
as a cron job would.
"""

import json
import threading
import time
from collections import Counter

import pytest
from django.apps import apps

from bench.harness import wait_for
from core.content import ContentModel
from films.backup import MODEL_ORDER
from tests.system.conftest import _fresh_database

pytestmark = pytest.mark.system

WRITERS = 2
EXPORTS = 3
# Bounds a wait for writes that never come, not their pace: a loaded 2-core CI machine
# may take seconds for one API write while the other database's suite runs beside it.
WRITE_TIMEOUT = 120


def check_snapshot(document: dict) -> Counter:
    """Assert that `document` is one moment of the database; return its rows per model.

    Every reference between content rows (foreign keys and many-to-many links) points at
    a row of the same document, and every versioned row's newest history record is that
    very version: an export that read one table before a write and the next one after it
    fails one or the other.
    """
    rows = {(row["model"], row["pk"]): row["fields"] for row in document["objects"]}
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        links = [
            field
            for field in model._meta.get_fields()
            if field.concrete and (field.many_to_one or field.many_to_many)
        ]
        for (kind, pk), fields in rows.items():
            if kind != label:
                continue
            for field in links:
                value = fields[field.name]
                target = field.related_model._meta.label_lower
                for ref in value if field.many_to_many else [value]:
                    assert ref is None or (target, ref) in rows, (
                        f"{label} {pk}: {field.name} refers to {target} {ref}, not in the export"
                    )
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        if not issubclass(model, ContentModel):
            continue
        history = model.history.model._meta.label_lower
        newest = {}
        for (kind, _history_id), fields in sorted(rows.items()):
            if kind == history:
                newest[fields["id"]] = fields  # history ids grow: the last one is the newest
        for (kind, pk), fields in rows.items():
            if kind == label:
                record = newest.get(pk)
                assert record is not None and record["history_type"] != "-", (label, pk)
                assert record["version"] == fields["version"], (
                    f"{label} {pk} is version {fields['version']}, its history says "
                    f"{record['version']}"
                )
    return Counter(kind for kind, _ in rows)


class Curator(threading.Thread):
    """Write through the API until stopped; remember every write acknowledged, and when."""

    def __init__(self, site, token: str, name: str, source_id: int):
        super().__init__(daemon=True)
        self.site, self.token, self.name, self.source_id = site, token, name, source_id
        self.stop = threading.Event()
        self.acknowledged: list[tuple[float, str]] = []  # (monotonic time, person slug)
        self.writes = 0
        self.failures: list[str] = []

    def write(self, method, path, data=None, if_match=None, expect=200):
        answer = self.site.api(method, path, token=self.token, data=data, if_match=if_match)
        if answer.status != expect:
            self.failures.append(f"{method} {path}: {answer.status} {answer.text[:300]}")
            return None
        self.writes += 1
        return answer

    def run(self):
        i = 0
        while not self.stop.is_set() and len(self.failures) < 5:
            i += 1
            slug = f"{self.name}-{i}"
            person = {"slug": slug, "name": f"{self.name.title()} number {i}"}
            created = self.write("POST", "/api/v1/people/", person, expect=201)
            if created is None:
                continue
            quote = {"speaker": slug, "text": f"第{i}句", "language": "zh"}
            self.write("POST", "/api/v1/quotes/", {**quote, "source": self.source_id}, expect=201)
            path = f"/api/v1/people/{slug}/"
            if self.write("PATCH", path, {"bio": f"Edited {i}"}, created.headers["ETag"]):
                self.acknowledged.append((time.monotonic(), slug))


def test_a_backup_taken_during_writes_is_a_snapshot_that_restores_exactly(site_factory, tmp_path):
    site = site_factory(
        extra={"FILMBASE_API_ANON_RATE": "off", "FILMBASE_API_USER_RATE": "off"},
    )
    token = site.curator_token()
    source_id = site.get("/api/v1/sources/").json()["results"][0]["id"]
    curators = [Curator(site, token, f"writer{n}", source_id) for n in range(WRITERS)]
    for curator in curators:
        curator.start()
    exports = []
    since = 0.0
    try:
        for n in range(EXPORTS):
            # Each export meets writes it has not seen: every writer had one acknowledged
            # since the last export (or it failed, which the end of the test reports).
            wait_for(
                lambda since=since: all(
                    c.failures or any(at > since for at, _ in c.acknowledged) for c in curators
                ),
                WRITE_TIMEOUT,
                "a write acknowledged to every writer",
            )
            started = time.monotonic()
            before = {slug for c in curators for at, slug in c.acknowledged if at < started}
            path = tmp_path / f"export-{n}.json"
            site.manage("export_data", "--output", str(path))
            document = json.loads(path.read_text())
            counts = check_snapshot(document)
            people = {
                row["fields"]["slug"]
                for row in document["objects"]
                if row["model"] == "people.person"
            }
            assert before <= people, "an acknowledged write is missing from the backup"
            exports.append((path, counts, len(before)))
            since = started
    finally:
        for curator in curators:
            curator.stop.set()
        for curator in curators:
            curator.join(60)
    assert [f for c in curators for f in c.failures] == []

    # Restore the last export into an empty database and export that again.
    path, counts, _ = exports[-1]
    restored = tmp_path / "restored"
    restored.mkdir()
    target = {"DATABASE_URL": _fresh_database(restored)}
    site.manage("migrate", "--no-input", env=target)
    imported = site.manage("import_data", str(path), env=target)
    total = sum(counts.values())
    assert f"Imported {total} rows." in imported.stdout
    again = tmp_path / "again.json"
    site.manage("export_data", "--output", str(again), env=target)
    assert json.loads(again.read_text())["objects"] == json.loads(path.read_text())["objects"]

    print(
        json.dumps(
            {
                "writes_acknowledged": sum(c.writes for c in curators),
                "exports": [
                    {
                        "rows": sum(c.values()),
                        "people": c["people.person"],
                        "quotes": c["films.quote"],
                        "history": sum(v for k, v in c.items() if ".historical" in k),
                        "acknowledged_people_before": acked,
                    }
                    for _, c, acked in exports
                ],
                "restored_rows": total,
            }
        )
    )
