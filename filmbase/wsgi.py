"""WSGI entry point: `gunicorn filmbase.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmbase.settings.base")

application = get_wsgi_application()
