"""Build and remove the demo site. ``manage.py load_demo`` is the way in.

Everything is made from the project's own fixture (``cities/data/la_sister_cities.json``), the words
in ``content.py`` and pictures drawn by ``images.py``, with fixed seeds: two builds give the same site.

The English site is built first; its Spanish version (``content_es.py``, ``content_es_cities.py``) is then
made the way an editor would with wagtail-localize: each Spanish page or snippet is a translation of its
English source (same translation key, a ``Translation`` record from the source), pointing at the Spanish
versions of the cities, exchange types, categories and committees it relates to. Pictures keep one file.
Its words are also recorded as the translations of the source's strings (wagtail-localize's
``StringTranslation``), so that the translation editor shows them as translated and a "Sync" keeps them;
for that, a Spanish body keeps the block ids of the English one wherever the blocks match.
"""

import dataclasses
import datetime
import io
import random
from pathlib import Path

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape, format_html, format_html_join
from django.utils.text import slugify

from wagtail.coreutils import string_to_ascii
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from cities.committees import setup_committee_review
from cities.models import (
    CityGalleryImage,
    CityIndexPage,
    CityPage,
    CitySource,
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
from home.models import CustomImage, HomePage, HomePageFeaturedCity, ImageText, StandardPage

from . import content, content_es
from .cities import load_cities, source_title
from .content_es_cities import CITIES_ES
from .images import PALETTES, pattern_picture, simple_pdf

SEED = 1959
COLLECTION_NAME = "Demo content"
HOME_SLUG = "home"
# The home page's children that show a complete demo is in place.
SECTION_SLUGS = ("cities", "stories", "resources", "about")
STORY_COUNT = 48
STORY_FIRST_DAY = datetime.date(2017, 1, 1)
STORY_LAST_DAY = datetime.date(2024, 12, 31)
GALLERY_PICTURES = 3
STORY_PICTURES_PER_TYPE = 2
ABOUT_TEXT = Path(__file__).parent / "data" / "about-sister-cities.txt"


class DemoConflict(Exception):
    """The database holds a site the demo would clash with. The message says what to do."""


def demo_is_loaded():
    """True if the demo site is in place, False if there is no home page yet.

    Raises DemoConflict for a home page that is not a complete demo site: building would clash with it,
    and only ``--reset`` (which deletes it) may replace it.
    """
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return False
    present = set(home.get_children().values_list("slug", flat=True))
    missing = [slug for slug in SECTION_SLUGS if slug not in present]
    if not missing and not HomePage.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk):
        missing = ["Spanish"]  # a demo built before the Spanish version existed
    if missing:
        raise DemoConflict(
            f"A home page ('{home.title}') exists but it is not a complete demo site (no {', '.join(missing)} "
            "section). Run 'manage.py load_demo --reset' to delete it, with every page under it, and build the "
            "demo in its place."
        )
    return True


def remove_demo():
    """Delete the demo: the home page and every page under it, the demo's snippets, pictures and documents.

    Snippets and files are found by the demo's own markers (sample chair, its slugs, its collection), so
    leftovers of an interrupted earlier run go too.
    """
    for home in HomePage.objects.all():
        home.delete()  # with the pages under it; the default Site, pointing at it, goes too
    Committee.objects.filter(
        chair__in=[content.SAMPLE_CHAIR, content_es.SAMPLE_CHAIR], contact_email__endswith="@example.org"
    ).delete()
    ExchangeType.objects.filter(slug__in=[slug for slug, _, _ in content.EXCHANGE_TYPES]).delete()
    ResourceCategory.objects.filter(slug__in=[slug for slug, _, _ in content.RESOURCE_CATEGORIES]).delete()
    ResourceSubmission.objects.filter(submitter_email=content.SAMPLE_SUGGESTION["submitter_email"]).delete()
    collection = Collection.get_first_root_node().get_children().filter(name=COLLECTION_NAME).first()
    if collection is not None:
        # One by one, so that Wagtail's delete signals remove the files (once the transaction commits).
        for image in CustomImage.objects.filter(collection=collection):
            image.delete()
        for document in get_document_model().objects.filter(collection=collection):
            document.delete()
        collection.delete()


