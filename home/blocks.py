"""StreamField blocks shared by every page type's body."""

from django.utils.translation import gettext_lazy as _

from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLString
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.graphql import fields as api

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


@register_streamfield_block
class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(
        max_length=120,
        help_text=_("The heading's words. Keep it short: it should read like a signpost."),
    )
    size = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading")), ("h4", _("Minor heading"))],
        default="h2",
        help_text=_("Use section headings for the main parts of the page, sub-headings inside them."),
    )

    graphql_fields = [GraphQLString("heading_text", required=True), GraphQLString("size", required=True)]

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        graphql_description = "A heading that starts a section of the page."


@register_streamfield_block
class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text=_("The image's alt text (set in the image library) is read to blind visitors."))
    caption = blocks.CharBlock(required=False, max_length=250, help_text=_("Optional words shown under the image."))

    graphql_fields = [api.Image("image"), GraphQLString("caption")]

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        graphql_description = "An image with an optional caption."


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text=_("The quotation itself, without quotation marks."))
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Who said it, and their role, e.g. 'Mayor of Nagoya'.")
    )

    graphql_fields = [GraphQLString("text", required=True), GraphQLString("attribution")]

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        graphql_description = "A quotation and who said it."


@register_streamfield_block
class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text=_("A page on this site. Only published pages are shown to visitors."))
    link_text = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Words for the link. Leave empty to use the page's title.")
    )

    graphql_fields = [api.Page("page"), GraphQLString("link_text")]

    class Meta:
        icon = "link"
        template = "blocks/page_link_block.html"
        graphql_description = "A link to a page of the site (null when the page is not published)."


@register_streamfield_block
class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text=_("A file from the document library, such as a PDF."))
    link_text = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Words for the link. Leave empty to use the document's title.")
    )

    graphql_fields = [api.Document("document"), GraphQLString("link_text")]

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        graphql_description = "A link to a document (null when the document is private)."


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every page: text, headings, pictures, quotes, links and embeds."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    page_link = PageLinkBlock()
    document_link = DocumentLinkBlock()
    embed = EmbedBlock(
        help_text=_("Paste the address of a YouTube or Vimeo video, or another page that can be embedded."),
        icon="media",
        template="blocks/embed_block.html",
    )
