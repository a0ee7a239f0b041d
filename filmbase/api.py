"""What every endpoint of the REST API shares: errors, paging, throttling, validators, links.

The resources themselves live in each app (`films/api/`, `people/api/`) and are wired on
one router in `filmbase/api_router.py`. This module holds the machinery they share:

- `ContentViewSet`: a model viewset that reads drafts only for curators, answers
  conditional requests (`ETag`, `If-None-Match` → 304, `If-Match` → 412), lets the
  public cache store anonymous answers, and writes inside one transaction;
- JSON for every error, including the ones Django raises before DRF sees the request;
- page-number pagination, throttles whose rates come from the environment, links that are
  reversed once per response rather than once per row.
"""

import copy
import logging
import operator
import re
import sys
from collections import Counter

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import get_error_detail
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from filmbase.caching import current_version, mark_public, version_etag, version_timestamp
from filmbase.content import ContentModel
from filmbase.links import path_template, site_origin
from filmbase.outage import is_database_unavailable, service_unavailable
from filmbase.views import server_error as page_server_error

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
ID_PATTERN = r"[0-9]+"


# -- Errors --------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The resource has changed since you read it (If-Match does not match its ETag). "
        "Read it again, reapply your change and send it with the new ETag."
    )
    default_code = "precondition_failed"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


# How many of the entries that protect another are listed one by one in a 409.
PROTECTED_LISTED = 100
# What a credit or citation belongs to, named in its label.
OWNERS = ("film", "person", "collection")


def _protected_conflict(exc: ProtectedError | RestrictedError) -> tuple[str, dict]:
    """Return the message and the extra fields of the 409 for a refused delete.

    `referenced_by` counts what refers to the entry, per kind; `protected_by` names each
    of them (the first PROTECTED_LISTED), so a client can show where to look.
    """
    objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
    objects = sorted(objects, key=lambda obj: (obj._meta.model_name, obj.pk))
    counts = Counter(str(obj._meta.verbose_name_plural) for obj in objects)
    names = {str(obj._meta.verbose_name_plural): str(obj._meta.verbose_name) for obj in objects}
    listed = _and(
        f"{count} {name if count > 1 else names[name]}" for name, count in sorted(counts.items())
    )
    verb = "refers" if len(objects) == 1 else "refer"
    message = (
        f"Cannot delete this entry: {listed} {verb} to it (see protected_by). "
        "Delete them or make them refer to another entry first."
    )
    return message, {
        "referenced_by": dict(counts),
        "protected_by": [_protector(obj) for obj in objects[:PROTECTED_LISTED]],
    }


def _and(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _protector(obj) -> dict:
    """Describe one entry that refers to the one being deleted."""
    label = str(obj)
    if not isinstance(obj, ContentModel):
        # A credit or a citation has no page of its own: say whose it is.
        owner = next(
            (getattr(obj, name) for name in OWNERS if getattr(obj, f"{name}_id", None)), None
        )
        if owner is not None:
            label = f"{owner}: {label}"
    return {
        "type": obj._meta.model_name,
        "id": obj.pk,
        "slug": getattr(obj, "slug", None),
        "label": label,
    }


def exception_handler(exc, context):
    """Turn every error raised in an API view into JSON, with a 4xx where the client erred.

    Database and model errors that validation should have caught (a constraint, a
    protected relation, a value the database refuses) become a 400 or 409 with a message,
    never a 500. A database that cannot be reached is a 503 with Retry-After (outage.py).
    Anything else unexpected is logged and answered with a JSON 500.
    """
    if is_database_unavailable(exc):
        return service_unavailable(context["request"], exc)
    extra = {}
    if isinstance(exc, ProtectedError | RestrictedError):
        message, extra = _protected_conflict(exc)
        exc = Conflict(message)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {"non_field_errors": ["This change conflicts with existing data: " + _first(exc)]}
        )
    elif isinstance(exc, DataError):
        exc = exceptions.ValidationError(
            {"non_field_errors": ["The database refused a value: " + _first(exc)]}
        )
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.error("API error", exc_info=exc)
        return Response({"detail": "Server error."}, status=500)
    if extra:
        response.data.update(extra)
    response.data = _encodable(response.data)
    return response


