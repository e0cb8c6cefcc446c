"""Factories for home's models: images and the two general page types."""

import factory
import wagtail_factories

from .models import CustomImage, HomePage, StandardPage


class CustomImageFactory(wagtail_factories.ImageFactory):
    alt_text = factory.Sequence(lambda n: f"Sample picture number {n}")
    credit = "Sister Cities of Los Angeles (sample image)"
    licence = "own-work"

    class Meta:
        model = CustomImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Sister Cities of Los Angeles"
    intro = "Los Angeles and its partner cities around the world."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage
