"""
A load test: a realistic mix of people against gunicorn with the production settings, on
loopback, for a bounded time, while an attacker does the worst the limits allow.

    .venv/bin/python bench/load.py --time 60             # with Redis (redis-server must be installed)
    .venv/bin/python bench/load.py --time 60 --no-redis  # each process caches in its own memory
    python -m tests.services postgres -- .venv/bin/python bench/load.py --time 60

The mix (bench/locustfile.py, played by locust): visitors browsing pages and searching,
partner sites querying the GraphQL API by GET and POST, one editor signed in to Wagtail who
publishes a page now and then, and an attacker who sends the worst query documents that
the API's limits let through (bench/validation.py's families, kept when the API accepts them)
and guesses the editor's password (the lockout must stop it without locking the editor out).

It migrates and loads the demo into a throwaway SQLite file (or the DATABASE_URL it is given:
use a throwaway one), starts Redis (unless --no-redis) and gunicorn, runs locust headless for
--time seconds, and prints a Markdown table (docs/deployment.md keeps the figures): requests
per second, median and 99th percentile by kind, and errors (a 5xx, no answer, or for visitors,
partners and the editor anything but the expected answer). The goal: zero errors for visitors and
partners while the attack runs. Every server it starts is stopped at the end.
"""

import argparse
import contextlib
import csv
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    BIN,
    HEADERS,
    HOST,
    REPO,
    database_label,
    free_port,
    out,
    prepare,
    run,
    stack_env,
    start_gunicorn,
    start_redis,
    stop_all,
)

EDITOR, PASSWORD = "bench-editor", secrets.token_urlsafe(16)
KINDS = ["visitor", "partner", "editor", "attacker"]
ATTEMPTS = (
    "from axes.models import AccessAttempt\n"
    "for a in AccessAttempt.objects.all():\n"
    "    print(f'{a.username} from {a.ip_address}: {a.failures_since_start} failures')"
)
FIRST_STORY = "from cities.models import StoryPage; print(StoryPage.objects.live().first().pk)"

ATTACK_QUERIES = """
import json
from bench import validation
queries = [build() for _, build in validation.FAMILIES]
queries.append("{ cities(perPage: 100) { items { id title url summary countryName } pagination { total } } "
               "stories(perPage: 100) { items { id title url } } }")
print(json.dumps(queries))
"""


def fetch(base, path, body=None):
    headers = dict(HEADERS)
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=body, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def plan(base, env, tmp):
    """What the people play with: the demo's pages, the accepted worst queries, the editor and a page to publish."""
    pages = page_paths(base)
    city_slugs = [
        path.rstrip("/").rsplit("/", 1)[-1] for path in pages if path.startswith("/en/cities/") and path.count("/") == 4
    ]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", ATTACK_QUERIES], env=env, cwd=REPO, capture_output=True, text=True, check=True
    )
    accepted = []
    for query in json.loads(result.stdout):
        status, body = fetch(base, "/api/graphql/", json.dumps({"query": query}).encode())
        if status == 200 and b'"errors"' not in body:
            accepted.append(query)
    page_id = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", FIRST_STORY],
        env=env, cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()[-1]  # fmt: skip
    data = {
        "host": HOST,
        "pages": pages,
        "city_slugs": city_slugs or ["nagoya"],
        "attack_queries": accepted,
        "editor": EDITOR,
        "password": PASSWORD,
        "page_id": int(page_id),
    }
    path = tmp / "plan.json"
    path.write_text(json.dumps(data))
    return path, data


def page_paths(base):
    """Every page's path the sitemap lists: /sitemap.xml is an index, followed to each of its files."""
    _, index = fetch(base, "/sitemap.xml")
    paths = set()
    for url in _locations(index.decode()):
        address = urllib.parse.urlsplit(url)
        _, urlset = fetch(base, address.path + (f"?{address.query}" if address.query else ""))
        paths.update(urllib.parse.urlsplit(page).path for page in _locations(urlset.decode()))
    return sorted(paths)


