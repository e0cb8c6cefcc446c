"""Who sent a request: the visitor's address, as the rate limits and the login lockout count it."""

from django.conf import settings


def client_address(request):
    """The visitor's IP address. Behind NUM_PROXIES trusted proxies, the one the nearest proxy saw."""
    proxies = settings.NUM_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
