"""
What the site refuses before doing work, and what it never answers with, under gunicorn with
the production settings: long GraphQL GETs (the API's limit and gunicorn's request line agree),
large anonymous bodies (refused before they are read), cookies on the API, and log times (UTC).
"""

import io
import json
import re
import shutil
import socket
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from cms.graphql.conf import api_setting
from tests.deploy.conftest import copy_of
from tests.support.processes import REPO, free_port, manage, start_gunicorn, stop

HOST = "sistercities.example.org"
SIXTY_MB = 60 * 1024 * 1024


def gunicorn_setting(name):
    """A value of gunicorn.conf.py, read as gunicorn reads it."""
    from gunicorn.config import Config

    config = Config()
    namespace = {"__file__": str(REPO / "gunicorn.conf.py")}
    exec((REPO / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    config.set(name, namespace[name])
    return config.settings[name].get()


def test_the_apis_get_limit_fits_gunicorns_request_line():
    request_line = "GET /api/graphql/?{} HTTP/1.1".format("x" * api_setting("MAX_GET_QUERY_STRING_BYTES"))
    assert len(request_line) <= gunicorn_setting("limit_request_line")
    assert gunicorn_setting("limit_request_line") == 8190  # gunicorn's maximum, short of "unlimited"


# --- Without a server: the body limit at the WSGI door ---------------------------------------------


class CountingInput(io.RawIOBase):
    """A request body that says how much of it was read."""

    def __init__(self, size):
        self.size = size
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"x" * count
        self.read_bytes += count
        return count


@pytest.mark.django_db
def test_a_large_anonymous_body_is_refused_without_reading_it(resource_index):
    body = CountingInput(SIXTY_MB)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": resource_index.url + "suggest/",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "198.51.100.7",
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(SIXTY_MB),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    statuses = []
    WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["413 Request Entity Too Large"]
    assert body.read_bytes == 0


@pytest.mark.django_db
def test_signed_in_staff_may_send_more(admin_client, resource_index, settings):
    body = "x" * (settings.ANONYMOUS_MAX_BODY_BYTES + 1)
    assert Client().post(resource_index.url + "suggest/", {"title": body}).status_code == 413
    assert admin_client.post(resource_index.url + "suggest/", {"title": body}).status_code != 413


@pytest.mark.django_db
def test_the_api_sets_no_cookie_even_for_a_malformed_one(client):
    client.cookies["csrftoken"] = "def"
    response = client.get("/api/graphql/", {"query": "{ __typename }"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_never_public(client, resource_index):
    client.cookies["csrftoken"] = "def"
    response = client.get(resource_index.url + "suggest/")  # the form: a new CSRF cookie
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


# --- gunicorn with the production settings -----------------------------------------------------


@pytest.fixture(scope="module")
def server(migrated_sqlite):
    tmp = Path(tempfile.mkdtemp(prefix="sistercities-limits-"))
    database = copy_of(migrated_sqlite, tmp)
    port = free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "-",
        "TZ": "America/Los_Angeles",  # a local time that is not UTC: the logs must still say UTC
    }
    result = manage(env, "collectstatic", "--no-input", "--verbosity", "0", timeout=300)
    assert result.returncode == 0, result.stderr
    log_path = tmp / "gunicorn.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    try:
        process = start_gunicorn(env, port, log)
        try:
            yield {"port": port, "log": log_path}
        finally:
            stop(process)
    finally:
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def raw_request(port, head, body=b"", timeout=30):
    """Send a request as bytes; return the status code, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head_part, _, content = received.partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, content


def get(port, target, extra=""):
    head = f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n{extra}Connection: close\r\n\r\n"
    return raw_request(port, head.encode("latin-1"))


def query_string_of_length(length):
    """A GET's query string of exactly `length` bytes: a valid query, padded with a comment that needs encoding."""
    start = "query=" + urllib.parse.quote("{ __typename }\n#")
    padding = length - len(start)
    assert padding >= 0
    return start + "%20" * (padding // 3) + "a" * (padding % 3)


def test_a_get_of_the_longest_allowed_query_string_is_answered_by_the_api(server):
    limit = api_setting("MAX_GET_QUERY_STRING_BYTES")
    status, headers, body = get(server["port"], "/api/graphql/?" + query_string_of_length(limit))
    assert status == 200, body
    assert json.loads(body) == {"data": {"__typename": "Query"}}


def test_a_longer_get_gets_a_graphql_error_not_a_bare_414(server):
    limit = api_setting("MAX_GET_QUERY_STRING_BYTES")
    status, headers, body = get(server["port"], "/api/graphql/?" + query_string_of_length(limit + 100))
    assert status == 400
    message = json.loads(body)["errors"][0]["message"]
    assert f"at most {limit}" in message
    assert "POST" in message


def test_gunicorn_refuses_a_60_mb_anonymous_post_before_it_is_sent(server):
    head = (
        f"POST /en/resources/suggest/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        f"Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: {SIXTY_MB}\r\n\r\n"
    ).encode()
    # Only the first kilobyte is sent: the answer comes without the other 60 MB.
    status, headers, body = raw_request(server["port"], head, b"--xyz\r\n" + b"x" * 1024)
    assert status == 413


def test_the_api_under_gunicorn_sets_no_cookie(server):
    status, headers, body = get(server["port"], "/api/graphql/?query=%7B__typename%7D", "Cookie: csrftoken=def\r\n")
    assert status == 200
    assert "Set-Cookie" not in headers
    assert "public" in headers["Cache-Control"]


def test_every_log_line_says_utc(server):
    get(server["port"], "/api/graphql/?query=%7B__typename%7D")  # an access log line, from a worker
    log = server["log"].read_text()
    error_times = re.findall(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ([+-]\d{4})\]", log, re.MULTILINE)
    access_times = re.findall(r"\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d) ([+-]\d{4})\]", log)
    assert error_times  # "Starting gunicorn", "Booting worker", ...
    assert access_times
    assert {offset for _, offset in error_times + access_times} == {"+0000"}
