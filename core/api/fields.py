"""Serializer fields the resources share: links to API and page addresses, lines, slugs."""

import operator

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

    def _template(self, context=None) -> tuple[str, str]:
        context = self.context if context is None else context
        templates = context.setdefault("_link_templates", {})
        key = (self.view_name, self.lookup, self.language, self.fragment)
        if key not in templates:
            request = context.get("request")
            prefix, suffix = path_template(key)
            templates[key] = ((site_origin(request) if request else "") + prefix, suffix)
        return templates[key]

    def to_representation(self, value):
        return self.for_value(getattr(value, self.lookup))

    def for_value(self, value, context=None) -> str:
        """Return the URL for the slug or id `value`."""
        prefix, suffix = self._template(context)
        return f"{prefix}{value}{suffix}"


def link_fields(api_view: str, page_view: str, lookup: str = "slug", fragment=None) -> tuple:
    """Return an entry's `url` (its API address), `page_url` and `page_url_zh` (its pages)."""
    return (
        LinkField(api_view, lookup),
        LinkField(page_view, lookup, fragment=fragment),
        LinkField(page_view, lookup, language="zh-hans", fragment=fragment),
    )


# -- Fast output --------------------------------------------------------------------------

_VALUE, _CONVERT, _LINK, _IMAGE, _ONE, _MANY = range(6)
# Fields whose to_representation() returns an already-loaded value unchanged (the model
# gives str, int, bool): the plan copies the value itself.
_AS_IS = (
    serializers.ReadOnlyField,
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
)
# Fields whose to_representation() needs no request: the plan calls it.
_CONVERTED = (serializers.DateField, serializers.DateTimeField, serializers.ListField)


class CompiledSerializer(serializers.ModelSerializer):
    """A read-only serializer that writes each row from a plan compiled once per class.

    DRF builds a serializer's fields on every request (model introspection, deep copies)
    and walks them per row through several layers of calls. Here the declared fields are
    turned once into a flat plan (the attribute to read and how to write it) that every
    later answer reuses, giving the JSON a hand-written view would, at close to its
    speed. The fields stay the description of the output, for the OpenAPI schema and for
    any field the plan does not know, where the class falls back to DRF's own path.
    """

    _plans: dict = {}

    @classmethod
    def plan(cls):
        if cls not in CompiledSerializer._plans:
            CompiledSerializer._plans[cls] = cls._compile()
        return CompiledSerializer._plans[cls]

    @classmethod
    def _compile(cls):
        steps = []
        for name, field in cls().fields.items():
            if field.write_only:
                continue
            source = None if field.source == "*" else operator.attrgetter(field.source)
            if isinstance(field, LinkField):
                steps.append((name, source, _LINK, field))
            elif isinstance(field, serializers.ImageField):
                steps.append((name, source, _IMAGE, None))
            elif isinstance(field, serializers.ListSerializer):
                child = type(field.child)
                if not issubclass(child, CompiledSerializer) or child.plan() is None:
                    return None
                steps.append((name, source, _MANY, child.plan()))
            elif isinstance(field, CompiledSerializer):
                if type(field).plan() is None:
                    return None
                steps.append((name, source, _ONE, type(field).plan()))
            elif isinstance(field, _AS_IS) and not isinstance(field, _CONVERTED):
                steps.append((name, source, _VALUE, None))
            elif isinstance(field, _CONVERTED):
                steps.append((name, source, _CONVERT, field.to_representation))
            else:
                return None  # a field the plan does not know: DRF's path for this class
        return steps

    def to_representation(self, instance):
        plan = self.plan()
        if plan is None:
            return super().to_representation(instance)
        return _write(plan, instance, self.context)


def _write(plan, obj, context) -> dict:
    data = {}
    for name, source, kind, extra in plan:
        value = obj if source is None else source(obj)
        if value is None or kind == _VALUE:
            data[name] = value
        elif kind == _LINK:
            data[name] = extra.for_value(getattr(value, extra.lookup), context)
        elif kind == _MANY:
            rows = value.all() if hasattr(value, "all") else value
            data[name] = [_write(extra, row, context) for row in rows]
        elif kind == _ONE:
            data[name] = _write(extra, value, context)
        elif kind == _IMAGE:
            request = context.get("request")
            data[name] = None if not value else request.build_absolute_uri(value.url)
        else:
            # `extra` is the field's converter, not QuerySet.extra(): no SQL here.
            data[name] = extra(value)  # nosec B610
    return data


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
