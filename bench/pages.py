"""
What each page type and the documented GraphQL queries cost, cached and uncached, at several
data sizes, as a ratio to serving a static file, in one run on this machine.

    .venv/bin/python bench/pages.py                                   # SQLite, demo and 10,000 stories
    python -m tests.services postgres -- .venv/bin/python bench/pages.py --sizes demo,10000,100000

It builds a throwaway database (SQLite in a temporary folder unless DATABASE_URL is set: use
tests.services for a throwaway PostgreSQL), loads the demo, then for each size adds stories with
``manage.py build_bench_data`` (bulk, with their search index) and, for each of "uncached"
(Django's dummy cache: every request a miss) and "cached" (the configured cache, Redis when
redis-server is installed), starts gunicorn with cms.settings.bench (production settings plus
Wagtail's REST API v2 at /api/v2/, cms/bench_urls.py), warms up, and measures:

- a static file through whitenoise: the ceiling, every other figure is a ratio to it;
- each page type, the sitemap, the search page (p50 and p99 over several words);
- the documented GraphQL queries (docs/graphql.md);
- Wagtail's REST API v2 listing the same city directory data.

Every loop is bounded in count and time; the servers it starts are stopped at the end. It prints
Markdown tables (docs/deployment.md keeps the figures).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from throughput import BIN, HOST, REPO, free_port, run, wait_for_port
from throughput import request as timed_request

SEARCH_WORDS = ["music", "students", "festival", "Nagoya", "exchange", "orchestra", "school", "garden"]
# The documented queries that take no preview token, with the variables bench/pages.py can give.
DOCUMENTED = ["Home", "CityDirectory", "CityProfile", "StoryList", "Story", "Resources", "AllPages", "SiteSearch"]
REST_CITIES = "/api/v2/pages/?type=cities.CityPage&fields=country,region,year_established,summary&limit=100"
DISCOVER = """
import json
from cities.models import CityPage, ResourcePage, StoryPage
from home.models import StandardPage
first = lambda model: model.objects.live().filter(locale__language_code="en").order_by("path").first()
city, story, resource, page = first(CityPage), first(StoryPage), first(ResourcePage), first(StandardPage)
print(json.dumps({"city": [city.url, city.slug], "story": [story.url, story.slug], "resource": resource.url,
    "standard": page.url, "stories": StoryPage.objects.count()}))
"""


def out(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def documented_queries():
    text = (REPO / "docs" / "graphql.md").read_text()
    found = {}
    for query in re.findall(r"```graphql\n(.*?)```", text, flags=re.DOTALL):
        name = re.search(r"query\s+(\w+)", query)
        if name and name.group(1) in DOCUMENTED:
            found[name.group(1)] = query
    return found


def request(base, method, path, body):
    """(status, seconds); a request that times out (30 s) counts as an error, status 0."""
    started = time.perf_counter()
    try:
        return timed_request(base, method, path, body)
    except OSError:
        return 0, time.perf_counter() - started


def measure(base, method, path, body, requests, concurrency, time_limit, paths=None):
    """req/s, p50, p99 (ms) and errors of at most ``requests`` requests in at most ``time_limit`` seconds."""
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
                number = remaining[0]
            target = paths[number % len(paths)] if paths else path
            status, seconds = request(base, method, target, body)
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
        "rps": len(latencies) / elapsed if elapsed else 0,
        "p50": statistics.median(latencies) * 1000 if latencies else 0,
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000 if latencies else 0,
        "errors": errors,
    }


def discover(python, env):
    """The URLs and slugs to measure, and the number of stories: the last line ``DISCOVER`` prints."""
    command = [python, "manage.py", "shell", "-v0", "-c", DISCOVER]
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def endpoints(urls, queries):
    """(label, method, path, body, paths): what to measure, in the table's order."""
    static = json.loads((Path(urls["static_root"]) / "staticfiles.json").read_text())["paths"]["css/site.css"]
    rows = [
        ("static file (css/site.css)", "GET", f"/static/{static}", None, None),
        ("home page", "GET", "/en/", None, None),
        ("city directory", "GET", "/en/cities/", None, None),
        ("city page", "GET", urls["city"][0], None, None),
        ("story index", "GET", "/en/stories/", None, None),
        ("story index, page 50", "GET", "/en/stories/?page=50", None, None),
        ("story index, filtered", "GET", f"/en/stories/?city={urls['city'][1]}", None, None),
        ("story page", "GET", urls["story"][0], None, None),
        ("stories RSS feed", "GET", "/en/stories/feeds/rss/", None, None),
        ("resource index", "GET", "/en/resources/", None, None),
        ("resource page", "GET", urls["resource"], None, None),
        ("standard page", "GET", urls["standard"], None, None),
        ("suggestion form", "GET", "/en/resources/suggest/", None, None),
        ("sitemap index", "GET", "/sitemap.xml", None, None),
        ("sitemap: stories (5,000 a file)", "GET", "/sitemap-stories.xml", None, None),
        ("search page (p50/p99 over 8 words)", "GET", None, None, [f"/en/search/?query={w}" for w in SEARCH_WORDS]),
    ]
    variables = {
        "CityProfile": {"slug": urls["city"][1]},
        "Story": {"slug": urls["story"][1]},
        "SiteSearch": {"search": "music"},
    }
    for name, query in queries.items():
        body = json.dumps({"query": query, "variables": variables.get(name, {})}).encode()
        rows.append((f"GraphQL {name}", "POST", "/api/graphql/", body, None))
    rows.append(("REST API v2: 100 cities", "GET", REST_CITIES, None, None))
    return rows


