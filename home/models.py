from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from cms.graphql import fields as api
from cms.graphql.preview import HeadlessPreviewable
from cms.site_address import page_url
from cms.visibility import Visibility, for_request, view_restriction_paths

from .blocks import BaseStreamBlock
from .forms import BasePageForm


class CustomImage(AbstractImage):
    """An image with the alt text, credit and licence an accessible, lawful site needs."""

    LICENCE_CHOICES = [
        ("all-rights-reserved", _("All rights reserved, used with permission")),
        ("cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
        ("cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")),
        ("cc0", _("Public domain (CC0)")),
        ("own-work", _("Our own photograph or graphic")),
    ]

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_(
            "Describe what the image shows for people who cannot see it, in one sentence "
            "(e.g. 'Mayors of Los Angeles and Nagoya shaking hands at City Hall'). "
            "Do not start with 'Image of'."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Who made the image, as it should be credited (e.g. 'Photo: Jane Doe')."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=LICENCE_CHOICES,
        blank=True,
        help_text=_("Under what terms we may publish it. Ask the program office if you are not sure."),
    )

    # Wagtail's own "Description" would be a second alt text beside ours (it is what Wagtail uses
    # as the default alt text): the form shows only "Alt text", the one the site and the API use.
    admin_form_fields = (
        *(name for name in Image.admin_form_fields if name != "description"),
        "alt_text",
        "credit",
        "licence",
    )

    search_fields = [*AbstractImage.search_fields, index.SearchField("alt_text"), index.SearchField("credit")]

    graphql_fields = [
        GraphQLString("alt_text", required=True),
        GraphQLString("credit", required=True),
        GraphQLString("licence", required=True),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        """The alt text in the active language (Wagtail's image tags use it when no alt is given)."""
        text = self.text_in_language()
        return text.alt_text if text else self.alt_text

    @property
    def credit_in_language(self):
        """The credit in the active language, or the image's own."""
        text = self.text_in_language()
        return text.credit if text and text.credit else self.credit

    def text_in_language(self, language_code=None):
        """The ImageText of the active (or given) language; None in the default language, with no query."""
        language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
        if language_code.split("-")[0] == settings.LANGUAGE_CODE or not self.pk:
            return None
        cache = self.__dict__.setdefault("_texts_by_language", {})
        if language_code not in cache:
            cache[language_code] = self.texts.filter(locale__language_code=language_code).first()
        return cache[language_code]


class ImageText(models.Model):
    """An image's alt text and credit in another language: one file, its words in each language."""

    image = models.ForeignKey(
        CustomImage,
        on_delete=models.CASCADE,
        related_name="texts",
        verbose_name=_("image"),
        help_text=_("The picture these words describe."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("language"),
        help_text=_("The language these words are written in."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("What the image shows, in one sentence, in this language (e.g. 'Los alcaldes se dan la mano')."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("The credit in this language, if it differs (e.g. 'Foto: Jane Doe'). Empty: the image's own."),
    )

    panels = [FieldPanel("image"), FieldPanel("locale"), FieldPanel("alt_text"), FieldPanel("credit")]

    class Meta:
        verbose_name = _("image text in another language")
        verbose_name_plural = _("image texts in other languages")
        constraints = [models.UniqueConstraint(fields=["image", "locale"], name="one_image_text_per_language")]

    def __str__(self):
        return f"{self.image.title} ({self.locale.get_display_name()})"


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def hero_image_field():
    return models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide picture shown at the top of the page and when the page is shared. Landscape works best."),
    )


def intro_field(help_text, *, max_length=800, blank=True):
    """The short opening text most pages have, above their list or their body."""
    return models.TextField(_("introduction"), max_length=max_length, blank=blank, help_text=help_text)


class BasePage(HeadlessPreviewable, Page):
    """
    What every page type of the site shares: Wagtail's preview plus the external site's
    (cms/graphql/preview.py), and the search fields and API fields to extend. Every page
    model inherits it (tests/test_page_types.py); a new page type starts here.
    """

    search_fields = Page.search_fields
    graphql_fields = []

    base_form_class = BasePageForm

    # At most this many pages of the type in each language (Wagtail's max_count counts all
    # languages together, which would forbid the Spanish home page and city index).
    max_count_per_locale = None
    # Foreign keys that every view of the page reads (its hero image, ...): read with the page
    # when a section routes to it (SectionIndexPage.route), not one query each afterwards.
    route_select_related = ()

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's rule, plus max_count_per_locale counted in the parent's language.

        Translations (wagtail-localize, ``copy_for_translation``) do not go through this check;
        it is what stops an editor adding a second page of the type in the same language.
        """
        if not super().can_create_at(parent):
            return False
        limit = cls.max_count_per_locale
        return limit is None or cls.objects.filter(locale_id=parent.locale_id).count() < limit

    def get_view_restrictions(self):
        """Wagtail's rule in one query: the restrictions of this page and of the pages above it.

        As in Wagtail, an alias (here or above) has its source page's restrictions, not its own.
        Wagtail reads the ancestors first, then their restrictions: two queries on every page view.
        No query at all when the shared data (cms/visibility.py ``view_restriction_paths``) says
        that no restriction applies at or above this page.
        """
        restricted = view_restriction_paths()
        if restricted is not None and self.path and not self.path.startswith(restricted):
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        chain = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            models.Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | models.Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )

    def get_full_url(self, request=None):
        """The page's URL at the site's address (SITE_URL), whatever host the request came to.

        Wagtail's own uses (``{% fullpageurl %}``, the sitemap, the admin's live links) go through
        this; code of ours calls ``cms.site_address.page_url`` directly, which this is.
        """
        return page_url(self, request)


class SectionIndexPage(BasePage):
    """
    A section of the site under the home page that lists its child pages (cities, stories,
    resources) below an introduction; listed in the main navigation unless an editor unticks
    "Show in menus". A section redeclares ``intro`` to say, in the editor's help text, what
    the introduction sits above.
    """

    intro = intro_field(_("A few sentences above the list."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    graphql_fields = [GraphQLString("intro", required=True)]

    parent_page_types = ["home.HomePage"]
    show_in_menus_default = True

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, with the child read as its own type in one query (Wagtail reads it twice).

        A section has one page type below it (cities, stories or resources); a section allowing
        several is routed by Wagtail's code.
        """
        models_below = self.allowed_subpage_models()
        if not path_components or len(models_below) != 1:
            return super().route(request, path_components)
        model = models_below[0]
        children = model.objects.child_of(self).select_related(*model.route_select_related)
        try:
            child = children.get(slug=path_components[0])
        except model.DoesNotExist as error:
            raise Http404 from error
        # The parent is known: the breadcrumbs (home/templatetags/site_tags.py) need not read it again.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])


class RoutableSectionIndexPage(RoutablePageMixin, SectionIndexPage):
    """A section index with addresses of its own below it (feeds, a form): home/routes.py."""

    # RoutablePageMixin's preview ignores the preview mode: keep the external site's mode too.
    serve_preview = HeadlessPreviewable.serve_preview

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The site's front page: a welcome, featured partner cities and the latest stories."""

    hero_image = hero_image_field()
    intro = intro_field(
        _("One or two sentences that welcome visitors and say what the program is."), max_length=500, blank=False
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Anything else to show on the front page, below the featured cities."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        InlinePanel(
            "featured_cities",
            label=_("Featured cities"),
            max_num=6,
            help_text=_("Up to six partner cities to show on the front page, in this order."),
        ),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    graphql_fields = [
        api.Image("hero_image"),
        GraphQLString("intro", required=True),
        api.RelatedPages(
            "featured_cities",
            "cities.CityPage",
            child="featured_cities",
            target="city",
            description="Up to six published partner cities to feature, in the editors' order.",
        ),
        GraphQLStreamfield("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "cities.CityIndexPage", "cities.StoryIndexPage", "cities.ResourceIndexPage"]
    max_count_per_locale = 1

    class Meta:
        verbose_name = _("home page")

    def get_featured_cities(self, visibility=None):
        """Featured cities that visitors may see (cms/visibility.py), in the editor's order."""
        visibility = visibility or Visibility()
        ids = list(self.featured_cities.values_list("city_id", flat=True))
        # The city model through the relation ("cities.CityPage"): home imports no other app.
        city_model = HomePageFeaturedCity._meta.get_field("city").related_model
        visible = visibility.pages(city_model.objects.filter(pk__in=ids)).select_related("hero_image")
        visible = visible.prefetch_related("hero_image__renditions").in_bulk()
        return [visible[pk] for pk in ids if pk in visible]

    def get_context(self, request, *args, **kwargs):
        # Other apps add their sections (the latest stories: cities/wagtail_hooks.py) through the
        # ``home_page_context`` hooks, ``fn(page, visibility)`` returning a dict for the context.
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        context["featured_cities"] = self.get_featured_cities(visibility)
        for extra in hooks.get_hooks("home_page_context"):
            context.update(extra(self, visibility))
        return context


class HomePageFeaturedCity(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_cities")
    city = models.ForeignKey(
        "cities.CityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("city"),
        help_text=_("Choose a partner city page."),
    )

    panels = [PageChooserPanel("city", "cities.CityPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured city")
        verbose_name_plural = _("featured cities")


class StandardPage(BasePage):
    """A general page such as About, with a body of text and pictures."""

    hero_image = hero_image_field()
    intro = intro_field(
        _("A short opening paragraph, also used as the page's description in search results."), max_length=500
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("hero_image")], heading=_("Introduction")),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    graphql_fields = [api.Image("hero_image"), GraphQLString("intro", required=True), GraphQLStreamfield("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer shows on every page, and who hears about visitors' suggestions. Editors keep it."""

    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("The program's public email address, shown in the footer of every page."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("The program's public phone number as visitors should dial it, e.g. '+1 213-555-0100'."),
    )
    address = models.TextField(
        _("postal address"),
        max_length=300,
        blank=True,
        help_text=_("The office's address, one line per line of the envelope."),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True, help_text=_("The program's Facebook page address."))
    instagram_url = models.URLField(_("Instagram"), blank=True, help_text=_("The program's Instagram profile address."))
    x_url = models.URLField(_("X (Twitter)"), blank=True, help_text=_("The program's X (formerly Twitter) address."))
    youtube_url = models.URLField(_("YouTube"), blank=True, help_text=_("The program's YouTube channel address."))
    linkedin_url = models.URLField(_("LinkedIn"), blank=True, help_text=_("The program's LinkedIn page address."))
    submission_recipients = models.CharField(
        _("send resource suggestions to"),
        max_length=500,
        blank=True,
        help_text=_(
            "Email addresses, separated by commas, that hear about each resource a visitor suggests. "
            "Leave empty to use the contact email above."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("address")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social media"),
            help_text=_("Only the accounts filled in are shown in the footer."),
        ),
        FieldPanel("submission_recipients"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        bad = [address for address in self.recipient_list() if not _is_email(address)]
        if bad:
            raise ValidationError(
                {"submission_recipients": _("These are not email addresses: %(bad)s.") % {"bad": ", ".join(bad)}}
            )

    def recipient_list(self):
        """Who is told about a new resource suggestion: the listed addresses, else the contact email."""
        listed = [address.strip() for address in self.submission_recipients.split(",") if address.strip()]
        if listed:
            return listed
        return [self.contact_email] if self.contact_email else []

    def social_links(self):
        """(key, network name, address) of each account that is filled in, in the footer's order."""
        fields = ["facebook_url", "instagram_url", "x_url", "youtube_url", "linkedin_url"]
        return [
            (field.removesuffix("_url"), self._meta.get_field(field).verbose_name, getattr(self, field))
            for field in fields
            if getattr(self, field)
        ]


def _is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class SchedulerLease(models.Model):
    """Which scheduler process may publish now (home/scheduler.py), shared by every app server.

    One row per job. A scheduler holds the lease while ``expires_at`` (database time) is in the
    future and renews it before each change it makes; another takes it over only once it has
    lapsed, so two schedulers never publish at the same time. Not edited by anyone.
    """

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("scheduler lease")

    def __str__(self):
        return f"{self.name}: {self.holder or 'nobody'} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
