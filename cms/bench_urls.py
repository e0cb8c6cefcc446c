"""The site's URLs plus Wagtail's REST API v2, for benchmarks only (cms/settings/bench.py, bench/pages.py).

The REST API is not part of the site: it serves every live page's fields with Wagtail's own
rules, not the visibility rules of cms/visibility.py. It is here so that bench/pages.py can
compare the GraphQL API with what Wagtail offers out of the box, on the same data.
"""

from django.urls import path

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cities.models import CityPage
from cms.urls import handler500  # noqa: F401 - handler500 is read by Django
from cms.urls import urlpatterns as site_urlpatterns

# The city directory's fields, for the REST API only (the GraphQL API has its own graphql_fields).
CityPage.api_fields = [
    APIField(name) for name in ("country", "region", "relationship", "status", "year_established", "summary")
]

rest_api = WagtailAPIRouter("wagtailapi")
rest_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", rest_api.urls), *site_urlpatterns]
