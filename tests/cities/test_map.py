"""The map's projection (cities/map.py) and the timeline (cities/timeline.py), without a browser."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from cities import map as city_map
from cities.models import Relationship
from cities.timeline import partnership_timeline

ROOT = Path(__file__).resolve().parents[2]

# Reference points from d3-geo 3.1.2: geoNaturalEarth1().scale(180).translate([500, 260]).
D3_REFERENCE = [
    ((0, 0), (500.0, 260.0)),
    ((-118.24, 34.05), (194.5145, 151.8509)),  # Los Angeles
    ((136.91, 35.18), (852.2684, 148.2555)),  # Nagoya
    ((-38.48, -12.97), (395.5643, 301.0722)),  # Salvador
    ((174.76, -36.85), (946.7898, 377.0518)),  # Auckland
    ((180, 0), (992.3693, 260.0)),
    ((0, 84), (500.0, 11.1782)),
    ((-180, 90), (229.0, 3.9697)),
]


@pytest.mark.parametrize(("lon_lat", "expected"), D3_REFERENCE)
def test_projection_matches_d3_natural_earth(lon_lat, expected):
    x, y = city_map.project(*lon_lat)

    assert x == pytest.approx(expected[0], abs=0.06)
    assert y == pytest.approx(expected[1], abs=0.06)


def test_projection_puts_west_left_and_north_up():
    los_angeles = city_map.project(-118.24, 34.05)
    nagoya = city_map.project(136.91, 35.18)
    auckland = city_map.project(174.76, -36.85)

    assert los_angeles[0] < nagoya[0] < auckland[0]
    assert nagoya[1] < auckland[1]


@pytest.mark.parametrize("lon_lat", [(181, 0), (0, 90.5), (-200, 10)])
def test_projection_refuses_places_not_on_earth(lon_lat):
    with pytest.raises(ValueError, match="Not a place on Earth"):
        city_map.project(*lon_lat)


def test_python_projection_constants_match_the_build_script():
    """frontend/build.mjs draws the outlines; cities/map.py places the markers: same projection."""
    script = (ROOT / "frontend" / "build.mjs").read_text()
    match = re.search(r"PROJECTION = \{ name: \"(\w+)\", width: (\d+), height: (\d+), scale: (\d+) \}", script)

    assert match, "PROJECTION not found in frontend/build.mjs"
    name, width, height, scale = match.groups()
    assert {"name": name, "width": int(width), "height": int(height), "scale": int(scale)} == city_map.PROJECTION


def test_built_map_if_present_uses_the_same_projection():
    svg = ROOT / "static_src" / "build" / "map" / "world.svg"
    if not svg.exists():
        pytest.skip("static_src/build/map/world.svg is not built: run `make assets`.")
    head = svg.read_text()[:400]
    assert f'viewBox="0 0 {city_map.WIDTH} {city_map.HEIGHT}"' in head
    assert f'data-scale="{city_map.PROJECTION["scale"]}"' in head


@pytest.mark.parametrize(
    ("point", "box"),
    [
        ((500, 260), (350, 170, 300, 180)),  # centred
        ((10, 10), (0, 0, 300, 180)),  # clamped to the top left
        ((990, 510), (700, 340, 300, 180)),  # clamped to the bottom right
    ],
)
def test_locator_window_stays_on_the_map(point, box):
    assert city_map.viewbox_around(*point) == box


def city(title, relationship=Relationship.SISTER_CITY, year=1959, lon=136.91, lat=35.18):
    return SimpleNamespace(
        title=title,
        relationship=relationship,
        is_sister_city=relationship == Relationship.SISTER_CITY,
        year_established=year,
        longitude=lon,
        latitude=lat,
    )


def test_markers_tell_sister_and_friendship_cities_apart_by_shape():
    sister, friendship = city_map.markers_for([city("Nagoya"), city("London", Relationship.FRIENDSHIP_CITY)])

    assert sister.shape == "circle"
    assert friendship.shape == "diamond"


def test_world_map_has_one_marker_and_one_arc_per_city():
    data = city_map.world_map([city("Nagoya"), city("Salvador", lon=-38.48, lat=-12.97)])

    assert len(data["markers"]) == 2
    assert len(data["arcs"]) == 2
    assert data["viewbox"] == "0 8 1000 438"
    assert all(arc.startswith(f"M{data['home'][0]},{data['home'][1]} Q") for arc in data["arcs"])


def test_labels_of_markers_near_the_right_edge_go_to_their_left():
    east, west = city_map.markers_for(
        [city("Auckland", lon=174.76, lat=-36.85), city("Salvador", lon=-38.48, lat=-12.97)]
    )

    assert east.label_anchor == "end"
    assert west.label_anchor == "start"


def test_timeline_has_every_decade_from_the_first_agreement_to_today():
    timeline = partnership_timeline(
        [city("Nagoya", year=1959), city("Eilat", year=1959), city("Berlin", year=1967), city("London", year=None)],
        this_year=2024,
    )

    assert [decade.label for decade in timeline.decades] == [
        "1950s",
        "1960s",
        "1970s",
        "1980s",
        "1990s",
        "2000s",
        "2010s",
        "2020s",
    ]
    first = timeline.decades[0]
    assert [(entry.year, [c.title for c in entry.cities]) for entry in first.years] == [(1959, ["Eilat", "Nagoya"])]
    assert timeline.decades[1].count == 1
    assert timeline.decades[2].count == 0
    assert timeline.count == 3
    assert [c.title for c in timeline.undated] == ["London"]
