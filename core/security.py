"""Who may knock at all: unused HTTP methods refused early, and the address sign-ins count by.

- `UnusedMethodMiddleware` answers TRACE, CONNECT and any method no view uses with a 405
  and an `Allow` header, on every address (pages, API, admin, static files, sitemap,
  health check). It sits outside the caches and whitenoise so that nothing below it ever
  sees such a request: TRACE would echo the request back (cross-site tracing), and an
  unknown method must not reach a view that treats everything but POST as a read.
- `locked_out` is the answer to a sign-in refused by the lock-out: a bilingual page for
  the admin, JSON for the API, both 429 with `Retry-After` (the cool-off).
- `SignInRateMiddleware` caps sign-in attempts per address across usernames (password
  spraying): the admin's sign-in form shares the token endpoint's per-address rate, and
  an address over it gets the same bilingual 429 page, with `Retry-After`.
- `CorsMiddleware` is django-cors-headers' middleware, reading a request's `Origin` from
  the environ instead of `request.headers`, which Django builds from every header of the
  request: an API answer from the public cache needs them only for the quota headers,
  and not at all when the anonymous rate is off.
- `client_ip` is the address django-axes counts failed sign-ins by. It trusts
  X-Forwarded-For exactly as far as the API throttles do (REST_FRAMEWORK["NUM_PROXIES"]),
  so a client cannot reset its count by sending the header itself.
"""

import math

from corsheaders.middleware import CorsMiddleware as _CorsMiddleware
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from core.api.defaults import TokenThrottle

# Every method some view of filmbase answers. Anything else is refused before routing.
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
ALLOW_HEADER = ", ".join(ALLOWED_METHODS)


class UnusedMethodMiddleware:
    """Answer a method that no view uses with 405 Method Not Allowed and `Allow`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ALLOWED_METHODS:
            return self.get_response(request)
        message = f"Method {request.method!r} is not allowed. Use one of: {ALLOW_HEADER}."
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=405)
        else:
            response = HttpResponse(message, status=405, content_type="text/plain; charset=utf-8")
        response["Allow"] = ALLOW_HEADER
        return response


class CorsMiddleware(_CorsMiddleware):
    """django-cors-headers, without building `request.headers` for a request with no Origin.

    Such a request (not from a browser's script on another origin) gets only `Vary:
    Origin` on the API, as django-cors-headers gives it; a request with an Origin goes
    to django-cors-headers unchanged.
    """

    def add_response_headers(self, request, response):
        if "HTTP_ORIGIN" in request.META:
            return super().add_response_headers(request, response)
        enabled = getattr(request, "_cors_enabled", None)
        if enabled is None:  # the request was answered before the middleware saw it
            enabled = self.is_enabled(request)
        if enabled:
            patch_vary_headers(response, ("origin",))
        return response


def client_ip(request) -> str:
    """Return the client's address, trusting X-Forwarded-For only behind NUM_PROXIES proxies.

    The same rule as DRF's throttles (`BaseThrottle.get_ident`): with 0 proxies the peer
    address is the client; with n, the n-th address from the right of X-Forwarded-For.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    num_proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not num_proxies or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(num_proxies, len(addresses))]


def sign_in_username(request, credentials=None) -> str | None:
    """Return the username axes counts a failure for, cut to fit its record.

    The admin's sign-in form does not enforce the username's length (only the browser
    does), and axes stores it in a 255-character column that PostgreSQL enforces: an
    overlong or NUL-bearing name must not turn a failed sign-in into a server error.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if username is None:
        return None
    return str(username).replace("\0", "")[:255]


def cool_off_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_out(request, original_response=None, credentials=None):
    """Answer a locked-out sign-in: 429, when to try again, and why (AXES_LOCKOUT_CALLABLE)."""
    seconds = cool_off_seconds()
    minutes = max(1, -(-seconds // 60))
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": (
                    f"Too many failed sign-ins for this username from your address. "
                    f"Try again in {minutes} minutes."
                )
            },
            status=429,
        )
    else:
        context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


class SignInRateMiddleware:
    """Refuse sign-in attempts past the per-address rate, whatever the usernames tried.

    django-axes locks one (username, address) pair after a few failures; this caps how
    many pairs one address may try, so that guessing one password against many accounts
    (each guess costing a password hash) is slowed down too. The count is the token
    endpoint's (`TokenThrottle`, FILMBASE_API_TOKEN_RATE): both are ways to sign in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("admin:login"):
            throttle = TokenThrottle()
            if not throttle.allow_request(request, None):
                return too_many_attempts(request, math.ceil(throttle.wait() or 1))
        return self.get_response(request)


def too_many_attempts(request, seconds: int):
    """Answer a sign-in over the per-address rate: the bilingual page, 429, Retry-After."""
    context = {"seconds": seconds, "throttled": True}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
