"""The change log: what visitors could observe changing, in order."""

from datetime import UTC

from django.db import models
from django.utils.translation import gettext_lazy as _


class Change(models.Model):
    """
    One row per change visitors can observe, in order (the sync token is the last id seen).

    "unpublished" covers every way out of public view (unpublished, expired, made private);
    a deleted object shows as "deleted"; a page whose ancestor leaves public view is reported
    for each of its visible descendants. Nothing here holds draft content.
    """

    class Event(models.TextChoices):
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")
        DELETED = "deleted", _("deleted")
        MOVED = "moved", _("moved")

    class ObjectType(models.TextChoices):
        CITY = "city", _("city")
        STORY = "story", _("story")
        RESOURCE = "resource", _("resource")
        EXCHANGE_TYPE = "exchange_type", _("exchange type")
        COMMITTEE = "committee", _("committee")
        RESOURCE_CATEGORY = "resource_category", _("resource category")
        PAGE = "page", _("page")

    id = models.BigAutoField(primary_key=True)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    object_type = models.CharField(_("type"), max_length=30, choices=ObjectType.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    locale = models.CharField(_("language"), max_length=10)
    slug = models.CharField(_("slug"), max_length=255, blank=True)
    url = models.CharField(_("URL"), max_length=2048, blank=True)
    api_id = models.CharField(_("API id"), max_length=64)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)

    class Meta:
        verbose_name = _("public change")
        verbose_name_plural = _("public changes")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="changes_object_idx")]

    def __str__(self):
        return f"{self.event} {self.object_type} {self.object_id} ({self.locale})"

    def as_payload(self):
        """The small JSON body a webhook sends: what changed and where, never any content."""
        return {
            "event": self.event,
            "type": self.object_type,
            "id": self.object_id,
            "slug": self.slug,
            "locale": self.locale,
            "url": self.url,
            "apiId": self.api_id,
            "occurredAt": self.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }
