"""What visitors see on the home page, standard pages, the shared layout and body blocks."""

import datetime

import pytest
import wagtail_factories
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from django.utils import timezone

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cities.factories import CityPageFactory, StoryPageFactory
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import HomePageFeaturedCity
from tests.support.html import one
from tests.support.site import make_private, stream

pytestmark = pytest.mark.django_db


# --- Home page -------------------------------------------------------------


def test_home_page_shows_intro_and_hero_with_its_alt_text(client, home_page):
    home_page.intro = "Twenty-five partner cities on six continents."
    home_page.hero_image = CustomImageFactory(alt_text="City Hall lit up at dusk", credit="Photo: Jane Doe")
    home_page.save()

    response = client.get(home_page.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "home/home_page.html")
    assertContains(response, "<h1>Sister Cities of Los Angeles</h1>", html=True)
    assertContains(response, "<title>Sister Cities of Los Angeles</title>", html=True)
    assertContains(response, "Twenty-five partner cities on six continents.")
    assertContains(response, 'alt="City Hall lit up at dusk"')
    assertContains(response, "srcset=")
    assertContains(response, "Photo: Jane Doe")


def test_home_page_features_only_published_public_cities_in_the_editors_order(client, home_page, city_index):
    nagoya = CityPageFactory(parent=city_index, title="Nagoya")
    berlin = CityPageFactory(parent=city_index, title="Berlin", country="DE")
    draft = CityPageFactory(parent=city_index, title="Draft City", live=False)
    private = CityPageFactory(parent=city_index, title="Private City")
    make_private(private)
    for order, city in enumerate([berlin, draft, private, nagoya]):
        HomePageFeaturedCity.objects.create(page=home_page, city=city, sort_order=order)

    content = client.get(home_page.url).content.decode()

    assert "Featured partner cities" in content
    assert "Draft City" not in content
    assert "Private City" not in content
    assert content.index(berlin.url) < content.index(nagoya.url)
    assert "/static/build/flags/de.svg" in content  # the country's flag (an image, not an emoji)
    assert f'<a href="{city_index.url}">All partner cities</a>' in content


def test_home_page_latest_stories_leave_out_drafts_and_private_stories(client, home_page, story_index):
    StoryPageFactory(parent=story_index, title="Students visit Nagoya")
    StoryPageFactory(parent=story_index, title="Unfinished draft story", live=False)
    make_private(StoryPageFactory(parent=story_index, title="Members only story"), "login")

    response = client.get(home_page.url)

    assertContains(response, "Latest stories")
    assertContains(response, "Students visit Nagoya")
    assertContains(response, f'<a href="{story_index.url}">All stories</a>', html=True)
    assertNotContains(response, "Unfinished draft story")
    assertNotContains(response, "Members only story")


def test_home_page_without_cities_or_stories_has_no_empty_sections(client, home_page):
    response = client.get(home_page.url)

    assert response.status_code == 200
    assertNotContains(response, "Featured partner cities")
    assertNotContains(response, "Latest stories")


# --- Shared layout ---------------------------------------------------------


def test_layout_has_language_skip_link_landmarks_and_stylesheet(client, home_page):
    response = client.get(home_page.url)

    assertContains(response, '<html lang="en" dir="ltr">')
    assertContains(response, '<a class="skip-link" href="#main">Skip to main content</a>', html=True)
    assertContains(response, '<main id="main" tabindex="-1">')
    assertContains(response, '<nav class="site-nav" aria-label="Main">')
    assertContains(response, "<footer")
    assertContains(response, "/static/css/site.css")
    assertContains(response, f'<link rel="canonical" href="http://localhost{home_page.url}">', html=True)


def test_html_lang_follows_the_language_in_the_address(client, home_page):
    response = client.get("/es/search/")

    assertContains(response, '<html lang="es" dir="ltr">')


