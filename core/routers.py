"""Send anonymous readers to a read replica when one is configured (DATABASE_REPLICA_URL).

Reads vastly outnumber writes, and readers' requests are the only ones that can live with
a replica's lag. So a request reads from the replica only when all of these hold:

- it is an anonymous read: GET, HEAD or OPTIONS, without a session cookie or an
  Authorization header (curators and apps that write always see the primary, so a
  curator who saves and reloads sees the save);
- the content last changed more than FILMBASE_REPLICA_MAX_LAG seconds ago (the content
  version tells when, without a query). Otherwise a reader could render a page from a
  replica that has not yet replayed the change and the public cache would keep that old
  page under the new version. Set the window above the replica's observed lag;
- the model is content: sessions, users, tokens and the admin log stay on the primary.

Writes, migrations and everything outside a request (management commands, the seed
loader) use the primary. Without DATABASE_REPLICA_URL the router is not installed and the
middleware removes itself.
"""

import contextvars
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

from core.caching import current_version, version_timestamp

PRIMARY = "default"
REPLICA = "replica"
PRIMARY_ONLY_APPS = frozenset(
    {"admin", "auth", "authtoken", "axes", "contenttypes", "sessions", "simple_history"}
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_read_from_replica = contextvars.ContextVar("filmbase_read_from_replica", default=False)


class PrimaryReplicaRouter:
    """Reads go to the replica for the requests ReplicaMiddleware allows; all else primary."""

    def db_for_read(self, model, **hints):
        if _read_from_replica.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica replays the primary's schema


class ReplicaMiddleware:
    """Decide, per request, whether its reads may come from the replica."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        token = _read_from_replica.set(self._may_read_replica(request))
        try:
            return self.get_response(request)
        finally:
            _read_from_replica.reset(token)

    def _may_read_replica(self, request) -> bool:
        if request.method not in SAFE_METHODS:
            return False
        if self.session_cookie in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
            return False
        version = current_version()
        if version is None:
            return False  # cannot tell when content last changed: play safe
        return time.time() - version_timestamp(version) > settings.FILMBASE_REPLICA_MAX_LAG
