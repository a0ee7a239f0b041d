"""A Redis cache that degrades instead of failing.

filmbase only ever caches what it can recompute, so when Redis is unreachable every
request must still be served, uncached. Django's RedisCache raises on a dead server;
this backend logs the failure, answers "not cached", and stops trying for a few seconds
(so a down server costs one fast failure per process and back-off period, not a timeout
per call).
"""

import logging
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        # Fail fast: a reader should not wait on a cache.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("health_check_interval", 30)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def _call(self, method, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except (redis.RedisError, OSError) as error:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning(
                "cache unavailable (%s); serving uncached for %.0fs", error, self.retry_after
            )
            return fallback

    def is_available(self) -> bool:
        """Return whether the server answers a PING now (for /healthz)."""
        try:
            return bool(self._cache.get_client(None).ping())
        except Exception:  # noqa: BLE001
            return False

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
