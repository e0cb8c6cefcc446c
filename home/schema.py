"""The home app's GraphQL query: the home page, in a language."""

import graphene

from grapple.helpers import register_graphql_schema
from grapple.registry import registry
from wagtail.models import Site

from cms.graphql import batching
from cms.graphql.queries import preview_page
from cms.graphql.types import checked_arguments, get_locale, in_language, locale_argument
from cms.graphql.visibility import get_visibility

from .models import HomePage


@register_graphql_schema
@checked_arguments
class HomeQuery:
    home = graphene.Field(
        lambda: registry.pages[HomePage],
        description=(
            "The home page of the site the request is for (or of the default site), in the chosen language; "
            "or the draft a preview token is for."
        ),
        locale=locale_argument(),
        fallback=graphene.Argument(
            graphene.Boolean,
            default_value=False,
            description=(
                "With a `locale` other than the default language: the default language's home page when it has "
                "no published version in `locale`. Its `locale` says its language. Defaults to false."
            ),
        ),
        token=graphene.Argument(graphene.String, description="A preview token from the editor's preview."),
    )

    def resolve_home(self, info, locale=None, fallback=False, token=None):
        if token:
            return preview_page(token, info, HomePage)
        site = Site.find_for_request(info.context) or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        root = site.root_page
        pages = get_visibility(info).pages(HomePage.objects.filter(translation_key=root.translation_key))
        pages = in_language(pages, info, get_locale(info, locale), fallback)
        found = batching.group(pages[:1])
        return found[0] if found else None
