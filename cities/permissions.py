"""What a committee member may do in the admin, on top of Wagtail's group permissions.

A committee's members are the users of its group (cities/committees.py makes the group and its Wagtail
permissions: "change" on its city's profile, "add" on the stories section, its own collection). Wagtail's
rules then say almost everything; two things they cannot say are said here, in the page permission
tester that ``CityPage`` and ``StoryPage`` return from ``permissions_for_user`` (Wagtail's own hook for
rules per page type):

- a committee member edits every story *about their city*, whoever wrote it, and no other story, even
  one they wrote (Wagtail's "add" would let them edit any story they own, and no one else's);
- a committee member never deletes, moves or copies a city profile, and never moves a story (Wagtail's
  "change" would let them delete a city profile while it is a draft).

These rules apply only while the user's other groups (not committee groups) give no "change" on the page:
an editor of the program office who also sits on a committee keeps the program office's rights.
``StoryPageForm`` (cities/forms.py) adds the last rule: a committee member's story names their city.
"""

import dataclasses

from django.apps import apps
from django.contrib.auth.models import Group

from wagtail.models import PagePermissionTester
from wagtail.permissions import page_permission_policy

CACHE_ATTRIBUTE = "_committee_access"


@dataclasses.dataclass(frozen=True)
class CommitteeAccess:
    """The committees a user belongs to: their groups, and the translation keys of their cities' pages."""

    group_ids: frozenset = frozenset()
    city_keys: frozenset = frozenset()

    @property
    def is_member(self):
        return bool(self.group_ids)

    def city_names(self, locale_id):
        CityPage = apps.get_model("cities", "CityPage")
        pages = CityPage.objects.filter(translation_key__in=self.city_keys, locale_id=locale_id).order_by("title")
        return list(pages.values_list("title", flat=True))


def committee_access(user):
    """The user's committee access, read once per user object (one request) with two queries at most."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CommitteeAccess()
    if not hasattr(user, CACHE_ATTRIBUTE):
        group_ids = frozenset(Group.objects.filter(user=user, committees__isnull=False).values_list("pk", flat=True))
        city_keys = frozenset()
        if group_ids:
            CityPage = apps.get_model("cities", "CityPage")
            pages = CityPage.objects.filter(committee__group_id__in=group_ids)
            city_keys = frozenset(pages.values_list("translation_key", flat=True))
        setattr(user, CACHE_ATTRIBUTE, CommitteeAccess(group_ids, city_keys))
    return getattr(user, CACHE_ATTRIBUTE)


def forget_committee_access(user):
    """Drop the cached access (after the user's membership changed within one request or test)."""
    if hasattr(user, CACHE_ATTRIBUTE):
        delattr(user, CACHE_ATTRIBUTE)


def staff_actions(user, path, access):
    """The page actions ("add", "change", "publish", ...) the user's non-committee groups give at a tree path."""
    return {
        perm.permission.codename.rsplit("_", maxsplit=1)[0]
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
        if perm.group_id not in access.group_ids and path.startswith(perm.page.path)
    }


def committee_rules_apply(user, path):
    """True when the committee rules decide what the user may do with the page at this tree path."""
    if not user.is_active or user.is_superuser:
        return False
    access = committee_access(user)
    return access.is_member and "change" not in staff_actions(user, path, access)


class CommitteePagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with the committee rules for a page type that defines ``committee_may_edit``."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.committee_rules = committee_rules_apply(user, page.path)

    def committee_may_edit(self):
        raise NotImplementedError

    def committee_may_delete(self):
        return False

    def committee_may_copy(self):
        return False

    def can_edit(self):
        if not self.committee_rules:
            return super().can_edit()
        return self.user.is_active and not self.page_is_root and self.committee_may_edit()

    def can_delete(self, ignore_bulk=False):
        if not self.committee_rules:
            return super().can_delete(ignore_bulk=ignore_bulk)
        return self.committee_may_delete() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return False if self.committee_rules else super().can_move()

    def can_copy(self):
        if not self.committee_rules:
            return super().can_copy()
        return self.committee_may_copy() and self.can_edit()


class CityPagePermissionTester(CommitteePagePermissionTester):
    """A committee member edits their own city's profile (in every language), and does nothing else to it."""

    def committee_may_edit(self):
        return self.page.translation_key in committee_access(self.user).city_keys


class StoryPagePermissionTester(CommitteePagePermissionTester):
    """A committee member edits any story about their city; deletes and copies only as Wagtail's "add" allows."""

    def committee_may_edit(self):
        keys = committee_access(self.user).city_keys
        return any(city.translation_key in keys for city in self.page.cities.all())

    def committee_may_delete(self):
        # Wagtail's "add" then narrows it down to the member's own stories that were never published.
        return self.committee_may_edit()

    def committee_may_copy(self):
        # The copy is a new draft in the stories section, about the same city.
        return self.committee_may_edit()
