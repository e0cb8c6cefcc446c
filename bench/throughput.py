"""
Throughput of the production stack on this machine: gunicorn with the production
settings, the demo content, Redis when redis-server is installed, on loopback only.

    python -m tests.services postgres -- .venv/bin/python bench/throughput.py
    .venv/bin/python bench/throughput.py              # SQLite, when no DATABASE_URL is set

It migrates and loads the demo into the database it is given (use a throwaway one:
tests.services makes one), runs the task worker once, starts gunicorn, warms up, then
sends a bounded number of requests to each endpoint from a few client threads and
prints a Markdown table (docs/deployment.md keeps the figures). Every loop is bounded
in count and in time, and the servers it starts are stopped at the end.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "bench.example.org"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
GRAPHQL = json.dumps(
    {"query": "{ cities(perPage: 10) { items { id title url } pagination { total } } }"},
).encode()
ENDPOINTS = [
    ("GET /en/ (home page)", "GET", "/en/", None),
    ("GET /en/cities/ (city directory)", "GET", "/en/cities/", None),
    ("POST /api/graphql/ (10 cities)", "POST", "/api/graphql/", GRAPHQL),
    ("GET /healthz", "GET", "/healthz", None),
]


def out(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited early")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.1)
    raise SystemExit(f"nothing listening on {port} after {timeout} s")


def request(base, method, path, body):
    headers = dict(HEADERS)
    if body is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers)  # noqa: S310 - loopback
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def measure(base, method, path, body, requests, concurrency, time_limit):
    latencies, errors, lock = [], 0, threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + time_limit

    def client():
        nonlocal errors
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            status, seconds = request(base, method, path, body)
            with lock:
                latencies.append(seconds)
                errors += status != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def run(command, env):
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint (default 300)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per endpoint at most (default 120)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-bench-"))
    port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),  # this run only
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
    }
    processes = []
    try:
        redis_binary = shutil.which("redis-server")
        if redis_binary:
            redis_port = free_port()
            redis = subprocess.Popen(  # noqa: S603
                [redis_binary, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            processes.append(redis)
            wait_for_port(redis_port, redis)
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        python = sys.executable
        sys.stderr.write("Preparing: migrate, load_demo, db_worker, collectstatic ...\n")
        run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([python, "manage.py", "load_demo"], env)
        run([python, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v0"], env)
        run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
        gunicorn = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "cms.wsgi"], env=env, cwd=REPO
        )
        processes.append(gunicorn)
        wait_for_port(port, gunicorn)
        base = f"http://127.0.0.1:{port}"
        for _, method, path, body in ENDPOINTS:  # warm up every worker's caches
            for _ in range(args.workers * 5):
                request(base, method, path, body)

        database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        cache = "Redis" if "REDIS_URL" in env else "local memory"
        out(
            f"\n{args.workers} gunicorn workers, {args.concurrency} client threads, {database}, cache: {cache}, "
            f"{os.cpu_count()} cores shared by clients and server\n"
        )
        out("| endpoint | requests | req/s | p50 ms | p95 ms | errors |")
        out("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, method, path, body in ENDPOINTS:
            result = measure(base, method, path, body, args.requests, args.concurrency, args.time_limit)
            out(
                f"| {label} | {result['requests']} | {result['rps']:.0f} | {result['p50']:.1f} "
                f"| {result['p95']:.1f} | {result['errors']} |"
            )
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
