"""Every page type in English and Spanish: the interface in the page's language, numbers for machines.

People read dates and numbers in their language (``5 de marzo de 2024``, ``2.300.000``); browsers
and other programs read the SVG map's coordinates, JSON-LD, feeds' dates and ``datetime``
attributes, which stay the same in every language (a decimal comma in ``translate(852,3 148,3)``
makes the browser drop the map's markers). The interface's Spanish comes from
locale/es/LC_MESSAGES/django.po: every msgid translated, and the file compiles.
"""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

from wagtail.models import Locale

from cities.factories import CityPageFactory, ResourcePageFactory, StoryPageFactory
from home.factories import StandardPageFactory
from tests.support.html import parse, text
from tests.support.site import make_site

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
NUMBER = r"-?\d+(?:\.\d+)?"
TRANSLATE = re.compile(rf"translate\(({NUMBER}) ({NUMBER})\)")
# What the shared layout says, in each language: the skip link, the main navigation's label,
# its search link and the footer's "Explore" heading.
INTERFACE = {
    "en": {"skip": "Skip to main content", "nav": "Main", "search": "Search", "explore": "Explore"},
    "es": {"skip": "Saltar al contenido principal", "nav": "Principal", "search": "Buscar", "explore": "Explorar"},
}


@pytest.fixture(scope="module", autouse=True)
def compiled_messages(django_db_blocker):
    """The .mo that `make messages` builds, rebuilt here when missing or older than the .po."""
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        call_command("compilemessages", locale=["es"], ignore_patterns=[".venv", "node_modules"], verbosity=0)
        trans_real._translations = {}  # gettext's per-process cache may hold the catalogue without ours
        trans_real._default = None
    yield


@pytest.fixture
def bilingual_site():
    """Every page type in English, each with a published Spanish translation below the Spanish home."""
    home, city_index, story_index, resource_index = make_site()
    nagoya = CityPageFactory(parent=city_index, title="Nagoya", latitude=35.18, longitude=136.91)
    CityPageFactory(parent=city_index, title="San Salvador", country="SV", latitude=13.69, longitude=-89.19)
    story = StoryPageFactory(parent=story_index, title="Students from Nagoya", cities=[nagoya])
    resource = ResourcePageFactory(parent=resource_index, title="Travel guide", cities=[nagoya])
    about = StandardPageFactory(parent=home, title="About")
    english = {
        "home": home,
        "standard": about,
        "city_index": city_index,
        "city": nagoya,
        "story_index": story_index,
        "story": story,
        "resource_index": resource_index,
        "resource": resource,
    }
    spanish_locale, _ = Locale.objects.get_or_create(language_code="es")
    spanish = {}
    # Parents before children: each copy goes below its parent's Spanish version.
    pages = [home, about, city_index, *city_index.get_children().specific(), story_index, story]
    pages += [resource_index, resource]
    for page in pages:
        copy = page.copy_for_translation(spanish_locale)
        copy.title = f"{page.title} (es)"
        copy.save_revision().publish()
        copy.refresh_from_db()
        spanish.update({name: copy for name, source in english.items() if source.pk == page.pk})
    return {"en": english, "es": spanish}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response)


def page_urls(site, language):
    pages = site[language]
    urls = {name: page.url for name, page in pages.items()}
    urls["suggest"] = pages["resource_index"].url + "suggest/"
    urls["search"] = f"/{language}/search/?query=Nagoya"
    return urls


def map_numbers(svg):
    """Each marker's and Los Angeles' (x, y), and every other number the browser reads from the SVG."""
    positions = []
    for element in svg.select("[transform^=translate]"):
        match = TRANSLATE.fullmatch(element["transform"])
        assert match, f"not a translate(x y) of numbers: {element['transform']!r}"
        positions.append(tuple(float(value) for value in match.groups()))
    for value in svg["viewbox"].split():
        assert re.fullmatch(NUMBER, value), svg["viewbox"]
    for path in svg.select("path[d]"):
        assert "," not in re.sub(rf"{NUMBER},{NUMBER}", "", path["d"]), path["d"]  # only x,y pairs use commas
    for element in svg.select("[width], [height], [x], [y], [r]"):
        for name in ("width", "height", "x", "y", "r"):
            if element.has_attr(name):
                assert re.fullmatch(NUMBER, element[name]), f"{name}={element[name]!r}"
    return positions


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "standard",
        "city_index",
        "city",
        "story_index",
        "story",
        "resource_index",
        "resource",
        "suggest",
        "search",
    ],
)
def test_every_page_type_speaks_its_language(client, bilingual_site, name):
    for language in ("en", "es"):
        soup = get(client, page_urls(bilingual_site, language)[name])
        words = INTERFACE[language]
        assert soup.html["lang"] == language
        assert text(soup.select_one("a.skip-link")) == words["skip"]
        assert soup.select_one("nav.site-nav")["aria-label"] == words["nav"]
        assert text(soup.select("nav.site-nav a")[-1]) == words["search"]
        assert text(soup.select_one("#footer-explore-heading")) == words["explore"]
        for script in soup.select('script[type="application/ld+json"]'):
            json.loads(script.string)  # machine-readable in every language


@pytest.mark.parametrize("name", ["home", "city_index", "city"])
def test_map_markers_are_numbers_with_dots_in_both_languages(client, bilingual_site, name):
    positions = {}
    for language in ("en", "es"):
        svgs = get(client, page_urls(bilingual_site, language)[name]).select("svg.world-map")
        assert svgs, "no map"
        positions[language] = [map_numbers(svg) for svg in svgs]
        assert any(x % 1 or y % 1 for found in positions[language] for x, y in found), "no decimals to check"
    assert positions["es"] == positions["en"]


def test_city_index_in_spanish_names_the_markers_and_the_table(client, bilingual_site):
    soup = get(client, bilingual_site["es"]["city_index"].url)

    assert text(soup.select_one("#map-heading")) == "Mapa de las ciudades hermanadas"
    assert soup.select_one(".world-map a.marker")["aria-label"] == "Nagoya (es), Japón: ciudad hermana desde 1959"
    assert text(soup.select_one(".city-table thead th")).startswith("Ciudad")


def test_dates_and_numbers_follow_the_language_for_people_only(client, bilingual_site):
    story = bilingual_site["en"]["story"]
    iso = story.date.isoformat()
    english = get(client, story.url).select_one(".byline time")
    spanish = get(client, bilingual_site["es"]["story"].url).select_one(".byline time")
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
    months += ["septiembre", "octubre", "noviembre", "diciembre"]

    assert english["datetime"] == spanish["datetime"] == iso
    assert text(spanish) == f"{story.date.day} de {months[story.date.month - 1]} de {story.date.year}"
    assert text(english) != text(spanish)

    city_en = text(get(client, bilingual_site["en"]["city"].url).select_one(".city-layout"))
    city_es = text(get(client, bilingual_site["es"]["city"].url).select_one(".city-layout"))
    assert "2,300,000" in city_en
    assert "2 300 000" in city_es  # Spanish groups thousands with a (no-break) space
    assert "2,300,000" not in city_es


def test_spanish_feed_dates_stay_rfc_2822(client, bilingual_site):
    soup = get(client, bilingual_site["es"]["story_index"].url)
    feed_url = soup.select_one('head link[type="application/rss+xml"]')["href"]
    response = client.get(feed_url)
    assert response.status_code == 200

    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    dates = [item.findtext("pubDate") for item in channel.findall("item")] + [channel.findtext("lastBuildDate")]
    assert [date for date in dates if date]
    for date in filter(None, dates):
        assert re.match(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ", date)
        parsedate_to_datetime(date)


def test_every_msgid_is_translated_into_spanish():
    catalogue = polib.pofile(str(PO_FILE))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    obsolete = [entry.msgid for entry in catalogue.obsolete_entries()]
    assert (untranslated, fuzzy, obsolete) == ([], [], [])
    assert len(catalogue) > 300
    assert catalogue.metadata["Language"] == "es"
    assert not catalogue.metadata_is_fuzzy


def test_the_catalogue_compiles(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed: .ci/run installs it"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(PO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
