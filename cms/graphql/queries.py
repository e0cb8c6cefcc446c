"""
Grapple's root queries, hardened.

Grapple's own versions return what they should not: ``search`` finds drafts and
private pages, ``snippets`` lists draft committees, ``images`` and
``documents`` list the contents of a private collection's children, ``order``
takes any model field (including private ones), lists have no page-size check
and no language. These keep grapple's names and arguments where they are safe,
add ``locale``, and answer through ``visibility`` and ``batching``.
"""

import graphene
from graphql import GraphQLError

from django.db.models import Q

from grapple.registry import registry
from grapple.types.collections import CollectionObjectType
from grapple.types.documents import get_document_type
from grapple.types.images import get_image_type
from grapple.types.interfaces import get_page_interface, get_snippet_interface
from grapple.types.redirects import RedirectObjectType
from grapple.types.structures import SearchOperatorEnum
from grapple.types.tags import TagObjectType
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, TranslatableMixin

from . import batching
from .interfaces import PAGE_ORDER_FIELDS
from .preview import PreviewTokenError, page_from_token
from .types import (
    check_limit,
    check_order,
    checked_arguments,
    checked_resolver,
    get_locale,
    locale_argument,
    order_by_pks,
    parse_host,
    parse_id,
    search_pks,
    shown,
)
from .visibility import get_visibility, visible

MEDIA_ORDER_FIELDS = {"title", "created_at", "id"}


def limit_arguments(noun="items"):
    return {
        "limit": graphene.Argument(graphene.Int, description=f"At most this many {noun} (1 to the maximum page size)."),
        "offset": graphene.Argument(graphene.Int, description=f"Skip this many {noun} first. Defaults to 0."),
    }


def search_arguments():
    return {
        "search_query": graphene.Argument(graphene.String, description="Only what matches these words (full-text)."),
        "search_operator": graphene.Argument(
            SearchOperatorEnum,
            default_value="and",
            description="Whether results must match all the words (and, the default) or any of them (or).",
        ),
    }


def preview_page(token, info, model=Page):
    """The draft behind a preview token, as a GraphQL error when the token is no good."""
    try:
        page = page_from_token(token, model)
    except PreviewTokenError as error:
        raise GraphQLError(str(error)) from error
    get_visibility(info).used_preview = True
    return page


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


def _site(info, site=None, in_site=False, name="site"):
    if site and in_site:
        raise GraphQLError("Use either site or inSite, not both.")
    if site:
        hostname, port = parse_host(site, name)
        sites = Site.objects.filter(hostname=hostname, **({"port": port} if port else {})).select_related("root_page")
        found = list(sites[:2])
        if len(found) != 1:
            raise GraphQLError(
                f"No site has the host name {shown(site)}."
                if not found
                else f"Several sites have the host name {shown(site)}: add the port, e.g. {hostname}:443."
            )
        return found[0]
    if in_site:
        return Site.find_for_request(info.context)
    return None


def _visible_page(value, info, name):
    pk = parse_id(value, name)
    page = get_visibility(info).pages(Page.objects.filter(pk=pk)).first()
    if page is None:
        raise GraphQLError(f"No published page has the id {pk}.")
    return page


def page_language_and_path(url_path):
    """Split a leading language code off a URL path: "/es/ciudades/" -> ("es", "/ciudades/")."""
    from django.conf import settings

    parts = url_path.strip("/").split("/", 1)
    codes = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    if parts[0] in codes:
        return parts[0], "/" + (parts[1] if len(parts) > 1 else "")
    return None, url_path


