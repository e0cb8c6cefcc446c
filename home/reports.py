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
from collections import defaultdict
from dataclasses import dataclass

from wagtail_localize.models import Translation

from django.apps import apps
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
# Everyone who may edit pages may see what is left to translate (the report and its dashboard panel).
TRANSLATION_TASKS_PERMISSIONS = ["add", "change", "publish"]
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


def untranslated_pages(default, locale):
    """Pages in the default language with no real version (not an alias) in ``locale``, in tree order."""
    translated = Page.objects.filter(locale=locale, alias_of__isnull=True).values("translation_key")
    return Page.objects.filter(locale=default, depth__gt=1).exclude(translation_key__in=translated).order_by("path")


def untranslated_snippets(model, default, locale):
    """Snippets of ``model`` in the default language with no version in ``locale``."""
    translated = model.objects.filter(locale=locale).values("translation_key")
    return model.objects.filter(locale=default).exclude(translation_key__in=translated)


def missing_translation_counts(default, others):
    """How many pages and snippets have no version in each other language: {locale pk: count}.

    The report's rule (``missing_translations``), counted: one query per language and translatable model.
    """
    models = translatable_snippet_models()
    return {
        locale.pk: untranslated_pages(default, locale).count()
        + sum(untranslated_snippets(model, default, locale).count() for model in models)
        for locale in others
    }


def missing_translations(default, others):
    """Pages and snippets in the default language with no real version (not an alias) in each other language."""
    tasks = []
    for locale in others:
        pages = untranslated_pages(default, locale).specific(defer=True)
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
            for snippet in untranslated_snippets(model, default, locale):
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


def load_sources_and_targets(translations, default):
    """The source and translated objects of these translations: {(translation key, locale pk): object}.

    One query per translatable model, whatever the number of translations (what
    ``TranslationSource.get_source_instance`` and ``Translation.get_target_instance`` do one by one).
    """
    by_model = defaultdict(list)
    for translation in translations:
        by_model[translation.source.specific_content_type.model_class()].append(translation)
    objects = {}
    for model, group in by_model.items():
        if model is None:  # a model removed from the code since
            continue
        found = model._default_manager.filter(
            translation_key__in={translation.source.object_id for translation in group},
            locale_id__in={default.pk} | {translation.target_locale_id for translation in group},
        )
        if not issubclass(model, Page) and issubclass(model, RevisionMixin):
            found = found.select_related("latest_revision")
        objects.update(((instance.translation_key, instance.locale_id), instance) for instance in found)
    return objects


def out_of_date_translations(default):
    """wagtail-localize translations from the default language whose source changed since it was synced."""
    tasks = []
    translations = list(
        Translation.objects.filter(enabled=True, source__locale=default)
        .select_related("source", "source__specific_content_type", "target_locale")
        .order_by("source__object_repr", "target_locale__language_code")
    )
    objects = load_sources_and_targets(translations, default)
    for translation in translations:
        source = translation.source
        instance = objects.get((source.object_id, source.locale_id))
        target = objects.get((source.object_id, translation.target_locale_id))
        if instance is None or target is None:
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
    permission_policy = page_permission_policy
    any_permission_required = TRANSLATION_TASKS_PERMISSIONS
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
