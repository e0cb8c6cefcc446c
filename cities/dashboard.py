"""The program office's dashboard panels (home/dashboard.py has their shape and the translations panel).

Each lists what someone can act on, linking to where it is done, in a bounded number of SQL
queries: visitors' suggestions waiting for review, anniversaries in the next twelve months,
partnerships with no story for two years, city profiles not updated for a year. The page panels
list only the pages the user may edit, and are hidden from users who may edit none.
"""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from home import clock
from home.dashboard import DashboardPanel, Row, pages_user_can_edit, user_can_edit_pages

from .choices import Status
from .models import CityPage, ResourceSubmission, StoryPage
from .models.cities import same_day_in


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Suggestions come from visitors, through the public form: nobody adds one in the admin.

    Reviewing one (making a draft of it, rejecting it) needs the permission to change suggestions.
    """

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action != "add"]
        return bool(actions) and super().user_has_any_permission(user, actions)


SUBMISSION_PERMISSIONS = SubmissionPermissionPolicy(ResourceSubmission)

# How many suggestions the panel lists; the rest are one click away in the full list.
SUGGESTIONS_SHOWN = 10


class SuggestionsPanel(DashboardPanel):
    """Visitors' resource suggestions waiting for review, oldest first."""

    name = "resource-suggestions"
    heading = _("Resource suggestions to review")
    description = _("Resources visitors suggested. Open one to make a draft resource of it, or to reject it.")
    empty_message = _("No suggestion is waiting for review.")
    columns = (_("Submitted"), _("Category"))
    icon = "form"
    order = 110

    def is_shown(self, user):
        return SUBMISSION_PERMISSIONS.user_has_permission(user, "change")

    def waiting(self):
        return ResourceSubmission.objects.filter(status=ResourceSubmission.Status.NEW)

    def get_rows(self, user):
        suggestions = self.waiting().select_related("category").order_by("submitted_at", "pk")[:SUGGESTIONS_SHOWN]
        return [
            Row(
                suggestion.title,
                reverse("resource_suggestions:edit", args=[suggestion.pk]),
                [date_format(localtime(suggestion.submitted_at), "DATE_FORMAT"), str(suggestion.category or "")],
            )
            for suggestion in suggestions
        ]

    def get_more_link(self, user, rows):
        if len(rows) < SUGGESTIONS_SHOWN:
            return None
        count = self.waiting().count()
        text = ngettext(
            "See all %(count)d suggestion waiting for review", "See all %(count)d suggestions waiting for review", count
        ) % {"count": count}
        return (text, reverse("resource_suggestions:index") + f"?status={ResourceSubmission.Status.NEW}")


class CityPagesPanel(DashboardPanel):
    """A panel of city profiles: those in the default language the user may edit; hidden from who may edit none."""

    title_label = _("City")

    def is_shown(self, user):
        return user_can_edit_pages(user)

    def cities(self, user):
        return CityPage.objects.filter(locale=Locale.get_default(), pk__in=pages_user_can_edit(user))

    @staticmethod
    def row(city, *cells):
        """A city's row: its title linking to its edit view, then the cells."""
        return Row(city.get_admin_display_title(), reverse("wagtailadmin_pages:edit", args=[city.pk]), list(cells))


class AnniversariesPanel(CityPagesPanel):
    """Partnerships reaching a round-number anniversary (every fifth year) in the next twelve months."""

    name = "anniversaries"
    heading = _("Anniversaries in the next twelve months")
    description = _("Partnerships reaching a fifth, tenth, fifteenth... year: time to plan a story or an event.")
    empty_message = _("No anniversary in the next twelve months.")
    columns = (_("Anniversary"), _("When"))
    icon = "calendar"
    order = 120

    def get_rows(self, user):
        today = clock.today()
        cities = self.cities(user).filter(year_established__isnull=False)
        cities = cities.only("id", "title", "draft_title", "year_established", "agreement_date")
        upcoming = [(city, city.upcoming_anniversary(today)) for city in cities]
        upcoming = [(city, anniversary) for city, anniversary in upcoming if anniversary]
        upcoming.sort(key=lambda pair: (pair[1].year, pair[1].date or today, pair[0].title))
        return [
            self.row(
                city,
                ngettext("%(age)d year", "%(age)d years", anniversary.age) % {"age": anniversary.age},
                date_format(anniversary.date, "DATE_FORMAT")
                if anniversary.date
                else _("In %(year)d (the day is not known)") % {"year": anniversary.year},
            )
            for city, anniversary in upcoming
        ]


class QuietPartnershipsPanel(CityPagesPanel):
    """Active partnerships with no published story dated in the last two years."""

    name = "quiet-partnerships"
    heading = _("Partnerships with no story for two years")
    description = _("Active partnerships with no published story dated in the last two years.")
    empty_message = _("Every active partnership has a recent story.")
    columns = (_("Latest story"),)
    icon = "doc-full"
    order = 130

    def get_rows(self, user):
        today = clock.today()
        since = same_day_in(today, today.year - 2)
        published = StoryPage.objects.filter(live=True, cities=OuterRef("pk"))
        cities = (
            self.cities(user)
            .filter(status=Status.ACTIVE)
            .exclude(story_pages__in=StoryPage.objects.filter(live=True, date__gte=since))
            .annotate(latest_story=Subquery(published.newest_first().values("date")[:1]))
            .only("id", "title", "draft_title")
            .order_by("title")
        )
        return [
            self.row(city, date_format(city.latest_story, "DATE_FORMAT") if city.latest_story else _("None yet"))
            for city in cities
        ]


class StaleProfilesPanel(CityPagesPanel):
    """Published city profiles not published again for more than a year, oldest first."""

    name = "stale-city-profiles"
    heading = _("City profiles not updated for a year")
    description = _("Published city profiles last published more than a year ago: check that the facts still hold.")
    empty_message = _("Every city profile was updated in the last year.")
    columns = (_("Last published"),)
    icon = "history"
    order = 140

    def get_rows(self, user):
        today = clock.today()
        cities = (
            self.cities(user)
            .filter(live=True, last_published_at__date__lt=same_day_in(today, today.year - 1))
            .only("id", "title", "draft_title", "last_published_at")
            .order_by("last_published_at", "title")
        )
        return [self.row(city, date_format(localtime(city.last_published_at), "DATE_FORMAT")) for city in cities]


PANELS = (SuggestionsPanel, AnniversariesPanel, QuietPartnershipsPanel, StaleProfilesPanel)
