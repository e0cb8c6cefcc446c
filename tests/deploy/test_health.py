"""
/healthz, and the production settings served by gunicorn with gunicorn.conf.py.
"""

import json
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.db import OperationalError
from django.test import override_settings

from cms import health
from tests.deploy.conftest import copy_of
from tests.support.processes import free_port, manage, start_gunicorn, stop


def test_healthz_reports_each_service(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["storage"]["backend"] == "filesystem"


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_has_no_language_prefix_and_takes_no_posts(client, db):
    assert client.get("/en/healthz", follow=True).status_code == 404
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_when_the_database_is_down_and_tells_no_secrets(client, db, monkeypatch):
    secret = "password=hunter2 host=db.internal.example"

    def database_down():
        raise OperationalError(f"connection failed: {secret}")

    monkeypatch.setitem(health.CHECKS, "database", database_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "OperationalError"
    assert body["checks"]["cache"]["ok"] is True
    assert "hunter2" not in response.content.decode()
    assert "db.internal" not in response.content.decode()
    assert settings.SECRET_KEY not in response.content.decode()


def test_healthz_is_503_when_the_media_storage_is_gone(client, db, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "not-mounted"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert str(tmp_path) not in response.content.decode()


# --- gunicorn with the production settings ---------------------------------------------


def run_manage(env, *args):
    result = manage(env, *args, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - a loopback test server
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production_server(migrated_sqlite, collected_static):
    """gunicorn -c gunicorn.conf.py cms.wsgi with the production settings, a fresh database and collected static."""
    tmp = Path(tempfile.mkdtemp(prefix="sistercities-prod-"))
    database = copy_of(migrated_sqlite, tmp)
    (tmp / "media").mkdir()
    port = free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": "sistercities.example.org,127.0.0.1",
        "SITE_URL": "https://sistercities.example.org",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(collected_static),
        "MEDIA_ROOT": str(tmp / "media"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    run_manage(env, "migrate", "--no-input", "--verbosity", "0")  # nothing left to apply: quick
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    try:
        process = start_gunicorn(env, port, log)
        try:
            yield {"url": f"http://127.0.0.1:{port}", "static_root": collected_static, "log": tmp / "gunicorn.log"}
        finally:
            stop(process)
    finally:
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


HTTPS = {"Host": "sistercities.example.org", "X-Forwarded-Proto": "https"}


def test_gunicorn_answers_healthz_over_plain_http(production_server):
    status, headers, body = fetch(production_server["url"] + "/healthz", {"Host": "sistercities.example.org"})
    assert status == 200, body
    assert json.loads(body)["status"] == "ok"


def test_production_redirects_plain_http_to_https(production_server):
    status, headers, _ = fetch(production_server["url"] + "/en/", {"Host": "sistercities.example.org"})
    assert status == 301
    assert headers["Location"] == "https://sistercities.example.org/en/"


def test_production_refuses_unknown_hosts(production_server):
    status, _, _ = fetch(production_server["url"] + "/en/", {"Host": "evil.example.com", "X-Forwarded-Proto": "https"})
    assert status == 400


def test_public_pages_carry_the_security_headers(production_server):
    status, headers, _ = fetch(production_server["url"] + "/en/", HTTPS)
    assert status in {200, 404}  # a fresh database may have no home page yet; the headers are what matter
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp


def test_the_wagtail_admin_is_left_out_of_the_content_security_policy(production_server):
    status, headers, _ = fetch(production_server["url"] + "/admin/login/", HTTPS)
    assert status == 200
    assert "Content-Security-Policy" not in headers
    assert headers["X-Frame-Options"] == "DENY"


def test_whitenoise_serves_compressed_static_files_with_hashed_names(production_server):
    manifest = json.loads((production_server["static_root"] / "staticfiles.json").read_text())["paths"]
    original, hashed = next((name, hashed) for name, hashed in manifest.items() if name.endswith(".css"))
    assert hashed != original  # a content hash in the name
    assert (production_server["static_root"] / (hashed + ".gz")).exists()

    status, headers, body = fetch(production_server["url"] + "/static/" + hashed, {**HTTPS, "Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    assert body[:2] == b"\x1f\x8b"


def test_gunicorn_runs_the_configured_number_of_workers(production_server):
    time.sleep(0.5)  # let both workers log their start
    booted = production_server["log"].read_text().count("Booting worker")
    assert booted == 2
