"""Static files (whitenoise) with the headers pages have, and without unused bundle files.

- Every static response says it may not be framed (X-Frame-Options, CSP frame-ancestors)
  and, opened on its own (an SVG, say), may run nothing: Django's clickjacking and CSP
  middleware sit inside whitenoise and never see these responses.
- The API documentation's bundle (drf-spectacular-sidecar) ships Swagger UI's OAuth2
  redirect page; nothing here signs in with OAuth2, so it is not served from anywhere
  (a 404), whether collected into STATIC_ROOT or found by the finders.
"""

from whitenoise.middleware import WhiteNoiseMiddleware

STATIC_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; sandbox"
)
UNSERVED = (
    "drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.html",
    "drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.js",
)


def _unserved(url: str) -> bool:
    return url.endswith(UNSERVED)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with security headers and without the files in UNSERVED."""

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not _unserved(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if _unserved(url) else super().find_file(url)

    @staticmethod
    def serve(static_file, request):
        response = WhiteNoiseMiddleware.serve(static_file, request)
        response["X-Frame-Options"] = "DENY"
        response["Content-Security-Policy"] = STATIC_CSP
        return response
