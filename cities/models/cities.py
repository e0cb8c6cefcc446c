"""Partner city profiles and their index."""

import dataclasses
import datetime

import graphene
from django_countries.fields import CountryField

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLField, GraphQLFloat, GraphQLInt, GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.graphql import fields as api
from cms.visibility import Visibility, for_request
from home import clock
from home.blocks import BaseStreamBlock
from home.models import BasePage, SectionIndexPage, hero_image_field, intro_field

# The choices live in cities/choices.py (the filters use them too); cities.models re-exports them.
from ..choices import FIRST_PARTNERSHIP_YEAR, Region, Relationship, Status
from ..filters import parse_city_filters
from ..permissions import CityPagePermissionTester
from ..querysets import NEWEST_FIRST, CityPageManager
from ..querystrings import redirect_without_empty


class CityIndexPage(SectionIndexPage):
    """The directory of every partner city."""

    intro = intro_field(_("A few sentences above the list of cities."))

    subpage_types = ["cities.CityPage"]
    max_count_per_locale = 1

    DEFAULT_SORT = "year"

    class Meta:
        verbose_name = _("city index page")

    def get_cities(self, sort=DEFAULT_SORT, region="", relationship="", visibility=None):
        """Cities visitors may see, in one of CITY_SORTS' orders; of one region and one relationship if given."""
        cities = CityPage.objects.child_of(self).visible_to(visibility).select_related("hero_image")
        if region:
            cities = cities.filter(region=region)
        if relationship:
            cities = cities.filter(relationship=relationship)
        return cities.sorted_by(sort)

    FILTERS = ("region", "relationship")

    def serve(self, request, *args, **kwargs):
        return redirect_without_empty(request, self.FILTERS) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # The map, the timeline and the table all show the same filtered cities (GET parameters,
        # so the filters work without JavaScript and can be bookmarked). Unknown values are
        # ignored (cities/filters.py). The map and the timeline are drawn by cities_tags.
        context = super().get_context(request, *args, **kwargs)
        chosen = parse_city_filters(
            sort=request.GET.get("sort") or self.DEFAULT_SORT,
            region=request.GET.get("region", ""),
            relationship=request.GET.get("relationship", ""),
        )
        sort = chosen.sort or self.DEFAULT_SORT
        region, relationship = chosen.region or "", chosen.relationship or ""
        visibility = for_request(request)
        cities = list(self.get_cities(sort, region, relationship, visibility))
        context.update(
            sort=sort,
            cities=cities,
            selected_region=Region(region) if region else None,
            selected_relationship=Relationship(relationship) if relationship else None,
            region_choices=Region.choices,
            relationship_choices=Relationship.choices,
            total_count=self.get_cities(visibility=visibility).count() if (region or relationship) else len(cities),
            sister_count=sum(1 for city in cities if city.is_sister_city),
            friendship_count=sum(1 for city in cities if not city.is_sister_city),
        )
        return context


@dataclasses.dataclass(frozen=True)
class Anniversary:
    """A partnership's round-number anniversary: its age, its year, and its day when the agreement date is known."""

    age: int
    year: int
    date: datetime.date | None


def same_day_in(date, year):
    """The same day in another year; 29 February becomes 28 February outside leap years."""
    try:
        return date.replace(year=year)
    except ValueError:
        return date.replace(year=year, day=28)


