"""Shared fixtures: a small site tree built from the factories."""

import pytest

from wagtail.models import Page, Site

from cities.factories import (
    CityIndexPageFactory,
    ResourceIndexPageFactory,
    StoryIndexPageFactory,
)
from home.factories import HomePageFactory


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    """The site's home page, made the default site's root in place of Wagtail's welcome page."""
    home = HomePageFactory(parent=root_page, slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def city_index(home_page):
    return CityIndexPageFactory(parent=home_page)


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def resource_index(home_page):
    return ResourceIndexPageFactory(parent=home_page)
