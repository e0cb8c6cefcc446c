"""Site-wide views outside the page tree: robots.txt, sitemap.xml and the server error page."""

import logging
import sys

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms import outage
from cms.site_address import absolute

from .sitemaps import SiteSitemap

logger = logging.getLogger(__name__)

# Crawlers may read every public page; the admin, search results and form answers are not for indexes.
ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/api/", "/*/search/", "/*/suggest/thanks/"]


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {absolute(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(max_age=60 * 60, public=True)
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": SiteSitemap(request)})


def server_error(request):
    """The designed 500 page, with the request's CSP nonce for its inline styles.

    It must work when nothing else does: no database, no context processors, no static
    manifest. If even this template fails, a plain page is shown; never a trace. When the
    error is the database being unreachable, it is a 503 with Retry-After (cms/outage.py).
    """
    if outage.is_outage(sys.exc_info()[1]):
        return outage.page_response(request)
    try:
        template = loader.get_template("500.html")
        body = template.render({"csp_nonce": getattr(request, "csp_nonce", "")})
    except Exception:
        logger.exception("The 500 page could not be rendered.")
        body = PLAIN_500
    return HttpResponseServerError(body)


PLAIN_500 = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Server Error (500)</title></head>'
    "<body><h1>Server Error (500)</h1><p>Sorry, something went wrong on our side. Please try again later.</p>"
    "</body></html>"
)
