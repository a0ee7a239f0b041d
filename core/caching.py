"""Serve public pages and API reads from cache, and answer revalidations before any work.

Everything a reader or an app can see is a function of three things: the URL, the
content (films, people, quotes… as curators leave them) and the code (templates,
translations). So filmbase keeps one *content version*, a token that changes whenever
any content changes, and builds every validator and cache key from it:

- `If-None-Match` / `If-Modified-Since` from a reader is answered 304 straight from the
  version, before sessions, URL resolving, views or a single SQL query;
- a page or API read rendered once for anonymous visitors is stored under a key that
  holds the version, so an edit makes every stored copy unreachable at once — the next
  request renders afresh; nothing is ever served stale and nothing has to be purged.

The version lives where every web process can see it: in the shared cache when that is
Redis (several machines), else in a small file under `var/` (several workers on one
machine). Requests carrying a session cookie or an Authorization header (curators, apps
that write) never touch the cache: a draft or a curator's view cannot reach a reader.
If the cache or the version store fails, requests are served uncached, never refused.
"""

import functools
import hashlib
import logging
import os
import threading
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
VERSION_KEY = "filmbase:content-version"
MAX_CACHED_BYTES = 4 * 1024 * 1024


# -- The content version -------------------------------------------------------------


def _version_path() -> Path:
    return Path(settings.VAR_DIR) / "content-version"


def _new_version() -> str:
    # Nanoseconds since the epoch, in hex: unique per change, and it tells when content
    # last changed (Last-Modified) without another lookup.
    return f"{time.time_ns():x}"


# A bump that could not reach the shared cache (Redis down): retried by this process as
# soon as the cache answers again, so that pages cached before the outage are not served
# after an edit made during it.
_pending_bump = False


def current_version() -> str | None:
    """Return the content version, or None when it cannot be read (serve uncached)."""
    try:
        if settings.FILMBASE_CONTENT_VERSION_STORE == "cache":
            cache = caches[CACHE_ALIAS]
            if _pending_bump:
                bump_version()
                if _pending_bump:
                    return None
            version = cache.get(VERSION_KEY)
            if version is None:
                cache.add(VERSION_KEY, _new_version(), timeout=None)
                version = cache.get(VERSION_KEY)
            return version
        path = _version_path()
        try:
            return path.read_text()
        except FileNotFoundError:
            bump_version()
            return path.read_text()
    except Exception:  # noqa: BLE001 - a broken store must degrade, not fail the request
        logger.warning("content version unavailable; serving uncached", exc_info=True)
        return None


def bump_version() -> None:
    """Give the content a new version: every validator and cached copy goes stale."""
    global _pending_bump
    version = _new_version()
    try:
        if settings.FILMBASE_CONTENT_VERSION_STORE == "cache":
            cache = caches[CACHE_ALIAS]
            cache.set(VERSION_KEY, version, timeout=None)
            _pending_bump = cache.get(VERSION_KEY) != version
            if _pending_bump:
                logger.error("content version not stored; will retry when the cache is back")
            return
        path = _version_path()
        # One temporary file per thread: two threads of a worker may save at once.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_text(version)
        os.replace(temporary, path)  # atomic: readers see the old or the new token
    except Exception:  # noqa: BLE001
        logger.exception("could not bump the content version")


def version_timestamp(version: str) -> float:
    return int(version, 16) / 1e9


def _content_changed(sender, **kwargs):
    # Bump now, so that this process's next read is fresh even inside the transaction,
    # and again once the transaction commits, so that a reader who rendered the old
    # rows meanwhile cannot have stored them under the new version.
    bump_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is bump_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump_version)  # once per transaction, however many saves


def connect_content_signals(models) -> None:
    """Bump the content version whenever one of `models` is saved, deleted or relinked."""
    for model in models:
        uid = f"filmbase-content-{model._meta.label_lower}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _content_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-m2m"
            )


# -- Marking what may be cached ------------------------------------------------------


