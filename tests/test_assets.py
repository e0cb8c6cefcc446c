"""The built front-end assets (`make assets`: frontend/build.mjs into static_src/build/) stay light.

Sizes are what a browser downloads: gzip at level 6 for the SVGs (whitenoise serves compressed
copies, docs/deployment.md), the files themselves for the fonts (woff2 is compressed already).
The whole page these make up is measured in a browser: tests/browser/test_page_weight.py.
"""

import gzip
import os
import re
from pathlib import Path

import pytest
from django_countries import countries
from fontTools.ttLib import TTFont

from django.conf import settings

BUILD = Path(settings.BASE_DIR) / "static_src" / "build"
FLAGS = BUILD / "flags"
FONTS = BUILD / "fonts"

# A flag is a 20-pixel icon: the largest (Serbia's, with its coat of arms) is about 7.5 KB.
FLAG_LIMIT = 8 * 1024
# Most flags are a few coloured shapes: nineteen in twenty stay under this.
TYPICAL_FLAG_LIMIT = 4 * 1024
# The map is the directory's one large picture: Natural Earth's 1:110m outlines, simplified, come
# to about 14 KB. 20 KB leaves room for a change of style but not for the unsimplified outlines
# (61 KB compressed before) or for a more detailed data set (1:50m is several times larger).
MAP_LIMIT = 20 * 1024

# What the fonts must draw: English and Spanish, and partner cities' names.
SPANISH = "áéíóúüñÁÉÍÓÚÜÑ¿¡«»"
PUNCTUATION = "–—‘’“”…•€"
NAMES = "İŁłŚśźżŞşĞğČčŽžŐőĀā"  # Latin Extended-A: İzmir, Łódź, Kraków's neighbours, ...


@pytest.fixture(scope="module", autouse=True)
def built():
    if not (FONTS / "fonts.css").exists():
        message = "The front-end assets are not built: run `make assets` (npm ci && npm run build)."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{message} (CI=true: not skipped)", pytrace=False)
        pytest.skip(message)


def compressed(path):
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_every_country_has_a_small_flag():
    """Every country an editor can choose has a flag (a city in a new country never shows a broken image)."""
    missing = [country.code for country in countries if not (FLAGS / f"{country.code.lower()}.svg").exists()]
    assert missing == []

    sizes = {path.name: compressed(path) for path in FLAGS.glob("*.svg")}
    assert {name: size for name, size in sizes.items() if size > FLAG_LIMIT} == {}
    typical = sorted(sizes.values())[int(len(sizes) * 0.95)]
    assert typical <= TYPICAL_FLAG_LIMIT
    # Redrawn on the small grid (frontend/build.mjs, FLAG_GRID), not flag-icons' 640 × 480.
    assert 'viewBox="0 0 160 120"' in (FLAGS / "mx.svg").read_text()


def test_only_countries_flags_are_built():
    """Regions' and organisations' flags (es-ct, sh-ac, arab, ...) are left out: no country field offers them."""
    assert all(re.fullmatch(r"[a-z]{2}\.svg", path.name) for path in FLAGS.glob("*.svg"))


def test_map_is_simplified_and_minified():
    world = BUILD / "map" / "world.svg"

    assert compressed(world) <= MAP_LIMIT
    # One decimal at most in the path data (svgo, convertPathData).
    assert not re.search(r"\d\.\d\d", " ".join(re.findall(r' d="([^"]*)"', world.read_text())))


def font_faces():
    """Each @font-face in fonts.css: its file, weights and unicode-range (as a set of code points)."""
    css = (FONTS / "fonts.css").read_text()
    faces = []
    for block in re.findall(r"@font-face \{(.*?)\}", css, re.S):
        ranges = set()
        for first, last in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.search(r"unicode-range: (.*);", block)[1]):
            ranges.update(range(int(first, 16), int(last or first, 16) + 1))
        faces.append(
            {
                "file": re.search(r'url\("([^"]+)"\)', block)[1],
                "family": re.search(r'font-family: "([^"]+)"', block)[1],
                "weight": re.search(r"font-weight: ([\d ]+);", block)[1],
                "display": re.search(r"font-display: (\w+);", block)[1],
                "range": ranges,
            }
        )
    return faces


def test_fonts_are_subset_to_the_characters_the_site_needs():
    faces = font_faces()
    assert {face["family"] for face in faces} == {"Public Sans", "Fraunces"}
    for face in faces:
        font = TTFont(FONTS / face["file"])
        characters = set(font.getBestCmap())
        # The file has no character its unicode-range does not announce, and no other script:
        # no Greek, Cyrillic, Vietnamese (Latin Extended Additional), ...
        assert characters <= face["range"], face["file"]
        assert not [c for c in characters if 0x0370 <= c <= 0x1FFF or c > 0x2212], face["file"]
        assert len(characters) < 250, face["file"]  # the packages' files carry up to ~470 with latin-ext
        assert face["display"] == "swap"

        wanted = NAMES if "-latin-ext-" in face["file"] else SPANISH + PUNCTUATION + "AZaz09"
        assert {ord(c) for c in wanted} <= characters, face["file"]


def test_fonts_keep_the_axes_the_styles_use():
    """site.css uses weights 400 to 700 and, for Fraunces, optical sizes (font-optical-sizing: auto)."""
    for face in font_faces():
        axes = {axis.axisTag: (axis.minValue, axis.maxValue) for axis in TTFont(FONTS / face["file"])["fvar"].axes}
        assert axes["wght"] == (400, 700)
        assert face["weight"] == "400 700"
        if face["family"] == "Fraunces":
            low, high = axes["opsz"]
            assert low <= 20 and high >= 54  # --step-1 (20 px) to --step-4 (54 px at most)


def test_the_preloaded_font_is_built():
    """templates/base.html preloads the body text's font: a renamed file would be a wasted download."""
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    preloaded = re.findall(r'rel="preload" href="\{% static \'build/fonts/([^\']+)\' %\}" as="font"', base)

    assert preloaded == ["public-sans-latin-normal.woff2"]
    assert (FONTS / preloaded[0]).exists()
    assert preloaded[0] in {face["file"] for face in font_faces()}