@checked_arguments
class PagesQuery:
    pages = graphene.List(
        graphene.NonNull(get_page_interface),
        required=True,
        description="Published pages of every type, in the tree order unless `order` says otherwise.",
        content_type=graphene.Argument(
            graphene.String,
            description="Only pages of these types, as `app.ModelName`, comma-separated, e.g. `cities.CityPage`.",
        ),
        in_site=graphene.Argument(
            graphene.Boolean, default_value=False, description="Only pages of the site the request is for."
        ),
        site=graphene.Argument(graphene.String, description="Only pages of the site with this host name[:port]."),
        ancestor=graphene.Argument(graphene.ID, description="Only pages below the published page with this id."),
        parent=graphene.Argument(graphene.ID, description="Only pages directly below the published page with this id."),
        in_menu=graphene.Argument(
            graphene.Boolean, description="Only pages shown in menus (true) or only pages not shown in menus (false)."
        ),
        order=graphene.Argument(
            graphene.String,
            description=(
                f"Order by one or more of {', '.join(sorted(PAGE_ORDER_FIELDS))}, comma-separated, each with a "
                "leading '-' for descending order. Defaults to the tree order, or to relevance with a search."
            ),
        ),
        locale=locale_argument(),
        **limit_arguments("pages"),
        **search_arguments(),
    )
    page = graphene.Field(
        get_page_interface,
        description=(
            "One published page, by id, slug or URL path; or the draft a preview token was issued for. "
            "Query the page type's own fields with `... on CityPage { }`."
        ),
        id=graphene.Argument(graphene.ID, description="The page's id."),
        slug=graphene.Argument(graphene.String, description="The page's slug, in the chosen language."),
        url_path=graphene.Argument(
            graphene.String,
            description=(
                "The page's path below the site's home page, e.g. `/cities/nagoya/`. A leading language code "
                "(`/es/...`) chooses the language."
            ),
        ),
        token=graphene.Argument(graphene.String, description="A preview token from the editor's preview."),
        content_type=graphene.Argument(graphene.String, description="Only a page of this type, as `app.ModelName`."),
        in_site=graphene.Argument(
            graphene.Boolean, default_value=False, description="Look in the site the request is for."
        ),
        site=graphene.Argument(graphene.String, description="Look in the site with this host name[:port]."),
        locale=locale_argument(),
    )

    def resolve_pages(self, info, **kwargs):
        limit, offset = check_limit(kwargs.get("limit"), kwargs.get("offset"))
        order = check_order(kwargs.get("order"), PAGE_ORDER_FIELDS)
        locale = get_locale(info, kwargs.get("locale"))
        visibility = get_visibility(info)
        pages = visibility.pages(Page.objects.filter(locale=locale))
        if kwargs.get("parent") is not None:
            pages = pages.child_of(_visible_page(kwargs["parent"], info, "parent"))
        elif kwargs.get("ancestor") is not None:
            pages = pages.descendant_of(_visible_page(kwargs["ancestor"], info, "ancestor"))
        site = _site(info, kwargs.get("site"), kwargs.get("in_site"))
        if site is not None:
            pages = pages.in_site(site)
        if kwargs.get("content_type"):
            pages = pages.exact_type(*_content_types(kwargs["content_type"]))
        if kwargs.get("in_menu") is not None:
            pages = pages.filter(show_in_menus=kwargs["in_menu"])
        pks = search_pks(
            Page.objects.live().filter(locale=locale), kwargs.get("search_query"), kwargs.get("search_operator")
        )
        if pks is not None and not order:
            pages = order_by_pks(pages, pks)
        else:
            if pks is not None:
                pages = pages.filter(pk__in=pks)
            pages = pages.order_by(*(order or ["path"]))
        return batching.group(pages[offset : offset + limit].specific())

    def resolve_page(self, info, **kwargs):
        if kwargs.get("token"):
            return preview_page(kwargs["token"], info)
        visibility = get_visibility(info)
        pages = visibility.pages(Page.objects.all())
        if kwargs.get("content_type"):
            pages = pages.exact_type(*_content_types(kwargs["content_type"]))
        site = _site(info, kwargs.get("site"), kwargs.get("in_site"))
        if site is not None:
            pages = pages.in_site(site)
        if kwargs.get("id") is not None:
            pages = pages.filter(pk=parse_id(kwargs["id"]))
        elif kwargs.get("slug"):
            pages = pages.filter(slug=kwargs["slug"], locale=get_locale(info, kwargs.get("locale")))
        elif kwargs.get("url_path"):
            language, path = page_language_and_path(kwargs["url_path"])
            locale = get_locale(info, kwargs.get("locale") or language)
            root = (site or Site.find_for_request(info.context) or Site.objects.get(is_default_site=True)).root_page
            root = root.get_translation_or_none(locale) or root
            pages = pages.filter(url_path=f"{root.url_path}{path.strip('/')}/".replace("//", "/"), locale=locale)
        else:
            raise GraphQLError("Give the page's id, slug, urlPath or a preview token.")
        found = list(pages.specific()[:2])
        if len(found) > 1:
            raise GraphQLError("Several pages match: give the id, the urlPath or a contentType as well.")
        return batching.group(found)[0] if found else None


