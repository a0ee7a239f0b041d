"""Serve public pages and API reads from cache, and answer revalidations before any work.

Everything a reader or an app can see is a function of three things: the URL, the
content (films, people, quotes… as curators leave them) and the code (templates,
translations). So filmbase keeps one *content version*, a token that changes whenever
any content changes, and builds every validator and cache key from it:

- `If-None-Match` / `If-Modified-Since` from a reader is answered 304 straight from the
  version, before sessions, URL resolving, views or a single SQL query;
- a page or API read rendered once for anonymous visitors is stored under a key that
  holds the version, so an edit makes every stored copy unreachable at once — the next
  request renders afresh; nothing has to be purged.

Both live in Django's cache framework: the version in the `content-version` cache, one
key every web process sees (Redis, or a file cache on one machine), the answers in the
`default` cache. Requests carrying a session cookie or an Authorization header (curators,
apps that write) never touch either: a draft or a curator's view cannot reach a reader.
If a cache fails, requests are served uncached, never refused.
"""

import functools
import hashlib
import logging
import re
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags

logger = logging.getLogger(__name__)

PAGE_CACHE = "default"
VERSION_CACHE = "content-version"
VERSION_KEY = "filmbase:content-version"
MAX_CACHED_BYTES = 4 * 1024 * 1024
QUOTA = frozenset({"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"})


# -- The content version -------------------------------------------------------------


def _new_version() -> str:
    # Nanoseconds since the epoch, in hex: unique per change, and it tells when content
    # last changed (Last-Modified) without another lookup.
    return f"{time.time_ns():x}"


def current_version() -> str | None:
    """Return the content version, or None when it cannot be read (serve uncached).

    A version that is missing (first request, evicted, expired) is simply started afresh:
    a new token only makes every stored answer unreachable, which is always safe.
    """
    try:
        cache = caches[VERSION_CACHE]
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, _new_version(), settings.FILMBASE_PUBLIC_CACHE_TIMEOUT)
            version = cache.get(VERSION_KEY)  # ours, or another process's if it came first
        return version
    except Exception:  # noqa: BLE001 - a broken cache must degrade, not fail the request
        logger.warning("content version unavailable; serving uncached", exc_info=True)
        return None


def bump_version() -> None:
    """Give the content a new version: every validator and cached copy goes stale.

    The version expires after FILMBASE_PUBLIC_CACHE_TIMEOUT like the answers stored under
    it, so a bump that cannot reach the cache (an edit during an outage of a cache that
    keeps its data) is made good by that expiry at the latest (docs/reliability.md).
    """
    version = _new_version()
    try:
        cache = caches[VERSION_CACHE]
        cache.set(VERSION_KEY, version, settings.FILMBASE_PUBLIC_CACHE_TIMEOUT)
        stored = cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001
        stored = None
    # Another process may have bumped it again meanwhile: newer still is as good.
    if stored is None or int(stored, 16) < int(version, 16):
        logger.error(
            "content version not stored (cache unavailable): answers cached before this "
            "edit may be served for up to %s s once the cache is back",
            settings.FILMBASE_PUBLIC_CACHE_TIMEOUT,
        )


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


