"""What city and story pages say about themselves to search engines: schema.org objects for home/seo.py's graph.

Given to home/seo.py through its ``structured_data`` hook (cities/wagtail_hooks.py).
"""

from cms.site_address import page_url
from cms.visibility import for_request

from .models import CityPage, StoryPage


def describe(page, request, image, site_url):
    """The schema.org object for a city or a story page, else None."""
    if isinstance(page, CityPage):
        return city_place(page, request, image)
    if isinstance(page, StoryPage):
        return story_article(page, request, image, site_url)
    return None


def city_place(page, request, image):
    data = {
        "@type": "City",
        "@id": f"{page_url(page, request)}#place",
        "name": page.title,
        "description": page.summary,
        "url": page_url(page, request),
        "geo": {"@type": "GeoCoordinates", "latitude": page.latitude, "longitude": page.longitude},
        "containedInPlace": {"@type": "Country", "name": str(page.country.name), "identifier": page.country.code},
    }
    if image:
        data["image"] = image["url"]
    if page.official_website:
        data["sameAs"] = [page.official_website]
    return data


def story_article(page, request, image, site_url):
    data = {
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.intro,
        "url": page_url(page, request),
        "mainEntityOfPage": page_url(page, request),
        "datePublished": page.date.isoformat(),
        "inLanguage": page.locale.language_code,
        "publisher": {"@id": f"{site_url}#organization"},
        "about": [
            {"@type": "City", "name": city.title, "url": page_url(city, request)}
            for city in page.get_cities(for_request(request))
        ],
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    else:
        data["author"] = {"@id": f"{site_url}#organization"}
    if image:
        data["image"] = [image["url"]]
    return data