def serve(env, port, workers):
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "cms.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
        cwd=REPO,
    )
    wait_for_port(port, gunicorn)
    return gunicorn


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="demo,10000", help="stories in total, after the demo (default demo,10000)")
    parser.add_argument("--requests", type=int, default=60, help="requests per row at most (default 60)")
    parser.add_argument("--time-limit", type=float, default=8, help="seconds per row at most (default 8)")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-pages-bench-"))
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(64),  # this run only
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        # build_bench_data refuses a database whose name does not say "bench".
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
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
        queries = documented_queries()
        database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        cache = "Redis" if "REDIS_URL" in env else "local memory"
        out(
            f"\n{args.workers} gunicorn workers, {args.concurrency} client threads, {database}, cache: {cache}, "
            f"{os.cpu_count()} cores shared by clients and server; ratio: req/s as a share of the static file's\n"
        )
        for size in args.sizes.split(","):
            if size != "demo":
                have = discover(python, env)["stories"]
                if int(size) > have:
                    started, adding = time.perf_counter(), int(size) - have
                    run([python, "manage.py", "build_bench_data", "--stories", str(adding), "-v0"], env)
                    sys.stderr.write(f"build_bench_data: {adding} stories in {time.perf_counter() - started:.0f} s\n")
            urls = discover(python, env)
            urls["static_root"] = env["STATIC_ROOT"]
            rows = endpoints(urls, queries)
            results = {}
            for mode in ("uncached", "cached"):
                port = free_port()
                server = serve({**env, "BENCH_CACHE": "off" if mode == "uncached" else "on"}, port, args.workers)
                processes.append(server)
                base = f"http://127.0.0.1:{port}"
                for _, method, path, body, paths in rows:  # warm up: renditions made, caches filled
                    for target in (paths or [path]) * args.workers:
                        request(base, method, target, body)
                for label, method, path, body, paths in rows:
                    results[(label, mode)] = measure(
                        base, method, path, body, args.requests, args.concurrency, args.time_limit, paths
                    )
                stop(server)
            out(f"\n**{urls['stories']:,} stories** ({size})\n")
            out("| what | uncached req/s | ratio | p50 ms | p99 ms | cached req/s | ratio | p50 ms | p99 ms | errors |")
            out("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            ceiling = {mode: results[(rows[0][0], mode)]["rps"] or 1 for mode in ("uncached", "cached")}
            for label, *_ in rows:
                cells = []
                for mode in ("uncached", "cached"):
                    r = results[(label, mode)]
                    ratio = r["rps"] / ceiling[mode]
                    cells += [f"{r['rps']:.1f}", f"{ratio:.3f}", f"{r['p50']:.0f}", f"{r['p99']:.0f}"]
                errors = results[(label, "uncached")]["errors"] + results[(label, "cached")]["errors"]
                out(f"| {label} | {' | '.join(cells)} | {errors} |")
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
