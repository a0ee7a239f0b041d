"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis).

Every operation in /api/v1/schema/ is called in-process (WSGI) with requests generated
from the schema — valid ones, and for the curator, invalid ones too — anonymously and
as a curator with a token, and every answer is checked: no server error, a status code
the schema documents, a body that matches the documented schema. Detail operations run
both on generated ids and slugs (mostly 404s) and on entries that exist, so that reads,
updates and deletes of real rows are exercised too.

Bounded and deterministic: a fixed number of examples per operation, derandomized, so CI
is stable and takes a minute or two per database. SCHEMATHESIS_EXAMPLES raises the
number for a deeper run.
"""

import os
import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.films.factories import (
    CitationFactory,
    FilmFactory,
    MilestoneFactory,
    QuoteFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
# Each run (an operation in one generation mode, or on existing entries) must generate at
# least this many cases: fewer means its schema leaves almost nothing to try, and the
# "conforms" below would be said of an operation hardly called.
MINIMUM_CASES = 5
# Operations whose only parameter is an If-None-Match header, where any string is valid:
# negative mode has nothing to make invalid, and Hypothesis says so (Unsatisfiable).
# Anywhere else Unsatisfiable fails the test.
NOTHING_TO_MAKE_INVALID = {"GET /api/v1/"}
# Health checks suppressed, each for a reason; any other one fails the test.
# - filter_too_much, in negative mode only: schemathesis makes a request invalid by
#   mutating a valid one and discards the mutants that are still valid, which for an
#   operation with few constrained parameters is most of them. Too few cases left is
#   caught by MINIMUM_CASES instead.
SUPPRESSED_IN = {"negative": [HealthCheck.filter_too_much]}
EXISTING = {"slug": None, "id": None}  # filled per operation from the existing_entries rows


@pytest.fixture
def existing_entries():
    """A few entries of every kind, for detail operations to find."""
    theme = ThemeFactory(slug="hometown", name="Hometown", name_zh="故乡")
    film = FilmFactory(slug="wheat-harvest", title="Wheat Harvest", title_zh="麦收")
    film.themes.add(theme)
    quote = QuoteFactory(film=film, speaker=film.directors[0])
    CitationFactory(film=film, source=quote.source)
    milestone = MilestoneFactory()
    return {
        "films": film.slug,
        "people": film.directors[0].slug,
        "themes": theme.slug,
        "collections": film.collection.slug,
        "quotes": quote.pk,
        "sources": quote.source.pk,
        "milestones": milestone.pk,
    }


@pytest.fixture
def wsgi_app():
    """Return the site's WSGI application, keeping the test's database connection open.

    Django's own test client does the same: between requests the real handler closes
    connections that are in a transaction, which here is the test's.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_settings(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
    }
    return settings


def _existing_parameters(operation, existing_entries):
    resource = operation.path.split("/")[3]
    if "{slug}" in operation.path:
        return {"slug": existing_entries[resource]}
    if "{id}" in operation.path:
        return {"id": existing_entries[resource]}
    return None


def _run(operation, strategy, headers, stats, failures, run):
    """Call `operation` with the cases `strategy` generates; return how many there were."""
    generated = 0

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=SUPPRESSED_IN.get(run, []),
    )
    def test(case):
        nonlocal generated
        generated += 1
        stats["cases"] += 1
        try:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, FailureGroup) as error:  # noqa: BLE001 - collect, then report all
            failures.append(f"{operation.label}: {type(error).__name__}: {error}"[:3000])
        else:
            stats["status"][response.status_code] = stats["status"].get(response.status_code, 0) + 1

    if run == "negative" and operation.label in NOTHING_TO_MAKE_INVALID:
        with pytest.raises(Unsatisfiable):
            test()
        return generated
    test()
    if generated < MINIMUM_CASES:
        failures.append(f"{operation.label} ({run}): {generated} cases, fewer than {MINIMUM_CASES}")
    return generated


@pytest.mark.parametrize("who", ["anonymous", "curator"])
def test_every_operation_conforms_to_the_schema(
    who, existing_entries, curator, api_settings, wsgi_app, capsys
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    # The WSGI transport sends requests' default Accept-Encoding (gzip) but, unlike a
    # client over HTTP, does not decode the answer; the export's gzip has its own tests.
    headers = {"Accept-Encoding": "identity"}
    modes = [schemathesis.GenerationMode.POSITIVE]
    if who == "curator":
        headers["Authorization"] = f"Token {Token.objects.create(user=curator).key}"
        modes.append(schemathesis.GenerationMode.NEGATIVE)

    failures: list[str] = []
    per_operation = {}
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        stats = {"cases": 0, "status": {}}
        for mode in modes:
            strategy = operation.as_strategy(generation_mode=mode)
            _run(operation, strategy, headers, stats, failures, mode.value)
        existing = _existing_parameters(operation, existing_entries)
        if existing:
            strategy = operation.as_strategy(path_parameters=existing)
            _run(operation, strategy, headers, stats, failures, "existing")
        per_operation[operation.label] = stats

    total = sum(stats["cases"] for stats in per_operation.values())
    with capsys.disabled():
        print(
            f"\nschemathesis ({who}): {total} cases over {len(per_operation)} operations "
            f"in {time.monotonic() - started:.0f}s, {len(failures)} failures"
        )
        for label, stats in per_operation.items():
            statuses = ", ".join(f"{code}×{n}" for code, n in sorted(stats["status"].items()))
            print(f"  {label}: {stats['cases']} cases ({statuses})")
    distinct = {}
    for failure in failures:
        distinct.setdefault(_gist(failure), failure)
    assert not failures, "\n\n".join(list(distinct.values())[:10]) + "\n\n" + "\n".join(distinct)


def _gist(failure: str) -> str:
    """Return the operation and the first lines of what went wrong, to group failures."""
    lines = [line.strip(" |+-") for line in failure.splitlines() if line.strip(" |+-")]
    return (
        " / ".join(lines[:2])[:300]
        + " … "
        + " / ".join(line for line in lines if "Error" in line or "status code" in line.lower())[
            :300
        ]
    )
