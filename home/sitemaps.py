"""The sitemap: an index (/sitemap.xml) of sections, each every live, public page of some types.

A section lists its pages in every language they are published in, at most ``SiteSitemap.limit``
to a file (``/sitemap-stories.xml``, then ``?p=2``, ...): search engines read up to 50,000 URLs
a file, and a smaller file is quicker to make and to cache.
"""

from functools import reduce
from operator import or_
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS

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

    A file costs the same few queries at 100 pages as at 100,000: its rows are read as values
    (no page objects, no routing per page), and each URL is the URL of its tree's root page,
    worked out once per file, followed by the rest of the page's ``url_path``.
    """

    # URLs a file: the index links ?p=2, ?p=3, ... of a longer section.
    limit = 5000
    # The columns a URL needs: where the page is, its language's translations and when it changed.
    FIELDS = ("url_path", "translation_key", "last_published_at", "latest_revision_created_at")

    def __init__(self, request=None, section=None):
        super().__init__(request)
        self.section = section

    @property
    def roots(self):
        """The site's root page in each language: [(its path, its url_path, its full URL)], longest first.

        One query a request, whichever sections ask (the index asks for every section's count).
        """
        return for_request(self.request).remember("sitemap roots", self._roots)

    def _roots(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.filter(translation_key=root.translation_key).only("path", "url_path", "locale_id")
        return sorted(
            ((page.path, page.url_path, page_url(page, self.request)) for page in pages),
            key=lambda entry: len(entry[1]),
            reverse=True,
        )

    def url_for(self, url_path):
        """A page's full URL from its url_path: its tree's root URL and the rest, quoted as ``reverse`` does."""
        for _, root_path, root_url in self.roots:
            if root_url and url_path.startswith(root_path):
                return root_url + quote(url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        return None

    def visible_pages(self):
        """The pages visitors may see in the site's trees (every language), as a Page queryset."""
        trees = reduce(or_, (Q(path__startswith=path) for path, _, _ in self.roots), Q(pk__in=[]))
        return for_request(self.request).pages(Page.objects.filter(trees))

    def items(self):
        pages = self.visible_pages()
        models = section_models()
        model = models.get(self.section)
        if model is not None:
            pages = pages.type(model)
        elif self.section is not None:
            pages = pages.not_type(*[other for other in models.values() if other is not None])
        return pages.order_by("path").values(*self.FIELDS)

    @cached_property
    def paginator(self):
        return DjangoPaginator(self._items(), self.limit)

    def _urls(self, page, protocol, domain):
        rows = list(self.paginator.page(page).object_list)
        versions = self.versions({row["translation_key"] for row in rows})
        urls, last_mods = [], set()
        for row in rows:
            location = self.url_for(row["url_path"])
            if location is None:
                continue
            found = versions.get(row["translation_key"], {})
            alternates = [{"lang_code": code, "location": found[code]} for code in languages() if code in found]
            if settings.LANGUAGE_CODE in found:
                alternates.append({"lang_code": "x-default", "location": found[settings.LANGUAGE_CODE]})
            lastmod = row["last_published_at"] or row["latest_revision_created_at"]
            last_mods.add(lastmod)
            urls.append({"location": location, "lastmod": lastmod, "alternates": alternates})
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def versions(self, translation_keys):
        """{translation key: {language code: full URL}} of the pages visitors may see, in one query."""
        found = {}
        rows = self.visible_pages().filter(translation_key__in=translation_keys)
        for row in rows.values("url_path", "translation_key", "locale__language_code"):
            location = self.url_for(row["url_path"])
            if location is not None:
                found.setdefault(row["translation_key"], {})[row["locale__language_code"]] = location
        return found

    def entries(self, page=1):
        """The URLs of one file (``page``, from 1), as dicts; EmptyPage or PageNotAnInteger past the end."""
        return self._urls(page, None, None)


URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def render_urlset(urls):
    """A sitemap file's XML: what Django's ``sitemap.xml`` template writes, without a template.

    The template's loop took most of a 5,000-URL file's time; this is the same text, byte for byte
    (tests/home/test_seo.py reads it as XML).
    """
    parts = [URLSET_START]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{timezone.localtime(url['lastmod']).date().isoformat()}</lastmod>")
        for alternate in url.get("alternates", ()):
            code, location = escape(alternate["lang_code"]), escape(alternate["location"])
            parts.append(f'<xhtml:link rel="alternate" hreflang="{code}" href="{location}"/>')
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)
