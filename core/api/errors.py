"""JSON for every error the API answers, including those Django raises before DRF."""

import logging
import re
import sys
from collections import Counter

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.http import escape_leading_slashes
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.content import ContentModel
from core.outage import is_database_unavailable, service_unavailable
from core.views import bad_request as page_bad_request
from core.views import server_error as page_server_error

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
        exc = exceptions.ValidationError(django_errors(exc))
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


def django_errors(exc: DjangoValidationError) -> dict | list:
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
    """Answer an /api/ address that matches no endpoint with a JSON 404.

    A read of an address that lacks only its trailing slash is sent to it (301), as the
    pages are by APPEND_SLASH: this catch-all answers every /api/ path, so Django's own
    redirect never sees them.
    """
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            target = escape_leading_slashes(request.get_full_path(force_append_slash=True))
            return HttpResponsePermanentRedirect(target)
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request, exception=None):
    """Answer a suspicious or malformed request: JSON under /api/, the HTML page elsewhere."""
    if is_api_request(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return page_bad_request(request, exception)


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
