"""Production configuration: what can be checked without Docker or a real deployment."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.deploy.compose import compose_file
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


@pytest.fixture(scope="module")
def compose():
    return compose_file("docker-compose.yml")


@pytest.fixture(scope="module")
def production():
    return compose_file("docker-compose.prod.yml")


def test_compose_names_the_database_cache_and_web_services(compose):
    services = compose["services"]
    assert set(services) == {"db", "cache", "migrate", "web", "proxy"}
    assert services["db"]["image"] == "postgres:16"
    assert services["cache"]["image"].startswith("redis:7")
    assert services["web"]["build"] == "."
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pgdata" in compose["volumes"]


def test_every_service_has_a_healthcheck_and_web_waits_for_healthy_backends(compose):
    services = compose["services"]
    # Every long-running service; `migrate` runs once and exits.
    assert all("healthcheck" in service for name, service in services.items() if name != "migrate")
    # The probe tests/system/test_healthcheck.py runs against a production server.
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "filmbase.healthcheck"]
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "cache": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_migrations_run_once_in_their_own_service_not_in_each_web_container(compose):
    services = compose["services"]
    migrate, web = services["migrate"], services["web"]
    assert migrate["command"] == ["bin/start", "--migrate-only"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert web["environment"]["FILMBASE_MIGRATE"] == "0"
    # The same image and settings: the one that migrates is the one that serves.
    assert migrate["build"] == web["build"] == "." and migrate["image"] == web["image"]
    shared = {k: v for k, v in web["environment"].items() if k != "FILMBASE_MIGRATE"}
    assert migrate["environment"] == shared


def test_bin_start_migrate_only_loads_the_nine_works_and_exits(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "FILMBASE_", "REDIS_"))
    }
    env.update(FILMBASE_VAR_DIR=str(tmp_path), PYTHON=sys.executable, FILMBASE_MIGRATE="0")
    result = subprocess.run(
        ["bin/start", "--migrate-only"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    assert "filmbase is running" not in result.stdout  # it did not go on to serve
    count = manage(
        "shell",
        "-c",
        "from films.models import Film; print(Film.objects.count())",
        env={"FILMBASE_VAR_DIR": str(tmp_path)},
    )
    assert count.stdout.split()[-1] == "9", count.stderr


def test_web_gets_every_variable_production_requires(compose):
    environment = compose["services"]["web"]["environment"]
    for name in ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]:
        assert environment.get(name), name
    assert (
        environment["DJANGO_SETTINGS_MODULE"] == "${DJANGO_SETTINGS_MODULE:-filmbase.settings.prod}"
    )
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert "redis://cache:" in environment["REDIS_URL"]
    # Everything else in .env reaches the container too; a laptop needs no .env.
    assert compose["services"]["web"]["env_file"] == [{"path": ".env", "required": False}]


def interpolate(value: str, env: dict) -> str:
    """Expand compose's ${NAME:-default} and ${NAME:?error} as docker compose does."""
    pattern = re.compile(r"\$\{([A-Z_]+)(?::([-?])((?:[^{}]|\$\{[^}]*\})*))?\}")

    def one(match):
        name, kind, rest = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise ValueError(rest)
        return interpolate(rest or "", env)

    return pattern.sub(one, str(value))