def public_cache(view=None, *, params=()):
    """Mark a view's successful GET answers as the same for every anonymous visitor.

    `params` names the query parameters the view reads: the cache keys its answers on
    those alone, and does not store answers to requests carrying any other (below).
    Use as `@public_cache` or `@public_cache(params=("page",))`.
    """
    if view is None:
        return functools.partial(public_cache, params=params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_public(response)
        return response

    # functools.wraps copies it onto the decorators outside (require_GET…) as well.
    wrapper.public_cache_params = frozenset(params)
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


# What a read is revalidated with (RFC 9110, 13.1.2 and 13.1.3).
READ_VALIDATORS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def copy_is_current(request, etag: str, last_modified: int) -> bool:
    """Return whether a read's If-None-Match (or, without it, If-Modified-Since) says the
    client holds the answer at `etag` / `last_modified`: a 304.

    If-Match is for writes: the API checks it against the entry's own version
    (core/api/views.py). A read ignores it and If-Unmodified-Since, so that sending them
    never turns a revalidation into a full answer. Django's helper evaluates both first
    (a 412), so it is shown the read's validators alone.
    """
    validators = {name: request.META[name] for name in READ_VALIDATORS if request.META.get(name)}
    if not validators:
        return False
    read = SimpleNamespace(method=request.method, META=validators)
    return get_conditional_response(read, etag=etag, last_modified=last_modified) is not None


# What entry_tag writes, as it ends a detail's ETag (a model's name has no digit).
_ENTRY_TAG = re.compile(r'(?P<model>[a-z_]+)\d+v\d+"')


def entry_tag(obj) -> str:
    """Return an entry's own tag, as an API detail's ETag ends (`film2v1`): its If-Match."""
    return f"{obj._meta.model_name}{obj.pk}v{obj.version}"


def _client_tag(request, etag: str) -> str | None:
    """Return the entry of If-None-Match (as sent) naming this URL's answer at `etag`'s
    version, or None.

    Most answers carry the version's tag itself. An API detail carries it with the
    entry's own tag appended (`"R-V-film2v1"`, core/api/views.py), which says "made at
    version V" too: a copy holding it is current, and is answered 304 here, before a
    cache read — but only on a detail of that model, and never a curator's (`-drafts`).
    """
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return None
    entries = parse_etags(header)
    for entry in entries:
        if entry.removeprefix("W/") == etag:
            return entry
    prefix = etag[:-1] + "-"
    details = [e for e in entries if e.removeprefix("W/").startswith(prefix)]
    model = _detail_model(request) if details else None
    if model is None:
        return None
    wanted = model._meta.model_name
    for entry in details:
        match = _ENTRY_TAG.fullmatch(entry.removeprefix("W/"), len(prefix))
        if match and match["model"] == wanted:
            return entry
    return None


def _detail_model(request):
    """Return the model whose API detail answers this request, or None."""
    view = resolve_view(request)
    actions = getattr(view, "actions", None) or {}
    if actions.get("get") != "retrieve":
        return None
    return getattr(getattr(view, "cls", None), "model", None)


# -- What a request's answer depends on ----------------------------------------------


# The URL patterns do not change while a process runs, so a path resolves to the same
# view every time: cache hits with a query string need not walk the patterns again.
# Bounded both in entries and in each entry's size, however many paths clients invent.
MAX_REMEMBERED_PATH = 256


def resolve_view(request):
    """Return the view function that will answer this request, or None if none will.

    Resolved here, before the view runs, as the URL resolver will again after the
    middleware (its patterns are compiled once per process). The language prefix
    (/zh-hans/) matches only while its language is active, and nothing has activated one
    yet this early in the request.
    """
    path = request.path_info
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    if len(path) > MAX_REMEMBERED_PATH:  # never kept: junk must not fill the memo
        return _resolve(urlconf, path)
    return _remembered_resolve(urlconf, path)


def _resolve(urlconf, path: str):
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return resolve(path, urlconf).func
    except Resolver404:
        return None


_remembered_resolve = functools.lru_cache(maxsize=2048)(_resolve)


@receiver(setting_changed)
def _forget_resolved(*, setting, **kwargs):
    # REST_FRAMEWORK: which parameters an API view reads (its format and paging names).
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "REST_FRAMEWORK"):
        _remembered_resolve.cache_clear()
        view_params.cache_clear()


@functools.lru_cache(maxsize=512)  # a view reads the same parameters all its life
def view_params(view) -> frozenset:
    """Return the query parameters `view` reads.

    A function view declares them with `public_cache(params=…)`; an API view class
    answers `public_cache_params(actions)` (core/api/views.py: its filters, paging and
    format). A view that declares nothing reads no query parameter.
    """
    names = getattr(view, "public_cache_params", None)
    if names is not None:
        return names
    cls = getattr(view, "cls", None)
    if cls is not None and hasattr(cls, "public_cache_params"):
        return cls.public_cache_params(getattr(view, "actions", None) or {})
    return frozenset()


def _variant(accept: str, view) -> str | None:
    """Return the part of the key an API request's Accept header makes; None: do not store.

    Only the values the view's renderers answer exactly (their media types, `*/*` or
    none) are keyed: anything else is negotiated by the view itself (maybe a 406),
    uncached. The first renderer answers no Accept, `*/*` and its own type alike, so
    they share one entry.
    """
    renderers = getattr(getattr(view, "cls", None), "renderer_classes", None) or ()
    media_types = [renderer.media_type for renderer in renderers]
    if accept not in {"", "*/*", *media_types}:
        return None
    # No Accept, `*/*` and the first renderer's own type get the first renderer's answer.
    return "" if not media_types or accept in ("*/*", media_types[0]) else accept


# -- The middleware ------------------------------------------------------------------


def _with_quota(request, response):
    """Add the API's RateLimit-* headers to an answer given before any view ran.

    An answer from the cache is not counted against the client's quota, but tells it
    as it stands, like every other API answer (core/api/defaults.py).
    """
    if request.path_info.startswith("/api/"):
        # Imported here: DRF imports core.api.defaults while it defines its views.
        from core.api.defaults import quota_before_view

        quota_before_view(request, response)
    return response


