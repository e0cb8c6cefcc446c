"""Site trees for the API tests, built from the factories."""

import json

from wagtail.models import Page, Site

from cities.factories import CityIndexPageFactory, ResourceIndexPageFactory, StoryIndexPageFactory
from home.factories import HomePageFactory


def make_site():
    """A home page as the default site's root, with the three sections below it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    home.refresh_from_db()
    return (
        home,
        CityIndexPageFactory(parent=home),
        StoryIndexPageFactory(parent=home),
        ResourceIndexPageFactory(parent=home),
    )


def stream(*blocks):
    """A StreamField value as JSON: stream(("page_link", {"page": 3, "link_text": ""}), ...)."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])
