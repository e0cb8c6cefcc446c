"""
Middleware of the project's own (cms/settings/base.py MIDDLEWARE): request and response rules for
the whole site.

- ``AnonymousBodyLimitMiddleware``: someone not signed in may send a body of at most
  ANONYMOUS_MAX_BODY_BYTES; a larger declared Content-Length gets a 413 before a byte of the
  body is read (a CSRF check or a form would otherwise read and parse all of it first). A body
  without Content-Length (chunked) is not read by Django at all. The load balancer caps
  everyone's bodies (docs/deployment.md); this caps the public's far lower.
- ``CookiePolicyMiddleware``: the API (/api/) sets no cookies, whatever the request carried
  (a malformed ``csrftoken`` makes Django's CSRF middleware offer a new one), and a response
  that sets a cookie is never kept by shared caches: it is made ``private``.

``PageCacheMiddleware``, the outermost: Wagtail pages (the ``wagtail_serve`` view) and the sitemap
(``CACHED_VIEWS``) for anonymous visitors are answered from the response cache
(cms/response_cache.py) without touching the database, and kept after they are made when
nothing in them belongs to one visitor. A page may be kept when the request is a GET (HEAD is
answered from what a GET kept) from a visitor with no session or messages cookie, and its
response is a 200 that sets no cookie, used no CSRF token or
CSP nonce and did not ask to stay private. Such a page carries ``Cache-Control: public, max-age, s-maxage``
(RESPONSE_CACHE's PAGE_MAX_AGE and PAGE_S_MAXAGE) and an ``ETag``, and ``If-None-Match`` gets a
304. Any other page a Wagtail URL serves with a 200 says ``Cache-Control: private`` so that no CDN
keeps it (a logged-in editor's page, a form with its CSRF token).

``LocaleMiddleware``: Django's, except for the API (/api/), whose answers do not depend on
Accept-Language: it is not read there, and the response does not ``Vary`` on it.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext

from cms import response_cache

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


# The views whose answers are kept: Wagtail's pages, and the sitemap (its index and its files), which
# read the same page rows and are dropped by the same changes (cms/urls.py names them).
CACHED_VIEWS = frozenset({"wagtail_serve", "sitemap", "sitemap_section"})
ATTRIBUTE = "_page_cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, ATTRIBUTE, None)
        if state is None:
            return response
        if state.get("hit"):
            return self.public(request, response, state["etag"])
        if request.method == "GET" and self.keepable(request, response) and "record" in state:
            body = response.content
            tag = response_cache.etag(body)
            value = {"headers": state["headers"], "status": response.status_code, "body": body, "etag": tag}
            if response_cache.store(state["key"], state["record"], value):
                return self.public(request, response, tag)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name not in CACHED_VIEWS or not response_cache.enabled():
            return None
        state = {}
        setattr(request, ATTRIBUTE, state)
        if not self.anonymous(request):
            return None
        state["key"] = response_cache.key("page", request.get_host(), request.get_full_path())
        hit = response_cache.lookup(state["key"])
        if hit is not None:
            state.update(hit=True, etag=hit["etag"])
            response = HttpResponse(hit["body"], status=hit["status"])
            for name, value in hit["headers"]:
                response[name] = value
            return response
        with response_cache.recording() as record:
            response = view_func(request, *view_args, **view_kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()  # inside the recording: templates read the database too
        if not getattr(response, "streaming", False):
            state.update(record=record, headers=list(response.items()))
        return response

    # Only GET and HEAD reach the view from here: this middleware comes first, so the others'
    # process_view (CSRF's, which only checks unsafe methods) do not run for a page it makes.
    @staticmethod
    def anonymous(request):
        """No session (so no user, no messages in it) and no messages cookie: every such visitor sees the same page."""
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES
        )

    @staticmethod
    def keepable(request, response):
        cache_control = response.get("Cache-Control", "")
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.cookies
            and not response.has_header("Set-Cookie")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not isinstance(getattr(request, "_csp_nonce", None), str)  # a CSP nonce is one request's
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def public(request, response, tag):
        response["ETag"] = tag
        if "Cache-Control" in response:
            del response["Cache-Control"]
        patch_cache_control(
            response,
            public=True,
            max_age=response_cache.setting("PAGE_MAX_AGE"),
            s_maxage=response_cache.setting("PAGE_S_MAXAGE"),
        )
        return get_conditional_response(request, etag=tag, response=response) or response


class LocaleMiddleware(DjangoLocaleMiddleware):
    API_PREFIX = "/api/"

    def process_request(self, request):
        if request.path_info.startswith(self.API_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith(self.API_PREFIX):
            return response
        return super().process_response(request, response)
