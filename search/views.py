"""Site search over cities, stories and resources: published, public pages only.

A search ranks at most SEARCH_MAX_CANDIDATES matches, the most recently indexed ones, and counts
no further (cms/search/bounded.py): a word found on most pages costs what a rare one does. The
page then says "more than ..." results, and its pages go through the ranked ones.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from cities.models import CityPage, ResourcePage, StoryPage
from cms.visibility import Visibility, for_request

# What each searchable page type is called in the results list.
SEARCHABLE_TYPES = {
    CityPage: _("Partner city"),
    StoryPage: _("Story"),
    ResourcePage: _("Resource"),
}
MAX_QUERY_LENGTH = 200


def searchable_pages(visibility=None):
    """Pages of the searchable types that visitors may see (cms/visibility.py), in the visitor's language."""
    pages = Page.objects.type(*SEARCHABLE_TYPES).filter(locale=Locale.get_active())
    return (visibility or Visibility()).pages(pages)


def clean_query(raw):
    """The visitor's words, safe to hand to every search backend.

    Double quotes go: the SQLite backend wraps each word in quotes without escaping
    them, so one stray quote is a database error (wagtail/wagtail#13227). Control
    characters go too (PostgreSQL refuses a NUL byte).
    """
    text = "".join(char if char.isprintable() else " " for char in raw).replace('"', " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    query = clean_query(request.GET.get("query", ""))
    page_number = request.GET.get("page", 1)

    if query:
        visibility = for_request(request)
        results = visibility.pages_for_search(searchable_pages(visibility)).specific().search(query)
        Query.get(query).add_hit()
    else:
        results = Page.objects.none()

    paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
    try:
        results_page = paginator.page(page_number)
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages)

    for result in results_page:
        result.search_result_type = SEARCHABLE_TYPES.get(type(result), "")
    capped = getattr(results, "capped", False)  # read with the count: no query of its own

    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results_page, "paginator": paginator, "capped": capped},
    )
