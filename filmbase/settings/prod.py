"""Production: everything from the environment, HTTPS behind a proxy, loud when incomplete.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL. Optional: REDIS_URL,
DJANGO_CSRF_TRUSTED_ORIGINS, the API throttle rates, the app server's variables. See
.env.example and docs/deployment.md.
"""

from core.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403
from .base import database_config

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
DATABASES = {**DATABASES, "default": database_config(env_str("DATABASE_URL"))}  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# HTTPS, terminated by the proxy in front, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Asking browsers' preload lists to include the domain is an owner's decision, hard to undo
# (months), and lets anyone submit it: off unless DJANGO_HSTS_PRELOAD says so.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "SECURE_HSTS_PRELOAD is not True"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# __Host- cookies are only sent over HTTPS, to this exact host, for every path.
SESSION_COOKIE_NAME = "__Host-sessionid"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Uploaded posters on S3-compatible object storage when a bucket is named (several web
# machines cannot share a local MEDIA_ROOT). Needs the "s3" extra: django-storages[s3].
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
                "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
    }
    FILMBASE_SERVE_MEDIA = False

# Structured logs, one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JSONFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}
