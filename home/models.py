from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BaseStreamBlock


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

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit", "licence")

    search_fields = [*AbstractImage.search_fields, index.SearchField("alt_text"), index.SearchField("credit")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        return self.alt_text


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


class HomePage(Page):
    """The site's front page: a welcome, featured partner cities and the latest stories."""

    hero_image = hero_image_field()
    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("One or two sentences that welcome visitors and say what the program is."),
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

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "cities.CityIndexPage", "cities.StoryIndexPage", "cities.ResourceIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_featured_cities(self):
        """Featured cities that visitors may see: live and public, in the editor's order."""
        from cities.models import CityPage

        ids = list(self.featured_cities.values_list("city_id", flat=True))
        visible = CityPage.objects.live().public().filter(pk__in=ids).select_related("hero_image").in_bulk()
        return [visible[pk] for pk in ids if pk in visible]

    def get_latest_stories(self, limit=6):
        from cities.models import StoryPage

        return (
            StoryPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .select_related("hero_image")
            .order_by("-date", "-pk")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_cities"] = self.get_featured_cities()
        context["latest_stories"] = self.get_latest_stories()
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


class StandardPage(Page):
    """A general page such as About, with a body of text and pictures."""

    hero_image = hero_image_field()
    intro = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("A short opening paragraph, also used as the page's description in search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("hero_image")], heading=_("Introduction")),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
