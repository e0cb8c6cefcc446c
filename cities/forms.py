"""Admin forms of the cities' page types."""

from home.forms import BasePageForm


class ProgramPageForm(BasePageForm):
    """A story's or a resource's form: its cities and kinds of exchange offered in the page's language.

    Cities are listed by name (the checkboxes' filter box, home/widgets.py, finds one by typing);
    kinds of exchange in the editors' order. Another language's versions are not offered: a
    Spanish story points to the Spanish cities, as wagtail-localize's translations do.
    """

    ORDER = {"cities": ("title", "pk"), "exchange_types": ("sort_order", "name", "pk")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, order in self.ORDER.items():
            field = self.fields.get(name)
            if field is None:
                continue
            choices = field.queryset.order_by(*order)
            if self.instance.locale_id:
                choices = choices.filter(locale_id=self.instance.locale_id)
            field.queryset = choices
