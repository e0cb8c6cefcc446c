"""
A service the site cannot work without is down: answer 503 with Retry-After, not 500.

The database is the one such service: without it no page or API answer can be made. (Redis
is not: the cache is bypassed, cms/redis_breaker.py; S3 only fails the requests that read or
write a file.) Django's 500 handler (home.views.server_error) and the GraphQL view ask
`is_outage` about the error they meet, and answer with `page_response` or `api_response`.
Django reconnects by itself on the next request once the database is back, so nothing
here needs resetting.
"""

import json

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext

OUTAGE_ERRORS = (OperationalError, InterfaceError)
API_PREFIX = "/api/"


def retry_after():
    return settings.OUTAGE_RETRY_AFTER


def is_outage(error):
    """True if this error, or one it was raised from, says the database cannot be reached."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = getattr(error, "original_error", None) or error.__cause__ or error.__context__
    return False


def api_message():
    return f"The service is temporarily unavailable. Try again in {retry_after()} seconds."


def api_response():
    """The GraphQL-shaped 503 of /api/graphql/."""
    body = {"errors": [{"message": api_message(), "extensions": {"code": "SERVICE_UNAVAILABLE"}}]}
    response = HttpResponse(json.dumps(body, separators=(",", ":")), status=503, content_type="application/json")
    return with_retry_after(response)


def page_response(request):
    """templates/503.html, or a plain page if even that cannot be rendered."""
    if request.path.startswith(API_PREFIX):
        return api_response()
    try:
        body = loader.get_template("503.html").render(
            {"csp_nonce": getattr(request, "csp_nonce", ""), "retry_after": retry_after()}
        )
    except Exception:
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Service Unavailable (503)</title>'
            f"</head><body><h1>{gettext('Service Unavailable')}</h1></body></html>"
        )
    return with_retry_after(HttpResponse(body, status=503))


def with_retry_after(response):
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response
