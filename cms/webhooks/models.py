"""Webhook endpoints partners registered with the program office, and each message sent to them."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.changes.models import Change

from .conf import webhook_setting
from .signing import new_message_id, new_secret

EVENT_CHOICES = Change.Event.choices
OBJECT_TYPE_CHOICES = Change.ObjectType.choices
TEST_EVENT = "webhook.test"


def all_events():
    return list(Change.Event.values)


def all_object_types():
    return list(Change.ObjectType.values)


def all_languages():
    return [code for code, _name in settings.LANGUAGES]


class Endpoint(models.Model):
    """A partner's URL that is told about public changes, and what it wants to hear about."""

    url = models.URLField(
        _("URL"),
        max_length=2000,
        help_text=_(
            "The partner's address that receives the notices, starting with https://. "
            "It must be on the public internet."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("Who this is for and whom to call when it fails, e.g. 'Nagoya partner site (Ana, IT office)'."),
    )
    events = models.JSONField(
        _("events"), default=all_events, help_text=_("Which kinds of change the partner is told about.")
    )
    object_types = models.JSONField(
        _("content types"), default=all_object_types, help_text=_("Which kinds of content the partner is told about.")
    )
    languages = models.JSONField(
        _("languages"), default=all_languages, help_text=_("Changes to content in these languages only.")
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to pause the webhook: nothing is sent while it is paused."),
    )
    # Made by us, shown once after creation; the partner's receiver checks signatures with it.
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("failed deliveries in a row"), default=0, editable=False)
    paused_reason = models.CharField(_("why it is paused"), max_length=255, blank=True, editable=False)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["url", "pk"]

    def __str__(self):
        return self.description or self.url

    def wants(self, change):
        """Whether this endpoint is told about `change` (a cms.changes Change)."""
        return (
            self.active
            and change.event in self.events
            and change.object_type in self.object_types
            and change.locale in self.languages
        )

    def pause(self, reason):
        self.active = False
        self.paused_reason = reason
        self.paused_at = timezone.now()
        Endpoint.objects.filter(pk=self.pk).update(active=False, paused_reason=reason, paused_at=self.paused_at)

    def resume(self):
        self.active = True
        self.consecutive_failures = 0
        self.paused_reason = ""
        self.paused_at = None

    def record_success(self):
        Endpoint.objects.filter(pk=self.pk).exclude(consecutive_failures=0).update(consecutive_failures=0)

    def record_failure(self):
        """Count a delivery that finally failed; pause the endpoint after too many in a row."""
        Endpoint.objects.filter(pk=self.pk).update(consecutive_failures=F("consecutive_failures") + 1)
        self.refresh_from_db(fields=["consecutive_failures", "active"])
        limit = webhook_setting("PAUSE_AFTER_FAILURES")
        if self.active and self.consecutive_failures >= limit:
            self.pause(
                _("Paused after %(count)s failed deliveries in a row. Check the partner's receiver, then resume it.")
                % {"count": self.consecutive_failures}
            )


class Delivery(models.Model):
    """One message to one endpoint: its payload, and how sending it went (retries included)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The webhook-id header: the same on every attempt, so that receivers can drop repeats.
    message_id = models.CharField(_("message id"), max_length=64, unique=True, default=new_message_id)
    event_type = models.CharField(_("event"), max_length=64)  # "city.published", ..., "webhook.test"
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The start of the current round of attempts (creation, or an administrator's "resend").
    round_started_at = models.DateTimeField(_("round started at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Which queued task may make the next attempt: each queued attempt carries the ticket it was
    # queued with and claims it atomically, so a task queued twice, or before a resend, sends nothing.
    ticket = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["endpoint", "-created_at"], name="webhooks_delivery_recent_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="webhooks_delivery_due_idx"),
        ]

    def __str__(self):
        return f"{self.event_type} {self.message_id}"