def public_cache(view):
    """Mark a view's successful GET answers as the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_public(response)
        return response

    return wrapper


def mark_public(response):
    if response.status_code == 200 and not response.streaming:
        response.public_cache = True
    return response


@functools.cache
def release_token() -> str:
    """Return a short hash of the code that renders content: templates, translations, apps.

    Part of every validator and cache key, so a deploy never serves pages rendered by the
    previous release. Computed from file contents, so every machine of one release agrees.
    """
    if settings.FILMBASE_RELEASE:
        return settings.FILMBASE_RELEASE
    digest = hashlib.blake2b(digest_size=6)
    base = Path(settings.BASE_DIR)
    for folder in ("core", "filmbase", "films", "people", "templates", "locale", "static"):
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".txt", ".mo", ".css", ".js"}:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def version_etag(version: str) -> str:
    return f'"{release_token()}-{version}"'


# -- The middleware ------------------------------------------------------------------


def _is_signed_in(request, session_cookie: str) -> bool:
    return session_cookie in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


class _ResponseStore:
    """What both caches share: which requests qualify, the key, storing and replaying."""

    namespace = ""

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.excluded = tuple(settings.FILMBASE_PUBLIC_CACHE_EXCLUDED_PATHS)
        self.timeout = settings.FILMBASE_PUBLIC_CACHE_TIMEOUT

    def _eligible(self, request) -> bool:
        return request.method in ("GET", "HEAD") and not request.path_info.startswith(self.excluded)

    def _key(self, request, version: str, audience: str) -> str:
        variant = (
            request.META.get("HTTP_ACCEPT", "") if request.path_info.startswith("/api/") else ""
        )
        raw = "\n".join(
            (
                audience,
                request.scheme,
                request.META.get("HTTP_HOST", ""),
                request.get_full_path(),
                variant,
            )
        )
        digest = hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=16)
        return f"filmbase:{self.namespace}:{release_token()}:{version}:{digest.hexdigest()}"

    def _storable(self, response) -> bool:
        return (
            getattr(response, "public_cache", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= MAX_CACHED_BYTES
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    def _get(self, key):
        try:
            return caches[CACHE_ALIAS].get(key)
        except Exception:  # noqa: BLE001
            logger.warning("cache read failed; serving uncached", exc_info=True)
            return None

    def _set(self, key, response) -> None:
        entry = (response.status_code, list(response.items()), response.content)
        try:
            caches[CACHE_ALIAS].set(key, entry, self.timeout)
        except Exception:  # noqa: BLE001
            logger.warning("cache write failed", exc_info=True)

    def _from_entry(self, request, entry):
        status, headers, content = entry
        etag = next((value for name, value in headers if name == "ETag"), None)
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if etag and if_none_match and etag in parse_etags(if_none_match):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        return response


class PublicCacheMiddleware(_ResponseStore):
    """Answer anonymous GETs from the content version and the cache, before anything else.

    Sits directly after WhiteNoise, so that a revalidation or a cache hit costs about what
    serving a static file does.
    """

    namespace = "page"

    def __init__(self, get_response):
        if not settings.FILMBASE_PUBLIC_CACHE:
            raise MiddlewareNotUsed("FILMBASE_PUBLIC_CACHE is off")
        super().__init__(get_response)

    def __call__(self, request):
        if not self._eligible(request) or _is_signed_in(request, self.session_cookie):
            return self.get_response(request)
        version = current_version()
        if version is None:
            return self.get_response(request)

        etag = version_etag(version)
        last_modified = version_timestamp(version)
        if request.META.get("HTTP_IF_NONE_MATCH") or request.META.get("HTTP_IF_MODIFIED_SINCE"):
            not_modified = get_conditional_response(
                request, etag=etag, last_modified=int(last_modified)
            )
            if not_modified is not None and not_modified.status_code == 304:
                return not_modified

        key = self._key(request, version, "anonymous")
        entry = self._get(key)
        if entry is not None:
            return self._from_entry(request, entry)

        request.filmbase_page_cached = True  # the render cache below need not keep a copy
        response = self.get_response(request)
        if self._storable(response):
            if not response.has_header("ETag"):
                response["ETag"] = etag
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, no_cache=True)
            self._set(key, response)
        return response


class RenderCacheMiddleware(_ResponseStore):
    """Reuse a view's rendering for as long as the content version lasts.

    The innermost middleware: every request still passes sessions, authentication,
    CSRF and the security headers, but a view marked `public_cache` renders each page
    once per content version — for signed-in curators too (their pages are the same as
    everyone's), and for anonymous readers when the public cache above is off. Its
    entries hold the view's own response; the middleware around it add their headers
    on every request. Answers that depend on the user (the API's, for a curator who
    sees drafts) are never marked public, so never stored.
    """

    namespace = "render"

    def __init__(self, get_response):
        if not settings.FILMBASE_RENDER_CACHE:
            raise MiddlewareNotUsed("FILMBASE_RENDER_CACHE is off")
        super().__init__(get_response)

    def __call__(self, request):
        if not self._eligible(request) or getattr(request, "filmbase_page_cached", False):
            return self.get_response(request)
        version = current_version()
        if version is None:
            return self.get_response(request)
        audience = "signed-in" if _is_signed_in(request, self.session_cookie) else "anonymous"
        key = self._key(request, version, f"{audience}:{get_language()}")
        entry = self._get(key)
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if self._storable(response):
            self._set(key, response)
        return response
