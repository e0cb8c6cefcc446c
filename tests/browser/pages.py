"""The browser tests' page types in English and Spanish, found in the demo the package fixture builds.

Tests are collected before the demo exists, so a page type is a name and a function that finds,
when a test runs, an English page of that type that has a Spanish version visitors may see (never
a slug or a count written here). ``english_and_spanish(kind)`` gives both addresses and the words
each page must show.
"""

import dataclasses

from django.utils.translation import gettext, override

from wagtail.models import Locale

from cities.models import CityIndexPage, CityPage, ResourceIndexPage, ResourcePage, StoryIndexPage, StoryPage
from home.models import HomePage, StandardPage


@dataclasses.dataclass
class Pair:
    english_url: str
    spanish_url: str
    spanish_title: str  # the Spanish page's own heading (the first <h1>)
    english_title: str


def spanish(page):
    """The Spanish version of an English page that visitors may see, or None."""
    translation = page.get_translation_or_none(Locale.objects.get(language_code="es"))
    if translation is None or not translation.live or translation.get_view_restrictions().exists():
        return None
    return translation.specific


def translated(model, **filters):
    """The first English page of a type with a Spanish version, one whose Spanish title differs if there is one."""
    pages = model.objects.live().public().filter(locale__language_code="en", **filters)
    pages = pages.order_by("-date", "path") if hasattr(model, "date") else pages.order_by("path")
    found = [(page, spanish(page)) for page in pages]
    found = [(page, es) for page, es in found if es is not None]
    assert found, f"The demo has no {model.__name__} with a Spanish version"
    return next((page for page, es in found if es.title != page.title), found[0][0])


def page_pair(model, suffix="", **filters):
    english = translated(model, **filters)
    es = spanish(english)
    return Pair(english.url + suffix, es.url + suffix, es.title, english.title)


def interface(text, language):
    with override(language):
        return gettext(text)


def suggest_pair(subpage, heading):
    index = translated(ResourceIndexPage)
    es = spanish(index)
    return Pair(
        index.url + index.reverse_subpage(subpage),
        es.url + es.reverse_subpage(subpage),
        interface(heading, "es"),
        interface(heading, "en"),
    )


def search_pair():
    # A word from a Spanish story's title: the Spanish search finds something.
    query = spanish(translated(StoryPage)).title.split()[0]
    return Pair(
        f"/en/search/?query={query}",
        f"/es/search/?query={query}",
        interface("Search", "es"),
        interface("Search", "en"),
    )


# Every page type a visitor can open in both languages: (name, function giving its Pair).
PAGE_TYPES = {
    "home": lambda: page_pair(HomePage),
    "standard": lambda: page_pair(StandardPage),
    "city-index": lambda: page_pair(CityIndexPage),
    "city": lambda: page_pair(CityPage),
    "story-index": lambda: page_pair(StoryIndexPage),
    "story": lambda: page_pair(StoryPage),
    "resource-index": lambda: page_pair(ResourceIndexPage),
    "resource": lambda: page_pair(ResourcePage, document__isnull=False),
    "search": search_pair,
    "suggest-form": lambda: suggest_pair("suggest", "Suggest a resource"),
}
# Pages reached only by doing something (sending the form): not in the language switcher journey.
OTHER_PAGES = {
    "suggest-thanks": lambda: suggest_pair("suggest_thanks", "Thank you for your suggestion"),
}


def english_and_spanish(kind):
    return (PAGE_TYPES | OTHER_PAGES)[kind]()


def spanish_stories_index():
    """The Spanish stories section, for its feeds."""
    return spanish(translated(StoryIndexPage))
