"""The admin's page form, shared by every page type (``BasePage.base_form_class``)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


class BasePageForm(WagtailAdminPageForm):
    """Wagtail's page form; a slug taken by a draft that was never published offers to resume that draft.

    Wagtail autosaves a new page as soon as its form is valid: from then on it is a real page, an
    unpublished draft, holding its slug. An editor who closes the tab and starts the page again would
    be told only that the slug is already in use. The message now says which draft holds it and links
    to it, to carry on there (or delete it); a live page's slug is refused as before.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors and self.parent_page is not None:
            draft = self.abandoned_draft(self.data.get(self.add_prefix("slug"), ""))
            if draft is not None:
                self.errors["slug"] = self.error_class(
                    [
                        format_html(
                            _(
                                "An unpublished draft, “{title}”, already uses this slug: perhaps one saved "
                                "automatically during an earlier attempt. "
                                '<a href="{url}">Continue editing that draft</a>, or delete it, or choose another slug.'
                            ),
                            title=draft.get_admin_display_title(),
                            url=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                        )
                    ]
                )
        return cleaned_data

    def abandoned_draft(self, slug):
        """The sibling page with this slug if it has never been published, else None."""
        if not slug:
            return None
        siblings = self.parent_page.get_children().filter(slug=slug, live=False, first_published_at__isnull=True)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        return siblings.first()
