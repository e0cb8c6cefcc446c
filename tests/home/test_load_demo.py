"""load_demo: the demo site it builds, its facts, and what a second run and --reset do.

Building the demo takes some seconds, so it is built once for the module, inside a transaction rolled
back at the end; each test runs in a savepoint of its own, so runs and deletions in one test are undone
before the next.
"""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.utils.html import escape, strip_tags

from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from cities.models import (
    CityIndexPage,
    CityPage,
    Committee,
    ExchangeType,
    ResourceCategory,
    ResourceIndexPage,
    ResourcePage,
    ResourceSubmission,
    Status,
    StoryIndexPage,
    StoryPage,
)
from home.demo import accounts, content, content_es
from home.demo.builder import COLLECTION_NAME
from home.demo.cities import fixture_path, load_cities, parse_city
from home.demo.content_es_cities import CITIES_ES
from home.models import CustomImage, HomePage, ImageText, StandardPage
from tests.support.html import parse

FIXTURE = Path(settings.BASE_DIR) / "cities" / "data" / "la_sister_cities.json"

# Every test, even one that does not touch the database itself: pytest-django creates the test database
# only when a selected test asks for it, and the module's build must never reach any other database.
pytestmark = pytest.mark.django_db

ENGLISH = {"locale__language_code": "en"}
SPANISH = {"locale__language_code": "es"}


