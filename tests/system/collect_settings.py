"""Settings for collecting the system tests' static files once: hashed names, no compression.

The servers under test run the production storage, which reads the same manifest; only
the gzip and brotli copies (by far the slowest part of collectstatic) are left out.
"""

from filmbase.settings.base import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
