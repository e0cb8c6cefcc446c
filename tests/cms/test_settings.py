"""Settings read the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 64


def import_settings(module, **env):
    """Import a settings module in a fresh interpreter with exactly this environment."""
    environ = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(BASE_DIR)), **env}
    code = f"import {module} as s; print(s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environ, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "example.org"}, "SECRET_KEY must be set"),
        (
            {"SECRET_KEY": "dev-only-insecure-key-never-use-in-production" + "x" * 10, "ALLOWED_HOSTS": "a.org"},
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must list"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "must not contain '*'"),
    ],
)
def test_production_refuses_to_start(env, message):
    result = import_settings("cms.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_its_variables():
    result = import_settings(
        "cms.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sistercities.example.org",
        WAGTAILADMIN_BASE_URL="https://sistercities.example.org",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_both_postgres_url_schemes_pick_postgresql(scheme):
    result = import_settings("cms.settings.dev", DATABASE_URL=f"{scheme}://u:p@db.example.org:5432/sistercities")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_the_default():
    result = import_settings("cms.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"