def fixture_records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def run_load_demo(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Build the demo once for this module; everything is rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        Site.clear_site_root_paths_cache()
        yield run_load_demo()
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture
def demo(demo_output):
    Site.clear_site_root_paths_cache()  # a test that rebuilt the site may have cached other ids
    return HomePage.objects.get(**ENGLISH)


def snapshot():
    """What a run must leave alone: every page and its revisions, every picture, document and snippet."""
    return {
        "pages": sorted(Page.objects.filter(depth__gt=1).values_list("pk", "latest_revision_id", "live_revision_id")),
        "revisions": Revision.objects.count(),
        "images": sorted(CustomImage.objects.values_list("pk", "file")),
        "documents": sorted(get_document_model().objects.values_list("pk", "file")),
        "exchange_types": sorted(ExchangeType.objects.values_list("pk", flat=True)),
        "categories": sorted(ResourceCategory.objects.values_list("pk", flat=True)),
        "committees": sorted(Committee.objects.values_list("pk", "latest_revision_id")),
    }


# --- The page tree ------------------------------------------------------------------------------


def test_the_command_reports_what_it_built(demo_output):
    assert "Built the demo site" in demo_output
    assert f"{len(load_cities())} cities" in demo_output


def test_home_page_replaces_the_welcome_page_as_the_sites_root(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == demo.pk
    assert (site.hostname, site.port) == ("localhost", 80)
    assert demo.depth == 2
    # Wagtail's "Welcome to your new Wagtail site!" page is gone: the home page is the only one at depth 2.
    # and its Spanish translation, its sibling as Wagtail makes it.
    spanish = demo.get_translation(Locale.objects.get(language_code="es"))
    assert sorted(Page.objects.filter(depth=2).values_list("pk", flat=True)) == sorted([demo.pk, spanish.pk])


def test_home_page_has_its_sections(demo):
    children = {page.slug: page.specific_class for page in demo.get_children()}
    assert children == {
        "about": StandardPage,
        "cities": CityIndexPage,
        "stories": StoryIndexPage,
        "resources": ResourceIndexPage,
    }


def test_home_page_has_intro_hero_and_six_featured_cities(demo):
    assert demo.intro
    assert demo.hero_image is not None
    featured = [item.city for item in demo.featured_cities.all()]
    assert [city.title for city in featured] == content.FEATURED_CITIES
    assert len(featured) == 6
    assert all(city.live for city in featured)
    # One featured city per region.
    assert len({city.region for city in featured}) == 6


def test_every_page_is_published_with_a_revision(demo):
    pages = Page.objects.descendant_of(demo, inclusive=True).exclude(title=accounts.STORY_TITLE).specific()
    assert pages.count() > 100
    for page in pages:
        assert page.live, page
        assert page.latest_revision_id is not None, page
        assert page.live_revision_id == page.latest_revision_id, page
        assert not page.has_unpublished_changes, page
        assert page.first_published_at is not None, page


def test_one_account_per_role_each_password_printed_once(demo_output, django_user_model):
    officer = django_user_model.objects.get(username=accounts.OFFICER)
    member = django_user_model.objects.get(username=accounts.COMMITTEE_MEMBER)
    for user in (officer, member):
        password = re.search(rf"'{user.username}' \(.*\): password (\S+) \(shown only once\)", demo_output).group(1)
        assert user.check_password(password)
        assert not user.is_superuser and not user.is_staff
    assert list(officer.groups.values_list("name", flat=True)) == ["Program office"]
    nagoya = CityPage.objects.get(title="Nagoya", **ENGLISH)
    assert list(member.groups.all()) == [nagoya.committee.group]
    # A second run (after --reset too) keeps the accounts and never prints a password again.
    output = run_load_demo("--reset")
    assert "password" not in output.replace("its password was printed when it was made", "")
    assert "'nagoya'" in output and django_user_model.objects.get(username="nagoya").check_password(password)


def test_a_story_by_the_committee_member_waits_for_review(demo):
    story = StoryPage.objects.get(title=accounts.STORY_TITLE)
    assert not story.live
    assert story.owner.username == accounts.COMMITTEE_MEMBER
    assert story.workflow_in_progress
    assert story.current_workflow_task.name == "Program office review"
    assert [city.title for city in story.cities.all()] == ["Nagoya"]


def test_the_committees_have_their_groups_and_the_review_workflow(demo):
    from wagtail.models import GroupPagePermission

    for committee in Committee.objects.filter(**ENGLISH):
        city = CityPage.objects.get(committee=committee)
        assert committee.group.name == committee.name
        assert GroupPagePermission.objects.filter(group=committee.group, page=city).exists()
    for index in [*CityIndexPage.objects.all(), *StoryIndexPage.objects.all()]:
        assert index.get_workflow().name == "Committee review"


def test_about_page_holds_the_programs_text_with_its_list(demo):
    about = StandardPage.objects.filter(**ENGLISH).get(slug="about")
    assert about.title == "About Sister Cities of Los Angeles"
    html = "".join(block.value.source for block in about.body if block.block_type == "paragraph")
    assert "A sister city is created when a community decides to join with a community in another nation" in html
    assert "It enables all who participate to:</p><ul>" in html
    assert html.count("<li>") == 6
    assert "<li>Better understand their own community by sharing their way of life" in html


def test_about_pages_cut_off_sentence_now_links_to_the_resources_page(demo):
    about = StandardPage.objects.filter(**ENGLISH).get(slug="about")
    resources = ResourceIndexPage.objects.filter(**ENGLISH).get()
    paragraphs = [block.value.source for block in about.body if block.block_type == "paragraph"]
    last = paragraphs[-1]
    assert last.startswith("<p>Have a useful resource to add to our list? Send the information to the committee")
    assert f'<a linktype="page" id="{resources.pk}">resources page</a>' in last
    assert not any(p.rstrip().endswith("Send the information to</p>") for p in paragraphs)
    links = [block.value for block in about.body if block.block_type == "page_link"]
    assert [link["page"].specific for link in links] == [resources]


# --- Partner cities -----------------------------------------------------------------------------


def test_the_loader_reads_the_projects_own_fixture():
    assert fixture_path() == FIXTURE
    assert FIXTURE.is_file()


def test_exactly_the_fixtures_cities_are_built(demo):
    names = [record["name"] for record in fixture_records()]
    assert [city.name for city in load_cities()] == names
    cities = CityPage.objects.filter(**ENGLISH).child_of(CityIndexPage.objects.filter(**ENGLISH).get())
    assert sorted(cities.values_list("title", flat=True)) == sorted(names)
    assert cities.live().count() == len(names)


def test_every_city_has_a_summary_of_our_own_a_hero_and_its_sources(demo):
    records = {record["name"]: record for record in fixture_records()}
    for city in CityPage.objects.filter(**ENGLISH).all():
        assert 0 < len(city.summary) <= 400, city
        assert city.title in city.summary, city
        assert city.hero_image is not None, city
        assert [source.url for source in city.sources.all()] == records[city.title]["sources"], city
        assert city.country == records[city.title]["country_code"], city


def test_facts_carried_over_for_busan(demo):
    busan = CityPage.objects.filter(**ENGLISH).get(title="Busan")
    assert busan.year_established == 1967
    assert busan.agreement_date == datetime.date(1967, 12, 18)
    assert busan.year_note == "Some sources give 1971."
    assert busan.region == "asia"
    assert busan.population == 3_300_000
    assert len(busan.sources.all()) == 4


def test_tehran_is_suspended_with_a_note_and_no_committee(demo):
    tehran = CityPage.objects.filter(**ENGLISH).get(title="Tehran")
    assert tehran.status == Status.SUSPENDED
    assert tehran.status_note == "Reported suspended since 1986"
    assert tehran.committee is None
    assert "suspended since 1986" in tehran.summary


def test_manchesters_year_and_month_agreement_goes_into_the_note(demo):
    manchester = CityPage.objects.filter(**ENGLISH).get(title="Manchester")
    assert manchester.agreement_date is None
    assert manchester.year_established == 2009
    assert manchester.year_note == "Agreement signed in July 2009."
    assert manchester.relationship == "friendship_city"
    assert manchester.population is None


def test_london_has_no_year(demo):
    london = CityPage.objects.filter(**ENGLISH).get(title="London")
    assert london.year_established is None
    assert london.agreement_date is None
    assert london.relationship == "friendship_city"


def test_other_facts_survive_the_mapping(demo):
    st_petersburg = CityPage.objects.filter(**ENGLISH).get(title="St. Petersburg")
    assert st_petersburg.year_note == "Some sources give 1984 or 1990."
    lodz = CityPage.objects.filter(**ENGLISH).get(title="Łódź")
    assert (lodz.slug, lodz.status) == ("lodz", Status.UNCONFIRMED)
    nagoya = CityPage.objects.filter(**ENGLISH).get(title="Nagoya")
    assert (nagoya.latitude, nagoya.longitude) == (35.18, 136.91)
    assert nagoya.agreement_date == datetime.date(1959, 4, 1)
    regions = dict(CityPage.objects.filter(**ENGLISH).values_list("title", "region"))
    assert regions["Salvador"] == "south_america"
    assert regions["Mexico City"] == "north_america"
    assert regions["Auckland"] == "oceania"
    assert regions["Lusaka"] == "africa"
    assert regions["Berlin"] == "europe"


def test_the_mapping_refuses_what_the_models_cannot_hold():
    record = {**fixture_records()[0], "region": "Antarctica"}
    with pytest.raises(ValueError, match="unknown region"):
        parse_city(record)
    record = {**fixture_records()[0], "status": "dormant"}
    with pytest.raises(ValueError, match="unknown status"):
        parse_city(record)


def test_active_cities_have_a_published_sample_committee(demo):
    for city in CityPage.objects.filter(**ENGLISH).select_related("committee"):
        committee = city.committee
        if city.status != Status.ACTIVE:
            assert committee is None, city
            continue
        assert committee is not None, city
        assert city.title in committee.name
        assert committee.chair == content.SAMPLE_CHAIR
        assert committee.contact_email.endswith("@example.org")
        assert committee.live
        assert committee.latest_revision is not None
    assert (
        Committee.objects.filter(**ENGLISH).count()
        == CityPage.objects.filter(**ENGLISH).filter(status=Status.ACTIVE).count()
    )


def test_featured_cities_have_a_gallery(demo):
    for name in content.FEATURED_CITIES:
        assert CityPage.objects.filter(**ENGLISH).get(title=name).gallery_images.count() == 3


# --- Stories ------------------------------------------------------------------------------------


def test_at_least_40_stories_using_every_kind_of_exchange(demo):
    stories = StoryPage.objects.filter(**ENGLISH).child_of(StoryIndexPage.objects.filter(**ENGLISH).get())
    assert stories.count() >= 40
    used = set(stories.values_list("exchange_types__slug", flat=True))
    assert used == {"municipal", "business", "professional", "educational", "cultural"}


def test_every_story_says_it_is_sample_content(demo):
    for story in StoryPage.objects.filter(**ENGLISH).all():
        assert story.intro.endswith(content.SAMPLE_NOTE), story
        assert len(story.intro) <= 400, story


def test_stories_are_spread_over_cities_and_years(demo):
    stories = StoryPage.objects.filter(**ENGLISH).all()
    assert len({story.date.year for story in stories}) >= 5
    cities = set(stories.values_list("cities__title", flat=True))
    assert len(cities) >= 20
    # Not about partnerships that are suspended or unconfirmed.
    assert not {"Tehran", "Łódź"} & cities
    assert len(set(stories.values_list("title", flat=True))) == stories.count()


def test_every_story_is_complete(demo):
    for story in StoryPage.objects.filter(**ENGLISH).prefetch_related("cities", "tagged_items"):
        assert story.author, story
        assert story.hero_image_id, story
        assert story.cities.exists(), story
        assert story.tags.exists(), story
        kinds = [block.block_type for block in story.body]
        assert "paragraph" in kinds and "heading" in kinds, story
        assert "page_link" in kinds, story


# --- Resources ----------------------------------------------------------------------------------


def test_at_least_15_resources_each_with_one_target_and_a_category(demo):
    resources = ResourcePage.objects.filter(**ENGLISH).select_related("category", "document")
    assert resources.count() >= 15
    for resource in resources:
        assert bool(resource.link_url) != bool(resource.document_id), resource
        assert resource.category is not None, resource
        assert resource.description, resource
        resource.full_clean()  # ResourcePage.clean: exactly one of address and document
    assert resources.filter(document__isnull=False).count() >= 1
    assert resources.filter(link_url__startswith="https://").count() >= 15
    assert resources.filter(cities__isnull=False).exists()


def test_the_hosted_pdf_is_a_well_formed_pdf(demo):
    document = ResourcePage.objects.filter(**ENGLISH).get(document__file__endswith=".pdf").document
    with document.open_file() as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    # Every offset in the cross-reference table points at its object, and startxref at the table.
    startxref = int(re.search(rb"startxref\n(\d+)", data)[1])
    assert data[startxref:].startswith(b"xref")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)


# --- Snippets and pictures ----------------------------------------------------------------------


def test_the_five_exchange_types_in_order(demo):
    assert list(ExchangeType.objects.filter(**ENGLISH).values_list("slug", flat=True)) == [
        "municipal",
        "business",
        "professional",
        "educational",
        "cultural",
    ]
    assert all(kind.description for kind in ExchangeType.objects.filter(**ENGLISH).all())


def test_resource_categories(demo):
    slugs = set(ResourceCategory.objects.filter(**ENGLISH).values_list("slug", flat=True))
    assert {"travel", "grants-and-funding", "education", "culture", "business", "program-documents"} <= slugs


def test_every_picture_is_described_credited_and_licensed(demo):
    collection = Collection.objects.get(name=COLLECTION_NAME)
    images = CustomImage.objects.all()
    assert images.count() >= len(load_cities())
    for image in images:
        assert image.alt_text, image
        assert image.credit == "Generated sample image"
        assert image.licence == "own-work"
        assert (image.width, image.height) == (1200, 600)
        assert image.collection_id == collection.pk
        assert image.file_hash and image.file_size


def test_every_picture_is_described_in_spanish_too(demo):
    """One file per picture; its alt text and credit also in Spanish, which /es/ pages show."""
    for image in CustomImage.objects.all():
        spanish = ImageText.objects.get(image=image, locale__language_code="es")
        assert spanish.alt_text and spanish.alt_text != image.alt_text, image
        assert spanish.credit and spanish.credit != image.credit
    city = CityPage.objects.get(slug="mexico-city", **SPANISH)
    hero = parse(Client().get(city.get_url())).select_one("figure.hero img")
    assert hero["alt"] == ImageText.objects.get(image=city.hero_image, locale__language_code="es").alt_text


def test_pages_are_in_the_search_index(demo):
    english = CityPage.objects.live().filter(locale=demo.locale)  # search filters on the indexed locale field
    assert list(english.search("Pyramids")) == [CityPage.objects.get(title="Giza", **ENGLISH)]
    assert StoryPage.objects.live().filter(locale=demo.locale).search("musicians").count() >= 1


# --- Running it again -----------------------------------------------------------------------------


def test_a_second_run_changes_nothing(demo):
    before = snapshot()
    output = run_load_demo()
    assert "already loaded" in output
    assert snapshot() == before


def test_reset_rebuilds_the_same_site_from_scratch(demo):
    old_home = demo.pk
    stories_before = sorted(StoryPage.objects.values_list("title", "date", "cities__title"))
    hashes_before = sorted(CustomImage.objects.values_list("title", "file_hash"))
    before = snapshot()

    output = run_load_demo("--reset")

    assert "Built the demo site" in output
    home = HomePage.objects.get(**ENGLISH)
    assert home.pk != old_home
    assert not Page.objects.filter(pk=old_home).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    after = snapshot()
    for key in ("pages", "images", "documents", "exchange_types", "categories", "committees"):
        assert len(after[key]) == len(before[key]), key
        assert not set(after[key]) & set(before[key]), key  # all new rows
    # Nothing of the old site is left behind: one revision per page and committee, as after the first build.
    assert after["revisions"] == before["revisions"]
    assert Collection.objects.filter(name=COLLECTION_NAME).count() == 1
    # Fixed seeds: the same stories and the same pictures, byte for byte.
    assert sorted(StoryPage.objects.values_list("title", "date", "cities__title")) == stories_before
    assert sorted(CustomImage.objects.values_list("title", "file_hash")) == hashes_before


def test_a_home_page_that_is_not_the_demo_is_left_alone(demo):
    StoryIndexPage.objects.get(**ENGLISH).delete()
    with pytest.raises(CommandError, match="--reset"):
        run_load_demo()
    assert HomePage.objects.filter(pk=demo.pk).exists()


def test_a_demo_without_its_spanish_version_is_not_taken_for_complete(demo):
    HomePage.objects.get(**SPANISH).delete()
    with pytest.raises(CommandError, match="Spanish"):
        run_load_demo()
    run_load_demo("--reset")
    assert HomePage.objects.filter(**SPANISH).get().live


# --- The Spanish version ----------------------------------------------------------------------------

PAGE_MODELS = (
    HomePage,
    StandardPage,
    CityIndexPage,
    CityPage,
    StoryIndexPage,
    StoryPage,
    ResourceIndexPage,
    ResourcePage,
)
SNIPPET_MODELS = (ExchangeType, ResourceCategory, Committee)


def spanish_of(instance):
    return type(instance).objects.get(translation_key=instance.translation_key, **SPANISH)


def test_the_spanish_tree_mirrors_the_english_one(demo):
    spanish_home = spanish_of(demo)
    expected = {
        HomePage: 1,
        StandardPage: 1,
        CityIndexPage: 1,
        CityPage: len(load_cities()),
        StoryIndexPage: 1,
        StoryPage: len(content_es.STORY_TEMPLATES),
        ResourceIndexPage: 1,
        ResourcePage: len(content_es.RESOURCES),
    }
    assert len(content_es.STORY_TEMPLATES) >= 15 and len(content_es.RESOURCES) >= 8
    for model, count in expected.items():
        pages = model.objects.filter(**SPANISH)
        assert pages.count() == count, model
        for page in pages:
            assert page.live and page.live_revision_id == page.latest_revision_id, page
            english = model.objects.get(translation_key=page.translation_key, **ENGLISH)
            assert page.title != english.title or model is ResourcePage or model is CityPage, page
            if model is not HomePage:
                assert page.get_parent().specific == spanish_of(english.get_parent().specific), page
                assert page.slug == english.slug, page
            # An editor sees it as a wagtail-localize translation of the English page.
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=page.locale
            ).exists()
    assert spanish_home.get_parent().is_root()


