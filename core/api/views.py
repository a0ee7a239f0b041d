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

import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags
from rest_framework import exceptions, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.api import shape
from core.api.defaults import add_rate_limit_headers
from core.api.errors import SLUG_PATTERN, PayloadTooLarge, PreconditionFailed
from core.api.renderers import CSVRenderer
from core.caching import (
    copy_is_current,
    current_version,
    entry_tag,
    mark_public,
    version_etag,
    version_timestamp,
)

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
      users are private. The public cache stores only answers to requests whose query
      parameters are all ones the view reads: `format`, the class's own `cache_params`,
      and for a list its filters and paging (`public_cache_params`, core/caching.py).
    """

    cache_params: tuple[str, ...] = ()
    # Whether a read naming a query parameter the view does not read is a 400 (lists: a
    # misspelt filter would otherwise return everything).
    strict_params = False

    @classmethod
    def public_cache_params(cls, actions: dict) -> frozenset:
        """Return the query parameters a read of this view depends on."""
        return frozenset({api_settings.URL_FORMAT_OVERRIDE, *cls.cache_params} - {None})

    def checks_params(self) -> bool:
        return self.strict_params

    def check_params_known(self, request) -> None:
        """Refuse a read that names a query parameter this view does not read."""
        if request.method not in ("GET", "HEAD") or not self.checks_params():
            return
        known = type(self).public_cache_params(getattr(self, "action_map", None) or {})
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            valid = ", ".join(sorted(known))
            raise exceptions.ValidationError(
                {name: [f"Unknown parameter. Valid ones: {valid}."] for name in unknown}
            )

    def get_throttles(self):
        # Kept for the RateLimit-* headers of the answer (finalize_response).
        self._throttles = super().get_throttles()
        return self._throttles

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
        if (
            length
            and limit is not None
            and length.isascii()
            and length.isdigit()
            and int(length) > limit
        ):
            raise PayloadTooLarge()
        self.check_params_known(request)

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
        if len(self.renderer_classes) > 1:
            patch_vary_headers(response, ["Accept"])  # the format may follow Accept
        if isinstance(request, Request):
            counted = getattr(self, "_throttles", None)
            throttles = counted if counted is not None else self.get_throttles()
            add_rate_limit_headers(response, throttles, request, self, counted=counted is not None)
        return response


# The read forms that `?fields=` and `?expand=` shape, with what each gains by expanding.
SHAPED: dict[type, dict] = {}


@functools.cache
def field_names(serializer_class) -> tuple[str, ...]:
    """Return the names of the fields `serializer_class` answers with."""
    return tuple(serializer_class().fields)


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
    return copy_is_current(request, etag, _changed_at(etag))


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
    # JSON, and CSV (`?format=csv` or Accept: text/csv) for spreadsheets.
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]
    model = None
    list_serializer_class = None
    detail_serializer_class = None
    write_serializer_class = None
    draft_permission: str | None = None

    @classmethod
    def public_cache_params(cls, actions: dict) -> frozenset:
        names = set(super().public_cache_params(actions))
        if actions.get("get") in ("list", "retrieve"):
            names.update(cls.shape_params())
        if actions.get("get") == "list":
            filterset = getattr(cls, "filterset_class", None)
            if filterset is not None:
                names.update(filterset.base_filters)
            if cls.pagination_class is not None:
                paging = cls.pagination_class
                names.update({paging.page_query_param, paging.page_size_query_param} - {None})
        return frozenset(names)

    # What `?expand=` can embed in full, by name (core/api/shape.py).
    expansions: dict[str, shape.Expansion] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The schema's record of the read forms `fields`/`expand` shape (core/api/schema.py),
        # with the expansions each form lacks a field for.
        for serializer_class in (cls.list_serializer_class, cls.detail_serializer_class):
            if serializer_class is not None:
                names = field_names(serializer_class)
                SHAPED[serializer_class] = {
                    name: expansion
                    for name, expansion in cls.expansions.items()
                    if name not in names
                }

    @classmethod
    def shape_params(cls) -> tuple[str, ...]:
        """Return the parameters that shape a read's answer (core/api/shape.py)."""
        return (shape.FIELDS, shape.EXPAND)

    def read_shape(self) -> tuple[list[str] | None, list[str]]:
        """Return this read's `fields` (None: all) and `expand`, checked (a 400 if unknown).

        Writes answer the whole entry: their answer is not shaped.
        """
        if not hasattr(self, "_shape"):
            fields, expand = None, None
            if self.request.method in ("GET", "HEAD") and self.action in ("list", "retrieve"):
                expand = shape.names(self.request, shape.EXPAND)
                shape.check_names(shape.EXPAND, expand, self.expansions)
                serializer_class = (
                    self.list_serializer_class
                    if self.action == "list"
                    else self.detail_serializer_class
                )
                fields = shape.names(self.request, shape.FIELDS)
                own = field_names(serializer_class)
                # A set the answer shows only when expanded is a field only then too.
                hidden = set(fields or ()) & set(self.expansions) - {*own, *(expand or ())}
                if hidden:
                    message = f"{', '.join(sorted(hidden))}: name them in expand= too."
                    raise exceptions.ValidationError({shape.FIELDS: [message]})
                valid = [*own, *(expand or [])]
                shape.check_names(shape.FIELDS, fields, valid)
            self._shape = (fields, expand or [])
        return self._shape

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.read_shape()

    def get_serializer(self, *args, **kwargs):
        return self.shaped(super().get_serializer(*args, **kwargs))

    def shaped(self, serializer):
        fields, expand = self.read_shape()
        shape.apply(serializer, fields, expand, self.expansions)
        return serializer

    def checks_params(self) -> bool:
        return self.action == "list"

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
            queryset = self.for_list(queryset, self.drafts)
        else:
            queryset = self.for_detail(queryset, self.drafts)
        _fields, expand = self.read_shape()
        joins = [self.expansions[name].prefetch for name in expand]
        return queryset.prefetch_related(*(join(self.drafts) for join in joins if join))

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
        return entry_tag(obj)

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
        serializer = self.shaped(
            self.detail_serializer_class(instance, context=self.get_serializer_context())
        )
        response = Response(serializer.data, status=status_code, headers=headers)
        # Last-Modified is the moment If-Modified-Since is compared with (_not_modified),
        # to the second as HTTP dates go, so that sending it back answers 304.
        if etag is not None:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(_changed_at(etag))
        else:
            response["Last-Modified"] = http_date(int(instance.updated_at.timestamp()))
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
        self.check_deletable(instance)
        instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def check_deletable(self, instance) -> None:
        """Raise ProtectedError (a 409) if `instance` must not go; PROTECT keys do it too."""


class ReadOnlyApiView(ApiViewMixin, APIView):
    """A read-only endpoint that is not a model resource (root, search, changes, export)."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