def _search_result_union():
    from grapple.types.documents import get_document_type
    from grapple.types.images import get_image_type

    result_types = tuple(
        dict.fromkeys((*registry.pages.values(), *registry.snippets.values(), get_image_type(), get_document_type()))
    )

    class SearchResult(graphene.Union):
        """One search result: a page, a snippet, an image or a document."""

        class Meta:
            types = result_types

        @classmethod
        def resolve_type(cls, instance, info):
            if isinstance(instance, get_document_model()):
                return get_document_type()
            if isinstance(instance, get_image_model()):
                return get_image_type()
            return registry.models[type(instance)]

    return SearchResult


def SearchQuery():
    result = _search_result_union()

    @checked_arguments
    class Mixin:
        search = graphene.List(
            graphene.NonNull(result),
            required=True,
            description=(
                "Full-text search across published pages, then snippets, images and documents, in one language."
            ),
            query=graphene.Argument(graphene.String, required=True, description="The words to look for."),
            locale=locale_argument(),
            limit=graphene.Argument(
                graphene.Int, description="At most this many results (1 to the maximum page size)."
            ),
        )

        def resolve_search(self, info, query, locale=None, limit=None):
            limit, _ = check_limit(limit)
            locale = get_locale(info, locale)
            visibility = get_visibility(info)
            results = []
            page_pks = search_pks(Page.objects.live().filter(locale=locale), query) or []
            results += order_by_pks(visibility.pages(Page.objects.all()), page_pks).specific()[:limit]
            models = [*registry.snippets, get_image_model(), get_document_model()]
            for model in models:
                if len(results) >= limit:
                    break
                plain = model.objects.all()
                if issubclass(model, TranslatableMixin):
                    plain = plain.filter(locale=locale)
                pks = search_pks(plain, query) or []
                results += order_by_pks(visibility.filter(model.objects.all()), pks)[: limit - len(results)]
            return batching.group(results[:limit])

    return Mixin


@checked_arguments
class SnippetsQuery:
    snippets = graphene.List(
        graphene.NonNull(get_snippet_interface),
        required=True,
        description="Published snippets of every type (committees, exchange types, resource categories), by type.",
        locale=locale_argument(),
        **limit_arguments("snippets"),
    )

    def resolve_snippets(self, info, locale=None, limit=None, offset=None):
        limit, offset = check_limit(limit, offset)
        locale = get_locale(info, locale)
        results = []
        for model in sorted(registry.snippets, key=lambda model: model.__name__):
            rows = visible(model.objects.all(), info)
            if issubclass(model, TranslatableMixin):
                rows = rows.filter(locale=locale)
            results += rows
            if len(results) >= offset + limit:
                break
        return batching.group(results[offset : offset + limit])


def _media_list(
    model, info, collection=None, limit=None, offset=None, order=None, search_query=None, search_operator="and"
):
    limit, offset = check_limit(limit, offset)
    order = check_order(order, MEDIA_ORDER_FIELDS)
    rows = visible(model.objects.all(), info)
    collection = parse_id(collection, "collection")
    if collection is not None:
        if not visible(Collection.objects.filter(pk=collection), info).exists():
            raise GraphQLError(f"No public collection has the id {collection}.")
        rows = rows.filter(collection_id=collection)
    pks = search_pks(model.objects.all(), search_query, search_operator)
    if pks is not None and not order:
        rows = order_by_pks(rows, pks)
    else:
        if pks is not None:
            rows = rows.filter(pk__in=pks)
        rows = rows.order_by(*(order or ["-created_at", "-id"]))
    return batching.group(rows[offset : offset + limit])


