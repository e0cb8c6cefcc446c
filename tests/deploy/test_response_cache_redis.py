"""
The response cache (cms/response_cache.py) on a real Redis: what is kept there, answered from
there with no SQL query, and dropped by a publish. The locmem cache the other tests use has the
same interface; this proves django-redis's incr, get_many and pickled entries behave alike.
"""

import redis

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from cities.factories import ExchangeTypeFactory
from home.models import SiteSettings
from tests.deploy.test_redis import redis_site  # noqa: F401 - the fixture

KINDS = "{ exchangeTypes { name } }"


def queries_for(function):
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return result, len(queries)


def test_pages_and_queries_are_kept_in_redis_and_dropped_on_change(client, home_page, redis_site):  # noqa: F811
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # else made (saved) by the first view
    first, made = queries_for(lambda: client.get("/en/"))
    assert first.status_code == 200 and made > 0
    again, from_cache = queries_for(lambda: client.get("/en/"))
    assert (again.status_code, from_cache, again.content) == (200, 0, first.content)

    answer = lambda: client.post("/api/graphql/", {"query": KINDS}, content_type="application/json").json()  # noqa: E731
    assert queries_for(answer)[0] == {"data": {"exchangeTypes": [{"name": "Cultural"}]}}
    assert queries_for(answer)[1] == 0

    keys = redis.Redis.from_url(redis_site.url).keys("sistercities:*response-cache:*")
    assert any(b"generation:pages" in key for key in keys)
    assert any(b"response-cache:page:" in key for key in keys)

    cultural.name = "Culture and arts"
    cultural.save()
    assert queries_for(answer)[0] == {"data": {"exchangeTypes": [{"name": "Culture and arts"}]}}
    # The home page does not show exchange types: still from Redis.
    assert queries_for(lambda: client.get("/en/"))[1] == 0
    home_page.title = "Sister Cities of Los Angeles, renamed"
    home_page.save_revision().publish()
    page, made = queries_for(lambda: client.get("/en/"))
    assert made > 0
    assert page.content != first.content


def redis_commands(server):
    """The number of calls of each Redis command since the last reset (INFO commandstats), but the reset's."""
    stats = server.info("commandstats")
    return {name.removeprefix("cmdstat_"): each["calls"] for name, each in stats.items() if "config" not in name}


def test_a_hit_is_one_round_trip_to_redis(client, home_page, redis_site):  # noqa: F811
    """A hit reads its entry and the generations of what it shows in one MGET, once the process
    knows what the entry depends on; a change still turns the next request into a miss."""
    ExchangeTypeFactory(name="Cultural", slug="cultural")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    server = redis.Redis.from_url(redis_site.url)
    answer = lambda: client.post("/api/graphql/", {"query": KINDS}, content_type="application/json")  # noqa: E731
    for ask in (answer, lambda: client.get("/en/")):
        ask()  # a miss: made and kept
        ask()  # the first hit of this process: learns what the entry depends on
        server.config_resetstat()
        for _ in range(3):
            assert queries_for(ask)[1] == 0
        assert redis_commands(server) == {"mget": 3}

    ExchangeTypeFactory(name="Business", slug="business")  # bumps the exchange types' generation
    response, made = queries_for(answer)
    assert made > 0 and [kind["name"] for kind in response.json()["data"]["exchangeTypes"]] == ["Business", "Cultural"]
