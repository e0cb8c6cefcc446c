"""
The root queries every site has: pages, one page, search and tags, hardened.

Grapple's own root queries return what they should not (``search`` finds drafts
and private pages, ``snippets`` lists draft committees, ``images`` lists the
contents of a private collection's children) and are never built (see
``schema``). The ones here are those partner sites use, each documented in
docs/graphql.md with an example; grapple's others (sites, snippets, images,
documents, collections, redirects, one tag by id) are left out rather than
hardened for clients that do not exist (docs/graphql.md, "What the API leaves out").

Apps add their own typed queries (``cities.schema``, ``home.schema``) and use
``single_page`` and ``page_arguments`` for "one page by id, slug or preview
token", and ``types.paginate`` for lists, so that every query reads alike.
"""

import graphene
from graphql import GraphQLError

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from grapple.types.tags import TagObjectType
from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from . import batching
from .interfaces import PAGE_ORDER_FIELDS
from .preview import PreviewTokenError, page_from_token
from .types import (
    check_order,
    checked_arguments,
    fallback_argument,
    get_locale,
    in_language,
    languages,
    locale_argument,
    order_by_pks,
    page_slice,
    paginate,
    paginated_list,
    pagination_arguments,
    parse_id,
    search_argument,
    search_pks,
    search_results,
    shown,
)
from .visibility import get_visibility, visible

PageList = paginated_list("PageList", get_page_interface, "One page of a list of pages.")


def preview_page(token, info, model=Page):
    """The draft behind a preview token, as a GraphQL error when the token is no good."""
    try:
        page = page_from_token(token, model)
    except PreviewTokenError as error:
        raise GraphQLError(str(error)) from error
    get_visibility(info).used_preview = True
    return page


# --- One page -------------------------------------------------------------------


def page_arguments(noun="page", *, url_path=False):
    """The arguments of a query for one page: its id, slug (and URL path), language, or a preview token."""
    arguments = {
        "id": graphene.Argument(graphene.ID, description=f"The {noun}'s id."),
        "slug": graphene.Argument(graphene.String, description=f"The {noun}'s slug, in the chosen language."),
    }
    if url_path:
        arguments["url_path"] = graphene.Argument(
            graphene.String,
            description=(
                f"The {noun}'s path below the site's home page, e.g. `/cities/nagoya/`. A leading language code "
                "(`/es/...`) chooses the language."
            ),
        )
    return {
        **arguments,
        "token": graphene.Argument(graphene.String, description="A preview token from the editor's preview."),
        "locale": locale_argument(),
        "fallback": graphene.Argument(
            graphene.Boolean,
            default_value=False,
            description=(
                f"With a slug and a `locale` other than the default language: when no {noun} in `locale` has the "
                f"slug, the default language's {noun} with that slug (its version in `locale` if it has one "
                "visitors may see). Its `locale` says its language. Defaults to false."
            ),
        ),
    }


def page_language_and_path(url_path):
    """Split a leading language code off a URL path: "/es/ciudades/" -> ("es", "/ciudades/")."""
    from django.conf import settings

    parts = url_path.strip("/").split("/", 1)
    codes = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    if parts[0] in codes:
        return parts[0], "/" + (parts[1] if len(parts) > 1 else "")
    return None, url_path


def _with_url_path(pages, info, url_path, locale):
    language, path = page_language_and_path(url_path)
    locale = get_locale(info, locale or language)
    root = (Site.find_for_request(info.context) or Site.objects.get(is_default_site=True)).root_page
    root = root.get_translation_or_none(locale) or root
    return pages.filter(url_path=f"{root.url_path}{path.strip('/')}/".replace("//", "/"), locale=locale)


def _fallback_by_slug(pages, info, slug, locale):
    """The default language's page with ``slug``, or its version in ``locale`` when visitors may see one."""
    default = get_locale(info)
    if locale.pk == default.pk:
        return pages.none()
    source = pages.filter(slug=slug, locale=default)
    translated = pages.filter(translation_key__in=source.values("translation_key"), locale=locale)
    return translated if translated.exists() else source


