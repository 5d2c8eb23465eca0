"""Settings read from the environment: a production server (DEBUG=0) never runs with the
public development SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
START = "import django; django.setup(); print('started')"


def start_django(**env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environ |= {"DJANGO_SETTINGS_MODULE": "reglab.settings"} | env
    return subprocess.run(
        [sys.executable, "-c", START],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("key", [None, "", "dev-only-not-secret-change-me-in-production"])
def test_a_production_server_refuses_to_start_without_a_secret_key(key):
    env = {"DEBUG": "0"} | ({"SECRET_KEY": key} if key is not None else {})
    result = start_django(**env)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_a_production_server_starts_with_a_secret_key():
    result = start_django(DEBUG="0", SECRET_KEY="k3y-" + "Zq8#vR2!mW5$" * 5)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_the_development_server_starts_without_a_secret_key():
    result = start_django(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


SHOW_MAIL = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, "
    "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.DEFAULT_FROM_EMAIL, s.MAIL_DELIVERY, sep='|')"
)


def mail_settings(**env) -> list[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "EMAIL_URL", "DEFAULT_FROM_EMAIL", "MAIL_DELIVERY")
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "reglab.settings"} | env
    result = subprocess.run(
        [sys.executable, "-c", SHOW_MAIL],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_mail_is_printed_to_the_terminal_by_the_development_server():
    backend, *_, delivery = mail_settings(DEBUG="1")
    assert backend == "django.core.mail.backends.console.EmailBackend"
    assert delivery == "request"


def test_email_url_sets_the_smtp_server_with_starttls():
    url = "smtp+tls://portal%40region.se:p%C3%A5ss@mail.example.org:587"
    values = mail_settings(
        DEBUG="0", SECRET_KEY="k" * 50, EMAIL_URL=url, DEFAULT_FROM_EMAIL="REGLAB <r@x.se>"
    )
    backend, host, port, tls, ssl, user, password, sender, delivery = values
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, tls, ssl) == ("mail.example.org", "587", "True", "False")
    assert (user, password) == ("portal@region.se", "påss")
    assert sender == "REGLAB <r@x.se>"
    # In production no request waits for the mail server: the worker sends.
    assert delivery == "worker"


def test_the_deploy_check_warns_when_mail_is_not_set_up():
    environ = {k: v for k, v in os.environ.items() if k not in ("EMAIL_URL",)}
    environ |= {"DJANGO_SETTINGS_MODULE": "reglab.settings", "DEBUG": "0", "SECRET_KEY": "k" * 50}
    command = [sys.executable, "manage.py", "check", "--deploy"]
    result = subprocess.run(command, cwd=BASE_DIR, env=environ, capture_output=True, text=True)
    assert "reglab.W001" in result.stdout + result.stderr
    environ["EMAIL_URL"] = "smtp://mail.example.org:25"
    result = subprocess.run(command, cwd=BASE_DIR, env=environ, capture_output=True, text=True)
    assert "reglab.W001" not in result.stdout + result.stderr