def _locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def report(csv_path, seconds):
    rows = list(csv.DictReader(open(csv_path)))  # noqa: SIM115
    by_kind = {}
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        kind = row["Name"].split(":")[0]
        by_kind.setdefault(kind, []).append(row)
    out("| kind | requests | req/s | p50 ms | p99 ms | errors |")
    out("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in KINDS:
        for row in by_kind.get(kind, []):
            out(
                f"| {row['Name']} ({row['Type']}) | {row['Request Count']} | {int(row['Request Count']) / seconds:.1f} "
                f"| {row['50%']} | {row['99%']} | {row['Failure Count']} |"
            )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    out(
        f"| all | {total['Request Count']} | {int(total['Request Count']) / seconds:.1f} | {total['50%']} "
        f"| {total['99%']} | {total['Failure Count']} |"
    )
    return by_kind


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--time", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--redis", action=argparse.BooleanOptionalAction, default=True, help="run Redis (default yes)")
    parser.add_argument("--users", type=int, default=24, help="simulated people at once (default 24)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-load-"))
    env = stack_env(
        tmp,
        LOG_LEVEL="ERROR",
        # Each kind of person says its own address in X-Forwarded-For (bench/locustfile.py).
        NUM_PROXIES="1",
        # The bench's editor is a superuser without an authenticator app.
        REQUIRE_2FA_FOR_SUPERUSERS="false",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    processes = []
    try:
        if args.redis and not start_redis(env, processes):
            raise SystemExit("redis-server is not installed: install it, or run with --no-redis")
        python = sys.executable
        sys.stderr.write("Preparing: migrate, load_demo, db_worker, collectstatic, an editor ...\n")
        prepare(env)
        run(
            [python, "manage.py", "createsuperuser", "--no-input", "--username", EDITOR, "--email", "e@example.org"],
            env,
        )
        log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
        port = free_port()
        processes.append(start_gunicorn(env, port, log, WEB_CONCURRENCY=str(args.workers)))
        base = f"http://127.0.0.1:{port}"
        plan_path, data = plan(base, env, tmp)
        sys.stderr.write(
            f"{len(data['pages'])} pages, {len(data['attack_queries'])} worst queries the limits accept; "
            f"{args.time} s of load ...\n"
        )
        locust = subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"), "-f", str(REPO / "bench" / "locustfile.py"), "--headless",
                "--host", base, "--users", str(args.users), "--spawn-rate", str(args.users),
                "--run-time", f"{args.time}s", "--stop-timeout", "10", "--csv", str(tmp / "load"),
                "--only-summary", "--loglevel", "WARNING",
            ],
            env={**env, "LOAD_PLAN": str(plan_path)}, cwd=REPO, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not (tmp / "load_stats.csv").exists():
            raise SystemExit(f"locust failed:\n{locust.stdout}\n{locust.stderr}")
        cache = "Redis" if args.redis else "local memory (no Redis)"
        out(
            f"\n{args.time} s, {args.users} simulated people, {args.workers} gunicorn workers, {database_label(env)}, "
            f"cache: {cache}, {os.cpu_count()} cores shared by clients and server\n"
        )
        report(tmp / "load_stats.csv", args.time)
        attempts = subprocess.run(  # noqa: S603
            [python, "manage.py", "shell", "--no-imports", "-c", ATTEMPTS],
            env=env, cwd=REPO, capture_output=True, text=True, check=False,
        ).stdout.strip()  # fmt: skip
        out(f"\nSign-in lockout (django-axes), after the run: {attempts or 'nothing recorded'}")
        with contextlib.suppress(FileNotFoundError):
            failures = list(csv.DictReader(open(tmp / "load_failures.csv")))  # noqa: SIM115
            for row in failures:
                out(f"\nerror: {row['Name']}: {row['Error']} ({row['Occurrences']} times)")
    finally:
        stop_all(processes)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
