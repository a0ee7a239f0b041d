"""The container's health probe against filmbase served as production serves it."""

import subprocess
import sys

import pytest

from tests.system.conftest import ROOT

pytestmark = pytest.mark.system


def probe(site):
    return subprocess.run(
        [sys.executable, "-m", "filmbase.healthcheck"],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_probe_passes_when_production_allows_only_the_public_name(site_factory):
    """As `.env.example` configures it: one public host name, HTTPS redirects on."""
    site = site_factory(
        extra={
            "DJANGO_ALLOWED_HOSTS": "filmbase.example.org",
            "DJANGO_SECURE_SSL_REDIRECT": "true",
        },
    )
    # A request for 127.0.0.1 is refused, as it should be: the probe must not send one.
    assert site.get("/healthz").status == 400
    assert probe(site).returncode == 0

    site.stop()
    stopped = probe(site)
    assert stopped.returncode == 1
    assert "no answer" in stopped.stderr
