"""What search engines and social networks read: schema.org JSON-LD and the sharing image.

base.html prints ``structured_data`` once per page as one JSON-LD graph: the organisation and
the web site on every page, the page itself (a WebPage, with its language), the breadcrumb
trail, and what the page is about: a city as a place with its coordinates, a story as an
article.
"""

import json

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail import hooks

from cms.site_address import absolute, page_url
from cms.visibility import for_request

from .languages import page_language

# The picture shown when a page is shared (Open Graph's recommended 1.91:1).
SHARE_IMAGE_FILTER = "fill-1200x630"


def share_image(page, request, fallback_page=None):
    """(URL, width, height, alt text) of the page's sharing picture: its hero image, else the home page's.

    An image in a private collection is never shared (nor is a rendition of it made).
    """
    visibility = for_request(request)
    for candidate in (page, fallback_page):
        image = getattr(candidate, "hero_image", None) if candidate is not None else None
        if image is not None and visibility.media_is_visible(image):
            # All of the image's renditions in one query: the page's hero reuses them.
            prefetch_related_objects([image], "renditions")
            rendition = image.get_rendition(SHARE_IMAGE_FILTER)
            return {
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.alt_text,
            }
    return None


def organisation(site_url, site_name, site_settings):
    data = {
        "@type": "Organization",
        "@id": f"{site_url}#organization",
        "name": site_name,
        "url": site_url,
    }
    if site_settings is not None:
        if site_settings.contact_email:
            data["email"] = site_settings.contact_email
        if site_settings.phone:
            data["telephone"] = site_settings.phone
        if site_settings.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(site_settings.address.splitlines())}
        same_as = [url for _key, _name, url in site_settings.social_links()]
        if same_as:
            data["sameAs"] = same_as
    return data


def website(site_url, site_name, language, search_url):
    return {
        "@type": "WebSite",
        "@id": f"{site_url}#website",
        "name": site_name,
        "url": site_url,
        "inLanguage": language,
        "publisher": {"@id": f"{site_url}#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?query={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def web_page(request, page, site_url, language):
    """The page itself, in the language it is written in (each translation is a WebPage of its own)."""
    url = page_url(page, request)
    return {
        "@type": "WebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.seo_title or page.title,
        "inLanguage": language,
        "isPartOf": {"@id": f"{site_url}#website"},
    }


def breadcrumbs(request, trail, page):
    items = [*trail, page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": item.title, "item": page_url(item, request)}
            for position, item in enumerate(items, start=1)
        ],
    }


def structured_data(request, page, site, site_settings, trail, image):
    """The page's JSON-LD graph, as a list of schema.org objects.

    What a page of another app says about itself (a city is a Place, a story an Article) comes
    from the ``structured_data`` hooks: ``fn(page, request, image, site_url)`` returns a
    schema.org object or None (cities/wagtail_hooks.py). Home knows no other app.
    """
    root = site.root_page.localized if site is not None else None
    site_url = page_url(root, request) if root is not None else absolute("/")
    site_name = (site.site_name if site is not None else "") or "Sister Cities of Los Angeles"
    language = page_language(page)
    graph = [
        organisation(site_url, site_name, site_settings),
        website(site_url, site_name, language, absolute(reverse("search"))),
    ]
    if page is not None and getattr(page, "pk", None):
        graph.append(web_page(request, page, site_url, language))
        if trail:
            graph.append(breadcrumbs(request, trail, page))
        for describe in hooks.get_hooks("structured_data"):
            data = describe(page, request, image, site_url)
            if data:
                graph.append(data)
    return graph


# Characters that must not appear raw inside a <script> element (the same as Django's json_script).
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(graph, nonce=""):
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, default=str)
    text = mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 - escaped for a script element above
    if nonce:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, text)
    return format_html('<script type="application/ld+json">{}</script>', text)
