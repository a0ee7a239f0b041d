"""The admin's change forms as a browser posts them back: what the admin tests submit."""

from django import forms


def form_as_posted(response, **changes) -> dict:
    """Return the admin form in `response` as a browser would post it back, with `changes`.

    The main form and every inline formset, with their hidden fields (the version the
    form was opened at among them); unticked boxes and files are left out, as a browser
    leaves them.
    """
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        data.update(_posted(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(_posted(form))
    data.update(_posted(response.context["adminform"].form))
    data.update(changes)
    return data


def _posted(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.FileField):
            continue
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = "" if value is None else value
    return data
