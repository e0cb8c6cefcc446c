"""Admin form widgets shared by the page types."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a filter box above them: type part of a name to show only the matching choices.

    For long lists (a story's cities) where a multiple select would need Ctrl-click. The filter only
    hides choices; ticked ones stay ticked. Without JavaScript the whole list shows, as plain checkboxes.
    The checkboxes are Django's own; templates/home/widgets/filterable_checkbox_select.html wraps them.
    """

    wrapper_template_name = "home/widgets/filterable_checkbox_select.html"
    filter_label = _("Filter the list")

    class Media:
        js = ["js/admin/choice-filter.js"]
        css = {"all": ["css/admin/choice-filter.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        choices = super().render(name, value, attrs, renderer)
        widget_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return render_to_string(
            self.wrapper_template_name, {"choices": choices, "widget_id": widget_id, "filter_label": self.filter_label}
        )
