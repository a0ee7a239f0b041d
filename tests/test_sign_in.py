"""Signing in: the lock-out after failed attempts (django-axes) and the per-address cap.

docs/security.md maps each of these tests to its OWASP ASVS requirement.
"""

import datetime
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client
from rest_framework.test import APIClient

from tests.accounts import ATTACKER_IP, CURATOR_IP, LOGIN, PASSWORD
from tests.environments import SUBPROCESS_TIMEOUT

ROOT = settings.BASE_DIR

pytestmark = pytest.mark.django_db


# -- Admin sign-in lock-out (django-axes) ---------------------------------------------------


def _sign_in(ip: str, username: str = "curator", password: str = "wrong", **headers):
    return Client(REMOTE_ADDR=ip).post(
        LOGIN, {"username": username, "password": password}, **headers
    )


def _fail(times: int, ip: str = ATTACKER_IP, username: str = "curator"):
    return [_sign_in(ip, username).status_code for _ in range(times)]


def test_five_failures_lock_that_username_from_that_address_with_a_clear_page(curator):
    assert _fail(4) == [200, 200, 200, 200]  # the form again, "enter a correct username…"
    fifth = _sign_in(ATTACKER_IP)
    assert fifth.status_code == 429
    assert int(fifth["Retry-After"]) == 15 * 60
    page = fifth.content.decode()
    assert "Too many failed sign-ins" in page
    assert "failed 5 times in a row" in page and "Try again in 15 minutes" in page
    # Even the right password is refused from there until the cool-off ends.
    locked = _sign_in(ATTACKER_IP, password=PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in locked.client.session


def test_the_lock_out_page_says_it_in_chinese_too(curator):
    """The admin's addresses have no language prefix, so the page carries both languages."""
    _fail(5)
    page = _sign_in(ATTACKER_IP, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    chinese = page.split('<div lang="zh-Hans">', 1)[1]
    assert "登录失败次数过多" in chinese
    assert "连续登录失败 5 次" in chinese and "请在 15 分钟后重试" in chinese


def test_an_attacker_cannot_lock_the_curator_out_of_their_own_address(curator):
    _fail(8)
    assert _sign_in(ATTACKER_IP, password=PASSWORD).status_code == 429
    mine = _sign_in(CURATOR_IP, password=PASSWORD)
    assert mine.status_code == 302 and mine["Location"] == "/admin/"
    # Another username from the locked address is not locked either.
    assert _sign_in(ATTACKER_IP, username="someone-else").status_code == 200


def test_the_lock_lifts_by_itself_after_the_cool_off(curator):
    _fail(5)
    assert _sign_in(ATTACKER_IP, password=PASSWORD).status_code == 429
    # Travel 16 minutes forward: the recorded failures are now older than the cool-off.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    signed_in = _sign_in(ATTACKER_IP, password=PASSWORD)
    assert signed_in.status_code == 302
    # A success starts the count afresh: four more failures do not lock.
    assert _fail(4) == [200, 200, 200, 200]


def test_attempts_refused_during_the_lock_do_not_extend_it(curator):
    """The lock runs from the failure that set it, however often the curator retries."""
    _fail(5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=10))
    # Ten minutes in, the curator keeps trying: refused, and not counted again.
    assert [_sign_in(ATTACKER_IP, password=PASSWORD).status_code for _ in range(3)] == [429] * 3
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=6))
    # Sixteen minutes after the fifth failure, the lock has lifted.
    assert _sign_in(ATTACKER_IP, password=PASSWORD).status_code == 302


def test_sign_in_attempts_per_address_are_capped_across_usernames(curator):
    """Password spraying: one password against many usernames from one address."""
    answers = [_sign_in(ATTACKER_IP, username=f"user{n}").status_code for n in range(20)]
    assert answers == [200] * 20  # each pair failed once: no axes lock-out
    capped = _sign_in(ATTACKER_IP, username="user20")
    assert capped.status_code == 429
    assert 0 < int(capped["Retry-After"]) <= 60
    page = capped.content.decode()
    assert "Too many sign-in attempts" in page and "登录尝试过于频繁" in page
    # Not counted as a failure of that username, and other addresses sign in as usual.
    assert not AccessAttempt.objects.filter(username="user20").exists()
    assert _sign_in(CURATOR_IP, password=PASSWORD).status_code == 302


def test_failures_are_counted_per_address_not_per_forwarded_header(curator):
    """X-Forwarded-For is not trusted without a proxy: sending it does not reset the count."""
    for number in range(5):
        _sign_in(ATTACKER_IP, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert _sign_in(ATTACKER_IP, password=PASSWORD).status_code == 429


def test_behind_a_proxy_failures_are_counted_per_client(curator, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.2"
    for _ in range(5):
        _sign_in(proxy, HTTP_X_FORWARDED_FOR=ATTACKER_IP)
    assert _sign_in(proxy, password=PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER_IP).status_code == 429
    other = _sign_in(proxy, password=PASSWORD, HTTP_X_FORWARDED_FOR=CURATOR_IP)
    assert other.status_code == 302


def test_the_lock_out_settings_come_from_the_environment_with_sane_defaults(prod_env):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    probe = "from django.conf import settings; print(settings.AXES_COOLOFF_TIME.seconds)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=ROOT,
        env={**prod_env, "PATH": "/usr/bin:/bin", "FILMBASE_LOGIN_COOLOFF_MINUTES": "30"},
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "1800"


def test_the_api_token_endpoint_shares_the_lock_out(curator):
    def token(client, password):
        return client.post(
            "/api/v1/auth/token/", {"username": "curator", "password": password}, format="json"
        )

    attacker = APIClient(REMOTE_ADDR=ATTACKER_IP)
    assert [token(attacker, "wrong").status_code for _ in range(4)] == [400] * 4
    locked = token(attacker, "wrong")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert "Too many failed sign-ins" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == 15 * 60
    assert token(attacker, PASSWORD).status_code == 429
    assert token(APIClient(REMOTE_ADDR=CURATOR_IP), PASSWORD).status_code == 200


def test_an_overlong_username_in_the_admin_form_is_a_failed_sign_in_not_an_error(curator):
    """The form leaves the length to the browser; the lock-out's record holds 255 (PostgreSQL)."""
    for _ in range(5):
        response = _sign_in(ATTACKER_IP, username="x" * 300)
    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == "x" * 255


def test_an_overlong_username_is_a_400_not_a_failed_record(api_client):
    """The lock-out's record holds 255 characters (PostgreSQL enforces it): refuse earlier."""
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "x" * 300, "password": "y"}, format="json"
    )
    assert response.status_code == 400
    assert "150 characters" in response.json()["username"][0]
    assert not AccessAttempt.objects.exists()


def test_successful_and_failed_sign_ins_are_recorded(curator):
    from axes.models import AccessLog

    _fail(2)
    _sign_in(CURATOR_IP, password=PASSWORD)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "curator",
        ATTACKER_IP,
        2,
    )
    assert "wrong" not in attempt.post_data  # the password is masked
    assert AccessLog.objects.filter(username="curator", ip_address=CURATOR_IP).exists()
