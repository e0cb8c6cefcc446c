"""
What gunicorn's worker restarts (max_requests) cost the requests around them.

    .venv/bin/python bench/restarts.py --requests 3000

Starts the production stack (SQLite, no Redis, static files collected) twice with five
workers and a small GUNICORN_MAX_REQUESTS, so that every worker restarts a few times during
the run: once as gunicorn.conf.py was (jitter a tenth of the limit, each worker importing the
site itself) and once as it is (jitter half the limit, workers forked from a preloaded
master). Each run sends the same steady load of static file requests (whitenoise, the
cheapest answer the site gives) from a few client threads and prints p50, p99 and the
worst latency, and how many workers booted. docs/deployment.md keeps the figures.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import free_port, out, prepare, run_clients, stack_env, start_gunicorn, stop

CONFIGURATIONS = [
    ("before: jitter 10 %, no preload", {"GUNICORN_PRELOAD": "false", "GUNICORN_MAX_REQUESTS_JITTER": "{tenth}"}),
    ("after: jitter 50 %, preload", {}),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="static file requests per run (default 3000)")
    parser.add_argument("--max-requests", type=int, default=200, help="GUNICORN_MAX_REQUESTS (default 200)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 5)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-bench-restarts-"))
    env = stack_env(
        tmp,
        given_database=False,
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
        LOG_LEVEL="INFO",
    )
    try:
        sys.stderr.write("Preparing: migrate, collectstatic ...\n")
        prepare(env, demo=False)
        static = next(p for p in (tmp / "static").rglob("*.css") if ".gz" not in p.name)
        path = "/static/" + static.relative_to(tmp / "static").as_posix()

        out(
            f"\n{args.workers} workers, GUNICORN_MAX_REQUESTS={args.max_requests}, {args.requests} requests for "
            f"a static file from {args.concurrency} client threads, {os.cpu_count()} cores\n"
        )
        out("| configuration | workers booted | p50 ms | p99 ms | worst ms | errors |")
        out("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, overrides in CONFIGURATIONS:
            port = free_port()
            extra = {key: value.format(tenth=max(1, args.max_requests // 10)) for key, value in overrides.items()}
            log_path = tmp / f"gunicorn-{port}.log"
            with open(log_path, "w") as log:
                gunicorn = start_gunicorn(env, port, log, **extra)
                try:
                    time.sleep(3)  # every worker booted
                    latencies, _ = run_clients(
                        f"http://127.0.0.1:{port}", "GET", [path], None, args.requests, args.concurrency
                    )
                finally:
                    stop(gunicorn)
            booted = log_path.read_text().count("Booting worker")
            seconds = [latency for latency, _ in latencies]
            errors = sum(status != 200 for _, status in latencies)
            p50, p99 = seconds[len(seconds) // 2], seconds[int(len(seconds) * 0.99) - 1]
            out(f"| {label} | {booted} | {p50 * 1000:.0f} | {p99 * 1000:.0f} | {seconds[-1] * 1000:.0f} | {errors} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
