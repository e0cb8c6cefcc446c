"""The site tree the tests build on, StreamField values, and pages and media put behind a restriction."""

import json

from django.db.models import F
from django.utils.text import slugify

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from cities.factories import CityIndexPageFactory, ResourceIndexPageFactory, StoryIndexPageFactory
from home.factories import HomePageFactory

PAGE_RESTRICTIONS = {
    "password": PageViewRestriction.PASSWORD,
    "login": PageViewRestriction.LOGIN,
    "group": PageViewRestriction.GROUPS,
}
COLLECTION_RESTRICTIONS = {
    "password": CollectionViewRestriction.PASSWORD,
    "login": CollectionViewRestriction.LOGIN,
    "group": CollectionViewRestriction.GROUPS,
}


def make_home():
    """A home page made the default site's root in place of Wagtail's welcome page."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    home.refresh_from_db()
    return home


def make_site():
    """(home, city index, story index, resource index): the home page as the site's root, the sections below it."""
    home = make_home()
    return (
        home,
        CityIndexPageFactory(parent=home),
        StoryIndexPageFactory(parent=home),
        ResourceIndexPageFactory(parent=home),
    )


def add_children(parent, pages):
    """
    Put many new pages (unsaved, e.g. from `CityPageFactory.build()`) below `parent`, fast.

    The tree is what treebeard's `add_child` makes, but each page is saved without Wagtail's
    validation and look-ups (`save(clean=False)`): for bulk data whose fields the factories
    already make valid, with unique titles (the slugs come from them).
    """
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) if last else 0
    for number, page in enumerate(pages, start=start + 1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, number)
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.slug = page.slug or slugify(page.title)
        page.draft_title = page.title
        page.save(clean=False)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db()
    return pages


def stream(*blocks):
    """A StreamField value as JSON: stream(("page_link", {"page": 3, "link_text": ""}), ...)."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def make_private(page, kind="password", groups=()):
    """Put a page (and so the pages below it) behind a password, a login or a group restriction."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PAGE_RESTRICTIONS[kind], password="secret" if kind == "password" else ""
    )
    if groups:
        restriction.groups.set(groups)
    return restriction


def private_collection(name, kind="login", groups=(), parent=None):
    """A new collection (below the root, or `parent`) whose images and documents only some may see."""
    collection = (parent or Collection.get_first_root_node()).add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=COLLECTION_RESTRICTIONS[kind],
        password="secret" if kind == "password" else "",
    )
    if groups:
        restriction.groups.set(groups)
    return collection


def fresh_site_settings(site, **values):
    """
    The site's settings with these values, and every other field at its default.

    A row may already exist: a committing test (serialized_rollback) puts back the rows the test
    database started with, and a page view creates the row when it is missing.
    """
    from home.models import SiteSettings

    SiteSettings.objects.filter(site=site).delete()
    return SiteSettings.objects.create(site=site, **values)
