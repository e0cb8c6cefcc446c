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
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    database_label,
    free_port,
    measure,
    out,
    prepare,
    request,
    stack_env,
    start_gunicorn,
    start_redis,
    stop_all,
)

GRAPHQL = json.dumps(
    {"query": "{ cities(perPage: 10) { items { id title url } pagination { total } } }"},
).encode()
ENDPOINTS = [
    ("GET /en/ (home page)", "GET", "/en/", None),
    ("GET /en/cities/ (city directory)", "GET", "/en/cities/", None),
    ("POST /api/graphql/ (10 cities)", "POST", "/api/graphql/", GRAPHQL),
    ("GET /healthz", "GET", "/healthz", None),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint (default 300)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per endpoint at most (default 120)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-bench-"))
    env = stack_env(tmp)
    processes = []
    try:
        start_redis(env, processes)
        sys.stderr.write("Preparing: migrate, load_demo, db_worker, collectstatic ...\n")
        prepare(env)
        port = free_port()
        processes.append(start_gunicorn(env, port, WEB_CONCURRENCY=str(args.workers)))
        base = f"http://127.0.0.1:{port}"
        for _, method, path, body in ENDPOINTS:  # warm up every worker's caches
            for _ in range(args.workers * 5):
                request(base, method, path, body)

        cache = "Redis" if "REDIS_URL" in env else "local memory"
        out(
            f"\n{args.workers} gunicorn workers, {args.concurrency} client threads, {database_label(env)}, "
            f"cache: {cache}, {os.cpu_count()} cores shared by clients and server\n"
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
        stop_all(processes)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
