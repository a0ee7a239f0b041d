"""The Content-Security-Policy middleware: django-csp, strict everywhere but two corners.

Reader pages allow no inline script or style at all. Two kinds of page keep the same
script policy (files from this site only, never inline) but may use inline styles:

- the curators' admin, because django-simple-history's history page writes `style`
  attributes; the admin is for signed-in staff and is never cached;
- the API documentation (Swagger UI and Redoc, served by drf-spectacular-sidecar),
  because both style their pages from JavaScript: Redoc (styled-components) injects
  <style> elements and shows only "Something went wrong" when they are refused. Redoc
  also runs its search index in a Web Worker made from a blob: of its own script, so
  those pages allow `worker-src 'self' blob:`.

Inline styles cannot run code; inline scripts, plugins, <base> and framing stay refused
everywhere (tests/test_security.py, and in a browser tests/test_pages_browser.py).
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware

API_DOCS_PREFIXES = ("/api/v1/docs/", "/api/v1/redoc/")
INLINE_STYLE_PREFIXES = ("/admin/", *API_DOCS_PREFIXES)


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(INLINE_STYLE_PREFIXES):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        if request.path_info.startswith(API_DOCS_PREFIXES):
            parts.replace = {**(parts.replace or {}), "worker-src": [SELF, "blob:"]}
        return parts
