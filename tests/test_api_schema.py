"""The API's shape is what docs/openapi.yaml says: a change to it shows in review."""

import difflib
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


def test_the_served_schema_is_the_one_in_the_repository(api_client):
    served = api_client.get("/api/v1/schema/").content.decode()
    kept = SCHEMA.read_text()
    if served != kept:
        diff = "".join(
            difflib.unified_diff(
                kept.splitlines(keepends=True),
                served.splitlines(keepends=True),
                "docs/openapi.yaml",
                "/api/v1/schema/",
                n=2,
            )
        )
        raise AssertionError(
            "The API's schema changed. If the change is meant, run `make schema` and commit "
            f"docs/openapi.yaml; if not, the diff says what moved:\n{diff[:6000]}"
        )
