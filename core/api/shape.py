"""`?fields=` and `?expand=`: a read answers only the fields asked for, with related
entries embedded in full instead of as references.

A small mixin of ours rather than drf-flex-fields: that library leaves both parameters
and the shapes they give out of the OpenAPI schema (its tracker: #73 and #143, open) and
ignores names it does not know, where filmbase answers 400 naming the valid ones. Here
the viewset declares what it can expand (`Expansion`), the serializers stay DRF's own,
and an expanded list prefetches what it embeds, so its query count stays fixed.
"""

from dataclasses import dataclass
from typing import Any

from rest_framework import exceptions
from rest_framework.serializers import ListSerializer

FIELDS = "fields"
EXPAND = "expand"


@dataclass(frozen=True)
class Expansion:
    """One related set a read can embed in full.

    `serializer` shows each entry; `prefetch(drafts)` returns the Prefetch that joins
    them (with `to_attr` = `source`), or None when the read already has them at `source`.
    """

    serializer: type
    source: str
    prefetch: Any = None
    help_text: str = ""

    def field(self, name: str):
        # DRF refuses a `source` that only repeats the field's name.
        source = {} if self.source == name else {"source": self.source}
        return self.serializer(many=True, read_only=True, **source)


def names(request, param: str) -> list[str] | None:
    """Return the comma-separated names of `param`, or None when it is not given."""
    if param not in request.query_params:
        return None
    value = request.query_params.get(param, "")
    # Each name once, however often it is given (an expansion is joined once).
    return list(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


def check_names(param: str, given: list[str] | None, valid) -> None:
    """Refuse names outside `valid` (or none at all) with a 400 that lists the valid ones."""
    if given is None:
        return
    unknown = sorted(set(given) - set(valid))
    listed = ", ".join(sorted(valid)) or "(none)"
    if unknown:
        raise exceptions.ValidationError(
            {param: [f"Unknown name(s): {', '.join(unknown)}. Valid ones: {listed}."]}
        )
    if not given:
        raise exceptions.ValidationError({param: [f"Give one or more of: {listed}."]})


def apply(serializer, fields: list[str] | None, expand: list[str], expansions: dict) -> None:
    """Embed the expanded sets in `serializer`, then keep only `fields` (and those sets)."""
    target = serializer.child if isinstance(serializer, ListSerializer) else serializer
    for name in expand:
        target.fields[name] = expansions[name].field(name)
    if fields is not None:
        keep = {*fields, *expand}
        for name in list(target.fields):
            if name not in keep:
                target.fields.pop(name)
