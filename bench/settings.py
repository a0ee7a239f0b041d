"""The benchmark's servers: production settings, plus the ceiling views under /bench/."""

from filmbase.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
