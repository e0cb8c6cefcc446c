"""
The cities app's GraphQL queries: the city directory, stories, resources.

Registered with grapple (``register_graphql_schema``) and imported by
cms.graphql.schema. Every list takes a ``locale``, checks its arguments (an
unknown value is an error that says what is accepted, never an empty list) and
returns one page of items with its pagination (``page``, ``perPage``); every
single-item query takes the same arguments as ``page`` (``single_page``), a
preview ``token`` among them. Visibility and batching come from cms.graphql.
"""

import graphene
from graphql import GraphQLError

from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from cms.graphql import batching
from cms.graphql.queries import page_arguments, single_page
from cms.graphql.types import (
    checked_arguments,
    enum_from_choices,
    fallback_argument,
    get_locale,
    in_language,
    languages,
    locale_argument,
    make_enum,
    order_by_pks,
    paginate,
    paginated_list,
    pagination_arguments,
    search_argument,
    search_pks,
    shown,
)
from cms.graphql.visibility import get_visibility, visible

from .filters import linked_stories, parse_city_filters, parse_story_filters, rejected_message
from .models import CityPage, ExchangeType, Region, Relationship, ResourceCategory, ResourcePage, Status, StoryPage
from .models.cities import FIRST_PARTNERSHIP_YEAR
from .querysets import CITY_SORTS, RESOURCE_SORTS, STORY_SORTS, counted_stories, story_window, tags_of

RegionEnum = enum_from_choices("Region", Region, "The part of the world a partner city is in.")
RelationshipEnum = enum_from_choices(
    "Relationship",
    Relationship,
    "A sister city has a formal agreement signed by both mayors; a friendship city a looser tie.",
)
StatusEnum = enum_from_choices("PartnershipStatus", Status, "Whether a partnership is active today.")

RELEVANCE = ("RELEVANCE", "relevance", "Best match first; only with a search.")
CityOrder = make_enum(
    "CityOrder",
    [
        ("NAME", "name", "By the city's name, A to Z."),
        ("NAME_DESC", "-name", "By the city's name, Z to A."),
        ("YEAR_ESTABLISHED", "year", "Oldest partnership first; unknown years last."),
        ("YEAR_ESTABLISHED_DESC", "-year", "Newest partnership first; unknown years last."),
        ("COUNTRY", "country", "By country code, then by name."),
        RELEVANCE,
    ],
    "How to order the city directory.",
)
StoryOrder = make_enum(
    "StoryOrder",
    [
        ("NEWEST", "-date", "The most recent stories first."),
        ("OLDEST", "date", "The oldest stories first."),
        ("TITLE", "title", "By title, A to Z."),
        RELEVANCE,
    ],
    "How to order stories.",
)
ResourceOrder = make_enum(
    "ResourceOrder",
    [
        ("TITLE", "title", "By title, A to Z."),
        ("CATEGORY", "category", "By category name, then by title."),
        RELEVANCE,
    ],
    "How to order resources.",
)


def page_type(model):
    return lambda: registry.pages[model]


CityList = paginated_list("CityList", page_type(CityPage), "One page of the city directory.")
StoryList = paginated_list("StoryList", page_type(StoryPage), "One page of stories.")
ResourceList = paginated_list("ResourceList", page_type(ResourcePage), "One page of resources.")


def _order_value(order, default):
    return getattr(order, "value", order) or default


def _ordered(queryset, model, info, locales, search, order, orderings):
    """Apply a search (relevance first unless another order is asked for) and an order from ``orderings``."""
    order = _order_value(order, None)
    pks = search_pks(get_visibility(info).pages_for_search(model.objects.filter(locale__in=locales)), search)
    if order == "relevance" and pks is None:
        raise GraphQLError("order: RELEVANCE needs a search.")
    if pks is not None and order in (None, "relevance"):
        return order_by_pks(queryset, pks)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    return queryset.order_by(*orderings[order or next(iter(orderings))])


def _visible_city(slug, locales, info):
    city = visible(CityPage.objects.filter(slug=slug, locale__in=locales), info).first()
    if city is None:
        raise GraphQLError(f"No published city has the slug {shown(slug)} in this language.")
    return city


