"""What a page may show of what it points to: the visibility rules of cms/visibility.py, in templates.

The website follows the API's rules (one Visibility per request, shared with the API): an image
or a document in a private collection is never shown, nor is a rendition of it ever made; a link
to a page visitors may not see keeps its words and loses its link.

    {% load visibility_tags %}
    {% visible page.hero_image as hero %}{% if hero %}{% image hero fill-480x270 %}{% endif %}
    {% visible value.page as target %}
    {% public_richtext value %}
"""

from django import template
from django.utils.safestring import mark_safe

from wagtail.rich_text import RichText, expand_db_html

from cms.visibility import for_request

register = template.Library()


def visibility(context):
    return for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def visible(context, obj):
    """The page, image, document or snippet when visitors may see it, else None."""
    return visibility(context).visible(obj)


@register.simple_tag(takes_context=True)
def public_richtext(context, value):
    """Rich text as HTML, without links to hidden pages or documents (their words stay) nor private images."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return mark_safe(expand_db_html(visibility(context).clean_rich_text(source, drop_links=True)))  # noqa: S308
