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