def test_spanish_words_differ_from_the_english_ones(demo):
    fields = {
        HomePage: "intro",
        StandardPage: "intro",
        CityPage: "summary",
        StoryPage: "intro",
        ResourcePage: "description",
    }
    for model, field in fields.items():
        for page in model.objects.filter(**SPANISH):
            english = model.objects.get(translation_key=page.translation_key, **ENGLISH)
            assert getattr(page, field) != getattr(english, field), page
    for story in StoryPage.objects.filter(**SPANISH):
        assert story.intro.endswith(content_es.SAMPLE_NOTE), story
        english = StoryPage.objects.get(translation_key=story.translation_key, **ENGLISH)
        assert story.date == english.date and story.hero_image_id == english.hero_image_id  # one picture file
    for slug, words in CITIES_ES.items():
        assert CityPage.objects.get(slug=slug, **SPANISH).title == words["title"]


def test_spanish_pages_point_at_spanish_pages_and_snippets(demo):
    for story in StoryPage.objects.filter(**SPANISH).prefetch_related("cities", "exchange_types"):
        english = StoryPage.objects.get(translation_key=story.translation_key, **ENGLISH)
        assert [spanish_of(city) for city in english.cities.order_by("pk")] == list(story.cities.order_by("pk"))
        assert {kind.pk for kind in story.exchange_types.all()} == {
            spanish_of(kind).pk for kind in english.exchange_types.all()
        }
        links = [block.value["page"] for block in story.body if block.block_type == "page_link"]
        assert links and all(page.locale.language_code == "es" for page in links), story
    for resource in ResourcePage.objects.filter(**SPANISH).select_related("category"):
        assert resource.category.locale.language_code == "es", resource
        assert all(city.locale.language_code == "es" for city in resource.cities.all()), resource
    for city in CityPage.objects.filter(**SPANISH).select_related("committee"):
        if city.committee is not None:
            assert city.committee.locale.language_code == "es" and city.committee.live, city
    home = HomePage.objects.get(**SPANISH)
    featured = [item.city for item in home.featured_cities.all()]
    assert len(featured) == len(content.FEATURED_CITIES)
    assert all(city.locale.language_code == "es" for city in featured)
    about = StandardPage.objects.get(**SPANISH)
    links = [block.value["page"].specific for block in about.body if block.block_type == "page_link"]
    assert links == [ResourceIndexPage.objects.get(**SPANISH)]


