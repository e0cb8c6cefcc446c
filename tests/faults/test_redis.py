"""
Redis stopped, hung and restarted under gunicorn with the production settings: pages are
served at database speed, the log says once that Redis is gone and once that it is back, and
/healthz shows the breaker (cms/redis_breaker.py).
"""

import pytest

from tests.faults.conftest import NO_HANG_SECONDS, resume, suspend, wait_until

# On the PostgreSQL pass the app servers use the test database (conftest.database).
pytestmark = pytest.mark.django_db

# A Wagtail page (the migrations' welcome page), a view of our own, the 404 page and the API.
PAGES = ["/en/", "/en/search/?q=sister", "/en/no-such-page/"]
DOWN = "is unavailable"
BACK = "is back: the cache is used again"


def statuses(stack):
    return {path: stack.request(path).status for path in PAGES}


def assert_served_without_redis(stack, expected):
    for _ in range(3):  # both workers, the breaker open and then half-open
        for path in PAGES:
            answer = stack.request(path)
            assert answer.status == expected[path], (path, answer)
            assert answer.seconds < NO_HANG_SECONDS, (path, answer)
        api = stack.graphql()
        assert api.status == 200, api
        assert "errors" not in api.json()
        assert api.seconds < NO_HANG_SECONDS


def cache_check(stack):
    answer = stack.request("/healthz")
    assert answer.seconds < NO_HANG_SECONDS, answer
    return answer.status, answer.json()["checks"]["cache"]


def assert_logged_once_each_way(stack):
    """One warning per worker when Redis goes and one when it is back; not a traceback per call."""
    log = stack.log_text()
    workers = 2
    assert 1 <= log.count(DOWN) <= workers, log
    assert 1 <= log.count(BACK) <= log.count(DOWN), log
    assert "Traceback" not in log, log
    assert "django_redis" not in log, log


def test_pages_are_served_while_redis_is_hung_and_the_cache_returns_after(stack_with_redis):
    stack = stack_with_redis
    expected = statuses(stack)
    assert expected == {"/en/": 200, "/en/search/?q=sister": 200, "/en/no-such-page/": 404}
    status, cache = cache_check(stack)
    assert status == 200
    assert cache["backend"] == "redis"
    assert cache["circuit"] == "closed"

    suspend(stack.redis.process)  # kill -STOP: connections are accepted by the kernel, never answered
    try:
        assert_served_without_redis(stack, expected)
        status, cache = cache_check(stack)
        assert status == 503
        assert cache["ok"] is False
        assert cache["circuit"] == "open"
        assert cache["outages"] == 1
        assert cache["bypassed"] > 0
    finally:
        resume(stack.redis.process)

    assert wait_until(lambda: cache_check(stack)[0] == 200), "/healthz did not see Redis come back"
    assert wait_until(lambda: stack.log_text().count(BACK) >= 1)
    assert statuses(stack) == expected
    assert_logged_once_each_way(stack)


def test_pages_are_served_while_redis_is_down_and_it_is_used_again_when_restarted(stack_with_redis):
    stack = stack_with_redis
    expected = statuses(stack)

    stack.redis.kill()
    assert_served_without_redis(stack, expected)
    status, cache = cache_check(stack)
    assert (status, cache["ok"], cache["error"], cache["circuit"]) == (503, False, "ConnectionError", "open")

    stack.redis.start()  # the same port, empty
    assert wait_until(lambda: cache_check(stack)[0] == 200), "/healthz did not see Redis come back"
    assert statuses(stack) == expected
    assert wait_until(lambda: stack.redis_keys()), "nothing was cached in the restarted Redis"
    # Each worker whose breaker opened closes it on its next request; which worker answers which
    # request is the kernel's choice, so ask until the one that saw Redis go has seen it back.
    assert wait_until(lambda: statuses(stack) == expected and BACK in stack.log_text()), stack.log_text()
    assert_logged_once_each_way(stack)


@pytest.mark.parametrize(
    ("environment", "backend"), [({}, "locmem"), ({"REDIS_URL": "redis://127.0.0.1:9/0"}, "redis")]
)
def test_healthz_names_the_cache_backend_in_use(make_stack, environment, backend):
    """A server that lost REDIS_URL says so (locmem), without naming the Redis host."""
    answer = make_stack(**environment).request("/healthz")
    cache = answer.json()["checks"]["cache"]
    assert cache["backend"] == backend
    assert "127.0.0.1" not in answer.body.decode()
    assert answer.status == (200 if backend == "locmem" else 503)
