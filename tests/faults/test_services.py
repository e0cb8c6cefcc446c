"""
The database lost and back, S3 down and hung, a worker killed: under gunicorn with the
production settings, each answer comes in bounded time with the designed status, and the
site recovers by itself.
"""

import os
import signal

import pytest

from tests.deploy.conftest import requires_postgres
from tests.faults.conftest import NO_HANG_SECONDS, Link, wait_until

# On the PostgreSQL pass the app servers use the test database (conftest.database).
pytestmark = pytest.mark.django_db


def test_a_killed_worker_is_replaced_and_no_request_fails(make_stack):
    stack = make_stack()
    workers = stack.workers()
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    for _ in range(6):
        answer = stack.request("/en/")
        assert answer.status == 200, answer
        assert answer.seconds < NO_HANG_SECONDS, answer
    replaced = wait_until(lambda: len(stack.workers()) == 2 and workers[0] not in stack.workers())
    assert replaced, stack.log_text()
    assert stack.log_text().count("Booting worker") == 3
    assert stack.request("/healthz").status == 200


@requires_postgres
def test_pages_and_the_api_answer_503_while_the_database_is_gone_and_recover(make_stack, database):
    stack = make_stack()
    assert stack.request("/en/").status == 200
    assert stack.graphql().status == 200

    database.link.cut()  # PostgreSQL stops: open connections drop, new ones are refused
    page = stack.request("/en/")
    assert page.status == 503, page
    assert page.headers["Retry-After"] == "30"
    assert b"Temporarily unavailable" in page.body
    assert page.seconds < NO_HANG_SECONDS
    api = stack.graphql()
    assert api.status == 503, api
    assert api.headers["Retry-After"] == "30"
    assert api.headers["Content-Type"] == "application/json"
    assert api.json()["errors"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
    assert "data" not in api.json()
    health = stack.request("/healthz")
    assert health.status == 503
    assert health.json()["checks"]["database"] == {**health.json()["checks"]["database"], "ok": False}

    database.link.restore()  # and starts again: the workers reconnect by themselves
    assert wait_until(lambda: stack.request("/en/").status == 200)
    assert stack.graphql().json()["data"]["pages"]["items"]
    assert stack.request("/healthz").status == 200


def test_pages_are_served_while_s3_is_down_or_hung_and_healthz_says_so(make_stack, s3_env):
    link = Link(("127.0.0.1", int(s3_env["AWS_S3_ENDPOINT_URL"].rsplit(":", 1)[1])))
    try:
        env = {name: value for name, value in s3_env.items() if isinstance(value, str)}
        stack = make_stack(**{**env, "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{link.port}"})
        health = stack.request("/healthz")
        assert health.status == 200, health
        assert health.json()["checks"]["storage"]["backend"] == "s3"
        assert s3_env["AWS_STORAGE_BUCKET_NAME"].encode() not in health.body

        for fault in (link.cut, link.hang):  # refused, then accepted and never answered
            fault()
            page = stack.request("/en/")
            assert page.status == 200, page
            assert page.seconds < NO_HANG_SECONDS
            health = stack.request("/healthz")
            assert health.status == 503, health
            assert health.seconds < NO_HANG_SECONDS, health
            assert health.json()["checks"]["storage"]["ok"] is False
            assert health.json()["checks"]["database"]["ok"] is True

        link.restore()
        assert wait_until(lambda: stack.request("/healthz").status == 200)
    finally:
        link.close()
