"""Admin wiring: the snippets editors keep, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Committee, ExchangeType, ResourceCategory


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Committees")
    list_display = ["name", "chair", "contact_email", "live"]
    search_fields = ["name", "chair"]


class ExchangeTypeViewSet(SnippetViewSet):
    model = ExchangeType
    icon = "resubmit"
    menu_label = _("Exchange types")
    list_display = ["name", "slug", "sort_order"]


class ResourceCategoryViewSet(SnippetViewSet):
    model = ResourceCategory
    icon = "folder-open-inverse"
    menu_label = _("Resource categories")
    list_display = ["name", "slug"]


class SisterCitiesSnippets(SnippetViewSetGroup):
    items = (CommitteeViewSet, ExchangeTypeViewSet, ResourceCategoryViewSet)
    menu_icon = "site"
    menu_label = _("Sister cities")
    menu_name = "sister-cities"


register_snippet(SisterCitiesSnippets)
