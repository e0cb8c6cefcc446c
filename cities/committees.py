"""Committees in the admin: each committee's group and collection, and the review of their work.

Each committee has a Django group (its members) and a collection (their pictures and documents), made
and kept in step by the signal handlers below, so that nobody sets permissions by hand:

- "change" on its city's profile, in every language (the CityPage whose committee it is);
- "add" on every stories section (StoryIndexPage): members write stories; cities/permissions.py lets
  them edit every story about their city, and no other;
- add, change and choose images and documents in its own collection; access to the admin.

No "publish" anywhere: members submit their work to the "Committee review" workflow, whose one task
the program office's group approves (``setup_committee_review``, run by ``load_demo`` and by
``manage.py setup_committee_review`` on a real site). Who is on a committee is kept on the committee's
own edit form (cities/forms.py), the group shows it too.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CityIndexPage, CityPage, Committee, StoryIndexPage

COMMITTEES_COLLECTION = "Committees"
PROGRAM_OFFICE = "Program office"
REVIEW_WORKFLOW = "Committee review"
REVIEW_TASK = "Program office review"
MEDIA_ACTIONS = (("wagtailimages", "image"), ("wagtaildocs", "document"))
COMMITTEE_MEDIA_ACTIONS = ("add", "change", "choose")
PROGRAM_OFFICE_MEDIA_ACTIONS = ("add", "change", "choose", "delete")
PROGRAM_OFFICE_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(action):
    return _permission("wagtailcore", f"{action}_page")


def _admin_access():
    return _permission("wagtailadmin", "access_admin")


def _name(committee):
    """The name the group and collection carry: the committee's in the default language if it has one."""
    source = (
        Committee.objects.filter(translation_key=committee.translation_key, locale=Locale.get_default()).first()
        or committee
    )
    return source.name[:150]  # Group.name's length


def sync_committee(committee):
    """Make the committee's group and collection, or bring them up to date with the committee and its city."""
    siblings = Committee.objects.filter(translation_key=committee.translation_key)
    linked = siblings.exclude(group=None).select_related("group", "collection").first()
    name = _name(committee)
    group = linked.group if linked else None
    if group is None:
        # A group of that name left by a deleted committee is taken over; one of another committee is not.
        group = Group.objects.filter(name=name, committees=None).first() or Group.objects.create(
            name=_free_group_name(name)
        )
    elif group.name != name and not Group.objects.filter(name=name).exclude(pk=group.pk).exists():
        group.name = name
        group.save(update_fields=["name"])
    collection = linked.collection if linked and linked.collection_id else _committee_collection(name)
    if collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    siblings.exclude(group=group, collection=collection).update(group=group, collection=collection)
    committee.group, committee.collection = group, collection

    group.permissions.add(_admin_access())
    for app_label, model in MEDIA_ACTIONS:
        for action in COMMITTEE_MEDIA_ACTIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model}")
            )
    change, add = _page_permission("change"), _page_permission("add")
    cities = CityPage.objects.filter(committee__in=siblings)
    GroupPagePermission.objects.filter(group=group, permission=change).exclude(page__in=cities).delete()
    for page in cities:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=change)
    for index in StoryIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=add)
    return group


def _free_group_name(name):
    taken = set(Group.objects.filter(name__startswith=name[:140]).values_list("name", flat=True))
    number, candidate = 1, name
    while candidate in taken:
        number += 1
        candidate = f"{name[:140]} ({number})"
    return candidate


def _committee_collection(name):
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=COMMITTEES_COLLECTION).first() or root.add_child(
        name=COMMITTEES_COLLECTION
    )
    return parent.get_children().filter(name=name).first() or parent.add_child(name=name)


def sync_city_page(page):
    """Give the city's committee "change" on its profile, and take it from any other committee."""
    change = _page_permission("change")
    group_id = page.committee.group_id if page.committee_id else None
    others = GroupPagePermission.objects.filter(page=page, permission=change, group__committees__isnull=False)
    others.exclude(group_id=group_id).delete()
    if group_id is not None:
        GroupPagePermission.objects.get_or_create(group_id=group_id, page=page, permission=change)


@receiver(post_save, sender=Committee)
def committee_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_committee(instance)


@receiver(post_delete, sender=Committee)
def committee_deleted(sender, instance, **kwargs):
    """The last version of a committee gone, its members lose their access: the group goes (the files stay)."""
    group_id = instance.group_id
    if group_id and not Committee.objects.filter(group_id=group_id).exists():
        Group.objects.filter(pk=group_id).delete()


@receiver(post_save, sender=CityPage)
def city_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "committee" not in update_fields):
        return
    sync_city_page(instance)


@receiver(post_save, sender=StoryIndexPage)
def story_index_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        add = _page_permission("add")
        for group in Group.objects.filter(committees__isnull=False).distinct():
            GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=add)


# --- The review: committees submit, the program office approves (and so publishes) -----------------


def setup_committee_review():
    """The "Program office" group and the "Committee review" workflow on every city and stories section.

    Idempotent: run it again after adding a language or a section. Returns (group, workflow).
    """
    office, _created = Group.objects.get_or_create(name=PROGRAM_OFFICE)
    office.permissions.add(_admin_access())
    for home in Page.objects.filter(depth=2):
        for action in PROGRAM_OFFICE_PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(group=office, page=home, permission=_page_permission(action))
    root = Collection.get_first_root_node()
    for app_label, model in MEDIA_ACTIONS:
        for action in PROGRAM_OFFICE_MEDIA_ACTIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=office, collection=root, permission=_permission(app_label, f"{action}_{model}")
            )

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([office])
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for section in [*CityIndexPage.objects.all(), *StoryIndexPage.objects.all()]:
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return office, workflow
