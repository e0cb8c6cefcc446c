"""sitemap.xml: every live, public page of the site, in every language it is published in."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    """Wagtail's sitemap, over the site's root page and its translations (/en/..., /es/...).

    Wagtail's own covers only the root page's tree, which is one language. Drafts, pages
    under a privacy restriction and pages in unpublished sections are left out.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree in roots:
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
