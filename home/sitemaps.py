"""sitemap.xml: every live, public page of the site, in every language it is published in."""

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.site_address import page_url
from cms.visibility import for_request

from .languages import languages


class SiteSitemap(Sitemap):
    """Wagtail's sitemap, over the site's root page and its translations (/en/..., /es/...).

    Wagtail's own covers only the root page's tree, which is one language. Only the pages
    visitors may see are listed (cms/visibility.py, the API's rules): no drafts, no pages
    scheduled for later or expired, none under a privacy restriction. Each URL lists its
    page's versions in every language as ``<xhtml:link rel="alternate" hreflang=...>``, its own
    included, with ``x-default`` for the default language's version: what the pages' own
    ``<head>`` says (home/languages.py).
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree in roots:
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        return for_request(self.request).pages(pages).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages = self.paginator.page(page).object_list
        versions = self.versions({item.translation_key for item in pages})
        by_location = {}
        for item in pages:
            by_location[page_url(item, self.request)] = versions.get(item.translation_key, {})
        for url in urls:
            found = by_location.get(url["location"], {})
            url["alternates"] = [{"lang_code": code, "location": found[code]} for code in languages() if code in found]
            if settings.LANGUAGE_CODE in found:
                url["alternates"].append({"lang_code": "x-default", "location": found[settings.LANGUAGE_CODE]})
        return urls

    def location(self, obj):
        return page_url(obj, self.request)

    def versions(self, translation_keys):
        """{translation key: {language code: full URL}} of the pages visitors may see, in one query."""
        found = {}
        pages = Page.objects.filter(translation_key__in=translation_keys).select_related("locale")
        for page in for_request(self.request).pages(pages).defer_streamfields():
            found.setdefault(page.translation_key, {})[page.locale.language_code] = page_url(page, self.request)
        return found
