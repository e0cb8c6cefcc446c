"""Search in Spanish: Spanish pages only, found with Spanish stemming on PostgreSQL (cms/search)."""

import pytest

from django.db import connection

from wagtail.models import Locale

from cities.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def translate(page, locale, **fields):
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def titles(client, url, query):
    response = client.get(url, {"query": query})
    assert response.status_code == 200
    return [page.title for page in response.context["search_results"]]


def test_spanish_search_finds_spanish_stories_only_and_stems_spanish_words(client, story_index):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    story = StoryPageFactory(parent=story_index, title="Youth exchange", intro="An intercambio of young musicians.")
    translate(story, spanish, title="Intercambio juvenil", intro="Un intercambio de jóvenes músicos.")

    # Each language's search shows its own language's pages, on every database.
    assert titles(client, "/es/search/", "intercambio") == ["Intercambio juvenil"]
    assert titles(client, "/en/search/", "intercambio") == ["Youth exchange"]
    assert titles(client, "/es/search/", "musicians") == []

    if connection.vendor == "postgresql":  # SQLite's FTS5 has no Spanish stemmer
        # The plural and other forms of a Spanish word find it: Spanish stemming.
        assert titles(client, "/es/search/", "intercambios") == ["Intercambio juvenil"]
        assert titles(client, "/es/search/", "jóvenes intercambiando") == ["Intercambio juvenil"]
        # English keeps its own stemming.
        assert titles(client, "/en/search/", "musician") == ["Youth exchange"]
