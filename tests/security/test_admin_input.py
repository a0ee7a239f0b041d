"""Arbitrary Unicode in every admin form: saved and shown back escaped, or refused.

For every model of filmbase's apps in the admin (discovered from the admin site, so a new
model is fuzzed without touching this file), hypothesis fills a few fields of its add
and change forms with hostile text. Each example ends one of two ways: the entry is
saved, its history grows and the change form shows the text back HTML-escaped; or the
form comes back with a message on the field, and no row of any table, history
included, has changed. A server error fails the test, and so does a form where no
example was saved (one with markup in a plain text field is always tried) or a refusal
that names none of the fields sent. Credits, whose form has choices and numbers only,
are never saved with hostile text.
"""

import datetime
from itertools import chain
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given

from core.admin import VERSION_FIELD
from films.models import Theme
from tests.security.hostile import (
    FUZZ,
    XSS_PAYLOADS,
    Cases,
    assert_history_grew,
    assert_nothing_injected,
    content_admins,
    free_unique_values,
    fuzz_values,
    row_counts,
)

pytestmark = pytest.mark.django_db

TARGETS = [
    pytest.param(model, mode, id=f"{model._meta.label}-{mode}")
    for model, _admin in content_admins()
    for mode in ("change", "add")
]

# The form fields where a curator types free text (URL and slug fields included).
TEXT_FIELDS = (forms.CharField, forms.URLField, forms.SlugField)
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response) -> tuple[dict, dict]:
    """Return the POST data a browser would send for a change form as shown, and its fields.

    Inline formsets are sent empty (no rows changed); file inputs are left out.
    """
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = "" if value is None else str(value)
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data, form.fields


def fuzzable(fields: dict) -> list[str]:
    return [
        name
        for name, field in fields.items()
        if name != VERSION_FIELD and not isinstance(field, forms.FileField)
    ]


@pytest.mark.parametrize(("model", "mode"), TARGETS)
def test_admin_forms_save_hostile_text_escaped_or_refuse_it(
    model, mode, works, curator_client, capsys
):
    entry = model._base_manager.order_by("pk").first()
    shown = curator_client.get(admin_url(model, "change", entry.pk))
    base, fields = form_data(shown)
    if mode == "add":
        base = free_unique_values(model, base)
        base.pop(VERSION_FIELD, None)
    url = admin_url(model, mode, *([entry.pk] if mode == "change" else []))
    cases = Cases(f"admin {model._meta.label} {mode}")
    assert_nul_refused_in_every_text_field(curator_client, url, base, fields)

    free = free_text(model, fields)

    @FUZZ
    @given(values=fuzz_values(fuzzable(fields), surrogates=False))
    def check(values):
        with transaction.atomic():
            before, stored = row_counts(), model_to_dict(model._base_manager.get(pk=entry.pk))
            response = curator_client.post(url, {**base, **values})
            if response.status_code == 302:
                cases.add("saved")
                saved = entry if mode == "change" else model._base_manager.order_by("pk").last()
                assert_history_grew(model, before)
                assert_saved_and_escaped(curator_client, model, saved.pk, values, fields)
            else:
                cases.add("refused")
                assert_refused(response, values)
                assert row_counts() == before
                assert model_to_dict(model._base_manager.get(pk=entry.pk)) == stored
            transaction.set_rollback(True)

    if free:
        check = example(values={free: XSS_PAYLOADS[0]})(check)  # one that must be saved
    check()
    cases.report(capsys)
    if free:  # not a credit, whose form has choices and numbers only
        assert cases.outcomes.get("saved"), f"no example saved: {cases.outcomes}"


def free_text(model, fields) -> str | None:
    """Return a form field where a curator's text of a few dozen characters is saved as is:
    plain text (no choices, slug or address), long enough, and not unique."""
    unique = {field.name for field in model._meta.fields if field.unique}
    return next(
        (
            name
            for name in fuzzable(fields)
            if type(fields[name]) is forms.CharField
            and (fields[name].max_length or 1000) >= 100
            and name not in unique
        ),
        None,
    )


def assert_nul_refused_in_every_text_field(client, url, base, fields):
    """PostgreSQL refuses NUL in text; both engines refuse it in the form, field by field."""
    texts = [name for name in fuzzable(fields) if type(fields[name]) in TEXT_FIELDS]
    if not texts:  # a credit: choices and numbers only
        return
    before = row_counts()
    response = client.post(url, {**base, **dict.fromkeys(texts, "nul\x00inside")})
    assert_refused(response, texts)
    assert set(response.context["adminform"].form.errors) - {"__all__"} == set(texts)
    assert row_counts() == before


def assert_saved_and_escaped(client, model, pk, values, fields):
    entry = model._base_manager.get(pk=pk)
    page = client.get(admin_url(model, "change", pk))
    html = page.content.decode()
    assert_nothing_injected(html, f"{model._meta.label} change form")
    for name, sent in values.items():
        if isinstance(fields[name], forms.ModelChoiceField | forms.ChoiceField):
            continue
        value = getattr(entry, name, None)
        if isinstance(value, str) and value:
            assert value == sent.strip(), name  # as typed, trimmed as Django forms do
            assert escape(value) in html, f"{name} not shown back escaped"


def assert_refused(response, values):
    assert response.status_code == 200, response.status_code
    context = response.context
    form = context["adminform"].form
    errors = dict(form.errors)
    inline_errors = list(
        chain.from_iterable(inline.formset.errors for inline in context["inline_admin_formsets"])
    )
    assert errors or any(inline_errors), "refused without a message"
    assert set(errors) - {"__all__"} <= set(values), f"errors on fields not sent: {errors}"
    assert set(errors) & set(values), f"the refusal names no field sent: {errors}"
    html = response.content.decode()
    for messages in errors.values():
        assert any(escape(message) in html for message in messages)


def test_bytes_that_are_not_utf8_in_a_form_are_not_a_server_error(works, curator_client):
    """A lone surrogate cannot travel as UTF-8; its bytes arrive as U+FFFD and are saved so."""
    theme = works["hometown"]
    base, _fields = form_data(curator_client.get(admin_url(Theme, "change", theme.pk)))
    body = urlencode({**base, "name": "lone surrogate"}).replace("surrogate", "%ED%A0%80")
    response = curator_client.post(
        admin_url(Theme, "change", theme.pk), body, content_type=FORM_CONTENT_TYPE
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "lone \ufffd\ufffd\ufffd"
