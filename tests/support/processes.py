"""Processes for the tests: free loopback ports, servers that must be listening, and settings in a subprocess."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The production server as the Procfile runs it (gunicorn.conf.py reads GUNICORN_BIND and the other variables).
GUNICORN = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "cms.wsgi"]
# Everything the settings read from the environment: left out of a subprocess's environment unless a test sets it.
SETTINGS_VARIABLES = (
    "AWS_",
    "REDIS_",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_",
    "SITE_URL",
    "DATABASE_",
    "SECURE_",
    "CLOUDFRONT",
    "DEEPL_",
    "LIBRETRANSLATE_",
    "DJANGO_SETTINGS_MODULE",
)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=15.0):
    """Return once something listens on the port; raise if the process exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{process.args[0]} did not listen on port {port} within {timeout} s")


def stop(process):
    """SIGTERM, then SIGKILL if the process has not gone within ten seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gunicorn(env, port, log=None, timeout=60.0):
    """gunicorn on 127.0.0.1:`port` with `env` over a clean environment, once it listens (its output to
    `log`, a file, if given); stopped again if it never does. The caller stops it with `stop`."""
    process = subprocess.Popen(
        GUNICORN,
        env=clean_environ(**{**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}),
        cwd=REPO,
        stdout=log,
        stderr=log,
    )
    try:
        wait_for_port(port, process, timeout=timeout)
    except BaseException:
        stop(process)
        raise
    return process


def clean_environ(**env):
    """This process's environment without anything the settings read, plus `env`."""
    return {key: value for key, value in os.environ.items() if not key.startswith(SETTINGS_VARIABLES)} | env


def run_python(code, env, *args, timeout=120):
    """Run Python code (with `args` in its sys.argv) in a fresh interpreter at the repository's root, with
    `env` over a clean environment."""
    return _run([sys.executable, "-c", code, *args], env, timeout)


def manage(env, *args, timeout=120):
    """Run `manage.py` with these arguments in a fresh interpreter, with `env` over a clean environment."""
    return _run([sys.executable, "manage.py", *args], env, timeout)


def _run(command, env, timeout):
    return subprocess.run(
        command, env=clean_environ(**env), cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False
    )
