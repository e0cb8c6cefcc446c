"""The world map of partner cities: where each city goes on it, computed on the server.

The country outlines are drawn at build time (``make assets``: frontend/build.mjs turns Natural
Earth's outlines from the world-atlas npm package into ``static/build/map/world.svg``) with d3's
Natural Earth projection. This module is the same projection in Python, so the server can put
each partner city on that picture as a real link: the map needs no JavaScript, and each marker is
a keyboard-reachable ``<a>`` with an accessible name. PROJECTION must match the build script's;
tests/cities/test_map.py checks both.
"""

import dataclasses
import math

# Keep in step with frontend/build.mjs (PROJECTION there).
PROJECTION = {"name": "naturalEarth1", "width": 1000, "height": 520, "scale": 180}
WIDTH = PROJECTION["width"]
HEIGHT = PROJECTION["height"]

# The part of the picture the directory shows: from the Arctic coasts (84° N) to the tip of
# South America (58° S). Antarctica is not drawn.
WORLD_VIEWBOX = (0, 8, WIDTH, 438)
# Los Angeles, where every partnership starts, and the star that marks it.
LOS_ANGELES = (-118.24, 34.05)
STAR_PATH = "M0,-10 L2.5,-3.4 L9.5,-3.1 L4,1.3 L5.9,8.1 L0,4.2 L-5.9,8.1 L-4,1.3 L-9.5,-3.1 L-2.5,-3.4Z"


def natural_earth(longitude, latitude):
    """d3.geoNaturalEarth1's raw projection (Šavrič et al., 2011): radians in, unit plane out."""
    lam = math.radians(longitude)
    phi = math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def project(longitude, latitude):
    """A point's position on the map picture, in its SVG units (x to the right, y down)."""
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise ValueError(f"Not a place on Earth: longitude {longitude}, latitude {latitude}.")
    x, y = natural_earth(longitude, latitude)
    scale = PROJECTION["scale"]
    return round(WIDTH / 2 + scale * x, 1), round(HEIGHT / 2 - scale * y, 1)


def viewbox_around(x, y, width=300, height=180):
    """A window of the map centred on a point as far as the picture's edges allow (a locator map)."""
    left = min(max(x - width / 2, 0), WIDTH - width)
    top = min(max(y - height / 2, 0), HEIGHT - height)
    return (round(left, 1), round(top, 1), width, height)


def arc_path(start, end, bend=0.2):
    """An SVG path from one point to another, bowed upwards: the line of a partnership, for the eye only."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2
    return f"M{x1},{y1} Q{round(mid_x, 1)},{round(mid_y - length * bend, 1)} {x2},{y2}"


def viewbox_attr(box):
    return " ".join(f"{value:g}" for value in box)


@dataclasses.dataclass(frozen=True)
class Marker:
    """One partner city on the map: where it goes and what it is."""

    city: object
    x: float
    y: float

    @property
    def shape(self):
        # Sister and friendship cities differ in shape, not colour alone (WCAG 1.4.1).
        return "circle" if self.city.is_sister_city else "diamond"

    @property
    def label_anchor(self):
        """Where the name goes when shown: left of markers near the right edge, so it stays on the map."""
        return "end" if self.x > WIDTH * 0.8 else "start"


def markers_for(cities):
    return [Marker(city, *project(city.longitude, city.latitude)) for city in cities]


def world_map(cities):
    """What the map template needs: the markers, Los Angeles and the arcs between them."""
    markers = markers_for(cities)
    home = project(*LOS_ANGELES)
    return {
        "viewbox": viewbox_attr(WORLD_VIEWBOX),
        "width": WIDTH,
        "height": HEIGHT,
        "markers": markers,
        "home": home,
        "star": STAR_PATH,
        "arcs": [arc_path(home, (marker.x, marker.y)) for marker in markers],
    }


def locator_map(city):
    """A small map centred on one city, with the same picture and projection."""
    marker = markers_for([city])[0]
    return {
        "viewbox": viewbox_attr(viewbox_around(marker.x, marker.y)),
        "width": WIDTH,
        "height": HEIGHT,
        "markers": [marker],
    }
