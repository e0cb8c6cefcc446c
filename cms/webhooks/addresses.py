"""
Where a webhook may go: http or https URLs whose host resolves only to public addresses.

A partner's URL is checked when an administrator saves it (a clear message in the form) and again
before every delivery; the delivery then connects to the very addresses checked here (sending.py),
so a DNS answer that changes between the check and the connection (DNS rebinding) cannot turn a
webhook towards the server itself, the private network or a cloud metadata service.

An address is public when it is none of: loopback, private (RFC 1918, unique local), link-local,
multicast, reserved, unspecified, shared (carrier-grade NAT), documentation or benchmarking ranges.
IPv6 addresses that carry an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64)
are judged by the IPv4 address inside them too. ``WEBHOOKS["ALLOW_PRIVATE_ADDRESSES"]`` lifts the
rule (the tests' receivers listen on loopback); the scheme and host checks stay.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .conf import webhook_setting

SCHEMES = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Special-purpose blocks that Python 3.11's is_global still counts as public (IANA's registry says not).
NOT_PUBLIC = [
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("192.88.99.0/24"),  # 6to4 relay anycast (deprecated)
]


class UnsafeAddress(ValueError):
    """The URL may not receive webhooks; the message says why, for the administrator."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (addresses, port) and what to ask for (host, path)."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple  # ip address strings, in the resolver's order, every one checked


def why_not_public(address):
    """None for a public address, else a few words naming the kind of address it is."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return why_not_public(str(embedded))
    checks = [
        (ip.is_unspecified, _("an unspecified address")),
        (ip.is_loopback, _("a loopback address")),
        (ip.is_link_local, _("a link-local address")),
        (ip.is_multicast, _("a multicast address")),
        (ip.is_private, _("a private address")),
        (ip.is_reserved, _("a reserved address")),
        (ip.version == 6 and ip.is_site_local, _("a site-local address")),
        (any(ip in network for network in NOT_PUBLIC if network.version == ip.version), _("a reserved address")),
        (not ip.is_global, _("an address that is not public")),
    ]
    return next((reason for failed, reason in checks if failed), None)


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo client, NAT64), or None."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def parse(url):
    """(scheme, host, port, path) of an http(s) URL, or UnsafeAddress saying what is wrong with it."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeAddress(_("This is not a valid web address.")) from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeAddress(_("The address must start with https:// (or http://)."))
    if not parts.hostname:
        raise UnsafeAddress(_("The address has no host name."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeAddress(_("The address may not contain a user name or password."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, parts.hostname, port or SCHEMES[scheme], path


def resolve(url):
    """
    The checked Target of a URL: its host resolved, every address allowed. UnsafeAddress otherwise.

    All of the host's addresses must be public, not just the first: a resolver may hand out any of
    them, and a host name that mixes public and private addresses is refused.
    """
    scheme, host, port, path = parse(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeAddress(_("The host name %(host)s could not be found.") % {"host": host}) from error
    addresses = tuple(dict.fromkeys(info[4][0] for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)))
    if not addresses:
        raise UnsafeAddress(_("The host name %(host)s could not be found.") % {"host": host})
    if not webhook_setting("ALLOW_PRIVATE_ADDRESSES"):
        for address in addresses:
            reason = why_not_public(address)
            if reason:
                raise UnsafeAddress(
                    _("%(host)s leads to %(address)s, %(reason)s: webhooks only go to public internet addresses.")
                    % {"host": host, "address": address, "reason": reason}
                )
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=addresses)
