"""The admin dashboard's panels: what the program office acts on, each item linking to where it is done.

``DashboardPanel`` is the shape every panel shares (a heading, a short explanation, a table of
items with links, an optional "see all" link); each panel says who may see it (``is_shown``) and
what it lists (``get_rows``), in a bounded number of SQL queries whatever the amount of content.
The cities' panels are in cities/dashboard.py; this module holds the translations panel, which
summarises the "Translations to do" report (home/reports.py: the same rule).
"""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy

from .reports import TRANSLATION_TASKS_PERMISSIONS, missing_translation_counts, out_of_date_translations


@dataclasses.dataclass
class Row:
    """One item of a panel: its title linking to where it is fixed, then its other cells (plain text)."""

    title: str
    url: str
    cells: list = dataclasses.field(default_factory=list)


class DashboardPanel(Component):
    """A dashboard panel: a heading, what it lists, a table of items; shown only to who can act on them."""

    template_name = "home/admin/dashboard_panel.html"
    name = ""
    heading = ""
    description = ""
    empty_message = _("Nothing to do here for now.")
    title_label = _("Title")
    columns = ()  # the labels of the cells after the title
    icon = "tasks"
    order = 150  # Wagtail's own panels are 100-300: ours come before its workflow panels (210, 220)

    def is_shown(self, user):
        raise NotImplementedError

    def get_rows(self, user):
        raise NotImplementedError

    def get_more_link(self, user, rows):
        """An optional (text, url) under the table, e.g. to a full list."""
        return None

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        rows = self.get_rows(user)
        return {
            "panel": self,
            "panel_id": f"dashboard-{self.name}",
            "rows": rows,
            "more_link": self.get_more_link(user, rows),
        }


def user_can_edit_pages(user):
    return page_permission_policy.user_has_any_permission(user, ["change", "publish"])


def pages_user_can_edit(user):
    """The pages this user may edit, as a queryset to filter by (a subquery: no query of its own)."""
    return page_permission_policy.instances_user_has_any_permission_for(user, ["change", "publish"]).values("pk")


class TranslationsPanel(DashboardPanel):
    """What has no version in another language yet, or is out of date: a summary of the report, per language."""

    name = "translations"
    heading = _("Translations to do")
    description = _("Pages and snippets with no version in a language yet, or whose translation is out of date.")
    empty_message = _("Everything is translated and up to date.")
    title_label = _("Language")
    columns = (_("To do"),)
    icon = "site"
    order = 160

    def is_shown(self, user):
        return page_permission_policy.user_has_any_permission(user, TRANSLATION_TASKS_PERMISSIONS)

    def get_rows(self, user):
        default = Locale.get_default()
        others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
        missing = missing_translation_counts(default, others)
        out_of_date = {}
        for task in out_of_date_translations(default):
            out_of_date[task.language] = out_of_date.get(task.language, 0) + 1
        report = reverse("translation_tasks_report")
        rows = []
        for locale in others:
            language = locale.get_display_name()
            parts = []
            if count := missing[locale.pk]:
                parts.append(
                    ngettext("%(count)d item has no version yet", "%(count)d items have no version yet", count)
                    % {"count": count}
                )
            if out_of_date.get(language):
                parts.append(
                    ngettext(
                        "%(count)d translation is out of date",
                        "%(count)d translations are out of date",
                        out_of_date[language],
                    )
                    % {"count": out_of_date[language]}
                )
            if parts:
                rows.append(Row(language, report, ["; ".join(parts)]))
        return rows

    def get_more_link(self, user, rows):
        return (_("Open the report: Translations to do"), reverse("translation_tasks_report"))
