"""No secret in the repository, and the key `make run` uses is made on the machine.

The scan reads every file git tracks (`git ls-files`), so a key that slipped into any
commit-to-be fails CI. A value is allowed only when it says it is not a secret: the
placeholders of .env.example and the keys tests and the benchmark make up are labelled
(`change-me`, `for-tests-only`, `benchmark-only`, ...).
"""

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from filmbase.settings import base
from tests.environments import SUBPROCESS_TIMEOUT

ROOT = settings.BASE_DIR
PLACEHOLDER_LABELS = (
    "change-me",
    "for-tests-only",
    "system-tests-only",
    "benchmark-only",
    "collectstatic-only",
    "${",  # docker compose: taken from the environment
    "…",  # documentation: "FILMBASE_CURATOR_PASSWORD=… manage.py createcurator"
)
# Passwords the tests give throw-away accounts in a throw-away database: allowed in tests/.
TEST_ACCOUNT_PASSWORDS = ("a-long-curator-passphrase", "curator-pass-9")
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(
        r"aws_secret_access_key['\"]?\s*[:=]\s*['\"]?[A-Za-z0-9/+=]{40}", re.IGNORECASE
    ),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}"),
    "Stripe live key": re.compile(r"\b[rs]k_live_[0-9A-Za-z]{16,}"),
}
# A literal assigned to a secret-looking name. Values that are code (env_str(...), a
# variable, ${...} from the environment) are fine; literals must carry a placeholder label.
SECRET_NAME = r"[A-Z_]*(?:SECRET_KEY|SECRET_ACCESS_KEY|PASSWORD|API_KEY|AUTH_TOKEN)"
ASSIGNED_SECRET = [
    # Python and JSON: a quoted literal after "=" or ":"
    re.compile(rf"(?<![\w{{$])(?P<name>{SECRET_NAME})['\"]?\s*[:=]\s*['\"][^'\"\n]+['\"].*$", re.M),
    # Environment files, shell, Dockerfile: NAME=value
    re.compile(rf"(?:^|\s)(?P<name>{SECRET_NAME})=[^\s$'\"]\S*.*$", re.M),
    # YAML: NAME: value
    re.compile(rf"^\s*(?P<name>{SECRET_NAME}):\s+[^\s$'\"#]\S*.*$", re.M),
]
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:(?P<password>[^@\s/'\"$]+)@")


def find_secrets(text: str, labels: tuple[str, ...] = PLACEHOLDER_LABELS) -> list[str]:
    """Return what in `text` looks like a real secret (not a labelled placeholder)."""
    found = [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    for pattern in ASSIGNED_SECRET:
        for match in pattern.finditer(text):
            line = match.group(0)
            if not any(label in line for label in labels):
                found.append(f"{match['name']} assigned a literal: {line.strip()[:60]}")
    for match in URL_PASSWORD.finditer(text):
        if not any(label in match["password"] for label in labels):
            found.append(f"password in a URL: {match.group(0)[:60]}")
    return found


# What .gitignore keeps out of the repository: a tarball, `git archive` or the Docker
# image has no .git to ask, so the scan walks the tree and skips these instead.
IGNORED_DIRS = {".git", ".venv", ".tools", "var", "node_modules", "artifacts", "__pycache__"}
IGNORED_DIR_SUFFIXES = ("_cache", ".hypothesis")


def in_git_checkout() -> bool:
    return shutil.which("git") is not None and (Path(ROOT) / ".git").exists()


def tracked_files() -> list[str]:
    """Return the repository's files: git's list in a checkout, else the tree's own."""
    if in_git_checkout():
        result = subprocess.run(
            ["git", "ls-files", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=SUBPROCESS_TIMEOUT,
        )
        return [name for name in result.stdout.decode().split("\0") if name]
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in IGNORED_DIRS and not name.endswith(IGNORED_DIR_SUFFIXES)
        ]
        base = Path(folder).relative_to(ROOT)
        files += [str(base / name) for name in names if not name.endswith((".pyc", ".pyo"))]
    return sorted(files)


def test_no_tracked_file_holds_a_secret():
    files = tracked_files()
    assert "manage.py" in files and len(files) > 50
    leaks = {}
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".mo", ".png", ".jpg", ".svg", ".ico"}:
            continue
        labels = PLACEHOLDER_LABELS
        if name.startswith("tests/"):
            labels += TEST_ACCOUNT_PASSWORDS
        if found := find_secrets(path.read_text(errors="ignore"), labels):
            leaks[name] = found
    assert not leaks, leaks


@pytest.mark.parametrize(
    "text",
    [
        # Built from pieces so that this file does not hold what it looks for.
        "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE...",
        "-----BEGIN " + "OPENSSH PRIVATE KEY-----",
        "key = 'AKIA" + "Q3EGRIUKZ7YXWM2P'",
        "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        "token: gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
        'SECRET_KEY = "' + "django-insecure-9x!" + 'q@k3l"',
        "DJANGO_SECRET" + "_KEY=s3cr3t-value-of-production",
        '"DJANGO_SECRET_KEY": "' + 'abc123def456"',
        "DATABASE_URL=postgres://filmbase:" + "hunter2" + "@db:5432/filmbase",
    ],
)
def test_the_scan_finds_what_it_looks_for(text):
    assert find_secrets(text)


@pytest.mark.parametrize(
    "text",
    [
        'SECRET_KEY = env_str("DJANGO_SECRET_KEY", None) or _local_secret_key()',
        "DJANGO_SECRET_KEY=change-me-to-50-random-characters",
        "DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set it}",
        '"DJANGO_SECRET_KEY": "x" * 20 + "-a-long-secret-for-tests-only",',
        "DATABASE_URL=postgres://filmbase:${POSTGRES_PASSWORD:-filmbase}@db:5432/filmbase",
        "FILMBASE_CURATOR_PASSWORD=",
        'password = os.environ.get(PASSWORD_VARIABLE, "")',
    ],
)
def test_the_scan_lets_labelled_placeholders_and_code_through(text):
    assert find_secrets(text) == []


# -- The secret key of `make run` ---------------------------------------------------------


def test_the_local_secret_key_file_is_ignored_and_never_tracked():
    ignore_rules = (Path(ROOT) / ".gitignore").read_text().split()
    assert "/var/" in ignore_rules, "var/ (which holds secret_key) must be ignored by git"
    if in_git_checkout():
        ignored = subprocess.run(
            ["git", "check-ignore", "--no-index", "-q", "var/secret_key"],
            cwd=ROOT,
            timeout=SUBPROCESS_TIMEOUT,
        )
        assert ignored.returncode == 0, "var/secret_key must be ignored by git"
    assert not [name for name in tracked_files() if name.startswith("var/")]


def test_the_scan_without_git_sees_what_git_tracks(monkeypatch):
    """Outside a checkout the walk must still cover every tracked file (and skip var/)."""
    if not in_git_checkout():
        pytest.skip("compares with git's list, which only a checkout has")
    tracked = set(tracked_files())
    monkeypatch.setattr(sys.modules[__name__], "in_git_checkout", lambda: False)
    walked = set(tracked_files())
    assert tracked <= walked
    assert not [name for name in walked if name.startswith(("var/", ".venv/", ".git/"))]


def test_make_run_serves_the_embedded_settings_without_a_key_in_the_environment():
    start = (ROOT / "bin" / "start").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "DJANGO_SETTINGS_MODULE:-filmbase.settings.base}" in start
    assert "SECRET_KEY" not in start and "SECRET_KEY" not in makefile


def test_the_local_secret_key_is_generated_once_with_secrets(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "VAR_DIR", tmp_path)
    calls = []
    real = base.secrets.token_urlsafe

    def token_urlsafe(nbytes):
        calls.append(nbytes)
        return real(nbytes)

    monkeypatch.setattr(base.secrets, "token_urlsafe", token_urlsafe)
    key = base._local_secret_key()
    assert calls == [50] and len(key) >= 50
    path = tmp_path / "secret_key"
    assert path.read_text() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # readable by its owner only
    assert base._local_secret_key() == key  # kept, not regenerated on each start
    assert calls == [50]
    monkeypatch.setattr(base, "VAR_DIR", tmp_path / "other")
    (tmp_path / "other").mkdir()
    assert base._local_secret_key() != key  # each machine its own


def test_the_image_carries_neither_git_metadata_nor_local_secrets():
    """The Docker build context leaves out .git, var/ (the local key, the database) and .env."""
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", "var", ".env"} <= ignored
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "rm -f /app/var/secret_key" in dockerfile  # the build's own key is not shipped
