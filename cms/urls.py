from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import health, two_factor
from cms.graphql.possible_types import possible_types_view
from cms.graphql.views import graphql_view
from home import views as home_views
from search import views as search_views

urlpatterns = [
    # For load balancers: no language prefix, no redirect.
    path("healthz", health.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # Two-factor sign-in for staff (cms/two_factor.py), before the admin's own addresses.
    path("admin/2fa/", include(two_factor.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The GraphQL API for external sites (docs/graphql.md): no language prefix.
    path("api/graphql/", graphql_view, name="graphql"),
    # For normalising clients (Apollo's possibleTypes): the schema's interfaces and unions.
    path("api/graphql/possible-types.json", possible_types_view, name="graphql_possible_types"),
    # For search engines: every language's pages, in a sitemap index of sections (home/sitemaps.py).
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", home_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", home_views.sitemap_section, name="sitemap_section"),
]

# The designed error page, never a stack trace (404s are Wagtail's, with templates/404.html).
handler500 = home_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry their language prefix: /en/..., /es/...
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