def _media_arguments(noun):
    return {
        "collection": graphene.Argument(graphene.ID, description="Only those in the public collection with this id."),
        "order": graphene.Argument(
            graphene.String,
            description=(
                f"Order by one or more of {', '.join(sorted(MEDIA_ORDER_FIELDS))}, comma-separated, each with a "
                "leading '-' for descending order. Defaults to the newest first, or to relevance with a search."
            ),
        ),
        **limit_arguments(noun),
        **search_arguments(),
    }


def ImagesQuery():
    image_graphql_type = get_image_type()

    @checked_arguments
    class Mixin:
        image = graphene.Field(
            image_graphql_type,
            id=graphene.Argument(graphene.ID, required=True, description="The image's id."),
            description="One image, by id, unless it is in a private collection.",
        )
        images = graphene.List(
            graphene.NonNull(image_graphql_type),
            required=True,
            description="Images outside private collections, newest first.",
            **_media_arguments("images"),
        )
        image_type = graphene.String(required=True, description="The name of the image type: `CustomImage`.")

        def resolve_image(self, info, id):
            return visible(get_image_model().objects.filter(pk=parse_id(id)), info).first()

        def resolve_images(self, info, **kwargs):
            return _media_list(get_image_model(), info, **kwargs)

        def resolve_image_type(self, info):
            return image_graphql_type._meta.name

    return Mixin


def DocumentsQuery():
    document_graphql_type = get_document_type()

    @checked_arguments
    class Mixin:
        document = graphene.Field(
            document_graphql_type,
            id=graphene.Argument(graphene.ID, required=True, description="The document's id."),
            description="One document, by id, unless it is in a private collection.",
        )
        documents = graphene.List(
            graphene.NonNull(document_graphql_type),
            required=True,
            description="Documents outside private collections, newest first.",
            **_media_arguments("documents"),
        )
        document_type = graphene.String(required=True, description="The name of the document type.")

        def resolve_document(self, info, id):
            return visible(get_document_model().objects.filter(pk=parse_id(id)), info).first()

        def resolve_documents(self, info, **kwargs):
            return _media_list(get_document_model(), info, **kwargs)

        def resolve_document_type(self, info):
            return document_graphql_type._meta.name

    return Mixin


@checked_arguments
class CollectionsQuery:
    collections = graphene.List(
        graphene.NonNull(CollectionObjectType),
        required=True,
        description="The public collections of images and documents, in the tree order.",
        **limit_arguments("collections"),
    )

    def resolve_collections(self, info, limit=None, offset=None):
        limit, offset = check_limit(limit, offset)
        return batching.group(visible(Collection.objects.all(), info).order_by("path")[offset : offset + limit])


def resolve_collection_descendants(collection, info, **kwargs):
    return visible(collection.get_descendants(), info)


def resolve_collection_ancestors(collection, info, **kwargs):
    return visible(collection.get_ancestors(), info)


def _tags_in_use(info):
    """Tags on published stories and on images and documents outside private collections."""
    from django.contrib.contenttypes.models import ContentType

    from cities.models import StoryPage

    visibility = get_visibility(info)
    in_use = Q(cities_storypagetag_items__content_object__in=visibility.pages(StoryPage.objects.all()))
    for model in (get_image_model(), get_document_model()):
        in_use |= Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=visibility.media(model.objects.all()).values("pk"),
        )
    return Tag.objects.filter(in_use).distinct()


