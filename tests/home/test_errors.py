"""Errors reach visitors as designed pages, never as a stack trace."""

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

from django.test import Client, RequestFactory

from home import views
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_an_error_in_a_page_shows_the_designed_500_page_without_details(home_page, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client = Client(raise_request_exception=False)

    response = client.get(home_page.url)

    assert response.status_code == 500
    content = response.content.decode()
    assert "<h1>Something went wrong</h1>" in content
    assert "secret detail" not in content
    assert "Traceback" not in content
    assert "RuntimeError" not in content


def test_the_500_page_needs_no_database_and_carries_the_requests_csp_nonce(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    request.csp_nonce = "abc123"

    with django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == 500
    assert b"<h1>Something went wrong</h1>" in response.content
    assert b'<html lang="en">' in response.content
    assert b'<style nonce="abc123">' in response.content


def test_if_the_500_template_itself_fails_a_plain_page_is_shown(monkeypatch):
    def broken(name):
        raise RuntimeError("template trouble")

    monkeypatch.setattr(views.loader, "get_template", broken)

    response = views.server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500
    assert b"Server Error (500)" in response.content


def test_an_unknown_address_shows_the_designed_404_page_not_indexed_with_search(client, home_page):
    response = client.get("/en/no-such-page/")

    assertTemplateUsed(response, "404.html")
    assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)
    assertContains(response, '<label for="search-query">', status_code=404)
    assertContains(response, '<meta name="robots" content="noindex">', status_code=404)
    assertContains(response, "Error 404", status_code=404)
    assertContains(response, f'<a href="{home_page.url}">Go to the home page</a>', html=True, status_code=404)
