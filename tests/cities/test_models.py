"""Page-tree rules and validation messages for the cities app, as editors meet them in the admin."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cities.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
)
from cities.models import (
    CityIndexPage,
    CityPage,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
)
from home.models import HomePage, StandardPage
from tests.support.admin import AdminTestUtils
from tests.support.site import make_home, make_site


class PageTreeRulesTests(WagtailPageTestCase):
    """Editors can only create each page type where it belongs."""

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, CityIndexPage, StoryIndexPage, ResourceIndexPage})

    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_city_pages_only_under_the_city_index(self):
        self.assertAllowedParentPageTypes(CityPage, {CityIndexPage})
        self.assertAllowedSubpageTypes(CityIndexPage, {CityPage})
        self.assertAllowedSubpageTypes(CityPage, set())

    def test_stories_only_under_a_story_index(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_resources_only_under_a_resource_index(self):
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})

    def test_index_pages_only_under_home(self):
        for index in (CityIndexPage, StoryIndexPage, ResourceIndexPage):
            self.assertAllowedParentPageTypes(index, {HomePage})

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})


class SingletonPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()

    def test_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_only_one_city_index(self):
        self.assertTrue(CityIndexPage.can_create_at(self.home))
        CityIndexPageFactory(parent=self.home)
        self.assertFalse(CityIndexPage.can_create_at(self.home))


class CityPageAdminTests(AdminTestUtils, WagtailPageTestCase):
    """Creating a city page through the admin's own form, as an editor does."""

    @classmethod
    def setUpTestData(cls):
        _, cls.city_index, _, _ = make_site()

    def setUp(self):
        self.login()

    def city_form(self, **overrides):
        data = {
            "title": "Nagoya",
            "slug": "nagoya",
            "country": "JP",
            "region": "asia",
            "relationship": "sister_city",
            "status": "active",
            "year_established": "1959",
            "agreement_date": "1959-04-01",
            "latitude": "35.18",
            "longitude": "136.91",
            "population": "2300000",
            "summary": "Japan's fourth-largest city and Los Angeles's oldest partner, since 1959.",
            "body": streamfield([]),
            "gallery_images": inline_formset([]),
            "sources": inline_formset([{"url": "https://www.city.nagoya.jp/", "title": "City of Nagoya"}]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_can_create_a_city(self):
        self.assertCanCreate(self.city_index, CityPage, self.city_form())
        city = CityPage.objects.get(slug="nagoya")
        self.assertEqual(city.country.name, "Japan")
        self.assertEqual(city.sources.get().title, "City of Nagoya")

    def post_city(self, **overrides):
        return self.client.post(f"/admin/pages/add/cities/citypage/{self.city_index.pk}/", self.city_form(**overrides))

    def assert_field_error(self, response, field, text):
        self.assertEqual(response.status_code, 200, "the form should be shown again, not saved")
        form = response.context["form"]
        self.assertIn(field, form.errors)
        self.assertIn(text, " ".join(form.errors[field]))
        self.assertFalse(CityPage.objects.filter(slug="nagoya").exists())

    def test_latitude_out_of_range_says_the_range(self):
        response = self.post_city(latitude="123")
        self.assert_field_error(response, "latitude", "between -90 (South Pole) and 90 (North Pole)")
        # What the editor typed is kept in the form.
        self.assertContains(response, 'value="123"')

    def test_longitude_out_of_range(self):
        self.assert_field_error(self.post_city(longitude="-200"), "longitude", "between -180 and 180")

    def test_year_before_the_program(self):
        self.assert_field_error(self.post_city(year_established="1950"), "year_established", "from 1959 on")

    def test_agreement_date_must_match_the_year(self):
        response = self.post_city(agreement_date="1960-04-01")
        self.assert_field_error(response, "agreement_date", "This date is in 1960 but the year established is 1959")

    def test_agreement_date_needs_a_year(self):
        response = self.post_city(year_established="")
        self.assert_field_error(response, "year_established", "it is 1959, the year of the agreement date")

    def test_unknown_country_is_refused(self):
        self.assert_field_error(self.post_city(country="XX"), "country", "Select a valid choice")


class CityPageModelTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _, cls.city_index, _, _ = make_site()

    def test_future_year_is_refused(self):
        with mock.patch("home.clock.today", lambda: datetime.date(2031, 12, 31)):
            CityPageFactory.build(year_established=2031, agreement_date=None).clean()
            city = CityPageFactory.build(year_established=2032, agreement_date=None)
            with self.assertRaises(ValidationError) as raised:
                city.clean()
        self.assertIn("cannot be in the future", str(raised.exception.message_dict["year_established"]))

    def test_partnership_age(self):
        city = CityPageFactory.build(year_established=1959)
        self.assertEqual(city.partnership_age(2024), 65)
        self.assertIsNone(CityPageFactory.build(year_established=None).partnership_age(2024))

    def test_draft_committee_is_not_shown(self):
        from cities.factories import CommitteeFactory

        committee = CommitteeFactory(live=False)
        city = CityPageFactory(parent=self.city_index, committee=committee)
        self.assertIsNone(city.get_committee())
        committee.live = True
        committee.save()
        self.assertEqual(city.get_committee(), committee)


class ResourcePageValidationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _, _, _, cls.resource_index = make_site()
        cls.category = ResourceCategoryFactory()

    def test_needs_a_link_or_a_document(self):
        resource = ResourcePageFactory.build(link_url="", document=None, category=self.category)
        with self.assertRaises(ValidationError) as raised:
            resource.clean()
        self.assertIn("web address, or choose a document", str(raised.exception.message_dict["link_url"]))

    def test_not_both(self):
        from wagtail.documents.models import Document

        document = Document.objects.create(title="Guide")
        resource = ResourcePageFactory.build(link_url="https://example.org/", document=document, category=self.category)
        with self.assertRaises(ValidationError) as raised:
            resource.clean()
        self.assertIn("not both", str(raised.exception.message_dict["document"]))

    def test_link_alone_is_valid(self):
        resource = ResourcePageFactory.build(link_url="https://example.org/", document=None, category=self.category)
        resource.clean()
        self.assertEqual(resource.resource_url, "https://example.org/")


class StoryIndexTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _, _, cls.story_index, _ = make_site()
        cls.cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")

    def test_exchange_type_slug_is_unique_per_locale(self):
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            ExchangeTypeFactory(name="Cultural again", slug="cultural")
