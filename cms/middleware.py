"""
Request and response rules for the whole site, before any view runs.

- ``AnonymousBodyLimitMiddleware``: someone not signed in may send a body of at most
  ANONYMOUS_MAX_BODY_BYTES; a larger declared Content-Length gets a 413 before a byte of the
  body is read (a CSRF check or a form would otherwise read and parse all of it first). A body
  without Content-Length (chunked) is not read by Django at all. The load balancer caps
  everyone's bodies (docs/deployment.md); this caps the public's far lower.
- ``CookiePolicyMiddleware``: the API (/api/) sets no cookies, whatever the request carried
  (a malformed ``csrftoken`` makes Django's CSRF middleware offer a new one), and a response
  that sets a cookie is never kept by shared caches: it is made ``private``.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

API_PREFIX = "/api/"


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class AnonymousBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.ANONYMOUS_MAX_BODY_BYTES
        # The session is looked at only for a large body, so ordinary requests cost nothing.
        if declared_length(request) > limit and not request.user.is_authenticated:
            message = gettext("This request is too large: at most %(limit)d bytes may be sent here.") % {"limit": limit}
            if request.path.startswith(API_PREFIX):  # in the API's own form (cms/graphql/views.py)
                response = JsonResponse({"errors": [{"message": message}]}, status=413)
                patch_cache_control(response, private=True, no_store=True)
                return response
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class CookiePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response.cookies.clear()
        if response.cookies:
            patch_cache_control(response, private=True)
            if "Cache-Control" in response:
                directives = [
                    part.strip()
                    for part in response["Cache-Control"].split(",")
                    if part.strip().split("=")[0].lower() not in {"public", "s-maxage"}
                ]
                response["Cache-Control"] = ", ".join(directives)
        return response
