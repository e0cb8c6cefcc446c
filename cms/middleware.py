"""
Middleware of the project's own (cms/settings/base.py MIDDLEWARE).

``PageCacheMiddleware``, the outermost: Wagtail pages (the ``wagtail_serve`` view) for anonymous
visitors are answered from the response cache (cms/response_cache.py) without touching the
database, and kept after they are made when nothing in them belongs to one visitor. A page may
be kept when the request is a GET (HEAD is answered from what a GET kept) from a visitor with no
session or messages cookie, and its response is a 200 that sets no cookie, used no CSRF token or
CSP nonce and did not ask to stay private. Such a page carries ``Cache-Control: public, max-age, s-maxage``
(RESPONSE_CACHE's PAGE_MAX_AGE and PAGE_S_MAXAGE) and an ``ETag``, and ``If-None-Match`` gets a
304. Any other page a Wagtail URL serves with a 200 says ``Cache-Control: private`` so that no CDN
keeps it (a logged-in editor's page, a form with its CSRF token).

``LocaleMiddleware``: Django's, except for the API (/api/), whose answers do not depend on
Accept-Language: it is not read there, and the response does not ``Vary`` on it.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

from cms import response_cache

PAGE_VIEW = "wagtail_serve"
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
        if match is None or match.url_name != PAGE_VIEW or not response_cache.enabled():
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