def cacheable_host(request) -> str | None:
    """Return the Host to key an answer on, or None when it must not be stored.

    Django accepts a Host whatever its case, a trailing dot or its port, so a client could
    otherwise make each variant (`LOCALHOST`, `localhost.`, `localhost:1` … `:65535`) a
    cache entry of its own. Case, the trailing dot and the scheme's own port are folded;
    another port is kept only when it is the one the server listens on. The Host is read
    as Django reads it (`split_domain_port`): one it refuses as malformed (`localhost:`,
    `localhost..`) gets its 400, never a stored answer.
    """
    host = request.META.get("HTTP_HOST", "")
    if not host:  # no Host (HTTP/1.0): Django names the server itself, the same each time
        return ""
    name, port = split_domain_port(host)
    if not name:
        return None
    if port == {"http": "80", "https": "443"}.get(request.scheme):
        port = ""
    if port and port != request.META.get("SERVER_PORT"):
        return None
    return name + (f":{port}" if port else "")


class PublicCacheMiddleware:
    """Answer anonymous GETs from the content version and the cache, before anything else.

    Sits directly after WhiteNoise, so that a revalidation or a cache hit costs about what
    serving a static file does.

    Junk cannot fill the cache: a stored answer is keyed on the query parameters its view
    reads (normalised: sorted by name, each with the value the view sees — the last), and
    an answer to a request carrying any other parameter is served but never stored, so
    `?cachebust=N` adds nothing however many N there are. Which parameters a view reads
    is found by resolving the path here, before the view runs (`resolve_view`).
    """

    def __init__(self, get_response):
        if not settings.FILMBASE_PUBLIC_CACHE:
            raise MiddlewareNotUsed("FILMBASE_PUBLIC_CACHE is off")
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.excluded = tuple(settings.FILMBASE_PUBLIC_CACHE_EXCLUDED_PATHS)
        self.timeout = settings.FILMBASE_PUBLIC_CACHE_TIMEOUT

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or request.path_info.startswith(self.excluded)
            or self.session_cookie in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
        ):
            return self.get_response(request)
        version = current_version()
        if version is None:
            return self.get_response(request)

        etag = version_etag(version)
        last_modified = version_timestamp(version)
        if request.META.get("HTTP_IF_NONE_MATCH") or request.META.get("HTTP_IF_MODIFIED_SINCE"):
            matched = _client_tag(request, etag)
            current = matched.removeprefix("W/") if matched else etag
            if copy_is_current(request, current, int(last_modified)):
                not_modified = HttpResponseNotModified()
                if matched:  # a 304 names the copy it validates, as sent (RFC 9110)
                    not_modified["ETag"] = matched
                return _with_quota(request, not_modified)

        key = self._key(request, version)
        if key is None:  # a parameter or header the view does not know: serve, uncached
            return self.get_response(request)
        entry = self._get(key)
        if entry is not None:
            return _with_quota(request, self._from_entry(request, entry))

        response = self.get_response(request)
        if self._storable(response):
            if not response.has_header("ETag"):
                response["ETag"] = etag
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, no_cache=True)
            self._set(key, response)
        return response

    def _key(self, request, version: str) -> str | None:
        """Return the key of this request's answer, or None if it must not be stored."""
        api = request.path_info.startswith("/api/")
        accept = request.META.get("HTTP_ACCEPT", "").strip() if api else ""
        variant = ""
        # Without a query string or an Accept value to match, the answer depends on the
        # path alone: the view need not be resolved.
        if request.GET or accept not in ("", "*/*"):
            view = resolve_view(request)
            if view is None or not view_params(view).issuperset(request.GET.keys()):
                return None
            variant = _variant(accept, view) if api else ""
            if variant is None:
                return None
        host = cacheable_host(request)
        if host is None:
            return None
        query = urlencode(sorted((name, request.GET[name]) for name in request.GET))
        raw = "\n".join((request.scheme, host, request.path, query, variant))
        digest = hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=16)
        return f"filmbase:page:{release_token()}:{version}:{digest.hexdigest()}"

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
            return caches[PAGE_CACHE].get(key)
        except Exception:  # noqa: BLE001
            logger.warning("cache read failed; serving uncached", exc_info=True)
            return None

    def _set(self, key, response) -> None:
        # The quota headers are the client's own, not the answer's: never stored.
        headers = [(name, value) for name, value in response.items() if name not in QUOTA]
        entry = (response.status_code, headers, response.content)
        try:
            caches[PAGE_CACHE].set(key, entry, self.timeout)
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