_SURROGATES = re.compile("[\ud800-\udfff]")


def _encodable(data):
    """Return error data with lone surrogates replaced, so that it can be sent as UTF-8.

    Messages quote what the client sent ('"\\ud800" is not a valid choice'); a lone
    surrogate, legal in a JSON string escape, cannot be encoded and would turn the 400
    into a server error.
    """
    if isinstance(data, str):
        text = _SURROGATES.sub("\ufffd", data)
        return ErrorDetail(text, data.code) if isinstance(data, ErrorDetail) else text
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_encodable(item) for item in data]
    return data


def _first(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["(no detail)"])[0]


def _django_errors(exc: DjangoValidationError) -> dict | list:
    if hasattr(exc, "error_dict"):
        errors = {
            (api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name): messages
            for name, messages in exc.message_dict.items()
        }
        return get_error_detail(DjangoValidationError(errors))
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Answer an /api/ address that matches no endpoint with a JSON 404."""
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request, exception=None):
    """Answer a suspicious or malformed request: JSON under /api/, the HTML page elsewhere."""
    if is_api_request(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """Answer an unhandled error: JSON under /api/, the HTML page elsewhere.

    Django calls this while handling the exception, so `sys.exc_info()` tells what went
    wrong: a database that cannot be reached from a middleware (a session saved after
    the view) is a 503 like anywhere else, not a 500.
    """
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return service_unavailable(request, error)
    if is_api_request(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return page_server_error(request)


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


class ModelCleanMixin:
    """Run the model's own validation (constraints, field checks) before saving.

    DRF validates fields one by one; the database also holds CheckConstraints across fields
    (an unknown title must be empty, a citation has one subject…). Checking them here turns
    a violation into a field-level 400 instead of an IntegrityError at save time.
    """

    clean_exclude: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        plain = {
            name: value
            for name, value in attrs.items()
            if name not in {f.name for f in model._meta.many_to_many}
            and not isinstance(self.fields.get(name), serializers.ListSerializer)
        }
        if self.instance is not None:
            candidate = copy.copy(self.instance)
            for name, value in plain.items():
                setattr(candidate, name, value)
        else:
            candidate = model(**plain)
        exclude = [f.name for f in model._meta.many_to_many] + list(self.clean_exclude)
        try:
            candidate.full_clean(exclude=exclude, validate_unique=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(_django_errors(error)) from None
        return attrs


class NestedRowsMixin:
    """Write an entry's own rows (a film's credits, a person's links) with the entry.

    `nested` maps a list field to (the rows' foreign key to the entry, the fields that
    must be unique among the rows). When the field is given, the rows are replaced as a
    whole (one save per row, so each lands in the history); when omitted, they stay.
    """

    nested: dict[str, tuple[str, tuple[str, ...]]] = {}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name, (_parent, unique) in self.nested.items():
            seen = set()
            for row in attrs.get(name) or ():
                key = tuple(getattr(row.get(field), "pk", row.get(field)) for field in unique)
                if key in seen:
                    raise serializers.ValidationError(
                        {name: [f"Two rows have the same {', '.join(unique)}."]}
                    )
                seen.add(key)
        return attrs

    def _pop_rows(self, validated_data) -> dict:
        return {name: validated_data.pop(name) for name in self.nested if name in validated_data}

    def _replace_rows(self, instance, rows: dict) -> None:
        for name, items in rows.items():
            parent, _unique = self.nested[name]
            model = self.fields[name].child.Meta.model
            for old in model.objects.filter(**{parent: instance}):
                old.delete()
            for item in items:
                model.objects.create(**{parent: instance}, **item)

    def create(self, validated_data):
        rows = self._pop_rows(validated_data)
        instance = super().create(validated_data)
        self._replace_rows(instance, rows)
        return instance

    def update(self, instance, validated_data):
        rows = self._pop_rows(validated_data)
        instance = super().update(instance, validated_data)
        self._replace_rows(instance, rows)
        return instance


# -- Views -----------------------------------------------------------------------------


def can_see_drafts(request, permission: str | None) -> bool:
    """Return whether this request may read drafts: curators, who may change the model."""
    user = getattr(request, "user", None)
    return bool(
        permission and user is not None and user.is_authenticated and user.has_perm(permission)
    )


class ApiViewMixin:
    """The behaviour every API view shares, model-backed or not.

    - The API speaks English in its own messages, whatever Accept-Language says: content
      carries both languages explicitly, and the public cache does not vary by language.
    - A NUL byte in the query string is a 400: PostgreSQL refuses it in text.
    - Successful anonymous reads are marked for the public cache; answers to signed-in
      users are private.
    """

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bad = sorted(
            name
            for name, values in request.query_params.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if bad:
            raise exceptions.ValidationError(
                {
                    name.replace("\x00", "") or "query": ["Null characters are not allowed."]
                    for name in bad
                }
            )
        length = request.META.get("CONTENT_LENGTH")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length and limit is not None and length.isdigit() and int(length) > limit:
            raise PayloadTooLarge()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            isinstance(response, Response)
            and response.status_code >= 400
            and not isinstance(response.accepted_renderer, JSONRenderer)
        ):
            # Errors are JSON on every endpoint, the schema's and the docs' included
            # (whose own renderers are YAML and HTML), and for any ?format= asked for.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif request.method in ("GET", "HEAD"):
            mark_public(response)
        return response


def content_etag(*, drafts: bool = False) -> str | None:
    """Return the validator of everything the content version covers.

    For anonymous readers it is the public cache's own (`version_etag`); with drafts
    shown it differs, so a curator's answer never revalidates a reader's copy or back.
    """
    version = current_version()
    if version is None:
        return None
    etag = version_etag(version)
    return f'{etag[:-1]}-drafts"' if drafts else etag


def conditional(request, etag: str | None, respond) -> Response:
    """Answer 304 when the client's copy is current, else `respond()` with the validators."""
    if _not_modified(request, etag):
        return _not_modified_response(etag)
    response = respond()
    if etag is not None and response.status_code == 200:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(_changed_at(etag))
    return response


