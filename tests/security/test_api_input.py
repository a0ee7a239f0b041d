"""Arbitrary Unicode in every API write field: saved and sent back as sent, or a 400.

For every writable resource on the API router (discovered from it), a curator with a
token creates (POST) and edits (PATCH) an entry with hypothesis filling a few write
fields with hostile text, lone surrogates included (sent as JSON `\\ud800` escapes, which
no database can store). Each example ends one of two ways: the entry is saved, its
history grows, and the answer and a fresh read give the text back exactly (trimmed); or
a JSON 400 names the field, and no row of any table, history included, has changed.
At least one example per resource and method is saved: one with markup in a plain text
field is always tried.

A body the JSON parser cannot read at all (nested past Python's recursion limit, not
UTF-8, cut short, a number too long to convert, NaN) is a JSON 400 on every write
endpoint and on the token endpoint, never a server error.
"""

import json

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import example, given
from rest_framework import serializers

from filmbase.api_router import router
from tests.security.hostile import (
    FUZZ,
    XSS_PAYLOADS,
    Cases,
    assert_history_grew,
    free_unique_values,
    fuzz_values,
    row_counts,
)

pytestmark = pytest.mark.django_db

RESOURCES = [
    pytest.param(viewset, basename, method, id=f"{basename}-{method}")
    for _prefix, viewset, basename in router.registry
    if viewset.write_serializer_class is not None
    for method in ("patch", "post")
]
LISTS = (serializers.ListField, serializers.ListSerializer, serializers.ManyRelatedField)
UNREADABLE = {
    "deeply nested": b"[" * 50_000 + b"]" * 50_000,
    "deeply nested object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "not UTF-8": b'{"title": "\xff\xfe"}',
    "cut short": b'{"title": "Wheat',
    "100,000-digit number": b'{"order": ' + b"9" * 100_000 + b"}",
    "NaN": b'{"order": NaN}',
}


def send(client, method: str, url: str, body: dict):
    # json.dumps escapes what UTF-8 cannot carry (lone surrogates) as \\uXXXX, as a
    # client in another language may well do.
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def writable(serializer) -> dict:
    return {name: field for name, field in serializer.fields.items() if not field.read_only}


def is_text(field) -> bool:
    return isinstance(field, serializers.CharField) and not isinstance(
        field, serializers.ChoiceField
    )


@pytest.mark.parametrize(("viewset", "basename", "method"), RESOURCES)
def test_api_writes_keep_hostile_text_or_refuse_it(
    viewset, basename, method, works, token_client, capsys
):
    model = viewset.model
    entry = model._base_manager.order_by("pk").first()
    lookup = viewset.lookup_field
    detail = reverse(f"api:{basename}-detail", kwargs={lookup: getattr(entry, lookup)})
    fields = writable(viewset.write_serializer_class())
    base = json.loads(json.dumps(viewset.write_serializer_class(entry).data))
    if method == "post":
        base = free_unique_values(model, base)
    url = detail if method == "patch" else reverse(f"api:{basename}-list")
    cases = Cases(f"api {basename} {method}")
    assert_unstorable_text_refused_in_every_field(token_client, method, url, fields)

    free = free_text(model, fields)

    @FUZZ
    @given(values=fuzz_values(fields))
    @example(values={free: XSS_PAYLOADS[0]})  # one that must be saved
    def check(values):
        sent = {
            name: [value] if isinstance(fields[name], LISTS) else value
            for name, value in values.items()
        }
        with transaction.atomic():
            before, stored = row_counts(), model_to_dict(model._base_manager.get(pk=entry.pk))
            body = sent if method == "patch" else {**base, **sent}
            response = send(token_client, method, url, body)
            assert response["Content-Type"] == "application/json", response.status_code
            if response.status_code in (200, 201):
                cases.add("saved")
                assert_history_grew(model, before)
                assert_sent_back(token_client, response, values, fields)
            else:
                cases.add("refused")
                assert response.status_code == 400, response.content[:300]
                errors = response.json()
                assert errors, "refused without a message"
                assert set(errors) - {"non_field_errors"} <= set(values), errors
                assert set(errors) & set(values), f"the 400 names no field sent: {errors}"
                assert row_counts() == before
                assert model_to_dict(model._base_manager.get(pk=entry.pk)) == stored
            transaction.set_rollback(True)

    check()
    cases.report(capsys)
    assert cases.outcomes.get("saved"), f"no example saved: {cases.outcomes}"


def free_text(model, fields) -> str:
    """Return a write field where an app's text of a few dozen characters is saved as is:
    plain text (no choices, slug or address), long enough, and not unique."""
    unique = {field.name for field in model._meta.fields if field.unique}
    return next(
        name
        for name, field in fields.items()
        if is_text(field)
        and not isinstance(field, serializers.SlugField | serializers.URLField)
        and (field.max_length or 1000) >= 100
        and name not in unique
    )


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_a_body_the_parser_cannot_read_is_a_json_400_everywhere(
    body, works, token_client, api_client
):
    token = reverse("api:token")
    endpoints = [("post", token, api_client)]
    for _prefix, viewset, basename in router.registry:
        if viewset.write_serializer_class is None:
            continue
        entry = viewset.model._base_manager.order_by("pk").first()
        lookup = viewset.lookup_field
        detail = reverse(f"api:{basename}-detail", kwargs={lookup: getattr(entry, lookup)})
        list_url = reverse(f"api:{basename}-list")
        endpoints += [("post", list_url, token_client)]
        endpoints += [(method, detail, token_client) for method in ("put", "patch")]
    before = row_counts()
    for method, url, client in endpoints:
        response = client.generic(method.upper(), url, body, content_type="application/json")
        assert response.status_code == 400, (method, url, response.status_code)
        assert response["Content-Type"] == "application/json", (method, url)
        assert isinstance(response.json()["detail"], str), (method, url)
    assert row_counts() == before


def assert_sent_back(client, response, values, fields):
    answer = response.json()
    fresh = client.get(answer["url"])
    assert fresh.status_code == 200
    for name, value in values.items():
        if not is_text(fields[name]) or name not in answer or not value.strip():
            continue
        assert answer[name] == value.strip(), name
        assert fresh.json()[name] == answer[name], name


def assert_unstorable_text_refused_in_every_field(client, method, url, fields):
    """NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8): a 400 on each field.

    Both engines answer alike: the field names its own error, whatever its type.
    """
    before = row_counts()
    for bad in ("nul\x00inside", "lone \ud800 surrogate"):
        body = {name: [bad] if isinstance(field, LISTS) else bad for name, field in fields.items()}
        response = send(client, method, url, body)
        assert response.status_code == 400, response.content[:300]
        assert set(response.json()) == set(fields), bad
    assert row_counts() == before
