"""Wagtail hooks for the public site."""

from django.http import Http404

from wagtail import hooks

from cms.visibility import for_request


@hooks.register("before_serve_page")
def serve_only_pages_that_are_due(page, request, serve_args, serve_kwargs):
    """A page published for later, or past its expiry date, is not served before the scheduler catches up.

    Wagtail serves any page whose ``live`` flag is set; the API (and every list on the site)
    also waits for ``go_live_at`` and stops at ``expire_at`` (cms/visibility.py). Restricted
    pages are left to Wagtail's own password and login checks.
    """
    if not for_request(request).is_live(page):
        raise Http404
