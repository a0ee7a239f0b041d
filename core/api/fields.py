"""What the resources' serializers share: links to API and page addresses, lines, slugs,
and ModelSerializers with the same integer limits on every engine, whose read forms work
their fields out once per class.
"""

import copy

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.encoding import iri_to_uri
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.links import path_template, site_origin

# -- Links -----------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """An absolute URL to an object, reversed once per response rather than once per row.

    `view_name` is reversed with a placeholder in place of `lookup` (slug or pk) in the
    given language; each row then only pastes its own value into the template. The same
    URLs as HyperlinkedIdentityField, without a reverse() per object.
    """

    def __init__(self, view_name, lookup="slug", *, language="en", fragment=None, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)
        self.view_name = view_name
        self.lookup = lookup
        self.language = language
        self.fragment = fragment

    def _template(self) -> tuple[str, str]:
        context = self.context
        templates = context.setdefault("_link_templates", {})
        key = (self.view_name, self.lookup, self.language, self.fragment)
        if key not in templates:
            request = context.get("request")
            prefix, suffix = path_template(key)
            templates[key] = ((site_origin(request) if request else "") + prefix, suffix)
        return templates[key]

    def to_representation(self, value):
        return self.for_value(getattr(value, self.lookup))

    def for_value(self, value) -> str:
        """Return the URL for the slug or id `value`."""
        prefix, suffix = self._template()
        return f"{prefix}{value}{suffix}"


def link_fields(api_view: str, page_view: str, lookup: str = "slug", fragment=None) -> tuple:
    """Return an entry's `url` (its API address), `page_url` and `page_url_zh` (its pages)."""
    return (
        LinkField(api_view, lookup),
        LinkField(page_view, lookup, fragment=fragment),
        LinkField(page_view, lookup, language="zh-hans", fragment=fragment),
    )


# -- Addresses of other sites -------------------------------------------------------------


class UriField(serializers.URLField):
    """An address, written out as a URI: an IRI's non-ASCII characters percent-encoded.

    Curators may enter `https://zh.wikipedia.org/zh-tw/兔斯基`; the schema declares the
    field `format: uri`, which only ASCII satisfies, and every client can follow
    `https://zh.wikipedia.org/zh-tw/%E5%85%94%E6%96%AF%E5%9F%BA`: the same page.
    """

    def to_representation(self, value):
        return iri_to_uri(super().to_representation(value))


class UriTextField(serializers.CharField):
    """An address or nothing (""): percent-encoded as UriField, declared as plain text."""

    def to_representation(self, value):
        return iri_to_uri(super().to_representation(value))


# Build a model's URLFields as UriFields (ModelSerializer.serializer_field_mapping).
URI_FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.URLField: UriField,
}


# -- Model forms -------------------------------------------------------------------------


class ModelSerializer(serializers.ModelSerializer):
    # DRF's ModelSerializer, limiting integers to their field type's range on every engine.
    # Django gives an integer field the range its database can store: SQLite stores 64 bits
    # in any integer column, PostgreSQL 16 in a small one. DRF makes those limits the API's
    # (a 400 past them) and drf-spectacular writes them into the schema, so both would
    # differ by engine. The range of the field's type in SQL (Django's own table, which
    # PostgreSQL follows) is what the API accepts and documents everywhere. No docstring:
    # drf-spectacular would show it as the description of every subclass without one.

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        limits = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if limits and "max_value" in kwargs:
            kwargs["max_value"] = min(kwargs["max_value"], limits[1])
        if limits and "min_value" in kwargs:
            kwargs["min_value"] = max(kwargs["min_value"], limits[0])
        return field_class, kwargs


# -- Read forms --------------------------------------------------------------------------


class ReadSerializer(ModelSerializer):
    # DRF works out a ModelSerializer's fields from the model (types, choices, labels,
    # validators) for every serializer it creates, every nested one included, on every
    # request; they depend on the class alone. The first build is kept and each serializer
    # gets a copy of it: the fields, the output and the schema are DRF's own. DRF deep-
    # copies declared fields, which builds each one again from its arguments. A field that
    # holds no other field keeps nothing of a request once bind() has given the copy its
    # name and parent, so a shallow copy is enough for it. One that holds fields (a nested
    # serializer, a list's `child`, a many-relation's `child_relation`) is deep-copied as
    # DRF does: those are bound to it. No docstring: drf-spectacular would show it as the
    # description of every subclass without one of its own.

    def get_fields(self):
        cls = type(self)
        if "_built_fields" not in cls.__dict__:
            cls._built_fields = [
                (name, field, _holds_fields(field)) for name, field in super().get_fields().items()
            ]
        return {
            name: copy.deepcopy(field) if deep else copy.copy(field)
            for name, field, deep in cls._built_fields
        }


def _holds_fields(field) -> bool:
    return isinstance(field, serializers.BaseSerializer) or any(
        isinstance(value, serializers.Field) for value in vars(field).values()
    )


class SlugRelatedField(serializers.SlugRelatedField):
    """An entry named by its slug; text no slug can hold is refused before any query.

    A NUL byte would reach the database in the lookup, and PostgreSQL refuses it with
    an error that names no field; here it is the field's own message, on every engine.
    """

    default_error_messages = {"null_characters": "Null characters are not allowed."}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


class LinesField(serializers.ListField):
    """A text field kept one item per line in the database, and a list of strings in JSON."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=500))
        super().__init__(**kwargs)

    def to_representation(self, data):
        return [line.strip() for line in (data or "").splitlines() if line.strip()]

    def to_internal_value(self, data):
        lines = super().to_internal_value(data)
        for line in lines:
            if "\n" in line or "\r" in line:
                raise serializers.ValidationError("Give one item per string, without line breaks.")
        return "\n".join(line.strip() for line in lines if line.strip())
