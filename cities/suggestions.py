"""The public form on which visitors suggest a resource ("Have a useful resource to add to our list?").

A suggestion is stored as a ResourceSubmission for staff to review in the admin, who are told
by email; nothing reaches the public site until staff turn it into a draft page and publish
that. Spam is kept out by a honeypot field that people never see and a limit on suggestions
per address per hour, counted in the database (SuggestionAttempt), so that it holds when Redis
is down.
"""

import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from cms.client import client_address
from cms.site_address import absolute
from home.models import SiteSettings
from home.routes import serves

from .models import CityPage, ResourceCategory, ResourceIndexPage, ResourceSubmission, SuggestionAttempt

logger = logging.getLogger(__name__)

# The allowance per address is settings.RESOURCE_SUGGESTIONS_PER_HOUR (cms/settings/base.py), per period:
RATE_PERIOD = 60 * 60
HONEYPOT_FIELD = "homepage"


class ResourceSuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the resource"),
        max_length=200,
        error_messages={
            "required": _("Enter the title of the resource."),
            "max_length": _("Keep the title to %(limit_value)d characters or fewer (it has %(show_value)d)."),
        },
    )
    link_url = forms.URLField(
        label=_("Web address (link)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where we can find it, for example https://www.example.org/guide"),
        error_messages={
            "required": _("Enter the web address of the resource."),
            "invalid": _("Enter a web address in the right form, like https://www.example.org/guide"),
            "max_length": _("Keep the web address to %(limit_value)d characters or fewer."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What it is and who will find it useful, in a sentence or two."),
        error_messages={
            "required": _("Describe the resource in a sentence or two."),
            "min_length": _("Tell us a little more: at least %(limit_value)d characters (you wrote %(show_value)d)."),
            "max_length": _("Keep the description to %(limit_value)d characters or fewer (it has %(show_value)d)."),
        },
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ResourceCategory.objects.none(),
        empty_label=_("Choose a category"),
        error_messages={
            "required": _("Choose the category the resource belongs under."),
            "invalid_choice": _("Choose one of the categories in the list."),
        },
    )
    city = forms.ModelChoiceField(
        label=_("Related partner city (optional)"),
        queryset=CityPage.objects.none(),
        required=False,
        empty_label=_("None in particular"),
        error_messages={"invalid_choice": _("Choose one of the cities in the list, or none.")},
    )
    submitter_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Keep your name to %(limit_value)d characters or fewer."),
        },
    )
    submitter_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("Only to reply about your suggestion. It is never shown on the site."),
        error_messages={
            "required": _("Enter your email address, so that we can reply."),
            "invalid": _("Enter an email address in the right form, like name@example.com"),
        },
    )
    # The honeypot: hidden from people (and from assistive technology), filled in by bots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = ResourceCategory.objects.all()
        cities = CityPage.objects.visible_to(None).order_by("title")  # the API's rules (cms/visibility.py)
        if locale is not None:
            categories = categories.filter(locale=locale)
            cities = cities.filter(locale=locale)
        self.fields["category"].queryset = categories
        self.fields["city"].queryset = cities
        self.fields["submitter_name"].widget.attrs["autocomplete"] = "name"
        self.fields["submitter_email"].widget.attrs["autocomplete"] = "email"
        self.fields["link_url"].widget.attrs["inputmode"] = "url"

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


def _period_start():
    return timezone.now() - timedelta(seconds=RATE_PERIOD)


def rate_limited(request):
    """True once this address has sent its allowance of suggestions in the last hour."""
    recent = SuggestionAttempt.objects.filter(address=client_address(request), at__gt=_period_start())
    return recent.count() >= settings.RESOURCE_SUGGESTIONS_PER_HOUR


def count_attempt(request):
    """Count one post from this address, and forget posts older than the period."""
    SuggestionAttempt.objects.filter(at__lte=_period_start()).delete()
    SuggestionAttempt.objects.create(address=client_address(request))


def notify_staff(request, submission):
    """Email the people the site settings name (a failure is logged; the visitor still gets their thanks)."""
    site = Site.find_for_request(request)
    recipients = SiteSettings.for_site(site).recipient_list() if site else []
    if not recipients:
        logger.warning("A resource was suggested but no one is set to hear about it: fill in the site settings.")
        return
    admin_url = absolute(reverse("resource_suggestions:edit", args=[submission.pk]))
    lines = [
        gettext("%(name)s <%(email)s> suggested a resource for the list:")
        % {"name": submission.submitter_name, "email": submission.submitter_email},
        "",
        f"{gettext('Title')}: {submission.title}",
        f"{gettext('Link')}: {submission.link_url}",
        f"{gettext('Category')}: {submission.category or '-'}",
        f"{gettext('Related city')}: {submission.city or '-'}",
        "",
        submission.description,
        "",
        gettext("Review it (create a draft resource page, or reject it): %(url)s") % {"url": admin_url},
    ]
    try:
        send_mail(
            subject=gettext("Resource suggested: %(title)s") % {"title": submission.title},
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except Exception:
        logger.exception("Could not email staff about resource suggestion %s.", submission.pk)


@serves(ResourceIndexPage, "suggest")
def suggest_view(index, request):
    """GET: the empty form. POST: store a valid suggestion and redirect to the thanks page; else show the errors."""
    limited = False
    if request.method == "POST":
        form = ResourceSuggestionForm(request.POST, locale=index.locale)
        if rate_limited(request):
            limited = True
        elif form.is_spam():
            # Look like success, keep nothing: a bot learns nothing from the answer.
            count_attempt(request)
            return HttpResponseRedirect(index.url + index.reverse_subpage("suggest_thanks"))
        elif form.is_valid():
            count_attempt(request)
            data = form.cleaned_data
            submission = ResourceSubmission.objects.create(
                title=data["title"],
                link_url=data["link_url"],
                description=data["description"],
                category=data["category"],
                city=data["city"],
                submitter_name=data["submitter_name"],
                submitter_email=data["submitter_email"],
                resource_index=index,
            )
            notify_staff(request, submission)
            return HttpResponseRedirect(index.url + index.reverse_subpage("suggest_thanks"))
    else:
        form = ResourceSuggestionForm(locale=index.locale)
    response = index.render(
        request,
        template="cities/resource_suggestion_form.html",
        context_overrides={
            "form": form,
            "rate_limited": limited,
            "honeypot_field": form[HONEYPOT_FIELD],
            "canonical_url": absolute(index.url + index.reverse_subpage("suggest")),
        },
    )
    if limited:
        response.status_code = 429
    return response


@serves(ResourceIndexPage, "suggest_thanks")
def thanks_view(index, request):
    return index.render(
        request,
        template="cities/resource_suggestion_thanks.html",
        context_overrides={"noindex": True},
    )