def test_navigation_lists_menu_sections_marks_the_current_one_and_skips_drafts(
    client, home_page, city_index, story_index, resource_index
):
    about = StandardPageFactory(parent=home_page, title="About", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Not in the menu", show_in_menus=False)
    StandardPageFactory(parent=home_page, title="Draft section", show_in_menus=True, live=False)

    response = client.get(city_index.url)

    for section in (story_index, resource_index, about):
        assertContains(response, f'<a href="{section.url}">{section.title}</a>', html=True)
    assertContains(response, f'<a href="{city_index.url}" aria-current="page">{city_index.title}</a>', html=True)
    assertContains(response, '<a href="/en/search/">Search</a>', html=True)
    assertNotContains(response, "Not in the menu")
    assertNotContains(response, "Draft section")


def test_navigation_marks_the_section_of_a_page_below_it(client, home_page, city_index):
    city = CityPageFactory(parent=city_index, title="Nagoya")

    response = client.get(city.url)

    assertContains(response, f'<a href="{city_index.url}" aria-current="true">{city_index.title}</a>', html=True)


def test_meta_description_comes_from_search_description_then_intro(client, home_page):
    described = StandardPageFactory(parent=home_page, intro="The intro.", search_description="For search engines.")
    undescribed = StandardPageFactory(parent=home_page, intro="What the program is.")

    assertContains(client.get(described.url), '<meta name="description" content="For search engines.">')
    assertContains(client.get(undescribed.url), '<meta name="description" content="What the program is.">')


def test_meta_description_is_escaped_once_and_kept_short(client, home_page):
    quoted = StandardPageFactory(parent=home_page, intro='Tom & Jerry\'s "show".')
    long = StandardPageFactory(parent=home_page, intro="Friendship & trade. " * 20)

    assertContains(client.get(quoted.url), 'content="Tom &amp; Jerry&#x27;s &quot;show&quot;."')
    description = one(client.get(long.url), 'meta[name="description"]')["content"]
    assert len(description) == 300
    assert "&amp;" not in description  # escaped once: the parser's one unescaping gives back the "&"


def test_language_switcher_links_to_a_published_translation_only(client, home_page):
    from wagtail.models import Locale

    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = about.copy_for_translation(spanish, copy_parents=True)

    assertNotContains(client.get(about.url), 'rel="alternate" hreflang="es"')

    translation.save_revision().publish()
    translation.refresh_from_db()
    response = client.get(about.url)

    assertContains(response, f'<a href="{translation.url}" hreflang="es" lang="es">Español</a>', html=True)
    assertContains(
        response, f'<link rel="alternate" hreflang="es" href="http://localhost{translation.url}">', html=True
    )
    assertContains(response, f'<link rel="alternate" hreflang="en" href="http://localhost{about.url}">', html=True)


# --- Standard page (About) -------------------------------------------------


def test_standard_page_shows_intro_hero_and_body(client, home_page):
    about = StandardPageFactory(
        parent=home_page,
        title="About the program",
        intro="Since 1959 the city has built ties around the world.",
        hero_image=CustomImageFactory(alt_text="Delegates at City Hall"),
        body=stream(("paragraph", "<p>Mayor Poulson signed the first agreement.</p>")),
    )

    response = client.get(about.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "home/standard_page.html")
    assertContains(response, "<h1>About the program</h1>", html=True)
    assertContains(response, "<title>About the program | Sister Cities of Los Angeles</title>", html=True)
    assertContains(response, "Since 1959 the city has built ties around the world.")
    assertContains(response, 'alt="Delegates at City Hall"')
    assertContains(response, "<p>Mayor Poulson signed the first agreement.</p>", html=True)


# --- Body blocks -----------------------------------------------------------


def render_body(client, home_page, *blocks):
    page = StandardPageFactory(parent=home_page, body=stream(*blocks))
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_heading_block_uses_the_chosen_level(client, home_page):
    response = render_body(
        client,
        home_page,
        ("heading", {"heading_text": "Section", "size": "h2"}),
        ("heading", {"heading_text": "Sub-section", "size": "h3"}),
        ("heading", {"heading_text": "Detail", "size": "h4"}),
    )

    assertContains(response, '<h2 class="block-heading">Section</h2>', html=True)
    assertContains(response, '<h3 class="block-heading">Sub-section</h3>', html=True)
    assertContains(response, '<h4 class="block-heading">Detail</h4>', html=True)


def test_image_block_is_a_figure_with_alt_text_caption_and_credit(client, home_page):
    image = CustomImageFactory(alt_text="Lanterns over the river", credit="Photo: A. Sample")

    response = render_body(client, home_page, ("image", {"image": image.pk, "caption": "The lantern festival"}))

    content = response.content.decode()
    figure = content[content.index('<figure class="block-image">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'alt="Lanterns over the river"' in figure
    assert "<figcaption>" in figure
    assert "The lantern festival" in figure
    assert "Photo: A. Sample" in figure


def test_quote_block_is_a_blockquote_with_its_attribution(client, home_page):
    response = render_body(
        client, home_page, ("quote", {"text": "Friendship knows no borders.", "attribution": "Mayor of Nagoya"})
    )

    assertContains(
        response,
        '<figure class="block-quote"><blockquote><p>Friendship knows no borders.</p></blockquote>'
        "<figcaption>— <cite>Mayor of Nagoya</cite></figcaption></figure>",
        html=True,
    )


def test_document_link_block_links_to_the_document_with_its_type(client, home_page):
    document = wagtail_factories.DocumentFactory(title="Exchange handbook")

    response = render_body(client, home_page, ("document_link", {"document": document.pk, "link_text": ""}))

    assertContains(response, f'<a href="{document.url}">Exchange handbook</a>', html=True)
    assertContains(response, f"({document.file_extension.upper()}")


def test_page_link_block_links_to_a_published_public_page(client, home_page):
    target = StandardPageFactory(parent=home_page, title="Our history")

    response = render_body(
        client,
        home_page,
        ("page_link", {"page": target.pk, "link_text": ""}),
        ("page_link", {"page": target.pk, "link_text": "Read how it began"}),
    )

    assertContains(response, f'<a href="{target.url}">Our history</a>', html=True)
    assertContains(response, f'<a href="{target.url}">Read how it began</a>', html=True)


@pytest.mark.parametrize("hidden", ["draft", "password", "login", "private parent", "scheduled", "expired"])
def test_page_link_block_to_a_page_visitors_cannot_see_keeps_its_words_without_the_link(client, home_page, hidden):
    parent = StandardPageFactory(parent=home_page, title="Members area")
    state = {
        "draft": {"live": False},
        "scheduled": {"go_live_at": timezone.now() + datetime.timedelta(days=1)},
        "expired": {"expire_at": timezone.now() - datetime.timedelta(days=1)},
    }.get(hidden, {})
    target = StandardPageFactory(parent=parent, title="Hidden page", slug="hidden", **state)
    if hidden == "password":
        make_private(target)
    elif hidden == "login":
        make_private(target, "login")
    elif hidden == "private parent":
        make_private(parent)

    response = render_body(client, home_page, ("page_link", {"page": target.pk, "link_text": "Secret link"}))

    assertNotContains(response, "hidden/")
    assertNotContains(response, "Hidden page")
    assertContains(response, '<p class="block-page-link">Secret link</p>', html=True)


@pytest.mark.parametrize("hidden", ["draft", "login"])
def test_page_link_block_without_words_to_a_hidden_page_renders_nothing(client, home_page, hidden):
    target = StandardPageFactory(parent=home_page, title="Hidden page", slug="hidden", live=hidden != "draft")
    if hidden == "login":
        make_private(target, "login")

    response = render_body(client, home_page, ("page_link", {"page": target.pk, "link_text": ""}))

    assertNotContains(response, "Hidden page")
    assertNotContains(response, "block-page-link")


def test_page_link_block_to_a_deleted_page_keeps_its_words(client, home_page):
    target = StandardPageFactory(parent=home_page, title="Gone soon")
    page = StandardPageFactory(parent=home_page, body=stream(("page_link", {"page": target.pk, "link_text": "Gone"})))
    target.delete()

    response = client.get(page.url)

    assert response.status_code == 200
    assertContains(response, '<p class="block-page-link">Gone</p>', html=True)


def test_embed_block_shows_the_providers_player(client, home_page):
    url = "https://www.youtube.com/watch?v=sample"
    # A cached embed: the page renders it without asking YouTube.
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe title="Festival video" src="https://www.youtube.com/embed/sample"></iframe>',
    )

    response = render_body(client, home_page, ("embed", url))

    assertContains(response, '<iframe title="Festival video" src="https://www.youtube.com/embed/sample"></iframe>')


def test_embed_block_that_cannot_be_embedded_falls_back_to_a_link(client, home_page):
    url = "https://example.org/not-an-embed-provider"

    response = render_body(client, home_page, ("embed", url))

    assertContains(response, f'<a href="{url}">{url}</a>', html=True)
