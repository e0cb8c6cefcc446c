"""
Real services for the deployment tests, started on loopback ports and stopped afterwards.

- `redis_server`: a private redis-server (Debian package redis-server), one per test,
  so a test may kill it.
- `s3_server`: moto's standalone S3 API server (`moto[server]` in requirements-dev.txt),
  one per test session, with an empty bucket per test.
- `settings_from_env`: what cms/settings/base.py makes of a given environment, so the
  tests run the real settings code rather than a copy of it.
- `requires_postgres`: PostgreSQL-only tests run on the second pass of `make test`
  (DATABASE_URL from tests/services.py) and skip, saying why, on the SQLite pass.

In CI (CI=true) a missing redis-server or moto_server fails the test instead of skipping it.
"""

import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.support.processes import free_port, manage, stop, wait_for_port

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
SETTINGS_BASE = REPO / "cms" / "settings" / "base.py"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

requires_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs PostgreSQL: runs in the second pass of `make test` (python -m tests.services postgres -- pytest)",
)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: ids are reused after a rollback, cached renditions and site roots are not."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


def missing(what):
    message = f"{what} is not installed (.ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class RedisServer:
    def __init__(self, binary):
        self.binary = binary
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="sistercities-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process)

    def kill(self):
        """Gone at once, as a crashed or unreachable Redis would be."""
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process is not None:
            stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server")
    server = RedisServer(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def s3_endpoint():
    binary = BIN / "moto_server"
    if not binary.exists():
        missing("moto_server (pip install 'moto[server]')")
    port = free_port()
    process = subprocess.Popen(
        [str(binary), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@pytest.fixture
def s3_env(s3_endpoint):
    """The storage variables an operator would set, for a new empty bucket on the moto server."""
    import boto3

    env = {
        "AWS_STORAGE_BUCKET_NAME": f"sistercities-test-{uuid.uuid4().hex[:12]}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-access-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret-key-that-must-not-leak",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=env["AWS_STORAGE_BUCKET_NAME"])
    env["client"] = client
    return env


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file with every migration applied, made once: tests copy it rather than migrate again."""
    path = tmp_path_factory.mktemp("migrated") / "template.sqlite3"
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": f"sqlite:///{path}"}
    result = manage(env, "migrate", "--no-input", "--verbosity", "0", timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return path


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """`collectstatic` with the production settings, once per session (it takes a while): its STATIC_ROOT."""
    root = tmp_path_factory.mktemp("collected") / "static"
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "s" * 20 + "-production-like-secret-for-collectstatic-only-0123456789",
        "ALLOWED_HOSTS": "sistercities.example.org",
        "SITE_URL": "https://sistercities.example.org",
        "STATIC_ROOT": str(root),
    }
    result = manage(env, "collectstatic", "--no-input", "--verbosity", "0", timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def copy_of(template, folder, name="db.sqlite3"):
    target = Path(folder) / name
    shutil.copyfile(template, target)
    return target


def settings_from_env(monkeypatch, env, names):
    """Run cms/settings/base.py with these environment variables and return the named settings it sets."""
    for key, value in env.items():
        if isinstance(value, str):
            monkeypatch.setenv(key, value)
    namespace = runpy.run_path(str(SETTINGS_BASE), run_name="base_settings_under_test")
    return {name: namespace[name] for name in names if name in namespace}
