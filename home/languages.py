"""A page in the site's other languages: the language switcher's links and the hreflang alternates.

A page is served only in its own language (home/wagtail_hooks.py: ``/es/...`` is a 404 for a
page that has no Spanish version). So the switcher links each page to its own translation, or,
when there is none that visitors may see, to the nearest translated ancestor (a story with no
Spanish version leads to the Spanish stories section); a language with no published page at all
on the way up is left out. The ``hreflang`` alternates list only the page's own translations,
with ``x-default`` for the default language's version.

Pages other than Wagtail's (the search page) have the same URL in every language, with another
prefix (``/en/search/`` and ``/es/search/``): their switcher links to it, with the query string.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, get_supported_language_variant

from wagtail.models import Page

from cms.site_address import page_url

# The URL name of Wagtail's page-serving view: its URLs are not the same in every language.
WAGTAIL_SERVE = "wagtail_serve"


def languages():
    """The site's content languages' codes, the default one first."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE)


def name_of(code):
    """A language's name in itself, as its speakers write it at the start of a line: "English", "Español"."""
    return capfirst(get_language_info(code)["name_local"])


def current_language():
    """The language of the request (its URL prefix), as a content language code."""
    return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)


def page_language(page):
    """The language a page is written in: its locale's, else the request's (search and error pages)."""
    locale = getattr(page, "locale", None) if page is not None and getattr(page, "pk", None) else None
    return locale.language_code if locale is not None else current_language()


def nearest_translations(page, visibility, ancestors=None):
    """{language code: the page's translation, else its nearest translated ancestor} that visitors may see.

    The page's own language maps to the page. Two queries, whatever the page's depth; one when
    the caller has read the page's ``ancestors`` (from the home page down) already.
    """
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=2).order_by("depth")
    chain = [ancestor.translation_key for ancestor in ancestors]
    chain.append(page.translation_key)
    nearness = {key: position for position, key in enumerate(chain)}
    found = {page.locale.language_code: page}
    candidates = visibility.pages(Page.objects.filter(translation_key__in=chain).exclude(locale_id=page.locale_id))
    for candidate in candidates.select_related("locale"):
        code = candidate.locale.language_code
        best = found.get(code)
        if best is None or nearness[candidate.translation_key] > nearness[best.translation_key]:
            found[code] = candidate
    return found


def switcher(request, page, targets):
    """The switcher's links, [{"code", "name", "url", "current", "exact"}]; [] when there is no other language.

    ``targets``: ``nearest_translations(page, ...)`` for a page; ``exact``: the link leads to
    this page's translation (not to an ancestor's).
    """
    if request is None:
        return []
    if page is not None and getattr(page, "pk", None):
        route = _route_below(request, page)
        links = []
        for code in languages():
            if code not in targets:
                continue
            exact = targets[code].translation_key == page.translation_key
            links.append(
                {
                    "code": code,
                    "name": name_of(code),
                    # A sub-address of a routable page (a feed, the suggestion form) in the other language.
                    "url": targets[code].get_url(request) + (route if exact else ""),
                    "current": code == page.locale.language_code,
                    "exact": exact,
                }
            )
    else:
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name == WAGTAIL_SERVE:  # an error page: no page to link to
            return []
        current = current_language()
        query = request.META.get("QUERY_STRING", "")
        links = [
            {
                "code": code,
                "name": name_of(code),
                "url": translate_url(request.path, code) + (f"?{query}" if query else ""),
                "current": code == current,
                "exact": True,
            }
            for code in languages()
        ]
    return links if len(links) > 1 else []


def _route_below(request, page):
    """What the request's path adds below the page's own URL (``suggest/``), for a routable page's sub-address."""
    own = urlsplit(page.get_url(request) or "").path
    path = request.path
    return path[len(own) :] if own and path.startswith(own) and len(path) > len(own) else ""


def alternates(request, page, targets):
    """The hreflang alternates of a page: [(hreflang, full URL)], its own language included, ``x-default`` last.

    Only the page's own translations among ``targets`` (never an ancestor's); ``x-default`` is
    the default language's version, when there is one.
    """
    if page is None or not getattr(page, "pk", None):
        return []
    translations = {code: target for code, target in targets.items() if target.translation_key == page.translation_key}
    found = [(code, page_url(translations[code], request)) for code in languages() if code in translations]
    default = dict(found).get(settings.LANGUAGE_CODE)
    if default:
        found.append(("x-default", default))
    return found