def test_the_laptop_preset_serves_localhost_over_http_with_no_env_file(compose, prod_env):
    """`docker compose up` with no .env: the web container's environment starts the site."""
    environment = {
        k: interpolate(v, {}) for k, v in compose["services"]["web"]["environment"].items()
    }
    assert environment["DJANGO_ALLOWED_HOSTS"] == "localhost,127.0.0.1"
    assert environment["DJANGO_SECURE_SSL_REDIRECT"] == "false"
    assert environment["DJANGO_HSTS_SECONDS"] == "0"
    assert "laptop-only" in environment["DJANGO_SECRET_KEY"]
    assert (
        environment["DATABASE_URL"] == "postgres://filmbase:laptop-only-change-me@db:5432/filmbase"
    )
    # Those settings, with this machine's database in place of `db`, answer localhost.
    env = {**environment, "DATABASE_URL": prod_env["DATABASE_URL"], "REDIS_URL": ""}
    probe = (
        "from django.test import Client; from django.conf import settings; "
        "r = Client().get('/healthz', HTTP_HOST='localhost'); "
        "print(r.status_code, settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS)"
    )
    result = manage("shell", "-c", probe, env={k: v for k, v in env.items() if k != "PORT"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["200", "False", "0"]


def test_the_production_preset_refuses_to_start_without_its_values(production):
    environment = production["services"]["web"]["environment"]
    for name in ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_CSRF_TRUSTED_ORIGINS"]:
        with pytest.raises(ValueError, match=f"set {name} in .env"):
            interpolate(environment[name], {})
    with pytest.raises(ValueError, match="set POSTGRES_PASSWORD"):
        interpolate(environment["DATABASE_URL"], {})
    with pytest.raises(ValueError, match="set FILMBASE_DOMAIN"):
        interpolate(production["services"]["tls"]["environment"]["FILMBASE_DOMAIN"], {})
    env = {"POSTGRES_PASSWORD": "change-me-in-production"}
    assert (
        interpolate(environment["DATABASE_URL"], env)
        == "postgres://filmbase:change-me-in-production@db:5432/filmbase"
    )
    assert interpolate(environment["DJANGO_SECURE_SSL_REDIRECT"], env) == "true"
    assert interpolate(environment["DJANGO_HSTS_SECONDS"], env) == "31536000"
    assert production["services"]["migrate"]["environment"] == environment


def test_the_production_preset_puts_caddy_in_front_and_counts_two_proxies(production):
    services = production["services"]
    assert services["tls"]["image"].startswith("caddy:2")
    assert services["tls"]["ports"] == ["80:80", "443:443", "443:443/udp"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["tls"]["volumes"]
    assert services["tls"]["depends_on"] == {"proxy": {"condition": "service_healthy"}}
    # nginx publishes nothing: only Caddy reaches it, so it may pass Caddy's scheme on.
    assert services["proxy"]["ports"] is None
    assert services["proxy"]["volumes"] == [
        "./deploy/nginx-behind-tls.conf:/etc/nginx/conf.d/default.conf:ro"
    ]
    assert services["web"]["environment"]["FILMBASE_NUM_PROXIES"] == "${FILMBASE_NUM_PROXIES:-2}"
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$FILMBASE_DOMAIN} {" in caddy and "reverse_proxy proxy:80" in caddy


def test_caddy_reads_its_config_and_never_compresses_the_admin(tmp_path):
    """Caddy's own parser (Debian's caddy; the image runs Caddy 2 too) reads the Caddyfile:
    the domain from the environment, compression for every path but /admin/ (BREACH)."""
    if not shutil.which("caddy"):
        if os.environ.get("FILMBASE_REQUIRE_SYSTEM") == "1":
            pytest.fail("caddy is missing (.ci/run installs it)")
        pytest.skip("caddy is not installed")
    adapted = subprocess.run(
        ["caddy", "adapt", "--config", str(ROOT / "deploy" / "Caddyfile")],
        env={**os.environ, "FILMBASE_DOMAIN": "films.example.org", "HOME": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    (site,) = json.loads(adapted.stdout)["apps"]["http"]["servers"]["srv0"]["routes"]
    assert site["match"] == [{"host": ["films.example.org"]}]
    routes = site["handle"][0]["routes"]
    encode = next(route for route in routes if route["handle"][0]["handler"] == "encode")
    assert encode["match"] == [{"not": [{"path": ["/admin/*"]}]}]
    proxy = next(route for route in routes if route["handle"][0]["handler"] == "reverse_proxy")
    assert proxy["handle"][0]["upstreams"] == [{"dial": "proxy:80"}]


def test_nginx_behind_tls_differs_from_nginx_conf_only_in_the_scheme_it_passes():
    outermost = (ROOT / "deploy" / "nginx.conf").read_text()
    behind = (ROOT / "deploy" / "nginx-behind-tls.conf").read_text()

    def directives(text):
        return [
            line.split("#")[0].rstrip() for line in text.splitlines() if line.split("#")[0].strip()
        ]

    changed = [
        (a, b) for a, b in zip(directives(outermost), directives(behind), strict=True) if a != b
    ]
    assert changed == [
        (
            "        proxy_set_header X-Forwarded-Proto $scheme;",
            "        proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;",
        )
    ]


@pytest.mark.parametrize(("value", "preload"), [(None, False), ("", False), ("true", True)])
def test_hsts_preload_is_off_unless_asked_for(prod_env, value, preload):
    env = dict(prod_env)
    if value is not None:
        env["DJANGO_HSTS_PRELOAD"] = value
    probe = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    result = manage("shell", "-c", probe, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == str(preload)
    check = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert check.returncode == 0, check.stderr + check.stdout


def test_an_empty_variable_means_its_default(prod_env):
    """`NAME=` lines of .env reach the container empty: each takes its default."""
    from filmbase.server import options

    empty = dict.fromkeys(["FILMBASE_PUBLIC_CACHE", "FILMBASE_SERVE_MEDIA", "CONN_MAX_AGE"], "")
    probe = (
        "from django.conf import settings; "
        "print(settings.FILMBASE_PUBLIC_CACHE, settings.FILMBASE_SERVE_MEDIA, "
        "settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = manage("shell", "-c", probe, env={**prod_env, **empty})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["True", "True", "60"]
    server = options({"WEB_THREADS": "", "PORT": "", "WEB_CHANNEL_TIMEOUT": " "})
    assert server["threads"] == 8 and server["listen"].endswith(":8000")
    assert server["channel_timeout"] == 60


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
