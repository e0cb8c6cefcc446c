"""Site search over cities, stories and resources: published, public pages only."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from cities.models import CityPage, ResourcePage, StoryPage

SEARCHABLE_TYPES = (CityPage, StoryPage, ResourcePage)
PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def searchable_pages():
    """Live, public pages of the searchable types in the visitor's language."""
    return Page.objects.live().public().type(*SEARCHABLE_TYPES).filter(locale=Locale.get_active())


def search(request):
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    page_number = request.GET.get("page", 1)

    if query:
        results = searchable_pages().specific().search(query)
        Query.get(query).add_hit()
    else:
        results = Page.objects.none()

    paginator = Paginator(results, PER_PAGE)
    try:
        results_page = paginator.page(page_number)
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results_page, "paginator": paginator},
    )
