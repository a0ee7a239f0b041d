"""WSGI entry point: served by waitress through `python -m filmbase.server` (bin/start)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmbase.settings.base")

from core.wsgi import readable_charsets  # noqa: E402 - after the settings module is named

application = readable_charsets(get_wsgi_application())
