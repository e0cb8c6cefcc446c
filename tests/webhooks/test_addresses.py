"""
The SSRF guard: webhooks go only to http(s) URLs whose host resolves only to public addresses,
checked when an endpoint is saved and again, against the address connected to, when it is sent.
"""

import ipaddress
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.test import override_settings

from cms.webhooks.addresses import UnsafeAddress, resolve, why_not_public
from cms.webhooks.models import Delivery, Endpoint
from cms.webhooks.sending import post

from .conftest import record_change
from .receiver import receiving

GUARDED = {"WEBHOOKS": {"ALLOW_PRIVATE_ADDRESSES": False}}

FORBIDDEN_NETWORKS = [
    "0.0.0.0/8",  # "this network", 0.0.0.0 included
    "10.0.0.0/8",
    "100.64.0.0/10",  # shared address space (carrier-grade NAT)
    "127.0.0.0/8",
    "169.254.0.0/16",  # link-local, cloud metadata services at 169.254.169.254
    "172.16.0.0/12",
    "192.0.0.0/24",  # IETF protocol assignments
    "192.88.99.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, broadcast included
    "::1/128",
    "::/128",
    "fc00::/7",  # unique local
    "fe80::/10",  # link-local
    "fec0::/10",  # site-local (deprecated)
    "ff00::/8",  # multicast
    "2001:db8::/32",  # documentation
    "::ffff:127.0.0.0/104",  # IPv4-mapped loopback
    "::ffff:10.0.0.0/104",  # IPv4-mapped private
    "::ffff:169.254.0.0/112",  # IPv4-mapped link-local
    "64:ff9b::7f00:0/104",  # NAT64 of 127.0.0.0/8
    "64:ff9b::a00:0/104",  # NAT64 of 10.0.0.0/8
    "2002:7f00::/24",  # 6to4 of 127.0.0.0/8
    "2002:c0a8::/32",  # 6to4 of 192.168.0.0/16
]
PUBLIC_NETWORKS = ["8.8.0.0/16", "23.0.0.0/8", "151.101.0.0/16", "2600::/16", "2a00::/16", "::ffff:8.8.0.0/112"]


def addresses_in(networks):
    return st.sampled_from(networks).flatmap(lambda network: st.ip_addresses(network=network))


def url_for(ip):
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    return f"https://{host}:8443/hooks"


@override_settings(**GUARDED)
@settings(max_examples=300, deadline=None)
@given(addresses_in(FORBIDDEN_NETWORKS))
def test_no_loopback_private_link_local_multicast_reserved_or_unspecified_address(ip):
    assert why_not_public(str(ip)) is not None
    with pytest.raises(UnsafeAddress, match="webhooks only go to public internet addresses"):
        resolve(url_for(ip))


@override_settings(**GUARDED)
@settings(max_examples=200, deadline=None)
@given(addresses_in(PUBLIC_NETWORKS))
def test_public_addresses_are_allowed(ip):
    assert why_not_public(str(ip)) is None
    target = resolve(url_for(ip))
    assert target.port == 8443
    assert target.path == "/hooks"


@override_settings(**GUARDED)
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost:8000/hooks", "loopback"),
        ("http://127.1/", "loopback"),  # short form of 127.0.0.1
        ("http://2130706433/", "loopback"),  # 127.0.0.1 as one number
        ("http://0x7f000001/", "loopback"),  # ... in hexadecimal
        ("http://0177.0.0.1/", "loopback"),  # ... in octal
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:7f00:1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://10.1.2.3/", "private"),
        ("http://[fd00::1]/", "private"),
        ("http://224.0.0.1/", "multicast"),
        ("http://255.255.255.255/", "private"),
    ],
)
def test_the_usual_disguises_of_internal_addresses_are_refused(url, reason):
    with pytest.raises(UnsafeAddress) as refused:
        resolve(url)
    assert reason in str(refused.value)


@override_settings(**GUARDED)
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/hooks", "must start with https://"),
        ("file:///etc/passwd", "must start with https://"),
        ("gopher://8.8.8.8/", "must start with https://"),
        ("https://partner:secret@8.8.8.8/hooks", "may not contain a user name or password"),
        ("https:///hooks", "has no host name"),
        ("https://8.8.8.8:99999/", "not a valid web address"),
        ("https://no-such-host.invalid/hooks", "could not be found"),
    ],
)
def test_only_http_and_https_urls_with_a_host(url, message):
    with pytest.raises(UnsafeAddress, match=message):
        resolve(url)


def test_the_setting_lets_loopback_through_for_tests_and_local_receivers():
    # conftest.py allows private addresses for the loopback receivers; the scheme rule stays.
    assert resolve("http://127.0.0.1:9/").addresses == ("127.0.0.1",)
    with pytest.raises(UnsafeAddress):
        resolve("file:///etc/passwd")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_address_is_checked_again_when_sending(settings, receiver):
    # Saved while allowed (or before the rule); by the time it is sent the rule applies.
    endpoint = Endpoint.objects.create(url=receiver.url)
    settings.WEBHOOKS = {**settings.WEBHOOKS, "ALLOW_PRIVATE_ADDRESSES": False}
    record_change()
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert "a loopback address" in delivery.last_error
    assert receiver.received == []


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """
    DNS rebinding: a resolver that answers a safe address first and another address later must not
    redirect the connection. A stand-in resolver plays the attacker's DNS server: its first answer
    is the loopback receiver, every later one an unroutable address (TEST-NET-1).
    """
    real_getaddrinfo = socket.getaddrinfo
    answers = []

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host != "partner.rebind.test":
            return real_getaddrinfo(host, port, *args, **kwargs)
        address = "127.0.0.1" if not answers else "192.0.2.1"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    with receiving() as receiver:
        status = post(f"http://partner.rebind.test:{receiver.port}/hooks", b"{}", {"webhook-id": "msg_1"})
    assert status == 204
    assert answers == ["127.0.0.1"]  # resolved once, connected to that answer
    assert receiver.received[0].headers["host"] == f"partner.rebind.test:{receiver.port}"


def test_an_ipv6_address_carrying_a_public_ipv4_is_judged_by_it():
    assert why_not_public("::ffff:8.8.8.8") is None
    assert why_not_public("::ffff:192.168.1.1") == "a private address"
    assert why_not_public(str(ipaddress.IPv6Address("64:ff9b::a9fe:a9fe"))) == "a link-local address"
