"""Admin forms of the cities' page types and snippets: a story's or a resource's choices, a committee's
members, and the city a committee member's story names."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from home.forms import BasePageForm

from .permissions import committee_access, committee_rules_apply


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


class CommitteeForm(WagtailAdminModelForm):
    """The committee snippet's form, with its members: the one place where committee membership is kept.

    Shown to administrators only (the panel asks for ``auth.change_group``). Membership is not content:
    it takes effect when the form is saved, draft or published, and has no revisions.
    """

    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The people who write for this committee. They can edit this city's profile and its stories, "
            "upload pictures and documents to the committee's collection, and send their work for review; "
            "the program office publishes it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "members" in self.fields:
            self.fields["members"].label_from_instance = _member_label
            group = self.instance.group if self.instance.pk else None
            if group is not None:
                self.initial.setdefault("members", list(group.user_set.values_list("pk", flat=True)))

    def save(self, commit=True):
        instance = super().save(commit=commit)
        # A new committee is saved (and given its group) before save_m2m; an existing one has it already.
        if instance.pk and instance.group_id:
            self._save_members(instance)
        return instance

    def _save_m2m(self):
        super()._save_m2m()
        self._save_members(self.instance)

    def _save_members(self, committee):
        if "members" not in self.fields or "members" not in self.cleaned_data:
            return
        committee.refresh_from_db(fields=["group"])
        if committee.group is not None:
            committee.group.user_set.set(self.cleaned_data["members"])


def _member_label(user):
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class StoryPageForm(ProgramPageForm):
    """A story's form: a committee member's story must name their committee's city (cities/permissions.py says why)."""

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        page_path = self.instance.path if self.instance.pk else self.parent_page.path
        if user is None or not committee_rules_apply(user, page_path):
            return cleaned_data
        keys = committee_access(user).city_keys
        cities = cleaned_data.get("cities") or []
        if not any(city.translation_key in keys for city in cities):
            names = committee_access(user).city_names(self.parent_page.locale_id)
            self.add_error(
                "cities",
                format_lazy(
                    _("Choose {cities} among the cities: committee members write stories about their own city."),
                    cities=", ".join(names) or _("your committee's city"),
                ),
            )
        return cleaned_data