def rich_text(*paragraphs):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def page_link(page, text):
    return format_html('<a linktype="page" id="{}">{}</a>', page.pk, text)


def heading_block(text, size="h2"):
    return {"type": "heading", "value": {"heading_text": text, "size": size}}


def paragraph_block(html):
    return {"type": "paragraph", "value": html}


def page_link_block(page, text):
    return {"type": "page_link", "value": {"page": page.pk, "link_text": text}}


def document_bytes(filename, title):
    if filename.endswith(".pdf"):
        return simple_pdf(f"{title} (sample)", content.CHECKLIST_PARAGRAPHS)
    return content.PARTICIPANT_FORM.encode("utf-8")


def unique_slug(title, taken):
    base = slugify(string_to_ascii(title))[:200]
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


@dataclasses.dataclass
class DemoStats:
    cities: int = 0
    stories: int = 0
    resources: int = 0
    committees: int = 0
    images: int = 0
    documents: int = 0
    spanish_pages: int = 0
    spanish_snippets: int = 0

    def __str__(self):
        return (
            f"{self.cities} cities, {self.stories} stories, {self.resources} resources, "
            f"{self.committees} committees, {self.images} images, {self.documents} documents; in Spanish: "
            f"{self.spanish_pages} pages, {self.spanish_snippets} snippets"
        )


# The city page fields that hold words, which the Spanish city profiles (content_es_cities.py) may give.
CITY_TEXT_FIELDS = ("title", "summary", "body", "status_note", "year_note", "seo_title", "search_description")


def spanish_blocks(blocks, attribution=content_es.QUOTE_ATTRIBUTION):
    """Body blocks from the Spanish data: ready blocks as they are, ``(kind, text)`` pairs made into blocks."""
    made = []
    for block in blocks:
        if isinstance(block, dict):
            made.append(block)
            continue
        kind, text = block
        if kind == "heading":
            made.append(heading_block(text))
        elif kind == "quote":
            made.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
        else:
            made.append(paragraph_block(text if text.startswith("<") else rich_text(text)))
    return made


def with_block_ids(english_stream, blocks):
    """The Spanish body blocks, each with the id of the English block in its place when both are of one type.

    Matching ids give matching wagtail-localize segment paths (``body.<block id>...``), the way a body made
    by wagtail-localize's translation editor keeps them.
    """
    english = english_stream.get_prep_value() if english_stream is not None else []
    made = []
    for position, block in enumerate(blocks):
        if isinstance(block, dict) and position < len(english) and english[position]["type"] == block["type"]:
            block = {**block, "id": english[position]["id"]}
        made.append(block)
    return made


def no_progress(items, description):
    return items


