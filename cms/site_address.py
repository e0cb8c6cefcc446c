"""The site's own address: the one place every absolute URL the site and the API produce is made.

``SITE_URL`` (cms/settings/base.py, from the environment) is the site's scheme, host name and
port, such as ``https://sistercities.lacity.org``. Canonical and hreflang links, Open Graph and
JSON-LD, the sitemap, robots.txt, the feeds, the API's image and document URLs and the staff
emails all build their URLs here, so they say that address whatever ``Host`` header (or port)
a request came in with: a page reached through an internal address or a load balancer's health
check still names its public address. ``WAGTAILADMIN_BASE_URL`` is the same value, for Wagtail
and grapple, and ``manage.py configure_site`` writes it into Wagtail's Site record at release
time (docs/deployment.md).

- ``parse(value)``: check a SITE_URL and return its normal form and parts, or raise ValueError
  saying what is wrong (the settings and ``configure_site`` both use it).
- ``absolute(url)``: a path as a full URL on the site; full URLs (media on a CDN) unchanged.
- ``page_url(page, request)``: a page's full URL (``BasePage.get_full_url`` uses it too).

Only the standard library is imported at module level: the settings import this module.
"""

from typing import NamedTuple
from urllib.parse import urlsplit

EXAMPLE = "https://sistercities.lacity.org"
DEFAULT_PORTS = {"http": 80, "https": 443}


class SiteAddress(NamedTuple):
    url: str  # the normal form: scheme://host[:port], no trailing slash
    scheme: str
    hostname: str
    port: int


def parse(value):
    """The normal form and parts of a site URL, or ValueError with a message an operator can act on."""
    text = (value or "").strip()
    problem = f"SITE_URL must be the site's address, such as {EXAMPLE} or http://127.0.0.1:8000; got {value!r}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{problem} ({error}).") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{problem}: it needs http:// or https:// and a host name.")
    if parts.username or parts.password:
        raise ValueError(f"{problem}: it must not contain a user name or password.")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ValueError(f"{problem}: only the scheme, host and port, no path (Wagtail serves the site at /).")
    port = port or DEFAULT_PORTS[parts.scheme]
    # Wagtail's Site record has no scheme: it says https for port 443 and http for any other.
    if (parts.scheme == "https") != (port == 443):
        raise ValueError(f"{problem}: Wagtail's sites use https on port 443 only, and http on any other port.")
    hostname = parts.hostname.lower()
    host = f"[{hostname}]" if ":" in hostname else hostname
    url = f"{parts.scheme}://{host}" + ("" if port == DEFAULT_PORTS[parts.scheme] else f":{port}")
    return SiteAddress(url, parts.scheme, hostname, port)


def site_url():
    """The site's address, scheme://host[:port] without a trailing slash."""
    from django.conf import settings

    return settings.SITE_URL


def absolute(url):
    """A path on this site as a full URL at SITE_URL; an empty value or a full URL is returned as it is."""
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    return f"{site_url()}/{url.lstrip('/')}"


def page_url(page, request=None):
    """A page's full URL at SITE_URL (None if it has no URL, such as the tree's root)."""
    return absolute(page.get_url(request))
