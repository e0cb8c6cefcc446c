"""Factories for the cities app: pages, snippets and their relations."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Locale

from .models import (
    CityIndexPage,
    CityPage,
    Committee,
    ExchangeType,
    Region,
    ResourceCategory,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
)


def default_locale():
    return Locale.get_default()


class ExchangeTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Exchange type {n}")
    slug = factory.Sequence(lambda n: f"exchange-type-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = ExchangeType


class ResourceCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = ResourceCategory


class CommitteeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sister City Committee {n}")
    chair = "Alex Example"
    contact_email = factory.Sequence(lambda n: f"committee{n}@example.org")
    website = "https://example.org/committee"
    locale = factory.LazyFunction(default_locale)
    live = True

    class Meta:
        model = Committee


class CityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partner cities"
    slug = "cities"

    class Meta:
        model = CityIndexPage


class CityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"City {n}")
    country = "JP"
    region = Region.ASIA
    year_established = 1959
    latitude = 35.18
    longitude = 136.91
    population = 2_300_000
    summary = "A partner city of Los Angeles."

    class Meta:
        model = CityPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) - datetime.timedelta(days=n))
    intro = "A sample story of an exchange."
    author = "Program staff"

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if extracted:
            self.cities.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def exchange_types(self, create, extracted, **kwargs):
        if extracted:
            self.exchange_types.set(extracted)
            if create:
                self.save()


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    link_url = "https://example.org/resource"
    description = "A useful resource."
    category = factory.SubFactory(ResourceCategoryFactory)

    class Meta:
        model = ResourcePage