class DemoBuilder:
    """Builds the demo site in one transaction: all of it, or (on an error) nothing.

    ``progress(items, description)`` wraps the long loops, e.g. in a tqdm progress bar.
    """

    def __init__(self, progress=no_progress):
        self.progress = progress
        self.stats = DemoStats()
        self.saved_files = []
        self.saved = []  # every object made, for the reference index
        self.story_pictures = {}
        self.told = []  # each story with what it was made from, for its Spanish version
        self.sources = {}  # translation key -> the TranslationSource of each Spanish page

    def build(self):
        try:
            with transaction.atomic():
                # Each page is saved three times (added, revised, published): index its references once.
                with disable_reference_index_auto_update():
                    self._build()
                for instance in self.saved:
                    ReferenceIndex.create_or_update_for_object(instance)
        except BaseException:
            # The rows are rolled back; the files written meanwhile would stay behind without this.
            for storage, name in self.saved_files:
                storage.delete(name)
            raise
        return self.stats

    # --- The steps, in order ----------------------------------------------------------------------

    def _build(self):
        self.locale = Locale.get_default()
        self.collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
        self.facts = load_cities()
        self._snippets()

        home = self._home_page()
        city_index = self._add(
            home,
            CityIndexPage(title=content.CITY_INDEX_TITLE, slug="cities", intro=self._city_index_intro()),
        )
        story_index = self._add(
            home, StoryIndexPage(title=content.STORY_INDEX_TITLE, slug="stories", intro=content.STORY_INDEX_INTRO)
        )
        resource_index = self._add(
            home,
            ResourceIndexPage(title=content.RESOURCE_INDEX_TITLE, slug="resources", intro=content.RESOURCE_INDEX_INTRO),
        )
        about = self._about_page(home, resource_index)

        cities = self._cities(city_index)
        self._stories(story_index, cities)
        self._resources(resource_index, cities)
        self._finish_home_page(home, cities, about, story_index, resource_index)
        self._spanish(home, city_index, story_index, resource_index, about, cities)
        self._work_to_do(resource_index, cities)
        # The program office's review of the committees' work (cities/committees.py).
        setup_committee_review()

    def _snippets(self):
        self.exchange_types = {}
        for position, (slug, name, description) in enumerate(content.EXCHANGE_TYPES, start=1):
            self.exchange_types[slug] = ExchangeType.objects.create(
                locale=self.locale, slug=slug, name=name, description=description, sort_order=position * 10
            )
        self.categories = {
            slug: ResourceCategory.objects.create(locale=self.locale, slug=slug, name=name, description=description)
            for slug, name, description in content.RESOURCE_CATEGORIES
        }
        # A committee for each active partnership; suspended and unconfirmed ones have none.
        self.committees = {}
        for facts in self.facts:
            if facts.status != Status.ACTIVE:
                continue
            kind = "Sister" if facts.relationship_label == "sister city" else "Friendship"
            committee = Committee(
                locale=self.locale,
                name=f"Los Angeles–{facts.name} {kind} City Committee",
                chair=content.SAMPLE_CHAIR,
                contact_email=f"{facts.slug}@example.org",
                live=False,
            )
            committee.save()
            committee.save_revision().publish()
            self.saved.append(committee)
            self.committees[facts.name] = committee
        self.stats.committees = len(self.committees)

    def _home_page(self):
        root = Page.get_first_root_node()
        # Wagtail's own "Welcome to your new Wagtail site!" page, if it is still there and still empty.
        welcome = root.get_children().filter(slug=HOME_SLUG, content_type=ContentType.objects.get_for_model(Page))
        for page in welcome:
            if page.is_leaf():
                page.delete()
        home = HomePage(
            title=content.SITE_NAME,
            slug=HOME_SLUG,
            intro=content.HOME_INTRO,
            hero_image=self._image(
                "home", content.SITE_NAME, content.SITE_NAME, f"{len(self.facts)} partner cities around the world"
            ),
        )
        root.add_child(instance=home)  # published last, once it can link to everything
        site = Site.objects.filter(is_default_site=True).first() or Site(
            is_default_site=True, hostname="localhost", port=80
        )
        site.root_page = home
        site.site_name = content.SITE_NAME
        site.save()
        return home

    def _city_index_intro(self, text=content.CITY_INDEX_INTRO):
        sister = sum(1 for facts in self.facts if facts.relationship_label == "sister city")
        return text.format(total=len(self.facts), sister=sister, friendship=len(self.facts) - sister)

    def _about_page(self, home, resource_index):
        title, body = None, []
        for chunk in ABOUT_TEXT.read_text(encoding="utf-8").split("\n\n"):
            lines = [line.strip() for line in chunk.strip().splitlines() if not line.startswith("# ")]
            if not lines:
                continue
            if title is None:
                title = " ".join(lines)
            elif lines[0].startswith("## "):
                body.append(heading_block(lines[0][3:]))
            elif all(line.startswith("* ") for line in lines):
                items = format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines)))
                body[-1]["value"] += items  # the list belongs with its lead-in sentence
            elif " ".join(lines) == content.ABOUT_CUT_OFF:
                completed = format_html(content.ABOUT_COMPLETED, resources=page_link(resource_index, "resources page"))
                body.append(paragraph_block(f"<p>{completed}</p>"))
                body.append(page_link_block(resource_index, "Browse useful resources"))
            else:
                body.append(paragraph_block(rich_text(" ".join(lines))))
        if not any(block["type"] == "page_link" for block in body):
            raise ValueError(f"{ABOUT_TEXT} no longer ends with {content.ABOUT_CUT_OFF!r}: update the demo.")
        page = StandardPage(
            title=title,
            slug="about",
            intro=content.ABOUT_INTRO,
            body=body,
            show_in_menus=True,
            hero_image=self._image("about", title, "About the program", content.SITE_NAME),
        )
        return self._add(home, page)

    def _cities(self, city_index):
        pages = {}
        for facts in self.progress(self.facts, "Partner cities"):
            subtitle = f"{facts.country_name} · {facts.relationship_label.capitalize()}"
            page = CityPage(
                **facts.page_fields(),
                summary=facts.summary(),
                body=[heading_block("The partnership"), paragraph_block(rich_text(*facts.history_paragraphs()))],
                hero_image=self._image(f"city-{facts.slug}", f"{facts.name} (sample image)", facts.name, subtitle),
                committee=self.committees.get(facts.name),
            )
            page.sources = [
                CitySource(url=url, title=source_title(url), sort_order=position)
                for position, url in enumerate(facts.sources)
            ]
            if facts.name in content.FEATURED_CITIES:
                page.gallery_images = [
                    CityGalleryImage(
                        image=self._image(
                            f"gallery-{facts.slug}-{number}",
                            f"{facts.name}, gallery picture {number} (sample image)",
                            facts.name,
                            f"Gallery picture {number}",
                        ),
                        caption=f"A generated picture standing in for a photograph of {facts.name}.",
                        sort_order=number,
                    )
                    for number in range(1, GALLERY_PICTURES + 1)
                ]
            pages[facts.name] = self._add(city_index, page)
        self.stats.cities = len(pages)
        self.cities = pages
        return pages

    def _stories(self, story_index, cities):
        """STORY_COUNT stories from the templates, spread over the active partnerships and every kind of exchange."""
        rng = random.Random(SEED)  # noqa: S311 - repeatable demo content, not security
        facts_by_name = {facts.name: facts for facts in self.facts}
        candidates = [facts.name for facts in self.facts if facts.status == Status.ACTIVE]
        told = dict.fromkeys(candidates, 0)  # stories per city so far, to spread them evenly
        told_by_template = {index: set() for index in range(len(content.STORY_TEMPLATES))}
        slugs = set()
        span = (STORY_LAST_DAY - STORY_FIRST_DAY).days
        for number in self.progress(range(1, STORY_COUNT + 1), "Stories"):
            index = (number - 1) % len(content.STORY_TEMPLATES)
            template = content.STORY_TEMPLATES[index]
            names = []
            for _ in range(template.get("cities", 1)):
                # Among the cities this template has not told yet, one of those with the fewest stories.
                fresh = [name for name in candidates if name not in names and name not in told_by_template[index]]
                fewest = min(told[name] for name in fresh)
                name = rng.choice([name for name in fresh if told[name] == fewest])
                told[name] += 1
                told_by_template[index].add(name)
                names.append(name)
            date = STORY_FIRST_DAY + datetime.timedelta(days=rng.randrange(span + 1))
            first = facts_by_name[names[0]]
            slots = {
                "city": first.name,
                "country": first.country_name,
                "cities": ", ".join(names[:-1]) + f" and {names[-1]}",
                "since": f"since {first.year_established}" if first.year_established else "for many years",
                "topic": (topic := rng.choice(template["topics"])),
                "count": rng.randrange(6, 40),
                "month": f"{date:%B}",
                "year": date.year,
            }
            title = template["title"].format(**slots)
            kinds = [self.exchange_types[slug] for slug in template["types"]]
            attribution = "A participant (sample quote)"
            if len(names) == 1:
                attribution = f"A participant from {first.name} (sample quote)"
            body = []
            for block_type, text in template["body"]:
                text = text.format(**slots)
                if block_type == "heading":
                    body.append(heading_block(text))
                elif block_type == "quote":
                    body.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
                else:
                    body.append(paragraph_block(rich_text(text)))
            body.extend(page_link_block(cities[name], f"Los Angeles and {name}") for name in names)
            story = StoryPage(
                title=title,
                slug=unique_slug(title, slugs),
                date=date,
                intro=f"{template['intro'].format(**slots)} {content.SAMPLE_NOTE}",
                body=body,
                author=rng.choice(content.AUTHORS),
                hero_image=self._story_picture(kinds[0], rng.randrange(STORY_PICTURES_PER_TYPE)),
            )
            story.cities.set([cities[name] for name in names])
            story.exchange_types.set(kinds)
            story.tags.add(*template["tags"])
            self._add(story_index, story)
            self.told.append((story, index, names, template["topics"].index(topic), slots, date))
            self.stats.stories += 1

    def _story_picture(self, kind, variant):
        """A few pictures per kind of exchange, shared by its stories: each in the kind's own colours."""
        key = f"story-{kind.slug}-{variant + 1}"
        if key not in self.story_pictures:
            self.story_pictures[key] = self._image(
                key,
                f"{kind.name} exchange, story picture {variant + 1} (sample image)",
                f"{kind.name} exchange",
                "Sister Cities of Los Angeles",
                palette=PALETTES[list(self.exchange_types).index(kind.slug)],
            )
        return self.story_pictures[key]

    def _resources(self, resource_index, cities):
        """The external links, then the documents we host; each listed under its category."""
        slugs = set()
        self.resources = {}
        entries = [("link", *entry) for entry in content.LINK_RESOURCES]
        entries += [("document", *entry) for entry in content.DOCUMENT_RESOURCES]
        for kind, title, target, category, description, *related in self.progress(entries, "Resources"):
            page = ResourcePage(
                title=title,
                slug=unique_slug(title, slugs),
                description=description,
                category=self.categories[category],
            )
            if kind == "link":
                page.link_url = target
                page.cities.set([cities[name] for name in related[0]])
            else:
                page.document = self._document(title, target, document_bytes(target, title))
            self._add(resource_index, page)
            self.resources[title] = page
            self.stats.resources += 1

    def _finish_home_page(self, home, cities, about, story_index, resource_index):
        paragraph = format_html(
            content.HOME_BODY_PARAGRAPH,
            about=page_link(about, "what a sister city is"),
            stories=page_link(story_index, "stories of past exchanges"),
            resources=page_link(resource_index, "useful resources"),
        )
        home.body = [heading_block(content.HOME_BODY_HEADING), paragraph_block(f"<p>{paragraph}</p>")]
        home.featured_cities = [
            HomePageFeaturedCity(city=cities[name], sort_order=position)
            for position, name in enumerate(content.FEATURED_CITIES)
        ]
        home.save_revision().publish()
        self.saved.append(home)

    def _work_to_do(self, resource_index, cities):
        """Something in each of the program office's dashboard panels (cities/dashboard.py).

        A visitor's suggestion waiting for review; the profiles of partnerships that are not active,
        last published more than a year ago. Anniversaries, quiet partnerships and translations to do
        follow from the facts and the stories' dates.
        """
        suggestion = dict(content.SAMPLE_SUGGESTION)
        suggestion["category"] = self.categories[suggestion["category"]]
        suggestion["city"] = cities[suggestion["city"]]
        ResourceSubmission.objects.create(resource_index=resource_index, **suggestion)
        inactive = [facts.name for facts in self.facts if facts.status != Status.ACTIVE]
        CityPage.objects.filter(pk__in=[cities[name].pk for name in inactive], locale=self.locale).update(
            last_published_at=datetime.datetime.fromisoformat(content.INACTIVE_PROFILES_LAST_PUBLISHED)
        )

    # --- The Spanish version ----------------------------------------------------------------------

    def _spanish(self, home, city_index, story_index, resource_index, about, cities):
        """Translate the English site into Spanish, parents before children, snippets before the pages using them."""
        self.es = Locale.objects.get(language_code="es")
        self._spanish_snippets()
        # Published last, once it can link to everything, like the English one.
        home_es = self._translate(home, publish=False, title=content_es.SITE_NAME, intro=content_es.HOME_INTRO)
        self._translate(
            city_index,
            title=content_es.CITY_INDEX_TITLE,
            intro=self._city_index_intro(content_es.CITY_INDEX_INTRO),
        )
        story_index_es = self._translate(
            story_index, title=content_es.STORY_INDEX_TITLE, intro=content_es.STORY_INDEX_INTRO
        )
        resource_index_es = self._translate(
            resource_index, title=content_es.RESOURCE_INDEX_TITLE, intro=content_es.RESOURCE_INDEX_INTRO
        )
        about_es = self._translate(
            about,
            title=content_es.ABOUT_TITLE,
            intro=content_es.ABOUT_INTRO,
            body=self._spanish_about_body(resource_index_es),
        )
        cities_es = self._spanish_cities(cities)
        self._spanish_stories(cities_es)
        self._spanish_resources(cities_es)

        paragraph = format_html(
            content_es.HOME_BODY_PARAGRAPH,
            about=page_link(about_es, content_es.HOME_LINK_ABOUT),
            stories=page_link(story_index_es, content_es.HOME_LINK_STORIES),
            resources=page_link(resource_index_es, content_es.HOME_LINK_RESOURCES),
        )
        home_es.refresh_from_db(fields=["numchild"])  # saving it must not undo its children's count
        home_es.body = with_block_ids(
            home.body, [heading_block(content_es.HOME_BODY_HEADING), paragraph_block(f"<p>{paragraph}</p>")]
        )
        home_es.featured_cities = [
            HomePageFeaturedCity(city=cities_es[name], sort_order=position)
            for position, name in enumerate(content.FEATURED_CITIES)
        ]
        self._publish(home_es)

    def _spanish_snippets(self):
        self.exchange_types_es = {
            slug: self._translate_snippet(
                kind, **dict(zip(("name", "description"), content_es.EXCHANGE_TYPES[slug], strict=True))
            )
            for slug, kind in self.exchange_types.items()
        }
        self.categories_es = {
            slug: self._translate_snippet(
                category, **dict(zip(("name", "description"), content_es.RESOURCE_CATEGORIES[slug], strict=True))
            )
            for slug, category in self.categories.items()
        }
        self.committees_es = {}
        for facts in self.facts:
            committee = self.committees.get(facts.name)
            if committee is None:
                continue
            kind = "Sister" if facts.relationship_label == "sister city" else "Friendship"
            name = content_es.COMMITTEE_NAMES[kind].format(city=self._spanish_city_name(facts))
            self.committees_es[facts.name] = self._translate_snippet(
                committee, name=name, chair=content_es.SAMPLE_CHAIR, live=False
            )

    def _spanish_about_body(self, resource_index_es):
        body = []
        for kind, text, *items in content_es.ABOUT_BODY:
            if kind == "heading":
                body.append(heading_block(text))
            elif kind == "list":
                bullets = format_html(
                    "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item,) for item in items[0]))
                )
                body.append(paragraph_block(rich_text(text) + bullets))
            else:
                body.append(paragraph_block(rich_text(text)))
        completed = format_html(
            content_es.ABOUT_COMPLETED, resources=page_link(resource_index_es, content_es.ABOUT_LINK_RESOURCES)
        )
        body.append(paragraph_block(f"<p>{completed}</p>"))
        body.append(page_link_block(resource_index_es, content_es.ABOUT_BROWSE_RESOURCES))
        return body

    def _spanish_city_name(self, facts):
        return CITIES_ES[facts.slug]["title"]

    def _spanish_cities(self, cities):
        pages = {}
        for facts in self.progress(self.facts, "Partner cities (Spanish)"):
            english = cities[facts.name]
            words = CITIES_ES[facts.slug]
            fields = {name: value for name, value in words.items() if name in CITY_TEXT_FIELDS}
            if "body" in fields:
                fields["body"] = spanish_blocks(fields["body"])
            page = self._translate(english, publish=False, **fields)
            page.committee = self.committees_es.get(facts.name)
            page.gallery_images = [
                CityGalleryImage(image=item.image, caption=words["gallery_caption"], sort_order=item.sort_order)
                for item in english.gallery_images.all()
            ]
            self._publish(page)
            pages[facts.name] = page
        return pages

    def _spanish_stories(self, cities_es):
        """The first story told from each template that has a Spanish version."""
        facts_by_name = {facts.name: facts for facts in self.facts}
        first_told = {}
        for entry in self.told:
            if entry[1] in content_es.STORY_TEMPLATES:
                first_told.setdefault(entry[1], entry)
        for story, index, names, topic, slots, date in self.progress(list(first_told.values()), "Stories (Spanish)"):
            template = content_es.STORY_TEMPLATES[index]
            city_names = [cities_es[name].title for name in names]
            first = facts_by_name[names[0]]
            es_slots = {
                **slots,
                "city": city_names[0],
                "cities": ", ".join(city_names[:-1]) + f" y {city_names[-1]}",
                "since": content_es.SINCE.format(year=first.year_established)
                if first.year_established
                else content_es.SINCE_UNKNOWN,
                "topic": template["topics"][topic],
                "month": content_es.MONTHS[date.month - 1],
            }
            attribution = content_es.QUOTE_ATTRIBUTION
            if len(names) == 1:
                attribution = content_es.QUOTE_ATTRIBUTION_FROM.format(city=city_names[0])
            body = spanish_blocks([(kind, text.format(**es_slots)) for kind, text in template["body"]], attribution)
            body.extend(
                page_link_block(cities_es[name], content_es.CITY_LINK.format(city=city))
                for name, city in zip(names, city_names, strict=True)
            )
            page = self._translate(
                story,
                publish=False,
                title=template["title"].format(**es_slots),
                intro=f"{template['intro'].format(**es_slots)} {content_es.SAMPLE_NOTE}",
                body=body,
                author=content_es.AUTHORS[story.author],
            )
            page.cities.set([cities_es[name] for name in names])
            page.exchange_types.set([self.exchange_types_es[kind.slug] for kind in story.exchange_types.all()])
            self._publish(page)

    def _spanish_resources(self, cities_es):
        english_cities = {page.pk: name for name, page in self.cities.items()}
        for title, english in self.progress(list(self.resources.items()), "Resources (Spanish)"):
            if title not in content_es.RESOURCES:
                continue
            title_es, description = content_es.RESOURCES[title]
            page = self._translate(english, publish=False, title=title_es, description=description)
            page.category = self.categories_es[english.category.slug]
            page.cities.set([cities_es[english_cities[city.pk]] for city in english.cities.all()])
            self._publish(page)

    def _translate(self, english, publish=True, **fields):
        """The Spanish translation of an English page, as wagtail-localize would make it, with the given words."""
        source, _ = TranslationSource.get_or_create_from_instance(english)
        page = english.copy_for_translation(self.es, copy_parents=False, alias=False)
        for name, value in fields.items():
            if isinstance(value, list):  # a body
                value = with_block_ids(getattr(english, name), value)
            setattr(page, name, value)
        Translation.objects.get_or_create(source=source, target_locale=self.es)
        self.sources[page.translation_key] = source
        if publish:
            self._publish(page)
        return page

    def _publish(self, page):
        page.save()
        page.save_revision(clean=False).publish()
        self._record_strings(self.sources[page.translation_key], page)
        self.saved.append(page)
        self.stats.spanish_pages += 1

    def _translate_snippet(self, english, **fields):
        source, _ = TranslationSource.get_or_create_from_instance(english)
        snippet = english.copy_for_translation(self.es)
        for name, value in fields.items():
            setattr(snippet, name, value)
        snippet.save()
        if isinstance(snippet, Committee):
            snippet.save_revision().publish()
        Translation.objects.get_or_create(source=source, target_locale=self.es)
        self._record_strings(source, snippet)
        self.saved.append(snippet)
        self.stats.spanish_snippets += 1
        return snippet

    def _record_strings(self, source, spanish):
        """Record the Spanish object's words as the translations of its source's strings, as an editor would.

        The source's strings and the Spanish ones are paired by their place: the same path (field, block id,
        child) and the same rank on that path. A path whose strings do not pair up one to one (a Spanish
        body block with no English counterpart, a rich text cut into other sentences) stays untranslated.
        """
        by_path = {}
        for segment in (
            StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
        ):
            by_path.setdefault(segment.context.path, []).append(segment)
        spanish_by_path = {}
        for value in extract_segments(spanish):
            if isinstance(value, StringSegmentValue):
                spanish_by_path.setdefault(value.path, []).append(value.string.data)
        translations = {}
        for path, segments in by_path.items():
            texts = spanish_by_path.get(path, [])
            if len(texts) != len(segments):
                continue
            for segment, text in zip(segments, texts, strict=True):
                # A string said twice on one path has one translation there.
                translations.setdefault((segment.string_id, segment.context_id), text)
        StringTranslation.objects.bulk_create(
            StringTranslation(
                translation_of_id=string_id,
                locale=self.es,
                context_id=context_id,
                data=text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for (string_id, context_id), text in translations.items()
        )

    # --- Helpers ----------------------------------------------------------------------------------

    def _add(self, parent, page):
        """Add the page under its parent and publish it, so that it has a revision like an editor's page."""
        parent.add_child(instance=page)  # validates the page (Page.save runs full_clean)
        page.save_revision(clean=False).publish()  # the same content: no need to validate it again
        self.saved.append(page)
        return page

    def _image(self, key, title, words, subtitle, palette=None):
        data, descriptions = pattern_picture(words, subtitle, seed=f"{SEED}:{key}", palette=palette)
        image = CustomImage(
            title=title,
            alt_text=descriptions["en"],
            credit=content.IMAGE_CREDIT,
            licence="own-work",
            collection=self.collection,
            file=ImageFile(io.BytesIO(data), name=f"demo-{key}.jpg"),
            file_size=len(data),
            file_hash=hash_filelike(io.BytesIO(data)),
        )
        image.save()
        # One file, its words in Spanish too (home.models.ImageText).
        ImageText.objects.create(
            image=image,
            locale=Locale.objects.get(language_code="es"),
            alt_text=descriptions["es"],
            credit=content_es.IMAGE_CREDIT,
        )
        self.saved.append(image)
        self.saved_files.append((image.file.storage, image.file.name))
        self.stats.images += 1
        return image

    def _document(self, title, filename, data):
        document = get_document_model()(
            title=title,
            collection=self.collection,
            file=ContentFile(data, name=filename),
            file_size=len(data),
            file_hash=hash_filelike(io.BytesIO(data)),
        )
        document.save()
        self.saved.append(document)
        self.saved_files.append((document.file.storage, document.file.name))
        self.stats.documents += 1
        return document