def test_snippets_are_translated(demo):
    for model in SNIPPET_MODELS:
        english = model.objects.filter(**ENGLISH)
        assert model.objects.filter(**SPANISH).count() == english.count() > 0, model
        for item in english:
            spanish = spanish_of(item)
            assert spanish.name != item.name or model is ExchangeType, item
            assert Translation.objects.filter(
                source__object_id=item.translation_key, target_locale=spanish.locale
            ).exists()
    for slug, (name, description) in content_es.EXCHANGE_TYPES.items():
        kind = ExchangeType.objects.get(slug=slug, **SPANISH)
        assert (kind.name, kind.description) == (name, description)
        assert kind.sort_order == ExchangeType.objects.get(slug=slug, **ENGLISH).sort_order
    for slug, (name, _) in content_es.RESOURCE_CATEGORIES.items():
        assert ResourceCategory.objects.get(slug=slug, **SPANISH).name == name


def test_spanish_pages_answer_in_spanish(demo):
    client = Client()
    pages = [HomePage, StandardPage, CityIndexPage, StoryIndexPage, ResourceIndexPage]
    samples = [model.objects.get(**SPANISH) for model in pages]
    samples += [CityPage.objects.get(slug="mexico-city", **SPANISH), StoryPage.objects.filter(**SPANISH).first()]
    samples.append(ResourcePage.objects.filter(**SPANISH).first())
    for page in samples:
        url = page.get_url()
        assert url.startswith("/es/"), (page, url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert escape(page.title) in response.content.decode(), url


def test_the_summary_line_counts_the_spanish_pages(demo_output):
    spanish_pages = Page.objects.filter(**SPANISH).count()
    assert f"in Spanish: {spanish_pages} pages" in demo_output


# --- The Spanish words as wagtail-localize's translations -----------------------------------------


def translation_samples():
    """A Spanish story, a Spanish city and a Spanish exchange type, each with its English source."""
    spanish = [
        StoryPage.objects.filter(**SPANISH).order_by("pk").first(),
        CityPage.objects.get(slug="mexico-city", **SPANISH),
        ExchangeType.objects.get(slug="business", **SPANISH),  # "Empresarial": a name that differs
    ]
    return [
        (item, Translation.objects.get(source__object_id=item.translation_key, target_locale=item.locale).source)
        for item in spanish
    ]


def words(instance):
    """The texts an instance shows: its text fields and the texts in its body, without markup or ids."""
    found = [instance.title if hasattr(instance, "title") else instance.name]
    text_fields = ("slug", "intro", "summary", "description", "author", "status_note", "year_note", "seo_title")
    found += [getattr(instance, name) for name in (*text_fields, "search_description") if hasattr(instance, name)]

    def collect(value):
        if isinstance(value, str):
            found.append(strip_tags(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "id":
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    if hasattr(instance, "body"):
        collect([{"type": block["type"], "value": block["value"]} for block in instance.body.get_prep_value()])
    return found


def test_the_spanish_words_are_recorded_as_the_translations_of_the_english_strings(demo):
    for spanish, source in translation_samples():
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        assert segments.count() > 0, spanish
        shown = " ".join(words(spanish))
        for segment in segments:
            translation = StringTranslation.objects.get(
                translation_of=segment.string, locale=spanish.locale, context=segment.context
            )
            assert translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
            assert strip_tags(translation.data) in shown, (spanish, segment.context.path)
            if segment.context.path in ("title", "intro", "summary", "name", "description"):
                assert translation.data == getattr(spanish, segment.context.path) != segment.string.data


def test_a_sync_from_the_english_source_keeps_the_spanish_words(demo):
    for spanish, source in translation_samples():
        before = words(spanish)
        source.update_from_db()
        Translation.objects.get(source=source, target_locale=spanish.locale).save_target(publish=True)
        after = type(spanish).objects.get(pk=spanish.pk)
        assert words(after) == before, spanish
        english = type(spanish).objects.get(translation_key=spanish.translation_key, **ENGLISH)
        assert words(after) != words(english)


# --- The program office's dashboard ---------------------------------------------------------------


def test_every_dashboard_panel_has_work_to_show(demo, client):
    """A fresh demo puts something in each of the dashboard's panels (cities/dashboard.py, home/dashboard.py)."""
    office = get_user_model().objects.create_superuser("office", "office@example.org", "password")
    client.force_login(office)
    document = parse(client.get("/admin/").content.decode())
    for name in ("resource-suggestions", "anniversaries", "quiet-partnerships", "stale-city-profiles", "translations"):
        panel = document.select_one(f"#dashboard-{name}-section")
        assert panel is not None, name
        assert panel.select("tbody tr"), name
    suggestion = ResourceSubmission.objects.get(submitter_email=content.SAMPLE_SUGGESTION["submitter_email"])
    assert suggestion.is_open and suggestion.city.title == content.SAMPLE_SUGGESTION["city"]
