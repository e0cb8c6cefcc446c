"""
The webhooks' admin views (Settings › Webhooks, administrators only).

Creating an endpoint leads to its secret, shown on that one page only; the endpoint's page
(the inspect view) lists its recent deliveries with "Resend" and offers "Send a test event".
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import EVENT_CHOICES, OBJECT_TYPE_CHOICES, Delivery
from .tasks import resend, send_test_event

NEW_ENDPOINT_SESSION_KEY = "webhooks:new-endpoint"
RECENT_DELIVERIES = 50


class AdministratorsOnly(ModelPermissionPolicy):
    """Only administrators (superusers) see or change webhooks: the secrets and partners' URLs are theirs."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(is_superuser=True)


class EndpointCreateView(generic.CreateView):
    """After creating, go to the page that shows the secret, once."""

    def get_success_url(self):
        self.request.session[NEW_ENDPOINT_SESSION_KEY] = self.object.pk
        return reverse("webhooks:secret", args=[self.object.pk])


class EndpointEditView(generic.EditView):
    def get_context_data(self, **kwargs):
        if self.request.method == "GET" and not self.object.active and self.object.paused_reason:
            reason = self.object.paused_reason
            messages.warning(self.request, _("This webhook is paused: %(reason)s") % {"reason": reason})
        return super().get_context_data(**kwargs)

    @property
    def header_more_buttons(self):
        deliveries = Button(
            _("Deliveries"), url=reverse("webhooks:inspect", args=[self.object.pk]), icon_name="list-ul", priority=5
        )
        return [deliveries, *super().header_more_buttons]


class EndpointInspectView(generic.InspectView):
    """The endpoint and its recent deliveries."""

    template_name = "webhooks/admin/endpoint_inspect.html"
    page_title = gettext_lazy("Webhook")

    def get_field_label(self, field_name, field):
        if field_name == "status":
            return _("Status")
        return super().get_field_label(field_name, field)

    def get_status_display_value(self):
        if self.object.active:
            return _("Active")
        return _("Paused") + (f": {self.object.paused_reason}" if self.object.paused_reason else "")

    def get_events_display_value(self):
        return labels(self.object.events, EVENT_CHOICES)

    def get_object_types_display_value(self):
        return labels(self.object.object_types, OBJECT_TYPE_CHOICES)

    def get_languages_display_value(self):
        return labels(self.object.languages, settings.LANGUAGES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deliveries"] = self.object.deliveries.all()[:RECENT_DELIVERIES]
        context["paused"] = not self.object.active
        return context


class SecretView(generic.InspectView):
    """The endpoint's signing secret, on the page right after its creation only."""

    template_name = "webhooks/admin/endpoint_secret.html"
    page_title = gettext_lazy("Signing secret")
    any_permission_required = ["add"]

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.session.get(NEW_ENDPOINT_SESSION_KEY) == self.object.pk
        if show:
            del self.request.session[NEW_ENDPOINT_SESSION_KEY]
        context["secret"] = self.object.secret if show else None
        context["inspect_url"] = reverse("webhooks:inspect", args=[self.object.pk])
        return context


class EndpointActionView(generic.InspectView):
    """POST only: an action on one endpoint (``act``), refused while the endpoint is paused; back to its page."""

    any_permission_required = ["change"]
    http_method_names = ["post"]

    def get_fields(self):
        return []

    def act(self, request):
        """Do the action; return the message that says it was done."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if not self.object.active:
            messages.error(request, _("The webhook is paused: resume it first."))
        else:
            messages.success(request, self.act(request))
        return redirect("webhooks:inspect", self.object.pk)


class SendTestEventView(EndpointActionView):
    """Queue a "webhook.test" message to this endpoint."""

    def act(self, request):
        send_test_event(self.object)
        return _("Test event sent. Its delivery is listed below.")


class ResendView(EndpointActionView):
    """Send one delivery again (a new round of attempts, the same message id)."""

    def setup(self, request, *args, **kwargs):
        self.delivery = get_object_or_404(Delivery, pk=kwargs["delivery_pk"])
        super().setup(request, *args, pk=self.delivery.endpoint_id)

    def act(self, request):
        resend(self.delivery)
        return _("Delivery %(id)s sent again.") % {"id": self.delivery.message_id}


def labels(values, choices):
    names = dict(choices)
    return ", ".join(str(names.get(value, value)) for value in values) or "-"


class StatusColumn(Column):
    """Active, or Paused and why, in the endpoints' list."""

    def get_value(self, instance):
        if instance.active:
            return _("Active")
        return _("Paused")
