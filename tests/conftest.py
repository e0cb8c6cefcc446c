"""Shared fixtures: a small site tree built from the factories (see tests.support.site)."""

import pytest

from django.core.cache import cache
from django.utils import translation

from cities.factories import (
    CityIndexPageFactory,
    ResourceIndexPageFactory,
    StoryIndexPageFactory,
)
from tests.support.site import make_home


@pytest.fixture(autouse=True)
def cold_response_cache():
    """Pages and API answers are kept in the cache (cms/response_cache.py): none from another test's data."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request for a Spanish page leaves Spanish active
    in the thread (Django's LocaleMiddleware activates it and nothing resets it), and code a later
    test calls directly (a dashboard panel, a form) would speak Spanish."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def home_page(db):
    """The site's home page, made the default site's root in place of Wagtail's welcome page."""
    return make_home()


@pytest.fixture
def city_index(home_page):
    return CityIndexPageFactory(parent=home_page)


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def resource_index(home_page):
    return ResourceIndexPageFactory(parent=home_page)
