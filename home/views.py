"""Site-wide views outside the page tree: robots.txt, the sitemap (an index and its sections), the 500 page."""

import logging
import sys
from types import SimpleNamespace

from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms import outage
from cms.site_address import absolute

from .sitemaps import SiteSitemap, render_urlset, section_models

logger = logging.getLogger(__name__)

# Crawlers may read every public page; the admin, search results and form answers are not for indexes.
ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/api/", "/*/search/", "/*/suggest/thanks/"]


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {absolute(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=60 * 60, public=True)
def sitemap_index(request):
    """/sitemap.xml: the sitemap's sections (home/sitemaps.py), each as many files as it needs."""
    files = []
    for section in section_models():
        location = absolute(reverse("sitemap_section", kwargs={"section": section}))
        pages = SiteSitemap(request, section).paginator.num_pages
        files += [SimpleNamespace(location=location, last_mod=None)]
        files += [SimpleNamespace(location=f"{location}?p={page}", last_mod=None) for page in range(2, pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": files}, content_type="application/xml")


@require_GET
@cache_control(max_age=60 * 60, public=True)
@x_robots_tag
def sitemap_section(request, section):
    """/sitemap-<section>.xml: one section's pages (``?p=2``: its second file), as Django's sitemap view answers."""
    if section not in section_models():
        raise Http404("No such sitemap section.")
    sitemap = SiteSitemap(request, section)
    page = request.GET.get("p", 1)
    try:
        urls = sitemap.entries(page)
    except EmptyPage as error:
        raise Http404(f"Page {page} empty") from error
    except PageNotAnInteger as error:
        raise Http404(f"No page '{page}'") from error
    response = HttpResponse(render_urlset(urls), content_type="application/xml")
    lastmod = getattr(sitemap, "latest_lastmod", None)
    if lastmod is not None:
        response["Last-Modified"] = http_date(lastmod.timestamp())
    return response


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
