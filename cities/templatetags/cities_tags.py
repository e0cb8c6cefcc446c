"""Template tags of the cities app: the world map, the locator map, the timeline, the home page's overview.

The pages' models hand the templates their cities; what is drawn from them is worked out here
(cities/map.py, cities/timeline.py), so that models import no view helper (tests/test_layers.py).

    {% load cities_tags %}
    {% world_map cities as world_map %}{% world_map_svg world_map %}
    {% partnership_timeline cities as timeline %}
    {% locator_map page as locator_map %}
"""

from django import template

from cms.visibility import for_request

from .. import map as city_map
from .. import timeline as city_timeline
from ..models import CityIndexPage, CityPage

register = template.Library()


@register.simple_tag
def world_map(cities):
    """The markers and arcs of these cities on the world map (cities/map.py)."""
    return city_map.world_map(cities)


@register.simple_tag
def locator_map(city):
    """A small map centred on one city."""
    return city_map.locator_map(city)


@register.simple_tag
def partnership_timeline(cities):
    """These cities by decade and year of agreement, up to this year."""
    return city_timeline.partnership_timeline(cities)


@register.simple_tag(takes_context=True)
def partner_overview(context, page):
    """The numbers and the map the home page shows: the cities visitors may see, in the page's language."""
    visibility = for_request(context.get("request"))
    cities = list(CityPage.objects.filter(locale_id=page.locale_id).visible_to(visibility).order_by("title"))
    if not cities:
        return None
    years = [city.year_established for city in cities if city.year_established]
    return {
        "count": len(cities),
        "sister_count": sum(1 for city in cities if city.is_sister_city),
        "countries": len({city.country.code for city in cities}),
        "regions": len({city.region for city in cities}),
        "first_year": min(years) if years else None,
        "map": city_map.world_map(cities),
        "city_index": visibility.pages(CityIndexPage.objects.filter(locale_id=page.locale_id)).first(),
    }