def single_page(info, model=Page, *, noun="page", pages=None, fallback=False, **arguments):
    """
    One page visitors may see, by ``id``, ``slug`` (in ``locale``; with ``fallback``,
    the default language's page with that slug when none in ``locale`` has it) or
    ``url_path``; or the draft a preview ``token`` was issued for (of ``model``).
    ``pages`` narrows the search further (a content type, for instance). Null when
    none matches; an error when none of the arguments is given or several pages match.
    """
    if arguments.get("token"):
        return preview_page(arguments["token"], info, model)
    pages = get_visibility(info).pages(pages if pages is not None else model.objects.all())
    if arguments.get("id") is not None:
        pages = pages.filter(pk=parse_id(arguments["id"]))
    elif arguments.get("slug"):
        locale = get_locale(info, arguments.get("locale"))
        in_locale = pages.filter(slug=arguments["slug"], locale=locale)
        pages = (
            in_locale
            if not fallback or in_locale.exists()
            else _fallback_by_slug(pages, info, arguments["slug"], locale)
        )
    elif arguments.get("url_path"):
        pages = _with_url_path(pages, info, arguments["url_path"], arguments.get("locale"))
    else:
        ways = ["id", "slug", *(["urlPath"] if "url_path" in arguments else [])]
        raise GraphQLError(f"Give the {noun}'s {', '.join(ways)} or a preview token.")
    found = list(pages.specific()[:2])
    if len(found) > 1:
        raise GraphQLError("Several pages match: give the id, the urlPath or a contentType as well.")
    return batching.group(found)[0] if found else None


# --- Pages ----------------------------------------------------------------------


def _page_models():
    return {f"{model._meta.app_label}.{model.__name__}".lower(): model for model in registry.pages if model is not Page}


def _content_types(value):
    """`app.Model` names (comma-separated) to page models; unknown names are an error listing the accepted ones."""
    models = _page_models()
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    unknown = list(dict.fromkeys(name for name in names if name not in models))
    if unknown or not names:
        accepted = ", ".join(sorted(f"{m._meta.app_label}.{m.__name__}" for m in models.values()))
        more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
        raise GraphQLError(
            f"Unknown content type {', '.join(map(shown, unknown[:3])) or shown(value)}{more}. Accepted: {accepted}."
        )
    return [models[name] for name in names]


def _visible_page(value, info, name):
    pk = parse_id(value, name)
    page = get_visibility(info).pages(Page.objects.filter(pk=pk)).first()
    if page is None:
        raise GraphQLError(f"No published page has the id {pk}.")
    return page


def _searched(pages, info, locales, search, order):
    """Best match first for a search, unless an order is given; the tree order by default."""
    pks = search_pks(get_visibility(info).pages_for_search(Page.objects.filter(locale__in=locales)), search)
    if pks is not None and not order:
        return order_by_pks(pages, pks)
    if pks is not None:
        pages = pages.filter(pk__in=pks)
    return pages.order_by(*(order or ["path"]))


