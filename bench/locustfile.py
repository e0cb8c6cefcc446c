# ruff: noqa: S311 - which page or query comes next: no security rests on it
"""
The people bench/load.py plays, for locust: visitors, partner sites, an editor and an attacker.

Not run on its own: bench/load.py starts the servers, prepares the data and passes it in
LOAD_PLAN (a JSON file: the site's host, the pages, the attacker's queries, the editor's
account and page), then runs locust on this file for a bounded time. Each request is named
"<kind>: <what>", so that the report can group them by kind.

Addresses: the bench runs with NUM_PROXIES=1, and each kind sends its own X-Forwarded-For, so
that the login lockout (by account and address) and the form's rate limit see them apart, as
they would see real people behind the load balancer.
"""

import json
import os
import random
import re

from locust import HttpUser, between, constant, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115 - read once at start
BASE_HEADERS = {"Host": PLAN["host"], "X-Forwarded-Proto": "https"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

PARTNER_QUERIES = [
    "{ cities(perPage: 20) { items { id title url } pagination { total } } }",
    "query($slug: String) { city(slug: $slug) { title url } }",
    "{ stories(perPage: 10) { items { id title url } } }",
    "{ pages(perPage: 10) { items { id title url } } }",
]


def partner_request():
    """One of the partner's queries, with its variables when it takes any."""
    query = random.choice(PARTNER_QUERIES)
    variables = {"slug": random.choice(PLAN["city_slugs"])} if "$slug" in query else {}
    return query, variables


def plain(user):
    """Let the site's Secure cookies (session, CSRF) go over the bench's plain-HTTP loopback, as over TLS."""
    for cookie in user.client.cookies:
        cookie.secure = False


def start(user, address):
    user.client.headers.update(BASE_HEADERS | {"X-Forwarded-For": address})


def csrf_token(response):
    match = CSRF.search(response.text)
    return match.group(1) if match else ""


class Visitor(HttpUser):
    """Someone reading the site: pages, the city directory, search."""

    weight = 10
    wait_time = between(0.5, 2)

    def on_start(self):
        start(self, f"10.1.{random.randint(0, 255)}.{random.randint(1, 254)}")

    @task(8)
    def page(self):
        self.client.get(random.choice(PLAN["pages"]), name="visitor: page")

    @task(1)
    def search(self):
        self.client.get(
            "/en/search/", params={"query": random.choice(["exchange", "youth", "art"])}, name="visitor: search"
        )


class Partner(HttpUser):
    """A partner site's server asking the API for content, by GET (cacheable) and POST."""

    weight = 5
    wait_time = between(0.5, 1.5)

    def on_start(self):
        start(self, f"10.2.0.{random.randint(1, 254)}")

    @task(3)
    def graphql_get(self):
        query, variables = partner_request()
        self.client.get(
            "/api/graphql/", params={"query": query, "variables": json.dumps(variables)}, name="partner: GraphQL GET"
        )

    @task(2)
    def graphql_post(self):
        query, variables = partner_request()
        self.client.post("/api/graphql/", json={"query": query, "variables": variables}, name="partner: GraphQL POST")


class Editor(HttpUser):
    """One editor: signs in to Wagtail, looks at the dashboard and a page, publishes it now and then."""

    fixed_count = 1
    wait_time = between(3, 6)

    def on_start(self):
        start(self, "198.51.100.10")
        login = self.client.get("/admin/login/", name="editor: sign in")
        plain(self)
        self.client.post(
            "/admin/login/",
            {"username": PLAN["editor"], "password": PLAN["password"], "csrfmiddlewaretoken": csrf_token(login)},
            headers={"Referer": f"https://{PLAN['host']}/admin/login/"},
            name="editor: sign in",
        )

    @task(2)
    def dashboard(self):
        plain(self)
        self.client.get("/admin/", name="editor: admin page")
        self.client.get(f"/admin/pages/{PLAN['page_id']}/edit/", name="editor: admin page")

    @task(1)
    def publish(self):
        url = f"/admin/bulk/wagtailcore/page/publish/?id={PLAN['page_id']}&next=/admin/"
        plain(self)
        form = self.client.get(url, name="editor: publish")
        plain(self)
        self.client.post(
            url,
            {"csrfmiddlewaretoken": csrf_token(form), "include_descendants": ""},
            headers={"Referer": f"https://{PLAN['host']}{url}"},
            name="editor: publish",
        )


class Attacker(HttpUser):
    """Sends the worst queries the API's limits let through, and guesses the editor's password."""

    weight = 2
    wait_time = constant(0.2)

    def on_start(self):
        start(self, "203.0.113.66")

    @task(3)
    def worst_query(self):
        with self.client.post(
            "/api/graphql/",
            json={"query": random.choice(PLAN["attack_queries"])},
            name="attacker: worst query",
            catch_response=True,
        ) as response:
            # Refusals (4xx) are the API doing its job; only a 5xx or no answer is an error.
            if response.status_code < 500:
                response.success()

    @task(1)
    def guess_password(self):
        login = self.client.get("/admin/login/", name="attacker: login guess")
        plain(self)
        with self.client.post(
            "/admin/login/",
            {
                "username": PLAN["editor"],
                "password": f"guess-{random.randint(0, 10**6)}",
                "csrfmiddlewaretoken": csrf_token(login),
            },
            headers={"Referer": f"https://{PLAN['host']}/admin/login/"},
            name="attacker: login guess",
            catch_response=True,
        ) as response:
            if response.status_code in {200, 429}:  # the form again, or the lockout page
                response.success()
