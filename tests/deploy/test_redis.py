"""
Cache and sessions on Redis, against a real redis-server that the test then kills.

The cache settings come from cms/settings/base.py run with REDIS_URL set.
"""

import json
import logging
import time

import pytest
import redis

from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.test import override_settings

from wagtail.images import get_image_model

from home.factories import CustomImageFactory
from tests.deploy.conftest import settings_from_env
from tests.support.admin import sign_in

CACHE_SETTINGS = ["CACHES", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS", "SESSION_ENGINE", "REDIS_COOLDOWN"]
GRAPHQL_QUERY = {"query": "{ pages { items { id title } } }"}
# Each cache call against a dead Redis fails at once (connection refused) or after
# REDIS_TIMEOUT (0.25 s), and the breaker skips the rest; a page stays well under this.
# (tests/faults/ does the same under gunicorn, with a hung Redis too.)
SLOW_BUT_SERVED_SECONDS = 10


@pytest.fixture
def redis_site(monkeypatch, redis_server):
    # No cool-down: every call tries Redis again, so the test sees it return at once.
    values = settings_from_env(monkeypatch, {"REDIS_URL": redis_server.url, "REDIS_COOLDOWN": "0"}, CACHE_SETTINGS)
    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert values["CACHES"]["renditions"]["LOCATION"] == redis_server.url
    with override_settings(**values):
        try:
            yield redis_server
        finally:
            # Connections to the (possibly dead) server must not outlive the test.
            for alias in ("default", "renditions"):
                caches[alias].close()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("cache-editor", "editor@example.org", "a-long-test-password")


@pytest.fixture
def page_with_picture(home_page):
    home_page.hero_image = CustomImageFactory()
    home_page.save_revision().publish()
    return home_page


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def post_graphql(client):
    return client.post("/api/graphql/", data=json.dumps(GRAPHQL_QUERY), content_type="application/json")


def test_cache_and_renditions_live_in_redis(redis_site, page_with_picture, client):
    server = redis.Redis.from_url(redis_site.url)
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    assert server.exists("sistercities:1:greeting")

    response = client.get(page_with_picture.url)
    assert response.status_code == 200
    assert get_image_model().get_rendition_model().objects.exists()
    rendition_keys = server.keys("sistercities-renditions:*")
    assert rendition_keys, "rendering the page put no rendition in the Redis renditions cache"


def test_site_keeps_serving_when_redis_dies(redis_site, page_with_picture, client, editor, caplog):
    assert sign_in(client, "cache-editor", "a-long-test-password")
    response, _ = timed_get(client, page_with_picture.url)
    assert response.status_code == 200
    assert client.get("/healthz").json()["checks"]["cache"]["ok"] is True
    assert post_graphql(client).status_code == 200

    redis_site.kill()

    with caplog.at_level(logging.WARNING):
        response, seconds = timed_get(client, page_with_picture.url)
        assert response.status_code == 200
        assert seconds < SLOW_BUT_SERVED_SECONDS
        assert page_with_picture.title.encode() in response.content

        api = post_graphql(client)
        assert api.status_code == 200
        assert "errors" not in api.json()
        assert page_with_picture.title in {page["title"] for page in api.json()["data"]["pages"]["items"]}

        # The editor stays logged in: the session is in the database, Redis only cached it.
        assert client.get("/admin/").status_code == 200

        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["checks"]["cache"]["ok"] is False
        assert health.json()["checks"]["cache"]["error"] == "ConnectionError"
        assert health.json()["checks"]["database"]["ok"] is True

    # One warning from the circuit breaker (cms/redis_breaker.py), not a traceback per cache call.
    warnings = [record for record in caplog.records if record.name == "cms.redis_breaker"]
    assert len(warnings) == 1, [record.getMessage() for record in caplog.records]
    assert not any(record.name.startswith("django_redis") for record in caplog.records)

    # And when Redis comes back, the cache is used again without a restart.
    redis_site.start()
    assert client.get("/healthz").status_code == 200
    cache.set("back", "again")
    assert redis.Redis.from_url(redis_site.url).exists("sistercities:1:back")
