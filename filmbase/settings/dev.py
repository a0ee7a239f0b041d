"""Local development: runserver with DEBUG on."""

from .base import *  # noqa: F403

DEBUG = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
