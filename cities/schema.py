"""
The cities app's GraphQL queries: the city directory, stories, resources.

Registered with grapple (``register_graphql_schema``) and imported by
cms.graphql.schema. Every list takes a ``locale``, checks its arguments (an
unknown value is an error that says what is accepted, never an empty list) and
returns one page of items with its pagination; every single-item query also
takes a preview ``token``. Visibility and batching come from cms.graphql.
"""

import datetime

import graphene
from django_countries import countries
from graphql import GraphQLError

from django.db.models import F

from grapple.helpers import register_graphql_schema
from grapple.registry import registry
from taggit.models import Tag

from cms.graphql import batching
from cms.graphql.queries import preview_page
from cms.graphql.types import (
    checked_arguments,
    enum_from_choices,
    get_locale,
    locale_argument,
    make_enum,
    order_by_pks,
    paginate,
    paginated_list,
    pagination_arguments,
    parse_id,
    search_pks,
    shown,
)
from cms.graphql.visibility import get_visibility, visible

from .models import CityPage, ExchangeType, Region, Relationship, ResourceCategory, ResourcePage, Status, StoryPage
from .models.cities import FIRST_PARTNERSHIP_YEAR

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
        ("NAME", "title", "By the city's name, A to Z."),
        ("NAME_DESC", "-title", "By the city's name, Z to A."),
        ("YEAR_ESTABLISHED", "year_established", "Oldest partnership first; unknown years last."),
        ("YEAR_ESTABLISHED_DESC", "-year_established", "Newest partnership first; unknown years last."),
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


def search_argument(noun):
    return graphene.Argument(graphene.String, description=f"Only {noun} that match these words (full-text search).")


def _order_value(order, default):
    return getattr(order, "value", order) or default


def _ordered(queryset, model, info, locale, search, order, orderings):
    """Apply a search (relevance first unless another order is asked for) and an order from ``orderings``."""
    order = _order_value(order, None)
    pks = search_pks(model.objects.live().filter(locale=locale), search)
    if order == "relevance" and pks is None:
        raise GraphQLError("order: RELEVANCE needs a search.")
    if pks is not None and order in (None, "relevance"):
        return order_by_pks(queryset, pks)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    return queryset.order_by(*orderings[order or next(iter(orderings))])


def _single(model, info, *, id=None, slug=None, locale=None, token=None):
    if token:
        return preview_page(token, info, model)
    pages = get_visibility(info).pages(model.objects.all())
    if id is not None:
        pages = pages.filter(pk=parse_id(id))
    elif slug:
        pages = pages.filter(slug=slug, locale=get_locale(info, locale))
    else:
        raise GraphQLError("Give the slug (or the id, or a preview token).")
    found = batching.group(pages[:1])
    return found[0] if found else None


def _single_arguments(noun):
    return {
        "slug": graphene.Argument(graphene.String, description=f"The {noun}'s slug, in the chosen language."),
        "id": graphene.Argument(graphene.ID, description=f"The {noun}'s id."),
        "locale": locale_argument(),
        "token": graphene.Argument(graphene.String, description="A preview token from the editor's preview."),
    }


def _visible_city(slug, locale, info):
    city = visible(CityPage.objects.filter(slug=slug, locale=locale), info).first()
    if city is None:
        raise GraphQLError(f"No published city has the slug {shown(slug)} in this language.")
    return city


def _visible_story_tag(name_or_slug, info):
    """
    A tag of a story visitors may see, by slug or name. A tag only drafts or
    private stories carry is answered exactly like a tag that does not exist.
    """
    tags = Tag.objects.filter(cities_storypagetag_items__content_object__in=visible(StoryPage.objects.all(), info))
    tag = tags.filter(slug=name_or_slug).first() or tags.filter(name=name_or_slug).first()
    if tag is None:
        raise GraphQLError(f"No story has the tag {shown(name_or_slug)}.")
    return tag