def _checked(chosen):
    """The filters cities/filters.py accepted; what it rejected is an error that says what is accepted."""
    if chosen.rejected:
        raise GraphQLError(rejected_message(chosen.rejected))
    return chosen


@register_graphql_schema
@checked_arguments
class CitiesQuery:
    cities = graphene.Field(
        graphene.NonNull(CityList),
        description="The city directory: published partner cities, filtered and paginated.",
        region=graphene.Argument(RegionEnum, description="Only cities in this part of the world."),
        country_code=graphene.Argument(
            graphene.String, description="Only cities in this country: an ISO 3166-1 alpha-2 code, e.g. `JP`."
        ),
        relationship=graphene.Argument(RelationshipEnum, description="Only sister cities, or only friendship cities."),
        status=graphene.Argument(StatusEnum, description="Only partnerships with this status."),
        established_from=graphene.Argument(
            graphene.Int, description=f"Only partnerships signed in this year or later (from {FIRST_PARTNERSHIP_YEAR})."
        ),
        established_to=graphene.Argument(graphene.Int, description="Only partnerships signed in this year or earlier."),
        search=search_argument("cities"),
        order=graphene.Argument(CityOrder, description="Defaults to NAME, or to RELEVANCE with a search."),
        locale=locale_argument(),
        fallback=fallback_argument("cities"),
        **pagination_arguments("cities"),
    )
    city = graphene.Field(
        page_type(CityPage),
        description="One published partner city, or the draft a preview token is for.",
        **page_arguments("city"),
    )
    stories = graphene.Field(
        graphene.NonNull(StoryList),
        description="Published stories of exchanges, filtered and paginated.",
        city=graphene.Argument(graphene.String, description="Only stories about the city with this slug."),
        exchange_type=graphene.Argument(
            graphene.String, description="Only stories of the kind of exchange with this slug (see exchangeTypes)."
        ),
        tag=graphene.Argument(graphene.String, description="Only stories with this tag (its name or slug)."),
        date_from=graphene.Argument(graphene.Date, description="Only stories dated on or after this day (YYYY-MM-DD)."),
        date_to=graphene.Argument(graphene.Date, description="Only stories dated on or before this day (YYYY-MM-DD)."),
        search=search_argument("stories"),
        order=graphene.Argument(StoryOrder, description="Defaults to NEWEST, or to RELEVANCE with a search."),
        locale=locale_argument(),
        fallback=fallback_argument("stories"),
        **pagination_arguments("stories"),
    )
    story = graphene.Field(
        page_type(StoryPage),
        description="One published story, or the draft a preview token is for.",
        **page_arguments("story"),
    )
    resources = graphene.Field(
        graphene.NonNull(ResourceList),
        description="Published resources (links and documents), filtered and paginated.",
        category=graphene.Argument(
            graphene.String, description="Only resources in the category with this slug (see resourceCategories)."
        ),
        city=graphene.Argument(graphene.String, description="Only resources about the city with this slug."),
        search=search_argument("resources"),
        order=graphene.Argument(ResourceOrder, description="Defaults to TITLE, or to RELEVANCE with a search."),
        locale=locale_argument(),
        fallback=fallback_argument("resources"),
        **pagination_arguments("resources"),
    )
    resource = graphene.Field(
        page_type(ResourcePage),
        description="One published resource, or the draft a preview token is for.",
        **page_arguments("resource"),
    )
    exchange_types = graphene.List(
        graphene.NonNull(lambda: registry.snippets[ExchangeType]),
        required=True,
        description="The program's kinds of exchange, in the editors' order.",
        locale=locale_argument(),
        fallback=fallback_argument("kinds of exchange"),
    )
    resource_categories = graphene.List(
        graphene.NonNull(lambda: registry.snippets[ResourceCategory]),
        required=True,
        description="The headings resources are listed under, by name.",
        locale=locale_argument(),
        fallback=fallback_argument("categories"),
    )

    def resolve_cities(self, info, locale=None, fallback=False, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        chosen = parse_city_filters(
            region=_order_value(filters.get("region"), None),
            relationship=_order_value(filters.get("relationship"), None),
            status=_order_value(filters.get("status"), None),
            country_code=filters.get("country_code"),
            established_from=filters.get("established_from"),
            established_to=filters.get("established_to"),
        )
        cities = _checked(chosen).apply(in_language(visible(CityPage.objects.all(), info), info, locale, fallback))
        locales = languages(info, locale, fallback)
        cities = _ordered(cities, CityPage, info, locales, filters.get("search"), filters.get("order"), CITY_SORTS)
        return paginate(cities, page, per_page)

    def resolve_city(self, info, **kwargs):
        return single_page(info, CityPage, noun="city", **kwargs)

    def resolve_stories(self, info, locale=None, fallback=False, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        locales = languages(info, locale, fallback)
        visible_stories = visible(StoryPage.objects.all(), info)
        chosen = parse_story_filters(
            in_language(visible(CityPage.objects.all(), info), info, locale, fallback),
            in_language(ExchangeType.objects.all(), info, locale, fallback),
            # A tag only drafts or private stories carry is answered like a tag that does not exist.
            tags_of(visible_stories),
            city=filters.get("city"),
            exchange_type=filters.get("exchange_type"),
            tag=filters.get("tag"),
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
        )
        # A city or an exchange type matches the stories linked to any of its versions.
        city, kind = _checked(chosen).city, chosen.exchange_type
        chosen.city = chosen.exchange_type = None

        def build(base):
            stories = chosen.apply(in_language(visible(base, info), info, locale, fallback))
            # Through subqueries on the link tables: no join, so no story twice and no SELECT DISTINCT.
            if city is not None:
                stories = stories.filter(
                    pk__in=linked_stories(StoryPage, "cities", citypage__translation_key=city.translation_key)
                )
            if kind is not None:
                stories = stories.filter(
                    pk__in=linked_stories(
                        StoryPage, "exchange_types", exchangetype__translation_key=kind.translation_key
                    )
                )
            return stories

        stories, count = counted_stories(build, StoryPage)
        search = filters.get("search")
        stories = _ordered(stories, StoryPage, info, locales, search, filters.get("order"), STORY_SORTS)
        # With a search the list is the search's matches: counted as they are.
        return paginate(stories, page, per_page, count=None if search else count, window=story_window)

    def resolve_story(self, info, **kwargs):
        return single_page(info, StoryPage, noun="story", **kwargs)

    def resolve_resources(self, info, locale=None, fallback=False, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        locales = languages(info, locale, fallback)
        resources = in_language(visible(ResourcePage.objects.all(), info), info, locale, fallback)
        if filters.get("category"):
            categories = in_language(ResourceCategory.objects.all(), info, locale, fallback)
            categories = {c.slug: c for c in categories}
            chosen = categories.get(filters["category"])
            if chosen is None:
                raise GraphQLError(
                    f"Unknown resource category {shown(filters['category'])}. "
                    f"Accepted: {', '.join(sorted(categories))}."
                )
            resources = resources.filter(category__translation_key=chosen.translation_key)
        if filters.get("city"):
            city = _visible_city(filters["city"], locales, info)
            linked = ResourcePage.cities.through.objects.filter(citypage__translation_key=city.translation_key)
            resources = resources.filter(pk__in=linked.values("resourcepage_id"))
        resources = _ordered(
            resources, ResourcePage, info, locales, filters.get("search"), filters.get("order"), RESOURCE_SORTS
        )
        return paginate(resources, page, per_page)

    def resolve_resource(self, info, **kwargs):
        return single_page(info, ResourcePage, noun="resource", **kwargs)

    def resolve_exchange_types(self, info, locale=None, fallback=False):
        rows = in_language(visible(ExchangeType.objects.all(), info), info, get_locale(info, locale), fallback)
        return batching.group(rows.order_by("sort_order", "name"))

    def resolve_resource_categories(self, info, locale=None, fallback=False):
        rows = in_language(visible(ResourceCategory.objects.all(), info), info, get_locale(info, locale), fallback)
        return batching.group(rows.order_by("name"))