class CityPage(BasePage):
    """One partner city: the facts of the partnership and the story of it."""

    country = CountryField(
        _("country"), help_text=_("The country the city is in. Its name and flag come from this choice.")
    )
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, help_text=_("The part of the world, used for filtering.")
    )
    relationship = models.CharField(
        _("relationship"),
        max_length=20,
        choices=Relationship.choices,
        default=Relationship.SISTER_CITY,
        help_text=_(
            "A sister city has a formal agreement signed by both mayors; "
            "a friendship city has a looser, less formal tie."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("Whether the partnership is active today. Explain anything unusual in the status note."),
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("Optional: what visitors should know about the status, e.g. 'Reported suspended since 1986'."),
    )
    year_established = models.PositiveSmallIntegerField(
        _("year established"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                FIRST_PARTNERSHIP_YEAR,
                _("The program's first partnerships date from 1959: enter a year from 1959 on."),
            )
        ],
        help_text=_("The year the agreement was signed, e.g. 1959. Leave empty only if no source gives a year."),
    )
    agreement_date = models.DateField(
        _("agreement date"),
        null=True,
        blank=True,
        help_text=_("The exact date of signing, if a source gives it. Its year must match the year established."),
    )
    year_note = models.CharField(
        _("note on the year"),
        max_length=255,
        blank=True,
        help_text=_("When sources disagree on the year, say so here, e.g. 'Some sources give 1971'."),
    )
    latitude = models.FloatField(
        _("latitude"),
        validators=[
            MinValueValidator(-90, _("Latitude must be between -90 (South Pole) and 90 (North Pole).")),
            MaxValueValidator(90, _("Latitude must be between -90 (South Pole) and 90 (North Pole).")),
        ],
        help_text=_("North–south position of the city centre in decimal degrees; south is negative, e.g. -12.97."),
    )
    longitude = models.FloatField(
        _("longitude"),
        validators=[
            MinValueValidator(-180, _("Longitude must be between -180 and 180.")),
            MaxValueValidator(180, _("Longitude must be between -180 and 180.")),
        ],
        help_text=_("East–west position of the city centre in decimal degrees; west is negative, e.g. -118.24."),
    )
    population = models.PositiveIntegerField(
        _("approximate population"),
        null=True,
        blank=True,
        help_text=_("A rounded figure for the city proper, e.g. 2300000. Leave empty if unknown."),
    )
    la_signatory = models.CharField(
        _("Los Angeles signatory"),
        max_length=200,
        blank=True,
        help_text=_("Optional: who signed for Los Angeles, e.g. 'Mayor Norris Poulson'."),
    )
    partner_signatory = models.CharField(
        _("partner city signatory"),
        max_length=200,
        blank=True,
        help_text=_("Optional: who signed for the partner city."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Two or three plain sentences about the city and the partnership, shown in lists and search."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The full profile: history of the partnership, exchanges, pictures."),
    )
    hero_image = hero_image_field()
    official_website = models.URLField(
        _("official website"),
        blank=True,
        help_text=_("The partner city's own official website, starting with https://."),
    )
    committee = models.ForeignKey(
        "cities.Committee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cities",
        verbose_name=_("committee"),
        help_text=_("The volunteer committee for this partnership. Create it under Sister cities › Committees first."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("population"),
                FieldPanel("official_website"),
            ],
            heading=_("The city"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("relationship"), FieldPanel("status")]),
                FieldPanel("status_note"),
                FieldRowPanel([FieldPanel("year_established"), FieldPanel("agreement_date")]),
                FieldPanel("year_note"),
                FieldRowPanel([FieldPanel("la_signatory"), FieldPanel("partner_signatory")]),
                FieldPanel("committee"),
            ],
            heading=_("The partnership"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Gallery"), help_text=_("Pictures of the city and of exchanges.")),
        InlinePanel("sources", label=_("Sources"), help_text=_("Public sources for the facts above.")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("region"),
        index.FilterField("relationship"),
        index.FilterField("status"),
        index.FilterField("country"),
        index.FilterField("year_established"),
    ]

    graphql_fields = [
        api.Field(
            "country_code",
            graphene.String,
            required=True,
            resolver=lambda page, info: page.country.code,
            description="The country's ISO 3166-1 alpha-2 code, e.g. `JP`.",
        ),
        api.Field(
            "country_name",
            graphene.String,
            required=True,
            resolver=lambda page, info: str(page.country.name),
            description="The country's name in English, e.g. `Japan`.",
        ),
        GraphQLField("region", "cities.schema.RegionEnum", required=True),
        GraphQLField("relationship", "cities.schema.RelationshipEnum", required=True),
        GraphQLField("status", "cities.schema.StatusEnum", required=True),
        GraphQLString("status_note", required=True),
        GraphQLInt("year_established"),
        GraphQLField("agreement_date", graphene.Date),
        GraphQLString("year_note", required=True),
        GraphQLFloat("latitude", required=True),
        GraphQLFloat("longitude", required=True),
        GraphQLInt("population"),
        GraphQLString("la_signatory", required=True),
        GraphQLString("partner_signatory", required=True),
        GraphQLString("summary", required=True),
        GraphQLStreamfield("body"),
        api.Image("hero_image"),
        GraphQLString("official_website", required=True),
        api.ForeignKey("committee", "cities.Committee", description="The volunteer committee, once it is published."),
        api.ChildObjects(
            "gallery_images",
            "cities.CityGalleryImage",
            hide_private_media="image",
            description="Pictures of the city and of exchanges, in the editors' order.",
        ),
        api.ChildObjects("sources", "cities.CitySource", description="Public sources for the facts about the city."),
        api.Field(
            "partnership_age",
            graphene.Int,
            resolver=lambda page, info: page.partnership_age(),
            description="Whole years since the agreement was signed; null when the year is unknown.",
        ),
        api.RelatedPages(
            "stories",
            "cities.StoryPage",
            reverse="cities",
            order=NEWEST_FIRST,
            paginated=True,
            description="Published stories about this city, newest first.",
        ),
        api.RelatedPages(
            "resources",
            "cities.ResourcePage",
            reverse="cities",
            order=("title",),
            description="Published resources about this city, by title.",
        ),
    ]

    parent_page_types = ["cities.CityIndexPage"]
    subpage_types = []
    route_select_related = ("hero_image", "committee")

    objects = CityPageManager()

    class Meta:
        verbose_name = _("city page")

    def permissions_for_user(self, user):
        """Wagtail's rules, with the committee's (cities/permissions.py): its members edit this profile only."""
        return CityPagePermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = {}
        today = clock.today()
        this_year = today.year
        if self.year_established and self.year_established > this_year:
            errors["year_established"] = _("The year established cannot be in the future.")
        if self.agreement_date:
            if self.agreement_date > today:
                errors["agreement_date"] = _("The agreement date cannot be in the future.")
            elif self.year_established and self.agreement_date.year != self.year_established:
                errors["agreement_date"] = _(
                    "This date is in %(date_year)s but the year established is %(year)s. Correct one of them; "
                    "if sources disagree, keep the signed date's year and explain in 'Note on the year'."
                ) % {"date_year": self.agreement_date.year, "year": self.year_established}
            elif not self.year_established:
                errors["year_established"] = _(
                    "Enter the year established: it is %(year)s, the year of the agreement date."
                ) % {"year": self.agreement_date.year}
        if errors:
            raise ValidationError(errors)

    @property
    def is_sister_city(self):
        return self.relationship == Relationship.SISTER_CITY

    def partnership_age(self, year=None):
        """Whole years since the agreement, in the given year (this year by default)."""
        if not self.year_established:
            return None
        year = year or clock.today().year
        return max(0, year - self.year_established)

    # Anniversaries are marked every five years (5th, 10th, ... 65th), as the program celebrates them.
    ANNIVERSARY_EVERY = 5

    def anniversary(self, year=None):
        """The round-number anniversary the partnership reaches in the given year (this year by default), or None."""
        age = self.partnership_age(year)
        return age if age and age % self.ANNIVERSARY_EVERY == 0 else None

    def upcoming_anniversary(self, today=None):
        """The round-number anniversary in the twelve months from today, or None.

        With an agreement date, its day must fall from today to a year later (29 February counts
        as 28 February in other years); without one, the anniversary's year is this year or next.
        """
        today = today or clock.today()
        for year in (today.year, today.year + 1):
            age = self.anniversary(year)
            if not age:
                continue
            if not self.agreement_date:
                return Anniversary(age=age, year=year, date=None)
            day = same_day_in(self.agreement_date, year)
            if today <= day < same_day_in(today, today.year + 1):
                return Anniversary(age=age, year=year, date=day)
        return None

    def get_stories(self, visibility=None):
        """This city's stories that visitors may see (cms/visibility.py), newest first."""
        return self.story_pages.visible_to(visibility).newest_first()

    def get_resources(self, visibility=None):
        resources = self.resource_pages.visible_to(visibility)
        return resources.select_related("category", "document").order_by("title")

    def get_committee(self, visibility=None):
        """The committee, only once it is published: a draft committee stays private."""
        return (visibility or Visibility()).visible(self.committee) if self.committee_id else None

    def get_story_index(self, visibility=None):
        """The stories section in this city's language, where its stories and feeds are."""
        from .stories import StoryIndexPage

        return StoryIndexPage.in_language(self.locale_id, visibility or Visibility())

    def get_gallery_images(self, visibility=None):
        """The gallery's pictures visitors may see: none from a private collection."""
        visibility = visibility or Visibility()
        items = self.gallery_images.select_related("image").prefetch_related("image__renditions")
        return [item for item in items if visibility.media_is_visible(item.image)]

    def get_context(self, request, *args, **kwargs):
        # The locator map is drawn by cities_tags (models do not import view helpers).
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        stories = self.get_stories(visibility).select_related("hero_image").prefetch_related("hero_image__renditions")
        context["stories"] = stories[:6]
        context["resources"] = self.get_resources(visibility)
        context["committee"] = self.get_committee(visibility)
        context["gallery_images"] = self.get_gallery_images(visibility)
        story_index = self.get_story_index(visibility)
        context["story_index"] = story_index
        context["city_feeds"] = story_index.feed_urls(self) if story_index else None
        context["this_year"] = clock.today().year
        return context


class CityGalleryImage(Orderable):
    page = ParentalKey(CityPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "home.CustomImage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("A picture of the city or of an exchange."),
    )
    caption = models.CharField(
        _("caption"), max_length=250, blank=True, help_text=_("Optional words shown with the picture.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]
    graphql_fields = [api.Image("image", required=True), GraphQLString("caption", required=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")


class CitySource(Orderable):
    page = ParentalKey(CityPage, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(
        _("address"), max_length=500, help_text=_("The web address of a public source for this city's facts.")
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional: the source's name, e.g. 'City of Nagoya'.")
    )

    panels = [FieldPanel("url"), FieldPanel("title")]
    graphql_fields = [GraphQLString("url", required=True), GraphQLString("title", required=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
