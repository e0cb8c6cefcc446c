"""Resources that visitors suggest through the public form, waiting for staff to review them.

A suggestion never becomes public by itself: staff either reject it or turn it into an
unpublished ResourcePage draft (``create_draft``), which goes through the usual editing,
moderation and publishing like any other page.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class ResourceSubmission(models.Model):
    """A resource suggested by a visitor."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for review")
        DRAFTED = "drafted", _("Draft resource created")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200, help_text=_("The resource's name, as the visitor gave it."))
    link_url = models.URLField(_("web address"), max_length=500, help_text=_("Where the resource is."))
    description = models.TextField(
        _("description"), max_length=1000, help_text=_("What the visitor says the resource is and who it helps.")
    )
    category = models.ForeignKey(
        "cities.ResourceCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("category"),
        help_text=_("The heading the visitor thinks it belongs under."),
    )
    city = models.ForeignKey(
        "cities.CityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("related city"),
        help_text=_("The partner city the resource is about, if any."),
    )
    submitter_name = models.CharField(_("submitted by"), max_length=200, help_text=_("The visitor's name."))
    submitter_email = models.EmailField(
        _("submitter's email"), help_text=_("To reply to the visitor. Never shown on the site.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    resource_index = models.ForeignKey(
        "cities.ResourceIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("submitted on"),
        help_text=_("The resources page the visitor used; a draft made from the suggestion goes under it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, help_text=_("Where the review is.")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed by"),
    )
    resource_page = models.ForeignKey(
        "cities.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("draft resource"),
        help_text=_("The resource page made from this suggestion."),
    )
    staff_note = models.TextField(
        _("staff note"),
        blank=True,
        help_text=_("For staff only: why it was rejected, or what to check before publishing."),
    )

    class Meta:
        verbose_name = _("resource suggestion")
        verbose_name_plural = _("resource suggestions")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == self.Status.NEW

    def _mark_reviewed(self, user, status):
        self.status = status
        self.reviewed_at = timezone.now()
        self.reviewed_by = user if user is not None and user.is_authenticated else None

    def reject(self, user):
        self._mark_reviewed(user, self.Status.REJECTED)
        self.save(update_fields=["status", "reviewed_at", "reviewed_by"])

    def get_parent_page(self):
        """Where a draft made from this suggestion goes: the resources page it was sent from, else the first one."""
        from .resources import ResourceIndexPage

        if self.resource_index_id:
            return self.resource_index
        return ResourceIndexPage.objects.order_by("path").first()

    def create_draft(self, parent, user):
        """An unpublished ResourcePage under ``parent`` (the resource index) with this suggestion's content.

        The page is saved as a draft with one revision, so it shows in the editor like any draft and
        goes through the usual moderation and publishing. Nothing is published here.
        """
        from .resources import ResourcePage

        slug_base = slugify(self.title)[:200] or "resource"
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, number = slug_base, 1
        while slug in taken:
            number += 1
            slug = f"{slug_base}-{number}"
        page = ResourcePage(
            title=self.title,
            slug=slug,
            link_url=self.link_url,
            description=self.description,
            category=self.category,
            live=False,
            owner=user,
            locale=parent.locale,
        )
        with transaction.atomic():
            parent.add_child(instance=page)
            if self.city_id:
                page.cities.set([self.city_id])
            page.save_revision(user=user, log_action=True)
            self.resource_page = page
            self._mark_reviewed(user, self.Status.DRAFTED)
            self.save(update_fields=["status", "reviewed_at", "reviewed_by", "resource_page"])
        return Page.objects.get(pk=page.pk).specific


class SuggestionAttempt(models.Model):
    """
    One post of the suggestion form from one address, kept for an hour: the form's rate limit
    counts these (cities/suggestions.py). In the database rather than the cache, so that the
    limit holds when Redis is down; only counted posts are written, at most
    RESOURCE_SUGGESTIONS_PER_HOUR an hour for each address.
    """

    address = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("suggestion attempt")
        verbose_name_plural = _("suggestion attempts")

    def __str__(self):
        return f"{self.address} at {self.at:%Y-%m-%d %H:%M}"