CITY_ORDERINGS = {
    "title": ("title", "pk"),
    "-title": ("-title", "pk"),
    "year_established": (F("year_established").asc(nulls_last=True), "title", "pk"),
    "-year_established": (F("year_established").desc(nulls_last=True), "title", "pk"),
    "country": ("country", "title", "pk"),
}
STORY_ORDERINGS = {"-date": ("-date", "-pk"), "date": ("date", "pk"), "title": ("title", "pk")}
RESOURCE_ORDERINGS = {"title": ("title", "pk"), "category": ("category__name", "title", "pk")}


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
        **pagination_arguments(),
    )
    city = graphene.Field(
        page_type(CityPage),
        description="One published partner city, or the draft a preview token is for.",
        **_single_arguments("city"),
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
        **pagination_arguments(),
    )
    story = graphene.Field(
        page_type(StoryPage),
        description="One published story, or the draft a preview token is for.",
        **_single_arguments("story"),
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
        **pagination_arguments(),
    )
    resource = graphene.Field(
        page_type(ResourcePage),
        description="One published resource, or the draft a preview token is for.",
        **_single_arguments("resource"),
    )
    exchange_types = graphene.List(
        graphene.NonNull(lambda: registry.snippets[ExchangeType]),
        required=True,
        description="The program's kinds of exchange, in the editors' order.",
        locale=locale_argument(),
    )
    resource_categories = graphene.List(
        graphene.NonNull(lambda: registry.snippets[ResourceCategory]),
        required=True,
        description="The headings resources are listed under, by name.",
        locale=locale_argument(),
    )

    def resolve_cities(self, info, locale=None, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        cities = visible(CityPage.objects.filter(locale=locale), info)
        if filters.get("region"):
            cities = cities.filter(region=filters["region"].value)
        if filters.get("country_code"):
            code = filters["country_code"].upper()
            if code not in dict(countries):
                raise GraphQLError(
                    f"Unknown country code {shown(filters['country_code'])}: use an ISO 3166-1 alpha-2 code such as JP."
                )
            cities = cities.filter(country=code)
        if filters.get("relationship"):
            cities = cities.filter(relationship=filters["relationship"].value)
        if filters.get("status"):
            cities = cities.filter(status=filters["status"].value)
        year_from, year_to = filters.get("established_from"), filters.get("established_to")
        this_year = datetime.date.today().year
        for name, year in (("establishedFrom", year_from), ("establishedTo", year_to)):
            if year is not None and not FIRST_PARTNERSHIP_YEAR <= year <= this_year:
                raise GraphQLError(f"{name} must be a year from {FIRST_PARTNERSHIP_YEAR} to {this_year}; got {year}.")
        if year_from is not None and year_to is not None and year_from > year_to:
            raise GraphQLError("establishedFrom must not be after establishedTo.")
        if year_from is not None:
            cities = cities.filter(year_established__gte=year_from)
        if year_to is not None:
            cities = cities.filter(year_established__lte=year_to)
        cities = _ordered(cities, CityPage, info, locale, filters.get("search"), filters.get("order"), CITY_ORDERINGS)
        return paginate(cities, page, per_page)

    def resolve_city(self, info, **kwargs):
        return _single(CityPage, info, **kwargs)

    def resolve_stories(self, info, locale=None, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        stories = visible(StoryPage.objects.filter(locale=locale), info)
        if filters.get("city"):
            stories = stories.filter(cities=_visible_city(filters["city"], locale, info))
        if filters.get("exchange_type"):
            exchange_types = {t.slug: t for t in ExchangeType.objects.filter(locale=locale)}
            chosen = exchange_types.get(filters["exchange_type"])
            if chosen is None:
                accepted = ", ".join(sorted(exchange_types))
                raise GraphQLError(f"Unknown exchange type {shown(filters['exchange_type'])}. Accepted: {accepted}.")
            stories = stories.filter(exchange_types=chosen)
        if filters.get("tag"):
            stories = stories.filter(tags=_visible_story_tag(filters["tag"], info))
        date_from, date_to = filters.get("date_from"), filters.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise GraphQLError("dateFrom must not be after dateTo.")
        if date_from:
            stories = stories.filter(date__gte=date_from)
        if date_to:
            stories = stories.filter(date__lte=date_to)
        stories = _ordered(
            stories.distinct(), StoryPage, info, locale, filters.get("search"), filters.get("order"), STORY_ORDERINGS
        )
        return paginate(stories, page, per_page)

    def resolve_story(self, info, **kwargs):
        return _single(StoryPage, info, **kwargs)

    def resolve_resources(self, info, locale=None, page=None, per_page=None, **filters):
        locale = get_locale(info, locale)
        resources = visible(ResourcePage.objects.filter(locale=locale), info)
        if filters.get("category"):
            categories = {c.slug: c for c in ResourceCategory.objects.filter(locale=locale)}
            chosen = categories.get(filters["category"])
            if chosen is None:
                raise GraphQLError(
                    f"Unknown resource category {shown(filters['category'])}. "
                    f"Accepted: {', '.join(sorted(categories))}."
                )
            resources = resources.filter(category=chosen)
        if filters.get("city"):
            resources = resources.filter(cities=_visible_city(filters["city"], locale, info))
        resources = _ordered(
            resources, ResourcePage, info, locale, filters.get("search"), filters.get("order"), RESOURCE_ORDERINGS
        )
        return paginate(resources, page, per_page)

    def resolve_resource(self, info, **kwargs):
        return _single(ResourcePage, info, **kwargs)

    def resolve_exchange_types(self, info, locale=None):
        rows = ExchangeType.objects.filter(locale=get_locale(info, locale)).order_by("sort_order", "name")
        return batching.group(rows)

    def resolve_resource_categories(self, info, locale=None):
        return batching.group(ResourceCategory.objects.filter(locale=get_locale(info, locale)).order_by("name"))
