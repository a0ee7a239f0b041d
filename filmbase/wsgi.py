"""WSGI entry point: served by waitress through `python -m filmbase.server` (bin/start)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmbase.settings.base")

application = get_wsgi_application()
