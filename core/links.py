"""Addresses of entries, reversed once per view and language rather than once per entry.

A page of 24 film cards asks for each film's and each director's address several times
(the card, its poster, its JSON-LD): 188 reverse() calls on a theme page at 10,000 films,
a fifth of its rendering. reverse() runs once per view, language and lookup with a
placeholder where the slug or id goes; each entry then only pastes in its own value.
The templates live as long as the process, like Django's own URL resolver: the script
prefix (SCRIPT_NAME) is one per deployment, and a test that swaps the URLconf clears them.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

# Stand-ins that match the slug and id URL patterns, and occur in no real address.
_PLACEHOLDERS = {
    "slug": "0filmbase0placeholder0",
    "id": "31415926535897932384626",
    "page_key": "0filmbase0placeholder0",
}


@functools.cache
def path_template(key) -> tuple[str, str]:
    """Return the path of a view around its slug or id, reversed once per process.

    `key` is (view name, "slug" or "id", language, fragment): with a fragment, the view
    takes no argument and the value follows the fragment ("/quotes/#quote-" + id).
    """
    view_name, lookup, language, fragment = key
    placeholder = _PLACEHOLDERS[lookup]
    with translation.override(language):
        if fragment:
            path = reverse(view_name) + fragment + placeholder
        else:
            path = reverse(view_name, kwargs={lookup: placeholder})
    prefix, suffix = path.split(placeholder)
    return prefix, suffix


def entry_path(view_name: str, value, lookup: str = "slug", fragment: str | None = None) -> str:
    """Return an entry's path in the active language, as reverse() would give it.

    `entry_path("films:detail", slug)` is reverse("films:detail", kwargs={"slug": slug});
    `entry_path("quotes:list", pk, "id", "#quote-")` is reverse("quotes:list") + "#quote-" + pk.
    """
    key = (view_name, lookup, translation.get_language(), fragment)
    prefix, suffix = path_template(key)
    return f"{prefix}{value}{suffix}"


def site_origin(request) -> str:
    """Return the request's scheme and host ("https://filmbase.example.org"), worked out
    once per request: a page's JSON-LD or an API list holds a hundred addresses or more,
    and build_absolute_uri() would parse each one again."""
    origin = getattr(request, "filmbase_origin", None)
    if origin is None:
        origin = request.filmbase_origin = request.build_absolute_uri("/").removesuffix("/")
    return origin


@receiver(setting_changed)
def _forget_templates(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        path_template.cache_clear()
