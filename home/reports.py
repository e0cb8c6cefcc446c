"""
The editors' translation to-do list: an admin report ("Reports › Translations to do").

In one place, for each language other than the default (English): the pages and text snippets
that have no version in that language yet, and the wagtail-localize translations whose English
source has changed since it was last synced. Each row links to where the work is done: the
Translate form for a missing version, "Sync translated pages" for an out-of-date one.

The translatable models are found at run time (``apps.get_models()`` and ``TranslatableMixin``),
so this module knows no app above ``home`` (tests/test_layers.py).
"""

import json
from dataclasses import dataclass

from wagtail_localize.models import Translation

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, RevisionMixin, TranslatableMixin
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import get_snippet_models

MISSING = _("No translation yet")
OUT_OF_DATE = _("Out of date: the source changed after the last sync")


@dataclass
class TranslationTask:
    """One row of the report: an item, a language, and what is to be done."""

    title: str
    kind: str
    language: str
    state: str
    edit_url: str
    action: str
    action_url: str


def translatable_snippet_models():
    """Snippet models with a version per language (exchange types, categories, committees, ...)."""
    snippets = set(get_snippet_models())
    return [model for model in apps.get_models() if issubclass(model, TranslatableMixin) and model in snippets]


def missing_translations(default, others):
    """Pages and snippets in the default language with no real version (not an alias) in each other language."""
    tasks = []
    for locale in others:
        translated = Page.objects.filter(locale=locale, alias_of__isnull=True).values("translation_key")
        pages = (
            Page.objects.filter(locale=default, depth__gt=1)
            .exclude(translation_key__in=translated)
            .specific(defer=True)
            .order_by("path")
        )
        tasks += [
            TranslationTask(
                title=page.get_admin_display_title(),
                kind=capfirst(page.specific_class._meta.verbose_name),
                language=locale.get_display_name(),
                state=MISSING,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                action=_("Translate"),
                action_url=reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            )
            for page in pages
        ]
        for model in translatable_snippet_models():
            translated = model.objects.filter(locale=locale).values("translation_key")
            for snippet in model.objects.filter(locale=default).exclude(translation_key__in=translated):
                meta = model._meta
                tasks.append(
                    TranslationTask(
                        title=str(snippet),
                        kind=capfirst(meta.verbose_name),
                        language=locale.get_display_name(),
                        state=MISSING,
                        edit_url=reverse(snippet.snippet_viewset.get_url_name("edit"), args=[snippet.pk]),
                        action=_("Translate"),
                        action_url=reverse(
                            "wagtail_localize:submit_snippet_translation",
                            args=[meta.app_label, meta.model_name, snippet.pk],
                        ),
                    )
                )
    return tasks


def source_changed_since_sync(source, instance):
    """Whether the source object was edited after wagtail-localize last extracted its content."""
    if isinstance(instance, Page):
        changed_at = instance.latest_revision_created_at
    elif isinstance(instance, RevisionMixin) and instance.latest_revision_id:
        changed_at = instance.latest_revision.created_at
    else:
        # No revisions to date the change: compare the content itself, as wagtail-localize's sync does.
        if isinstance(instance, ClusterableModel):
            current = instance.to_json()
        else:
            current = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
        return json.loads(current) != json.loads(source.content_json)
    return changed_at is not None and changed_at > source.last_updated_at


def out_of_date_translations(default):
    """wagtail-localize translations from the default language whose source changed since it was synced."""
    tasks = []
    translations = (
        Translation.objects.filter(enabled=True, source__locale=default)
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "target_locale__language_code")
    )
    for translation in translations:
        source = translation.source
        try:
            instance = source.get_source_instance()
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            # The source was deleted or the translated version not made yet: nothing to sync.
            continue
        if not source_changed_since_sync(source, instance):
            continue
        if isinstance(target, Page):
            edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
            kind = capfirst(target.specific_class._meta.verbose_name)
        else:
            edit_url = reverse(target.snippet_viewset.get_url_name("edit"), args=[target.pk])
            kind = capfirst(target._meta.verbose_name)
        tasks.append(
            TranslationTask(
                title=str(target.get_admin_display_title() if isinstance(target, Page) else target),
                kind=kind,
                language=translation.target_locale.get_display_name(),
                state=OUT_OF_DATE,
                edit_url=edit_url,
                action=_("Sync translations"),
                action_url=reverse("wagtail_localize:update_translations", args=[source.pk]),
            )
        )
    return tasks


class TranslationTasksReportView(ReportView):
    """What has no translation yet, and which translations are out of date, for every other language."""

    page_title = _("Translations to do")
    header_icon = "site"
    index_url_name = "translation_tasks_report"
    index_results_url_name = "translation_tasks_report_results"
    # Everyone who may edit pages may see what is left to translate.
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    list_export = ["title", "kind", "language", "state", "edit_url", "action_url"]
    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "language": _("Language"),
        "state": _("State"),
        "edit_url": _("Edit URL"),
        "action_url": _("Action URL"),
    }
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda task: task.edit_url),
        Column("kind", label=_("Type")),
        Column("language", label=_("Language")),
        Column("state", label=_("State")),
        TitleColumn("action", label=_("Action"), get_url=lambda task: task.action_url),
    ]

    def get_filename(self):
        return "translations-to-do"

    def get_queryset(self):
        default = Locale.get_default()
        others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
        return out_of_date_translations(default) + missing_translations(default, others)
