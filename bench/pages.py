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

Each row is measured in several passes (``--passes``, 3), each pass over every row with the static
file first; a row's ratio is to the static file of its own pass, and the median pass is printed.
Every loop is bounded in count and time; the servers it starts are stopped at the end. It prints
Markdown tables (docs/deployment.md keeps the figures).
"""

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    bench_database,
    database_label,
    free_port,
    measure,
    out,
    prepare,
    request,
    run,
    stack_env,
    start_gunicorn,
    start_redis,
    stop,
    stop_all,
)

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


def documented_queries():
    text = (REPO / "docs" / "graphql.md").read_text()
    found = {}
    for query in re.findall(r"```graphql\n(.*?)```", text, flags=re.DOTALL):
        name = re.search(r"query\s+(\w+)", query)
        if name and name.group(1) in DOCUMENTED:
            found[name.group(1)] = query
    return found


def discover(python, env):
    """The URLs and slugs to measure, and the number of stories: the last line ``DISCOVER`` prints."""
    result = run([python, "manage.py", "shell", "-v0", "-c", DISCOVER], env)
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


def median_pass(passes, label, ceiling):
    """A row's figures from its median pass by requests per second, with the median of its ratios
    to the static file (``ceiling``) of the same pass, and the errors of every pass."""
    runs = sorted((each[label] for each in passes), key=lambda run: run["rps"])
    ratios = [each[label]["rps"] / (each[ceiling]["rps"] or 1) for each in passes]
    return {
        **runs[len(runs) // 2],
        "ratio": statistics.median(ratios),
        "errors": sum(run["errors"] for run in runs),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="demo,10000", help="stories in total, after the demo (default demo,10000)")
    parser.add_argument(
        "--requests", type=int, default=60, help="requests per row at least (default 60), within --time-limit"
    )
    parser.add_argument("--time-limit", type=float, default=8, help="seconds per row at most (default 8)")
    parser.add_argument(
        "--min-time",
        type=float,
        default=1,
        help="seconds per row and pass at least, sending more requests (default 1: 60 cached answers take a few ms)",
    )
    parser.add_argument("--passes", type=int, default=3, help="passes over every row, the median reported (default 3)")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sistercities-pages-bench-"))
    # build_bench_data refuses a database whose name does not say "bench".
    env = stack_env(tmp, settings="cms.settings.bench", database_file="bench.sqlite3")
    processes = []
    with contextlib.ExitStack() as cleanup:
        env = cleanup.enter_context(bench_database(env))
        cleanup.callback(shutil.rmtree, tmp, ignore_errors=True)
        cleanup.callback(stop_all, processes)
        start_redis(env, processes)
        python = sys.executable
        sys.stderr.write("Preparing: migrate, load_demo, db_worker, collectstatic ...\n")
        prepare(env)
        queries = documented_queries()
        cache = "Redis" if "REDIS_URL" in env else "local memory"
        out(
            f"\n{args.workers} gunicorn workers, {args.concurrency} client threads, {database_label(env)}, "
            f"cache: {cache}, {os.cpu_count()} cores shared by clients and server; ratio: req/s as a share of "
            "the static file's\n"
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
                # Worker restarts off (bench/restarts.py measures them): at about 1,000 cached answers
                # a second, max_requests restarted each worker every second or two, and the rows
                # measured then (cold per-process memos) came out at half the rate of the others.
                server = start_gunicorn(
                    env,
                    port,
                    WEB_CONCURRENCY=str(args.workers),
                    BENCH_CACHE="off" if mode == "uncached" else "on",
                    GUNICORN_MAX_REQUESTS="0",
                )
                processes.append(server)
                base = f"http://127.0.0.1:{port}"
                for _, method, path, body, paths in rows:  # warm up: renditions made, caches filled
                    for target in (paths or [path]) * args.workers:
                        request(base, method, target, body)
                # Each pass measures every row once, the static file first: a row's ratio is taken
                # against the static file of its own pass, and the median pass is reported, so that
                # a moment of noise on a shared machine moves one pass, not the table.
                passes = [{} for _ in range(args.passes)]
                requests = max(1, math.ceil(args.requests / args.passes))
                for each in passes:
                    for label, method, path, body, paths in rows:
                        each[label] = measure(
                            base,
                            method,
                            path,
                            body,
                            requests,
                            args.concurrency,
                            args.time_limit / args.passes,
                            paths,
                            args.min_time,
                        )
                for label, *_ in rows:
                    results[(label, mode)] = median_pass(passes, label, rows[0][0])
                stop(server)
            out(f"\n**{urls['stories']:,} stories** ({size})\n")
            out("| what | uncached req/s | ratio | p50 ms | p99 ms | cached req/s | ratio | p50 ms | p99 ms | errors |")
            out("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for label, *_ in rows:
                cells = []
                for mode in ("uncached", "cached"):
                    r = results[(label, mode)]
                    cells += [f"{r['rps']:.1f}", f"{r['ratio']:.3f}", f"{r['p50']:.0f}", f"{r['p99']:.0f}"]
                errors = results[(label, "uncached")]["errors"] + results[(label, "cached")]["errors"]
                out(f"| {label} | {' | '.join(cells)} | {errors} |")


if __name__ == "__main__":
    main()
