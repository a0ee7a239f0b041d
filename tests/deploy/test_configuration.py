"""Production configuration: what can be checked without Docker or a real deployment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.environments import SUBPROCESS_TIMEOUT

ROOT = Path(settings.BASE_DIR)


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )


def test_deploy_check_passes_without_a_single_warning(prod_env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing, prod_env):
    env = {k: v for k, v in prod_env.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable." in result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for path in [*(ROOT / "filmbase" / "settings").glob("*.py"), ROOT / "filmbase" / "server.py"]:
        text = path.read_text()
        read |= set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"", text))
        read |= set(re.findall(r"environ\.get\(\"([A-Z_]+)\"", text))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read, "no environment variable found in the settings"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_names_the_database_cache_and_web_services(compose):
    services = compose["services"]
    assert set(services) == {"db", "cache", "web", "proxy"}
    assert services["db"]["image"] == "postgres:16"
    assert services["cache"]["image"].startswith("redis:7")
    assert services["web"]["build"] == "."
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pgdata" in compose["volumes"]


def test_every_service_has_a_healthcheck_and_web_waits_for_healthy_backends(compose):
    services = compose["services"]
    assert all("healthcheck" in service for service in services.values())
    # The probe tests/system/test_healthcheck.py runs against a production server.
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "filmbase.healthcheck"]
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "cache": {"condition": "service_healthy"},
    }


def test_web_gets_every_variable_production_requires(compose):
    environment = compose["services"]["web"]["environment"]
    for name in ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]:
        assert environment.get(name), name
    assert environment["DJANGO_SETTINGS_MODULE"] == "filmbase.settings.prod"
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://cache:")


def test_image_runs_the_start_script_as_a_non_root_user_with_static_files_built_in():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "uv sync --locked --no-dev" in dockerfile
    assert "collectstatic" in dockerfile
    assert re.search(r"^USER filmbase$", dockerfile, re.MULTILINE)
    assert 'CMD ["bin/start"]' in dockerfile
    assert 'CMD ["python", "-m", "filmbase.healthcheck"]' in dockerfile


def test_production_logs_one_json_object_per_line_to_stdout(prod_env):
    """Container platforms collect stdout; errors of the process itself stay on stderr."""
    result = manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('filmbase').warning('cache %s', 'down')",
        env=prod_env,
    )
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["level"] == "WARNING" and entry["message"] == "cache down"
    assert entry["logger"] == "filmbase" and entry["time"].endswith("+00:00")
    assert "cache down" not in result.stderr


def test_posters_go_to_object_storage_when_a_bucket_is_named(prod_env):
    probe = (
        "from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'], settings.FILMBASE_SERVE_MEDIA)"
    )
    result = manage("shell", "-c", probe, env={**prod_env, "AWS_STORAGE_BUCKET_NAME": "posters"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["storages.backends.s3.S3Storage", "False"]


def test_nginx_is_the_only_way_in_and_web_counts_it_as_a_proxy(compose):
    services = compose["services"]
    # `--scale web=3` needs web without a published port, the proxy with the one port.
    assert "ports" not in services["web"]
    assert services["proxy"]["ports"] == ["${WEB_PORT:-8000}:80"]
    assert services["proxy"]["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in services["proxy"]["volumes"]
    # `resolve` in an upstream needs nginx 1.27.3 or newer.
    major, minor = map(int, re.match(r"nginx:(\d+)\.(\d+)", services["proxy"]["image"]).groups())
    assert (major, minor) >= (1, 28)
    # Behind it, throttling and sign-in lock-outs count the client's address, not the
    # proxy's, and the app server takes the proxy's word for address and scheme.
    environment = services["web"]["environment"]
    assert environment["FILMBASE_NUM_PROXIES"] == "${FILMBASE_NUM_PROXIES:-1}"
    assert environment["FORWARDED_ALLOW_IPS"] == "*"


def test_nginx_resolves_web_while_running_and_sets_the_forwarded_headers_itself():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"^resolver 127\.0\.0\.11 valid=\d+s", nginx, re.MULTILINE)
    assert re.search(r"^\s*server web:8000 resolve;", nginx, re.MULTILINE)
    assert "zone filmbase" in nginx
    assert "proxy_set_header Host $http_host;" in nginx
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "$http_x_forwarded_proto" not in nginx  # a client's own header is never passed on
    assert "client_max_body_size 6m;" in nginx


def test_nginx_drops_idle_upstream_connections_before_the_app_server_does():
    """Else a request sent on a connection waitress is closing fails with a 502."""
    from filmbase.server import options

    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream filmbase \{(.*?)\}", nginx, re.DOTALL).group(1)
    keepalive = int(re.search(r"keepalive_timeout (\d+)s;", upstream).group(1))
    assert keepalive < options({})["channel_timeout"]
