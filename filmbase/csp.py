"""The Content-Security-Policy middleware: django-csp, strict everywhere but one corner.

Reader pages allow no inline script or style at all. The curators' admin keeps the
same script policy but may use inline styles, because django-simple-history's history
page writes `style` attributes; the admin is for signed-in staff and is never cached.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/"):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
