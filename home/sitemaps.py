"""sitemap.xml: every live, public page of the site, in every language it is published in."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.visibility import for_request


class SiteSitemap(Sitemap):
    """Wagtail's sitemap, over the site's root page and its translations (/en/..., /es/...).

    Wagtail's own covers only the root page's tree, which is one language. Only the pages
    visitors may see are listed (cms/visibility.py, the API's rules): no drafts, no pages
    scheduled for later or expired, none under a privacy restriction.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree in roots:
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        return for_request(self.request).pages(pages).order_by("path").defer_streamfields().specific()
