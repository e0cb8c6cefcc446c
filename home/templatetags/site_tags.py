"""Template tags for the public site's layout: page metadata, flags, feeds and the world map's picture."""

from django import template
from django.templatetags.static import static

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from cms import response_cache
from cms.visibility import for_request
from home import languages, seo
from home.models import SiteSettings

register = template.Library()


def _site_settings(request, site):
    """The site's settings, from the shared data (cms/response_cache.py): dropped when they are saved."""
    if site is None:
        return None
    return response_cache.shared("site settings", [SiteSettings], lambda: SiteSettings.for_site(site), site.pk)


def _menu(home, visibility):
    """The home page's children shown in menus that visitors may see, in the tree's order.

    The published ones are kept in the shared data (dropped when any page changes); the rule of
    cms/visibility.py is applied in memory, so that a page due to go live or expire, or a new
    restriction, counts at once.
    """
    if home is None:
        return []
    candidates = response_cache.shared(
        "menu",
        [Page],
        lambda: list(home.get_children().filter(show_in_menus=True, live=True, expired=False)),
        home.pk,
    )
    return [page for page in candidates if visibility.page_is_visible(page)]


def _ancestors(page, home):
    """The pages above ``page`` from the home page down, as routing found them (else one query).

    Routing reads each page on the way (home/models.py ``SectionIndexPage.route`` notes a child's
    parent); the home page is the site's. Only when a link of the chain is missing are they read.
    """
    chain, node = [], page
    while node.depth > 2:
        parent_path = node.path[: -page.steplen]
        parent = getattr(node, "_cached_parent_obj", None)
        if parent is None and home is not None and home.path == parent_path:
            parent = home
        if parent is None or parent.path != parent_path or not parent.pk:
            return list(page.get_ancestors().filter(depth__gte=2).order_by("depth"))
        chain.append(parent)
        node = parent
    return chain[::-1]


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Everything the <head>, the breadcrumbs and the footer need about the page, worked out once.

    ``trail``: the pages above this one that visitors may see, from the home page (for
    breadcrumbs); ``menu``: the home page's children shown in menus; ``translations``: the
    page in the other languages; ``language``: the language the page is written in (for
    ``<html lang>``); ``languages``: the language switcher's links; ``alternates``: the
    hreflang links, ``x-default`` included (home/languages.py); ``image``: the sharing
    picture; ``json_ld``: the schema.org script; ``feeds``: the stories feeds of the page's
    language; ``settings``: the site settings.
    Every page and image in it passes the visibility rules (cms/visibility.py), as in the API.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    visibility = for_request(request)
    site = Site.find_for_request(request)
    site_settings = _site_settings(request, site)
    home = site.root_page.localized.specific if site is not None else None
    saved = page is not None and bool(getattr(page, "pk", None))
    # The pages above this one, read once (by routing, else one query): the breadcrumbs show those visitors may
    # see (the rule of cms/visibility.py, applied in memory), the language switcher follows all.
    ancestors = _ancestors(page, home) if saved else []
    trail = [ancestor for ancestor in ancestors if visibility.page_is_visible(ancestor)]
    image = seo.share_image(page, request, fallback_page=home) if saved else None
    graph = seo.structured_data(request, page, site, site_settings, trail, image)
    targets = languages.nearest_translations(page, visibility, ancestors) if saved else {}
    return {
        "trail": trail,
        "home": home,
        "menu": _menu(home, visibility),
        "translations": [
            found for found in targets.values() if found.translation_key == page.translation_key and found != page
        ],
        "language": languages.page_language(page),
        "languages": languages.switcher(request, page, targets),
        "alternates": languages.alternates(request, page, targets),
        "image": image,
        "json_ld": seo.json_ld_script(graph, nonce=getattr(request, "csp_nonce", "")),
        "feeds": story_feeds(page, visibility),
        "settings": site_settings,
    }


def story_feeds(page, visibility=None):
    """The site-wide feeds in the page's language, if an app offers some: the first ``site_feeds`` hook's answer.

    A hook is ``fn(page, locale, visibility)`` returning ``{"title", "rss", "atom"}`` or None
    (cities/wagtail_hooks.py: the stories feeds). Home knows no other app.
    """
    visibility = visibility or for_request(None)
    locale = getattr(page, "locale", None) or Locale.get_active()
    for feeds in hooks.get_hooks("site_feeds"):
        found = feeds(page, locale, visibility)
        if found:
            return found
    return None


@register.filter
def flag_url(country):
    """The URL of a country's flag (built by `make assets` from flag-icons), or '' when there is none."""
    code = getattr(country, "code", country) or ""
    if not code:
        return ""
    try:
        return static(f"build/flags/{code.lower()}.svg")
    except ValueError:  # not in the static manifest: no flag for this code
        return ""


@register.inclusion_tag("includes/world_map.html", takes_context=True)
def world_map_svg(context, map_data, labelled_by="", described_by="", small=False, decorative=False):
    """The map picture with its markers. See cities/map.py for the data, includes/world_map.html for the markup.

    ``decorative``: hidden from assistive technology, markers not links (when a link next to it says it all).
    """
    return {
        "request": context.get("request"),
        "map": map_data,
        "labelled_by": labelled_by,
        "described_by": described_by,
        "small": small,
        "decorative": decorative,
        "base_map_url": static("build/map/world.svg"),
    }
