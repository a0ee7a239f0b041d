"""The container's health probe: `python -m filmbase.healthcheck`.

Asks this machine's filmbase for `/healthz` under a host name the site serves — the first
of `DJANGO_ALLOWED_HOSTS` — since a request for 127.0.0.1 is refused with a 400 when
production allows only the public name. Exits 0 when the site answers 200 (`ok`, or
`degraded` while the cache is down: the site still serves), 1 otherwise, with the reason.
Imports nothing from Django, so a probe every few seconds costs next to nothing.
"""

import os
import sys
import urllib.error
import urllib.request


def probe_host(allowed_hosts: str) -> str:
    """Return a host name the site serves: the first concrete one of `allowed_hosts`."""
    for host in allowed_hosts.split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def status(environ=os.environ, timeout: float = 3.0) -> int:
    """Return the HTTP status of this machine's /healthz (0 when nothing answers)."""
    port = environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": probe_host(environ.get("DJANGO_ALLOWED_HOSTS", ""))},
    )
    try:
        # The address is built above: plain HTTP to this machine, no scheme from outside.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  # nosec B310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> int:
    code = status()
    if code == 200:
        return 0
    print(f"filmbase /healthz: {code or 'no answer'}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
