"""The admin's endpoint form: choices as tick boxes, the URL checked against addresses.py."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .addresses import UnsafeAddress, resolve
from .models import EVENT_CHOICES, OBJECT_TYPE_CHOICES


class EndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which kinds of change the partner is told about."),
    )
    object_types = forms.MultipleChoiceField(
        label=_("Content types"),
        choices=OBJECT_TYPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which kinds of content the partner is told about. 'Page' is any other page (home, sections)."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Changes to content in these languages only."),
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except UnsafeAddress as error:
            raise forms.ValidationError(str(error)) from error
        return url

    def save(self, commit=True):
        endpoint = self.instance
        if "active" in self.changed_data and endpoint.pk:
            if endpoint.active:
                endpoint.resume()
            else:
                endpoint.paused_reason = str(_("Paused by an administrator."))
                endpoint.paused_at = timezone.now()
        return super().save(commit=commit)