@checked_arguments
class PagesQuery:
    pages = graphene.Field(
        graphene.NonNull(PageList),
        description=(
            "Published pages of every type, in the tree order unless `order` says otherwise: for a sitemap, "
            "or to list the paths a static site builds."
        ),
        content_type=graphene.Argument(
            graphene.String,
            description="Only pages of these types, as `app.ModelName`, comma-separated, e.g. `cities.CityPage`.",
        ),
        ancestor=graphene.Argument(graphene.ID, description="Only pages below the published page with this id."),
        parent=graphene.Argument(graphene.ID, description="Only pages directly below the published page with this id."),
        in_menu=graphene.Argument(
            graphene.Boolean, description="Only pages shown in menus (true) or only pages not shown in menus (false)."
        ),
        search=search_argument("pages"),
        order=graphene.Argument(
            graphene.String,
            description=(
                f"Order by one or more of {', '.join(sorted(PAGE_ORDER_FIELDS))}, comma-separated, each with a "
                "leading '-' for descending order. Defaults to the tree order, or to relevance with a search."
            ),
        ),
        locale=locale_argument(),
        fallback=fallback_argument("pages"),
        **pagination_arguments("pages"),
    )
    page = graphene.Field(
        get_page_interface,
        description=(
            "One published page, by id, slug or URL path; or the draft a preview token was issued for. "
            "Query the page type's own fields with `... on CityPage { }`."
        ),
        content_type=graphene.Argument(graphene.String, description="Only a page of this type, as `app.ModelName`."),
        **page_arguments(url_path=True),
    )
    search = graphene.Field(
        graphene.NonNull(PageList),
        description=(
            "Full-text search across the published pages of every type, in one language, best match first: "
            "what the site's own search finds."
        ),
        search=graphene.Argument(graphene.String, required=True, description="The words to look for."),
        locale=locale_argument(),
        fallback=fallback_argument("pages"),
        **pagination_arguments("results"),
    )

    def resolve_pages(self, info, page=None, per_page=None, **kwargs):
        order = check_order(kwargs.get("order"), PAGE_ORDER_FIELDS)
        locale = get_locale(info, kwargs.get("locale"))
        page_slice(page, per_page)  # a wrong page size is refused before any query
        pages = in_language(get_visibility(info).pages(Page.objects.all()), info, locale, kwargs.get("fallback"))
        if kwargs.get("parent") is not None:
            pages = pages.child_of(_visible_page(kwargs["parent"], info, "parent"))
        elif kwargs.get("ancestor") is not None:
            pages = pages.descendant_of(_visible_page(kwargs["ancestor"], info, "ancestor"))
        if kwargs.get("content_type"):
            pages = pages.exact_type(*_content_types(kwargs["content_type"]))
        if kwargs.get("in_menu") is not None:
            pages = pages.filter(show_in_menus=kwargs["in_menu"])
        locales = languages(info, locale, kwargs.get("fallback"))
        return paginate(_searched(pages, info, locales, kwargs.get("search"), order).specific(), page, per_page)

    def resolve_page(self, info, content_type=None, **kwargs):
        pages = Page.objects.exact_type(*_content_types(content_type)) if content_type else None
        return single_page(info, pages=pages, url_path=kwargs.pop("url_path", None), **kwargs)

    def resolve_search(self, info, search, locale=None, fallback=False, page=None, per_page=None):
        locale = get_locale(info, locale)
        page_slice(page, per_page)  # a wrong page size is refused before any query
        visibility = get_visibility(info)
        pages = visibility.pages_for_search(in_language(visibility.pages(Page.objects.all()), info, locale, fallback))
        # Paginated by the search backend: the ranked candidates (with the count, capped at the search's
        # bound: pagination.totalIsCapped) and one page of results, whatever the number of matches.
        results = search_results(pages.specific(), search)
        return paginate(
            Page.objects.none() if results is None or isinstance(results, list) else results, page, per_page
        )


# --- Tags -----------------------------------------------------------------------


def _tag_ids_in_use(info):
    """
    The ids of the tags on content visitors may see: on any registered page type's
    tag manager (a ClusterTaggableManager and its through table), and on images and
    documents outside private collections.
    """
    visibility = get_visibility(info)
    queries = []
    for model in registry.pages:
        for field in model._meta.get_fields():
            if isinstance(field, (ClusterTaggableManager, TaggableManager)):
                through = field.through
                if issubclass(through, TaggedItem):  # generic: keyed by content type
                    continue
                owners = visibility.pages(model.objects.all())
                queries.append(through.objects.filter(content_object__in=owners).values("tag_id"))
    for model in (get_image_model(), get_document_model()):
        queries.append(
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=visibility.media(model.objects.all()).values("pk"),
            ).values("tag_id")
        )
    in_use = Q(pk__in=[])
    for rows in queries:
        in_use |= Q(pk__in=rows)
    return in_use


@checked_arguments
class TagsQuery:
    tags = graphene.List(
        graphene.NonNull(TagObjectType),
        required=True,
        description="The tags that published pages, images and documents carry, by name: for a tag filter.",
        **pagination_arguments("tags"),
    )

    def resolve_tags(self, info, page=None, per_page=None):
        offset, size = page_slice(page, per_page)
        return list(Tag.objects.filter(_tag_ids_in_use(info)).order_by("name", "pk")[offset : offset + size])


def resolve_collection_descendants(collection, info, **kwargs):
    return visible(collection.get_descendants(), info)


def resolve_collection_ancestors(collection, info, **kwargs):
    return visible(collection.get_ancestors(), info)


def root_query_mixins():
    """The root queries every site has (apps add their own through grapple's register_graphql_schema)."""
    from .sync import sync_query  # built once the apps' types are registered

    return [PagesQuery, TagsQuery, sync_query()]
