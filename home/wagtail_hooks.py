"""Wagtail hooks: serving public pages; the admin's translation to-do report and image texts per language."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import page_permission_policy

from cms import locales
from cms.visibility import for_request

from .dashboard import TranslationsPanel
from .languages import current_language
from .models import ImageText
from .reports import TranslationTasksReportView


@hooks.register("before_serve_page")
def serve_only_pages_that_are_due(page, request, serve_args, serve_kwargs):
    """A page published for later, or past its expiry date, is not served before the scheduler catches up.

    Wagtail serves any page whose ``live`` flag is set; the API (and every list on the site)
    also waits for ``go_live_at`` and stops at ``expire_at`` (cms/visibility.py). Restricted
    pages are left to Wagtail's own password and login checks.
    """
    if not for_request(request).is_live(page):
        raise Http404


@hooks.register("before_serve_page")
def serve_pages_only_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page is served only under its own language's prefix: never English content labelled Spanish.

    Wagtail routes ``/es/...`` through the Spanish home page's tree, where a page with no Spanish
    version is not found; while there is no Spanish home page at all it falls back to the
    English tree, and would serve English pages as ``/es/`` ones. Both answer 404 here, the same
    rule: a page that does not exist in the requested language does not exist at that URL. The
    language switcher (home/languages.py) never links to one: it leads to the nearest page that
    has a version in that language.
    """
    locale = locales.for_language(current_language())  # the request's memo: no query of its own
    if locale is None or page.locale_id != locale.pk:
        raise Http404
    page.locale = locale  # the same row: what the page's templates read of it costs no query


@hooks.register("register_admin_urls")
def register_translation_tasks_report_urls():
    return [
        path("reports/translations-to-do/", TranslationTasksReportView.as_view(), name="translation_tasks_report"),
        path(
            "reports/translations-to-do/results/",
            TranslationTasksReportView.as_view(results_only=True),
            name="translation_tasks_report_results",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    """The dashboard's summary of the "Translations to do" report."""
    panels.append(TranslationsPanel())


class TranslationTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_translation_tasks_report_menu_item():
    return TranslationTasksMenuItem(
        _("Translations to do"),
        reverse("translation_tasks_report"),
        name="translations-to-do",
        icon_name="site",
        order=8900,
    )


class ImageTextViewSet(ModelViewSet):
    """Editors give an image its alt text and credit in Spanish; the file stays one."""

    model = ImageText
    icon = "pilcrow"  # "Images" has "image"
    menu_label = _("Image texts")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["image", "locale", "alt_text"]
    list_filter = ["locale"]
    search_fields = ["alt_text", "image__title"]
    panels = ImageText.panels


@hooks.register("register_admin_viewset")
def register_image_text_viewset():
    return ImageTextViewSet("image_texts")


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    """The account page's link to two-factor sign-in (cms/two_factor.py)."""
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from an authenticator app after your password."),
    }
