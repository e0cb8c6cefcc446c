"""The Spanish city profiles (``home.demo.content_es_cities``) against the English demo's.

The English texts are made here from the fixture's facts and the builder's own helpers, the way
``home.demo.builder`` makes them for each CityPage. No database: these are checks on the words.
"""

import re

import pytest

from django.utils.html import strip_tags

from cities.models import CityPage
from home.demo import content
from home.demo.builder import heading_block, paragraph_block, rich_text
from home.demo.cities import load_cities
from home.demo.content_es_cities import CITIES_ES

FACTS = {facts.slug: facts for facts in load_cities()}
TEXT_FIELDS = ("title", "summary", "status_note", "year_note", "gallery_caption")
SPANISH_MONTHS = [
    *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
    *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
]
# Crude language check: common words of each language, matched as whole words.
SPANISH_WORDS = {"de", "la", "el", "en", "y", "es", "los", "las", "del", "su", "sus", "se", "con", "por", "que"}
ENGLISH_WORDS = {"the", "and", "of", "is", "it", "its", "in", "on", "was", "with", "some", "sources", "became", "city"}


def english_texts(facts):
    """What the English demo sets on this city's page (see ``DemoBuilder._cities``)."""
    return {
        "title": facts.name,
        "slug": facts.slug,
        "summary": facts.summary(),
        "status_note": facts.status_note,
        "year_note": facts.year_note,
        "body": [heading_block("The partnership"), paragraph_block(rich_text(*facts.history_paragraphs()))],
        "gallery_caption": (
            f"A generated picture standing in for a photograph of {facts.name}."
            if facts.name in content.FEATURED_CITIES
            else ""
        ),
    }


def block_shape(block):
    """A block's type and the shape of its value: its keys and heading size, or its number of paragraphs."""
    value = block["value"]
    if isinstance(value, dict):
        return block["type"], sorted(value), value.get("size")
    return block["type"], value.count("<p>")


def body_text(body):
    return " ".join(
        strip_tags(block["value"]["heading_text"] if block["type"] == "heading" else block["value"]) for block in body
    )


def all_text(texts):
    return " ".join([*(texts[field] for field in TEXT_FIELDS), body_text(texts["body"])])


def words(text):
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def years(text):
    return set(re.findall(r"\b\d{4}\b", text))


city_slugs = pytest.mark.parametrize("slug", sorted(FACTS))


def test_there_is_one_spanish_profile_per_english_city_and_no_more():
    assert len(FACTS) == 28
    assert set(CITIES_ES) == set(FACTS)


@city_slugs
def test_spanish_profile_has_the_english_fields_and_body_shape(slug):
    english, spanish = english_texts(FACTS[slug]), CITIES_ES[slug]
    assert set(spanish) == set(english)
    assert [block_shape(block) for block in spanish["body"]] == [block_shape(block) for block in english["body"]]
    # Empty where the English is empty (no invented note), filled where it is filled.
    for field in TEXT_FIELDS:
        assert bool(spanish[field]) == bool(english[field]), field


@city_slugs
def test_spanish_profile_is_not_a_copy_of_the_english(slug):
    english, spanish = english_texts(FACTS[slug]), CITIES_ES[slug]
    # A city's name may well be the same in both languages ("Nagoya"); every sentence may not.
    for field in ("summary", "status_note", "year_note", "gallery_caption"):
        if english[field]:
            assert spanish[field] != english[field], field
    for english_block, spanish_block in zip(english["body"], spanish["body"], strict=True):
        assert spanish_block["value"] != english_block["value"]


@city_slugs
def test_spanish_profile_reads_as_spanish(slug):
    spanish = CITIES_ES[slug]
    assert len(words(all_text(spanish)) & SPANISH_WORDS) >= 5
    assert "Los Ángeles" in spanish["summary"]
    for field in (*TEXT_FIELDS, "body"):
        text = body_text(spanish["body"]) if field == "body" else spanish[field]
        assert not words(text) & ENGLISH_WORDS, (field, words(text) & ENGLISH_WORDS)


@city_slugs
def test_spanish_profile_keeps_the_english_facts(slug):
    facts, spanish = FACTS[slug], CITIES_ES[slug]
    english = english_texts(facts)
    # Every year the English gives (founding, other years reported, suspension) and no other.
    for field in ("summary", "status_note", "year_note"):
        assert years(spanish[field]) == years(english[field]), field
    assert years(body_text(spanish["body"])) == years(body_text(english["body"]))
    if facts.agreement_date:
        date = facts.agreement_date
        assert f"{date.day} de {SPANISH_MONTHS[date.month - 1]} de {date.year}" in spanish["body"][1]["value"]
    if facts.agreement_month:
        month = facts.agreement_month
        assert f"{SPANISH_MONTHS[month.month - 1]} de {month.year}" in spanish["year_note"]
    # Friendship cities are "ciudad amiga", sister cities "ciudad hermana" or "se hermanó".
    kind = "amiga" if facts.relationship_label == "friendship city" else "herman"
    assert kind in spanish["summary"]


@city_slugs
def test_spanish_page_keeps_the_english_slug_and_fits_the_page(slug):
    spanish = CITIES_ES[slug]
    assert spanish["slug"] == english_texts(FACTS[slug])["slug"] == slug
    for field in ("title", "slug", "summary", "status_note", "year_note"):
        assert len(spanish[field]) <= CityPage._meta.get_field(field).max_length, field
