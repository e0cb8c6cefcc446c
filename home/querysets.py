"""Page querysets that know what visitors may see: the rule of cms/visibility.py, on the model.

    StoryPage.objects.visible_to(request).newest_first()

``visible_to`` is the same code path as the API's (``cms.graphql.visibility.get_visibility``
gives the request's Visibility): the website and the API cannot disagree on what is visible.
"""

from wagtail.models import PageManager, PageQuerySet

from cms.visibility import Visibility, for_request


class VisiblePageQuerySet(PageQuerySet):
    def visible_to(self, viewer=None):
        """The pages visitors may see: ``viewer`` is a request, its Visibility, or None (an anonymous visitor now)."""
        visibility = viewer if isinstance(viewer, Visibility) else for_request(viewer)
        return visibility.pages(self)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
