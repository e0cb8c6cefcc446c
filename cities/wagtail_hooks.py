"""Admin wiring: the snippets editors keep, grouped under one menu item, and the review of visitors' suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import dashboard, seo
from .dashboard import SUBMISSION_PERMISSIONS
from .models import Committee, ExchangeType, ResourceCategory, ResourceSubmission, StoryIndexPage, StoryPage


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Committees")
    list_display = ["name", "chair", "contact_email", "live"]
    search_fields = ["name", "chair"]


class ExchangeTypeViewSet(SnippetViewSet):
    model = ExchangeType
    icon = "resubmit"
    menu_label = _("Kinds of exchange")
    list_display = ["name", "slug", "sort_order"]


class ResourceCategoryViewSet(SnippetViewSet):
    model = ResourceCategory
    icon = "folder-open-inverse"
    menu_label = _("Resource categories")
    list_display = ["name", "slug"]


class SisterCitiesSnippets(SnippetViewSetGroup):
    items = (CommitteeViewSet, ExchangeTypeViewSet, ResourceCategoryViewSet)
    menu_icon = "globe"  # "Reports" has "site"
    menu_label = _("Sister cities")
    menu_name = "sister-cities"


register_snippet(SisterCitiesSnippets)


# --- Visitors' resource suggestions: reviewed here, turned into drafts or rejected -----------------


class SubmissionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + review_buttons(instance, self.request.user, MenuItem)


class SubmissionEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons + review_buttons(self.object, self.request.user, Button)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = self.object
        return context


def review_buttons(submission, user, button_class):
    """The review actions an open suggestion offers, or a link to the draft made from it."""
    if submission.resource_page_id:
        return [
            button_class(
                _("Edit the draft resource"),
                url=reverse("wagtailadmin_pages:edit", args=[submission.resource_page_id]),
                icon_name="doc-empty-inverse",
                priority=5,
            )
        ]
    if not submission.is_open or not SUBMISSION_PERMISSIONS.user_has_permission(user, "change"):
        return []
    return [
        button_class(
            _("Create a draft resource"),
            url=reverse("resource_suggestions:draft", args=[submission.pk]),
            icon_name="doc-empty-inverse",
            priority=5,
        ),
        button_class(
            _("Reject"),
            url=reverse("resource_suggestions:reject", args=[submission.pk]),
            icon_name="cross",
            priority=6,
        ),
    ]


class ReviewSubmissionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then do one review action: turn a suggestion into a draft ResourcePage, or reject it.

    GET shows what will happen; only POST changes anything. The draft is never published here.
    """

    permission_policy = SUBMISSION_PERMISSIONS
    permission_required = "change"
    template_name = "cities/admin/review_submission.html"
    header_icon = "form"
    action = "draft"  # or "reject"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(ResourceSubmission, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Create a draft resource") if self.action == "draft" else _("Reject the suggestion")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("resource_suggestions:index"), "label": ResourceSubmission._meta.verbose_name_plural},
            {"url": reverse("resource_suggestions:edit", args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.object.get_parent_page()
        context.update(submission=self.object, action=self.action, parent=parent)
        return context

    def get(self, request, *args, **kwargs):
        if not self.object.is_open:
            return self._already_reviewed(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.object.is_open:
            return self._already_reviewed(request)
        if self.action == "reject":
            self.object.reject(request.user)
            messages.success(request, _("Suggestion '%(title)s' rejected.") % {"title": self.object.title})
            return redirect("resource_suggestions:index")
        parent = self.object.get_parent_page()
        if parent is None:
            messages.error(request, _("There is no resources page to put the draft under: create one first."))
            return redirect("resource_suggestions:edit", self.object.pk)
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        if self.object.category_id is None:
            messages.error(request, _("Choose a category for the suggestion first, then create the draft."))
            return redirect("resource_suggestions:edit", self.object.pk)
        try:
            page = self.object.create_draft(parent.specific, request.user)
        except ValidationError as error:
            messages.error(
                request, _("The draft could not be created: %(error)s") % {"error": "; ".join(error.messages)}
            )
            return redirect("resource_suggestions:edit", self.object.pk)
        messages.success(
            request,
            _("Draft resource '%(title)s' created. Check it, then publish it or send it for moderation.")
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    def _already_reviewed(self, request):
        messages.warning(request, _("This suggestion has already been reviewed."))
        return redirect("resource_suggestions:edit", self.object.pk)


class ResourceSubmissionViewSet(ModelViewSet):
    model = ResourceSubmission
    name = "resource_suggestions"
    icon = "form"
    menu_label = _("Resource suggestions")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    list_display = [
        "title",
        "category",
        "city",
        "submitter_name",
        DateColumn("submitted_at", label=_("Submitted")),
        StatusTagColumn("get_status_display", label=_("Status"), primary=lambda obj: obj.is_open),
    ]
    list_filter = ["status", "category"]
    search_fields = ["title", "description", "submitter_name", "submitter_email"]
    form_fields = [
        "title",
        "link_url",
        "description",
        "category",
        "city",
        "submitter_name",
        "submitter_email",
        "staff_note",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True
    permission_policy = SUBMISSION_PERMISSIONS  # no "Add" button: only visitors suggest

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # Django 6's default, and what visitors mean
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "add"),
            path("draft/<int:pk>/", ReviewSubmissionView.as_view(action="draft"), name="draft"),
            path("reject/<int:pk>/", ReviewSubmissionView.as_view(action="reject"), name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_resource_submission_viewset():
    return ResourceSubmissionViewSet()


@hooks.register("construct_homepage_panels")
def add_program_panels(request, panels):
    """The program office's panels (cities/dashboard.py); each hides itself from who cannot act on it."""
    panels.extend(panel() for panel in dashboard.PANELS)


# --- What the shared pages (home/) show of cities and stories: home asks through these hooks -----
@hooks.register("home_page_context")
def latest_stories(page, visibility, limit=6):
    """The home page's latest stories in its language, newest first, and the stories section they are in."""
    stories = StoryPage.objects.filter(locale_id=page.locale_id).visible_to(visibility).select_related("hero_image")
    return {
        "latest_stories": stories.prefetch_related("hero_image__renditions").newest_first()[:limit],
        "story_index": StoryIndexPage.in_language(page.locale_id, visibility),
    }


@hooks.register("site_feeds")
def story_feeds(page, locale, visibility):
    """The all-stories feeds in this language, if there is a stories section, for every page's <head>."""
    index = StoryIndexPage.in_language(locale.pk, visibility)
    if index is None:
        return None
    return {"title": index.title, **index.feed_urls()}


hooks.register("structured_data", seo.describe)
