"""Static files (whitenoise) without the bundle files nothing uses.

Their security headers come from WHITENOISE_ADD_HEADERS_FUNCTION (settings). The API
documentation's bundle (drf-spectacular-sidecar) ships Swagger UI's OAuth2 redirect
page; nothing here signs in with OAuth2, so it is not served from anywhere (a 404),
whether collected into STATIC_ROOT or found by the finders.
"""

from whitenoise.middleware import WhiteNoiseMiddleware

UNSERVED = (
    "drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.html",
    "drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.js",
)


def _unserved(url: str) -> bool:
    return url.endswith(UNSERVED)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise without the files in UNSERVED: they stay collected (the docs' bundle's
    manifest names them) but are never served."""

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not _unserved(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if _unserved(url) else super().find_file(url)
