"""Settings shared by every environment.

On its own this module is the embedded configuration that `make run` serves: SQLite in
`var/`, DEBUG off, a secret key generated on first start and kept out of git. The
environment files (`dev`, `test`, `prod`) import it and override only what differs.
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from core.env import database_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("FILMBASE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret_key() -> str:
    """Return the key in var/secret_key, creating it once; it never enters the repository."""
    path = VAR_DIR / "secret_key"
    try:
        # O_EXCL: when several workers start at once, exactly one of them writes the key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY", None) or _local_secret_key()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # reader pages: /sitemap.xml
    "simple_history",
    # REST API v1 (filmbase/api_router.py): DRF with tokens, filters, the OpenAPI schema
    # and its docs pages served from this site (sidecar), CORS for other origins.
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Admin sign-in throttling: failed attempts per username and address (below).
    "axes",
    "core",
    "people",
    "films",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # TRACE, CONNECT and other methods no view uses: 405 before any cache or view.
    "core.security.UnusedMethodMiddleware",
    # django-cors-headers (core/security.py), outside the public cache, so that answers
    # served from the cache get CORS headers too.
    "core.security.CorsMiddleware",
    # whitenoise, with security headers and without unused bundle files (core/staticfiles.py).
    "core.staticfiles.StaticFilesMiddleware",
    # gzip for the export only, outside the cache (core/compression.py says why only there).
    "core.compression.GZipPathsMiddleware",
    "core.caching.PublicCacheMiddleware",
    # Anonymous reads may use the read replica, when one is configured (core/routers.py).
    "core.routers.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in attempts per address, across usernames (password spraying): a 429 page.
    "core.security.SignInRateMiddleware",
    # Turns an axes lock-out into the lock-out page (templates/registration/locked_out.html).
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Reader pages: the Content-Security-Policy header (settings below).
    "core.csp.CSPMiddleware",
    # A database that cannot be reached during a view: a fast 503, not a 500 (outage.py).
    "core.outage.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "filmbase.urls"
WSGI_APPLICATION = "filmbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Database: DATABASE_URL when set (PostgreSQL in production), else the embedded SQLite
# file (core/env.py, database_config).
DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    )
}
# An optional read replica for anonymous readers (core/routers.py, docs/deployment.md).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **database_config(DATABASE_REPLICA_URL),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
# Seconds after a content change during which readers still read the primary: more than
# the replica's replication lag, so that no page is rendered from rows it has not replayed.
FILMBASE_REPLICA_MAX_LAG = env_int("FILMBASE_REPLICA_MAX_LAG", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes checks every sign-in (admin form, API token) before the password does.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures count per (username, address) pair: an attacker guessing a curator's password
# from elsewhere locks out only themselves, never the curator's own address. The lock
# lifts by itself after the cool-off, so it cannot be turned into a permanent denial.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("FILMBASE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FILMBASE_LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# The lock runs from the failure that set it: attempts refused during the lock are not
# counted again, so a curator who keeps retrying is not locked out longer and longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A bilingual page (templates/registration/locked_out.html), JSON under /api/; 429.
AXES_LOCKOUT_CALLABLE = "core.security.locked_out"
# Log who failed from where (security events); the password is always masked.
AXES_SENSITIVE_PARAMETERS = []
# The address as the API throttles see it (X-Forwarded-For only behind NUM_PROXIES).
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# The username as typed, cut to fit axes' record (core/security.py).
AXES_USERNAME_CALLABLE = "core.security.sign_in_username"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here; the system tests share one collection between their servers.
STATIC_ROOT = Path(env_str("FILMBASE_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("FILMBASE_MEDIA_ROOT", str(VAR_DIR / "media")))


def _static_headers(headers, path, url):
    # Static files carry the pages' framing rule, and run nothing when opened on their own
    # (an SVG, say): Django's clickjacking and CSP middleware never see these responses.
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self' data:; style-src 'self'; "
        "frame-ancestors 'none'; sandbox"
    )


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Two caches (core/caching.py): `default` holds the answers served to anonymous readers
# (and the API throttles' counts, the export document); `content-version` holds the one
# key that says which of them are current, and must be the same for every web process.
# With REDIS_URL both are that Redis, shared by every process and machine; django-redis
# ignores its errors (logged) so that an outage degrades to uncached serving, and gives
# up on an unreachable server within the socket timeouts. Without it (`make run`: one
# machine) the version is a file-based cache under VAR_DIR, which every process on the
# machine reads (the server, several of them behind a proxy, a management command that
# edits), and the answers stay in each process's memory, where a hit costs a dictionary
# look-up rather than reading and unpickling a file.
# https://docs.djangoproject.com/en/5.2/topics/cache/ https://github.com/jazzband/django-redis
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "filmbase",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    CACHES = {"default": _redis, "content-version": _redis}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "content-version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        },
    }

# History records carry the curator who made the change (HistoryRequestMiddleware).
SIMPLE_HISTORY_REVERT_DISABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Public cache and validators (core/caching.py).
FILMBASE_PUBLIC_CACHE = env_bool("FILMBASE_PUBLIC_CACHE", True)
# Retired, accepted and ignored: FILMBASE_RENDER_CACHE (there is one cache tier) and
# FILMBASE_CONTENT_VERSION_STORE (the version lives in the `content-version` cache).
FILMBASE_RELEASE = env_str("FILMBASE_RELEASE", "")
# Seconds a client is asked to wait (Retry-After) when the database is unreachable.
FILMBASE_RETRY_AFTER = env_int("FILMBASE_RETRY_AFTER", 5)
# Seconds the content version and the answers stored under it live: an edit invalidates
# them at once, and this bounds how long a missed one can go unseen (docs/reliability.md).
FILMBASE_PUBLIC_CACHE_TIMEOUT = env_int("FILMBASE_PUBLIC_CACHE_TIMEOUT", 10 * 60)
FILMBASE_PUBLIC_CACHE_EXCLUDED_PATHS = ["/admin/", "/healthz", "/api/v1/auth/"]


# -- Reader pages --------------------------------------------------------------------
# English dates read "6 December 2024", as the dossier writes them (filmbase/formats/).
# https://docs.djangoproject.com/en/5.2/ref/settings/#format-module-path
FORMAT_MODULE_PATH = ["filmbase.formats"]

# Content-Security-Policy (django-csp 4): every style and script is a file under static/,
# so nothing inline is allowed and no nonce is needed; cached pages are shared by every
# reader, so they could not carry a per-request nonce anyway. JSON-LD blocks are data,
# not scripts, and need no exception. https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}
# nosniff and X-Frame-Options: DENY are Django's defaults; say so where readers look.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# `make run` serves uploaded posters itself; production turns this off (object storage).
FILMBASE_SERVE_MEDIA = env_bool("FILMBASE_SERVE_MEDIA", True)
# Reader lists: how many entries a page shows.
# Rendered share images of the films (og:image), one PNG per poster (films/share_images.py).
FILMBASE_SHARE_IMAGE_DIR = VAR_DIR / "share"

# Answers compressed with gzip when the client accepts it (core/compression.py).
FILMBASE_GZIP_PATHS = ["/api/v1/export/"]

FILMBASE_PAGE_SIZE = {
    "films": 24,
    "directors": 30,
    "people": 60,
    "themes": 60,
    "quotes": 20,
    "sources": 100,
}

# -- REST API v1 (core/api/, filmbase/api_router.py) ------------------------------
# https://www.django-rest-framework.org/api-guide/settings/
# Anyone may read; writing needs a token (POST /api/v1/auth/token/) or a session with
# CSRF, and the model permission (the Curators group has it). Throttle rates are per
# address for anonymous clients and per account for signed-in ones, e.g. "300/minute";
# "off" disables one. Answers served by the public cache are not counted.


def _rate(name: str, default: str) -> str | None:
    value = env_str(name, default)
    return None if value.lower() in {"off", "none", "0"} else value


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.defaults.ContentPermissions"],
    "DEFAULT_PAGINATION_CLASS": "core.api.defaults.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The same compact UTF-8 JSON as DRF's own JSONRenderer, encoded by orjson (a kept
    # library) rather than Python's json module: docs/benchmarks.md says what it saves.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.defaults.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.defaults.AnonThrottle",
        "core.api.defaults.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _rate("FILMBASE_API_ANON_RATE", "300/minute"),
        "user": _rate("FILMBASE_API_USER_RATE", "1200/minute"),
        "token": _rate("FILMBASE_API_TOKEN_RATE", "20/minute"),
    },
    # How many proxies in front of the app set X-Forwarded-For: 0 trusts only the peer
    # address, so a client cannot dodge the throttle by sending the header itself.
    "NUM_PROXIES": env_int("FILMBASE_NUM_PROXIES", 0),
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_METADATA_CLASS": "core.api.defaults.Metadata",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.ApiAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "filmbase API",
    "DESCRIPTION": (
        "The Keling (Kling) AI Director Co-Creation Project: nine AI short films premiered "
        "on 6 December 2024 at the China Film Museum, Beijing. Every answer carries English "
        "and Chinese; every fact keeps its source. Reading is anonymous; writing needs a "
        "curator's token (POST /api/v1/auth/token/)."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "core.content.Language",
        "PublicationStatusEnum": "films.models.PublicationStatus",
        "CreditRoleEnum": "films.models.CreditRole",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# https://github.com/adamchainz/django-cors-headers: any origin may read the API, without
# credentials (no cookies), and see the validators it needs to revalidate and to retry.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "if-match",
    "if-none-match",
    "if-modified-since",
]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Location",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]
CORS_PREFLIGHT_MAX_AGE = 24 * 60 * 60
