"""gzip for the few large answers that gain from it: the API's export, where accepted.

Not site-wide: a compressed page that reflects what the client sent next to a secret
(a CSRF token in the admin's forms) leaks that secret to an attacker who can watch the
sizes (BREACH). The export holds public data only. It sits outside the public cache,
so the cache keeps one plain copy and each answer is compressed for its own client.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class GZipPathsMiddleware(GZipMiddleware):
    """Compress answers under FILMBASE_GZIP_PATHS for clients that accept gzip."""

    def process_response(self, request, response):
        if not request.path_info.startswith(tuple(settings.FILMBASE_GZIP_PATHS)):
            return response
        if response.get("Content-Type", "").startswith("application/zip"):
            return response  # already compressed
        return super().process_response(request, response)
