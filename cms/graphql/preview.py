"""
Headless preview: an external site renders a draft through a token.

"Preview" in Wagtail's editor (the "External site" mode) stores the draft and
opens the external site with a token (wagtail-headless-preview). The site
passes the token to a single-page query (``page``, ``city``, ``story``, ...),
which returns the draft of that page and nothing else:

- the token is signed and expires after GRAPHQL_API["PREVIEW_TOKEN_MAX_AGE"]
  seconds (wagtail-headless-preview's own tokens never expire);
- it names one page and one page type: a token for a story does not open a city;
- what the draft points to (cities, images, the committee, its parent...) is
  still shown only when visitors may see it;
- the draft and its inline rows (gallery images, sources...) have ids of their
  own, ``preview-<id>``, so that a client's cache never mixes the draft up with
  the live page (``interfaces.resolve_id``).

This module does not import grapple, so that models can use the mixin.
"""

from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from django.core.signing import BadSignature, SignatureExpired

from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from .conf import api_setting

PREVIEW_ID_PREFIX = "preview-"

HEADLESS_PREVIEW_MODE = "external"


class PreviewTokenError(Exception):
    """The token is malformed, forged, for another page type, or expired."""


class HeadlessPreviewable(HeadlessPreviewMixin):
    """
    For page models: Wagtail's usual preview, plus an "External site" preview mode
    that hands a draft to the external site through an expiring token.
    """

    @property
    def preview_modes(self):
        return [*Page.DEFAULT_PREVIEW_MODES, (HEADLESS_PREVIEW_MODE, "External site")]

    def serve_preview(self, request, mode_name):
        if mode_name == HEADLESS_PREVIEW_MODE:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return Page.serve_preview(self, request, mode_name)

    @classmethod
    def get_page_from_preview_token(cls, token):
        """The draft the token was issued for, if it is valid, unexpired and of this page type."""
        return page_from_token(token, cls)


def page_from_token(token, model=Page):
    """
    The page (an unsaved copy holding the draft) a preview token was issued for.

    Raises PreviewTokenError when the token is invalid, expired, or for a page
    that is not a ``model``; returns None when the preview was cleared.
    """
    signer = HeadlessPreviewMixin.get_preview_signer()
    try:
        signer.unsign(token, max_age=api_setting("PREVIEW_TOKEN_MAX_AGE"))
    except SignatureExpired as error:
        raise PreviewTokenError("This preview token has expired: preview the page again from the editor.") from error
    except BadSignature as error:
        raise PreviewTokenError("This preview token is not valid.") from error
    preview = PagePreview.objects.filter(token=token).select_related("content_type").first()
    if preview is None:
        return None
    page_model = preview.content_type.model_class()
    if page_model is None or not issubclass(page_model, model):
        raise PreviewTokenError(f"This preview token is for a {page_model.__name__ if page_model else 'deleted'} page.")
    page = preview.as_page()
    # The only object the visibility rules let through without being live and public.
    page._graphql_preview = True
    mark_preview_ids(page)
    return page


def mark_preview_ids(page):
    """
    Give the draft and its inline rows the ids a client sees: ``preview-<pk>``, or
    ``preview-new`` (``preview-new-<position>`` for a row) when not saved yet.
    """
    page._graphql_preview_id = f"{PREVIEW_ID_PREFIX}{page.pk if page.pk is not None else 'new'}"
    for relation in get_all_child_relations(type(page)):
        rows = getattr(page, relation.get_accessor_name()).all()
        for position, row in enumerate(rows):
            row._graphql_preview_id = f"{PREVIEW_ID_PREFIX}{row.pk if row.pk is not None else f'new-{position}'}"
