"""Settings › Webhooks: administrators register partners' endpoints and watch their deliveries."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import EndpointForm
from .models import Endpoint
from .views import (
    AdministratorsOnly,
    EndpointCreateView,
    EndpointEditView,
    EndpointInspectView,
    ResendView,
    SecretView,
    SendTestEventView,
    StatusColumn,
)


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    name = "webhooks"
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    inspect_view_class = EndpointInspectView
    list_display = [
        "url",
        "description",
        StatusColumn("status", label=_("Status")),
        Column("consecutive_failures", label=_("Failures in a row")),
        DateColumn("created_at", label=_("Created")),
    ]
    search_fields = ["url", "description"]
    inspect_view_fields = [
        "url",
        "description",
        "status",
        "events",
        "object_types",
        "languages",
        "consecutive_failures",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("url"),
            FieldPanel("description"),
            FieldPanel("events"),
            FieldPanel("object_types"),
            FieldPanel("languages"),
            FieldPanel("active"),
        ],
        base_form_class=EndpointForm,
    )

    @property
    def permission_policy(self):
        return AdministratorsOnly(self.model)

    def get_permissions_to_register(self):
        # Administrators only: nothing for groups to be given.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("secret/<int:pk>/", self.construct_view(SecretView), name="secret"),
            path("test/<int:pk>/", self.construct_view(SendTestEventView), name="test"),
            path("resend/<int:delivery_pk>/", self.construct_view(ResendView), name="resend"),
        ]


@hooks.register("register_admin_viewset")
def register_webhooks_viewset():
    return EndpointViewSet()
