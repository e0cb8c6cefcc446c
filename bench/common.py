"""
What the benchmarks share, written once: the production stack on loopback (a throwaway
database, Redis when it is installed, gunicorn), timed requests from a few client threads, and
stopping every server a benchmark started.

The scripts put the repository on ``sys.path`` and import this as ``bench.common``; free ports,
waiting for a port, starting gunicorn and stopping a process are the test suite's own
(``tests.support.processes``, which imports no Django).
"""

import contextlib
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.support.processes import free_port, stop, wait_for_port
from tests.support.processes import start_gunicorn as start_server

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "bench.example.org"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
# How long gunicorn or Redis may take to listen (loading the site on a busy machine).
START_TIMEOUT = 60

__all__ = [
    "BIN",
    "HEADERS",
    "HOST",
    "REPO",
    "bench_database",
    "database_label",
    "free_port",
    "measure",
    "out",
    "prepare",
    "request",
    "run",
    "run_clients",
    "stack_env",
    "start_gunicorn",
    "start_redis",
    "stop",
    "stop_all",
]


def out(line=""):
    """One line of the report, on stdout at once (progress goes to stderr)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# --- The stack ----------------------------------------------------------------------


def stack_env(tmp, settings="cms.settings.production", database_file="db.sqlite3", given_database=True, **extra):
    """The environment of the site's processes: this one's without AWS_ and REDIS_ variables, a key
    for this run only and the bench's host. The database is DATABASE_URL's when it is set and
    ``given_database`` (use a throwaway one: tests.services makes one), else a SQLite file
    ``database_file`` in ``tmp`` (and no DATABASE_ variable is kept). ``extra`` adds or overrides
    variables."""
    kept_out = ("AWS_", "REDIS_") if given_database else ("AWS_", "REDIS_", "DATABASE_")
    database_url = os.environ.get("DATABASE_URL") if given_database else None
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(kept_out)},
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": secrets.token_urlsafe(64),  # this run only
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url or f"sqlite:///{tmp / database_file}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


@contextlib.contextmanager
def bench_database(env):
    """On PostgreSQL, a database of this run's own on DATABASE_URL's server, named for benchmarks (so
    that build_bench_data accepts it), dropped at the end; SQLite files are the run's own already."""
    if not env["DATABASE_URL"].startswith("postgres"):
        yield env
        return
    import psycopg

    server = urllib.parse.urlsplit(env["DATABASE_URL"])
    name = f"sistercities_bench_{secrets.token_hex(4)}"
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": urllib.parse.urlunsplit(server._replace(path=f"/{name}"))}
    finally:
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_label(env):
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def run(command, env):
    """Run a command at the repository's root; stop the benchmark with its output if it fails."""
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def prepare(env, demo=True):
    """migrate, then (with ``demo``) load_demo and one run of the task worker, then collectstatic."""
    python = sys.executable
    run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
    if demo:
        run([python, "manage.py", "load_demo"], env)
        run([python, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v0"], env)
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)


def start_redis(env, processes):
    """Start redis-server on a free port, if it is installed, and point ``env``'s REDIS_URL at it.
    The process joins ``processes``; returns whether Redis runs."""
    binary = shutil.which("redis-server")
    if not binary:
        return False
    port = free_port()
    redis = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    processes.append(redis)
    wait_for_port(port, redis, timeout=START_TIMEOUT)
    env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    return True


def start_gunicorn(env, port, log=None, **variables):
    """gunicorn with gunicorn.conf.py on 127.0.0.1:``port``, once it listens; ``variables`` are
    environment variables for this server only (WEB_CONCURRENCY, ...). Output to ``log`` if given."""
    try:
        return start_server({**env, **variables}, port, log, timeout=START_TIMEOUT)
    except RuntimeError as error:
        raise SystemExit(str(error)) from None


def stop_all(processes):
    """Stop the servers, the last started first."""
    for process in reversed(processes):
        stop(process)


# --- Requests -----------------------------------------------------------------------


def request(base, method, path, body, timeout=30):
    """(status, seconds) of one request with the bench's host; no answer (refused, reset, timed
    out) is status 0."""
    headers = dict(HEADERS)
    if body is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers)  # noqa: S310 - loopback
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - loopback
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def run_clients(base, method, paths, body, requests, concurrency, time_limit=None, min_time=0):
    """Send ``requests`` requests from ``concurrency`` threads, taking ``paths`` in turn, and more
    until ``min_time`` seconds have passed (so that a fast answer is measured over a long enough
    time, not over a few milliseconds), for at most ``time_limit`` seconds (no limit: all of
    them). Returns the (seconds, status) of each, fastest first, and the elapsed seconds."""
    results, lock = [], threading.Lock()
    sent = [0]
    now = time.monotonic()
    deadline = None if time_limit is None else now + time_limit
    long_enough = now + min_time

    def client():
        while deadline is None or time.monotonic() < deadline:
            with lock:
                if sent[0] >= requests and time.monotonic() >= long_enough:
                    return
                number = sent[0]
                sent[0] += 1
            status, seconds = request(base, method, paths[number % len(paths)], body)
            with lock:
                results.append((seconds, status))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results), time.perf_counter() - started


def percentile(latencies, share):
    """The latency below which ``share`` of the sorted ``latencies`` fall."""
    return latencies[max(0, int(len(latencies) * share) - 1)]


def measure(base, method, path, body, requests, concurrency, time_limit, paths=None, min_time=0):
    """Requests, req/s, p50, p95 and p99 (ms) and errors (anything but a 200) of ``requests``
    requests to ``path`` (or to ``paths`` in turn), and more until ``min_time`` seconds have
    passed, in at most ``time_limit`` seconds."""
    results, elapsed = run_clients(
        base, method, paths or [path], body, requests, concurrency, time_limit, min_time=min_time
    )
    latencies = [seconds for seconds, _ in results]
    if not latencies:
        return {"requests": 0, "rps": 0, "p50": 0, "p95": 0, "p99": 0, "errors": 0}
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0,
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": sum(status != 200 for _, status in results),
    }