@checked_arguments
class TagsQuery:
    tag = graphene.Field(
        TagObjectType,
        id=graphene.Argument(graphene.ID, required=True, description="The tag's id."),
        description="One tag, by id, if published content uses it.",
    )
    tags = graphene.List(
        graphene.NonNull(TagObjectType),
        required=True,
        description="The tags published stories, images and documents use, by name.",
        **limit_arguments("tags"),
    )

    def resolve_tag(self, info, id):
        return _tags_in_use(info).filter(pk=parse_id(id)).first()

    def resolve_tags(self, info, limit=None, offset=None):
        limit, offset = check_limit(limit, offset)
        return list(_tags_in_use(info).order_by("name")[offset : offset + limit])


@checked_arguments
class RedirectsQuery:
    redirects = graphene.List(
        graphene.NonNull(RedirectObjectType),
        required=True,
        description=(
            "The site's redirects, one per site for redirects that apply to all sites. Redirects to pages "
            "visitors may not see are left out."
        ),
    )

    def resolve_redirects(self, info):
        visibility = get_visibility(info)
        sites = list(Site.objects.all())
        results = []
        for redirect in Redirect.objects.select_related("redirect_page", "site").order_by("old_path", "pk"):
            if redirect.redirect_page is not None and not visibility.page_is_visible(redirect.redirect_page):
                continue
            for site in [redirect.site] if redirect.site else sites:
                copy = Redirect(
                    pk=redirect.pk,
                    old_path=redirect.old_path,
                    site=site,
                    is_permanent=redirect.is_permanent,
                    redirect_page=redirect.redirect_page,
                    redirect_page_route_path=redirect.redirect_page_route_path,
                    redirect_link=redirect.redirect_link,
                )
                results.append(copy)
        return results


def resolve_redirect_page(redirect, info, **kwargs):
    page = redirect.redirect_page
    return page.specific_deferred if page is not None else None


def SitesQuery():
    from grapple.types.sites import SiteObjectType

    @checked_arguments
    class Mixin:
        site = graphene.Field(
            SiteObjectType,
            hostname=graphene.Argument(graphene.String, description="The site's host name[:port]."),
            id=graphene.Argument(graphene.ID, description="The site's id."),
            description="One site, by host name or id.",
        )
        sites = graphene.List(
            graphene.NonNull(SiteObjectType),
            required=True,
            description="The sites this CMS serves.",
            is_default_site=graphene.Argument(
                graphene.Boolean, description="Only the default site (true) or the others."
            ),
        )

        def resolve_site(self, info, hostname=None, id=None):
            if hostname:
                return _site(info, hostname, name="hostname")
            return Site.objects.filter(pk=parse_id(id)).first() if id is not None else None

        def resolve_sites(self, info, is_default_site=None):
            sites = Site.objects.order_by("hostname", "port")
            if is_default_site is not None:
                sites = sites.filter(is_default_site=is_default_site)
            return list(sites)

    return Mixin


def _in_this_site(site, kwargs, field):
    """
    A site's `pages` and `page` look in that site: their `site` and `inSite`
    arguments (shared with the root queries) are refused rather than ignored.
    """
    for name, given in (("site", kwargs.get("site")), ("inSite", kwargs.get("in_site"))):
        if given:
            raise GraphQLError(
                f"{name} does not apply inside a site: its {field} {'are' if field == 'pages' else 'is'} always "
                f"looked up in that site. Leave {name} out, or use the root {field} query."
            )
    return {**kwargs, "site": f"{site.hostname}:{site.port}", "in_site": False}


# The root is named `root`, not `site`: the fields have a `site` argument of their own.
@checked_resolver
def resolve_site_pages(root, info, **kwargs):
    return PagesQuery.resolve_pages(None, info, **_in_this_site(root, kwargs, "pages"))


@checked_resolver
def resolve_site_page(root, info, **kwargs):
    return PagesQuery.resolve_page(None, info, **_in_this_site(root, kwargs, "page"))


def grapple_query_mixins():
    """grapple's root queries, in the order grapple registers them, hardened."""
    return [
        PagesQuery,
        SitesQuery(),
        ImagesQuery(),
        DocumentsQuery(),
        SnippetsQuery,
        SearchQuery(),
        TagsQuery,
        CollectionsQuery,
        RedirectsQuery,
    ]
