"""The sitemap: an index (/sitemap.xml) of sections, each every live, public page of some types.

A section lists its pages in every language they are published in, at most ``SiteSitemap.limit``
to a file (``/sitemap-stories.xml``, then ``?p=2``, ...): search engines read up to 50,000 URLs
a file, and a smaller file is quicker to make and to cache.
"""

from django.apps import apps
from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.site_address import page_url
from cms.visibility import for_request

from .languages import languages

# The sections: a name (in the file's address) and the page type it lists, by its "app.Model"
# name (home names no other app's model). "pages" lists every other type: the home page,
# standard pages and the sections' index pages.
SECTIONS = {
    "pages": None,
    "cities": "cities.CityPage",
    "stories": "cities.StoryPage",
    "resources": "cities.ResourcePage",
}


def section_models():
    """{section: its page model, or None for "pages"}, for the page types that are installed."""
    found = {}
    for name, label in SECTIONS.items():
        if label is None:
            found[name] = None
            continue
        try:
            found[name] = apps.get_model(label)
        except LookupError:
            continue
    return found


class SiteSitemap(Sitemap):
    """Wagtail's sitemap, over the site's root page and its translations (/en/..., /es/...).

    Wagtail's own covers only the root page's tree, which is one language. Only the pages
    visitors may see are listed (cms/visibility.py, the API's rules): no drafts, no pages
    scheduled for later or expired, none under a privacy restriction. Each URL lists its
    page's versions in every language as ``<xhtml:link rel="alternate" hreflang=...>``, its own
    included, with ``x-default`` for the default language's version: what the pages' own
    ``<head>`` says (home/languages.py). ``section``: only the pages of one of SECTIONS.
    """

    # URLs a file: the index links ?p=2, ?p=3, ... of a longer section.
    limit = 5000

    def __init__(self, request=None, section=None):
        super().__init__(request)
        self.section = section

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree in roots:
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        models = section_models()
        model = models.get(self.section)
        if model is not None:
            # One page type: read as that type in one query (no .specific() round trip).
            pages = model.objects.filter(pk__in=pages.values("pk"))
        elif self.section is not None:
            pages = pages.not_type(*[other for other in models.values() if other is not None])
        pages = for_request(self.request).pages(pages).order_by("path").defer_streamfields()
        return pages if model is not None else pages.specific()

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