def _changed_at(etag: str) -> int:
    """Return when the content last changed, from the content version inside `etag`."""
    return int(version_timestamp(etag.strip('"').split("-")[1]))


def _not_modified(request, etag: str | None) -> bool:
    """Return whether If-None-Match (or, without it, If-Modified-Since) says "unchanged".

    If-Modified-Since is compared with when any content last changed, not the entry's own
    `updated_at`: what a detail shows of other entries (a director's name) may be newer.
    """
    if etag is None or request.method not in ("GET", "HEAD"):
        return False
    if not request.META.get("HTTP_IF_NONE_MATCH") and not request.META.get(
        "HTTP_IF_MODIFIED_SINCE"
    ):
        return False
    answer = get_conditional_response(request, etag=etag, last_modified=_changed_at(etag))
    return answer is not None and answer.status_code == status.HTTP_304_NOT_MODIFIED


def _not_modified_response(etag: str) -> Response:
    response = Response(status=status.HTTP_304_NOT_MODIFIED)
    response["ETag"] = etag
    return response


class ContentViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Read, and for curators write, one content model.

    Subclasses set `model`, the three serializers and `draft_permission` (or None for
    models without drafts). Reads go through the model's queryset methods where it has
    them: `visible(drafts)`, then `for_api_list()` (else the pages' `for_list()`) for a
    list and `for_api_detail(drafts=…)` (else the list's) for one entry.

    Validators: a list's ETag is the content version (the same one the public cache
    gives anonymous readers, with a suffix when drafts are shown); a detail's ETag adds
    the object's own `version`, which `If-Match` on PUT, PATCH and DELETE is checked
    against, under a row lock, so two apps cannot silently overwrite each other.
    """

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    model = None
    list_serializer_class = None
    detail_serializer_class = None
    write_serializer_class = None
    draft_permission: str | None = None

    # -- querysets: subclasses call the model's purpose-built methods here

    def visible(self, drafts: bool):
        queryset = self.model.objects.all()
        return queryset.visible(drafts) if hasattr(queryset, "visible") else queryset

    def for_list(self, queryset, drafts: bool):
        for method in ("for_api_list", "for_list"):  # the API's own screen, else the pages'
            if hasattr(queryset, method):
                return getattr(queryset, method)()
        return queryset

    def for_detail(self, queryset, drafts: bool):
        if hasattr(queryset, "for_api_detail"):
            return queryset.for_api_detail(drafts=drafts)
        return self.for_list(queryset, drafts)

    @property
    def drafts(self) -> bool:
        if not hasattr(self, "_drafts"):
            self._drafts = can_see_drafts(self.request, self.draft_permission)
        return self._drafts

    def get_queryset(self):
        queryset = self.visible(self.drafts)
        if self.action == "list":
            return self.for_list(queryset, self.drafts)
        return self.for_detail(queryset, self.drafts)

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer_class
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return self.detail_serializer_class

    # -- validators

    def list_etag(self) -> str | None:
        return content_etag(drafts=self.drafts)

    def object_tag(self, obj) -> str:
        return f"{self.model._meta.model_name}{obj.pk}v{obj.version}"

    def detail_etag(self, obj) -> str | None:
        # The content version covers what the detail shows of other objects (a director's
        # name on a film); the object's own version is what If-Match is checked against.
        base = self.list_etag()
        return None if base is None else f'{base[:-1]}-{self.object_tag(obj)}"'

    def check_if_match(self, obj) -> None:
        header = self.request.META.get("HTTP_IF_MATCH")
        if not header or header.strip() == "*":
            return
        tags = {tag.removeprefix("W/").strip('"').rsplit("-", 1)[-1] for tag in parse_etags(header)}
        if self.object_tag(obj) not in tags:
            raise PreconditionFailed()

    # -- reading

    def list(self, request, *args, **kwargs):
        return conditional(
            request, self.list_etag(), lambda: super(ContentViewSet, self).list(request)
        )

    def filter_queryset(self, queryset):
        # Filters and ordering apply to lists; a detail is found by its slug or id alone.
        # Without parameters there is nothing to filter: skip building the FilterSet.
        if self.action != "list" or not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return self.detail_response(instance)

    def detail_response(self, instance, status_code=status.HTTP_200_OK, headers=None):
        etag = self.detail_etag(instance)
        if status_code == status.HTTP_200_OK and _not_modified(self.request, etag):
            return _not_modified_response(etag)
        serializer = self.detail_serializer_class(instance, context=self.get_serializer_context())
        response = Response(serializer.data, status=status_code, headers=headers)
        if etag is not None:
            response["ETag"] = etag
        response["Last-Modified"] = http_date(instance.updated_at.timestamp())
        return response

    # -- writing

    def get_object_for_write(self):
        """Return the object locked for the rest of the transaction, after If-Match."""
        lookup = {self.lookup_field: self.kwargs[self.lookup_field]}
        queryset = self.visible(self.drafts).select_for_update(of=("self",))
        try:
            instance = queryset.get(**lookup)
        except self.model.DoesNotExist:
            raise exceptions.NotFound() from None
        self.check_object_permissions(self.request, instance)
        self.check_if_match(instance)
        return instance

    def refetched(self, instance):
        return self.for_detail(self.visible(True), self.drafts).get(pk=instance.pk)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        fresh = self.refetched(instance)
        path = reverse(
            f"api:{self.basename}-detail",
            kwargs={self.lookup_field: getattr(fresh, self.lookup_field)},
        )
        location = request.build_absolute_uri(path)
        return self.detail_response(fresh, status.HTTP_201_CREATED, {"Location": location})

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        instance = self.get_object_for_write()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.pop("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self.detail_response(self.refetched(instance))

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object_for_write()
        instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReadOnlyApiView(ApiViewMixin, APIView):
    """A read-only endpoint that is not a model resource (root, search, changes, export)."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]


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

    def get_response_serializers(self):
        # A write answers with the entry as a detail read shows it, not the write form.
        view = self.view
        if isinstance(view, ContentViewSet) and self.method.upper() in ("POST", "PUT", "PATCH"):
            return view.detail_serializer_class
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
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
        return responses
