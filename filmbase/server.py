"""waitress, configured from the environment: `python -m filmbase.server` (bin/start).

waitress reads each whole request, head and body, in its event loop before a thread
sees it, so a client that sends its request a byte at a time holds a socket, not one of
the threads that run Django. That is why filmbase is served by it: `make run` has no
proxy in front to buffer slow clients (docs/deployment.md).
"""

import os
import signal
import sys

PROXY_HEADERS = "x-forwarded-for x-forwarded-proto"


def options(environ=os.environ) -> dict:
    """Return waitress's settings, read from `environ`."""

    def get(name: str, default: str) -> str:
        # Empty counts as unset, as in core.env: `WEB_THREADS=` in .env means the default.
        return environ.get(name, "").strip() or default

    trusted = environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").strip()
    if "," in trusted:
        raise SystemExit("FORWARDED_ALLOW_IPS: waitress trusts one address, or *")
    settings = {
        "listen": f"{get('HOST', '127.0.0.1')}:{get('PORT', '8000')}",
        "threads": int(get("WEB_THREADS", "8")),
        # Connections it keeps at once; slow clients cost one socket each.
        "connection_limit": int(get("WEB_CONNECTION_LIMIT", "1000")),
        # select() stops at 1024 descriptors; poll() does not.
        "asyncore_use_poll": True,
        # Seconds a connection may stay silent; a proxy's kept-alive upstream connections
        # must be closed by the proxy before this (deploy/nginx.conf: 30 s).
        "channel_timeout": int(get("WEB_CHANNEL_TIMEOUT", "60")),
        # Posters are limited to 5 MB; nginx caps bodies at 6m too.
        "max_request_body_size": 6 * 1024 * 1024,
        "ident": "filmbase",
    }
    if trusted:
        # The proxy's view of the client and scheme; everyone else's is dropped.
        settings.update(
            trusted_proxy=trusted,
            trusted_proxy_headers=PROXY_HEADERS,
            trusted_proxy_count=1,
        )
    return settings


def main(application=None) -> None:
    """Serve `application` (filmbase's by default) until SIGTERM or Ctrl-C."""
    from waitress import serve  # noqa: PLC0415 - options() is importable without it

    if application is None:
        from filmbase.wsgi import application  # noqa: PLC0415

    # SIGTERM (docker stop, Ctrl-C's cousin) leaves waitress's loop the way Ctrl-C does:
    # it stops accepting and gives the requests in progress a few seconds to finish.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(application, **options())


if __name__ == "__main__":
    main()
