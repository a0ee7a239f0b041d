"""The OpenAPI schema's shared parts: the error bodies every operation may answer."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from core.api.errors import PROTECTED_LISTED
from core.api.shape import EXPAND, FIELDS
from core.api.views import SHAPED, ContentViewSet, field_names

# -- The OpenAPI schema ----------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "An error: `detail` for the request as a whole, or one list of messages per field "
        "(`non_field_errors` for messages about several fields)."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}

CONFLICT_SCHEMA = {
    "type": "object",
    "description": "A delete refused because other entries refer to this one.",
    "properties": {
        "detail": {"type": "string"},
        "referenced_by": {
            "type": "object",
            "description": "How many entries of each kind refer to this one.",
            "additionalProperties": {"type": "integer"},
        },
        "protected_by": {
            "type": "array",
            "description": (
                f"The entries that refer to this one (the first {PROTECTED_LISTED}): "
                "delete them or make them refer to another entry first."
            ),
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "example": "credit"},
                    "id": {"type": "integer"},
                    "slug": {"type": "string", "nullable": True},
                    "label": {"type": "string"},
                },
                "required": ["type", "id", "slug", "label"],
            },
        },
    },
    "required": ["detail", "referenced_by", "protected_by"],
}

_ERRORS = {
    400: "Invalid query parameters or body; the messages say which field and why.",
    401: "Missing or invalid credentials.",
    403: "Signed in without the permission this needs, or a CSRF failure.",
    404: "No such resource, or a page beyond the last.",
    406: "No acceptable representation: the API answers JSON.",
    409: "Other entries refer to this one, so it cannot be deleted: `protected_by` lists them.",
    412: "If-Match does not match the resource's current ETag.",
    413: "The request body is too large.",
    415: "Unsupported content type: send application/json.",
    429: "Too many requests; retry after the number of seconds in Retry-After.",
}
FIELDS_HELP = (
    "Only these fields, comma-separated (e.g. `slug,title`); an unknown name is a 400 "
    "that lists the valid ones. Without it, every field. A set the answer has only when "
    "expanded (`citations` on a list) is a field only with `expand` naming it too."
)
EXPAND_HELP = (
    "Embed these related entries in full instead of as references, comma-separated; "
    "an expanded field is answered even when `fields` does not name it."
)


def _names_parameter(name: str, names: list[str], description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string", "enum": sorted(set(names))}, "minItems": 1},
        style="form",
        explode=False,
        description=description,
    )


CSV_SCHEMA = {
    "type": "string",
    "description": (
        "With ?format=csv or Accept: text/csv: UTF-8 with a byte-order mark, a header row "
        "of the fields, one row per entry, nested values as JSON; a list's next and "
        "previous pages in the Link header."
    ),
}

_READ_ERRORS = (400, 401, 404, 406, 429)
_WRITE_ERRORS = (400, 401, 403, 404, 406, 413, 415, 429)


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the errors and validators every operation has."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        method = self.method.upper()
        if method == "GET":
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier answer: 304 when nothing changed.",
                )
            )
            if isinstance(self.view, ContentViewSet) and self.view.action in ("list", "retrieve"):
                parameters.extend(self.shape_parameters())
        elif method in ("PUT", "PATCH", "DELETE") and isinstance(self.view, ContentViewSet):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="The ETag you read: 412 if the entry has changed since.",
                )
            )
        return parameters

    def shape_parameters(self) -> list[OpenApiParameter]:
        """Describe `fields` and `expand` with the names this read takes (a 400 for others)."""
        view = self.view
        serializer_class = (
            view.list_serializer_class if view.action == "list" else view.detail_serializer_class
        )
        fields = [*field_names(serializer_class), *view.expansions]
        parameters = [_names_parameter(FIELDS, fields, FIELDS_HELP)]
        if view.expansions:
            expand_help = EXPAND_HELP + "".join(
                f" `{name}`: {expansion.help_text}" if expansion.help_text else ""
                for name, expansion in view.expansions.items()
            )
            parameters.append(_names_parameter(EXPAND, list(view.expansions), expand_help))
        return parameters

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        extra = SHAPED.get(type(serializer))
        if extra is not None and direction == "response":
            # `?fields=` may leave any field out: none is required in the answer.
            schema.pop("required", None)
            for name, expansion in extra.items():
                component = self.resolve_serializer(expansion.serializer(), direction)
                schema["properties"][name] = {
                    "type": "array",
                    "items": component.ref,
                    "description": f"Only with ?expand={name}.",
                }
        return schema

    def get_response_serializers(self):
        # A write answers with the entry as a detail read shows it, not the write form.
        view = self.view
        if isinstance(view, ContentViewSet) and self.method.upper() in ("POST", "PUT", "PATCH"):
            return view.detail_serializer_class
        return super().get_response_serializers()

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            self.add_error_responses(operation["responses"])
            for response in operation["responses"].values():
                csv_content = response.get("content", {}).get("text/csv")
                if csv_content is not None:
                    csv_content["schema"] = CSV_SCHEMA
        return operation

    def add_error_responses(self, responses: dict) -> None:
        """Add the answers every operation may give besides its own: errors, and 304."""
        method = self.method.upper()
        codes = list(_READ_ERRORS if method in ("GET", "HEAD") else _WRITE_ERRORS)
        if method in ("PUT", "PATCH", "DELETE"):
            codes.append(412)
        if method == "DELETE":
            codes.append(409)
        if method == "GET":
            responses.setdefault("304", {"description": "Not modified."})
        for code in codes:
            schema = CONFLICT_SCHEMA if code == 409 else ERROR_SCHEMA
            responses.setdefault(
                str(code),
                {
                    "content": {"application/json": {"schema": schema}},
                    "description": _ERRORS[code],
                },
            )
