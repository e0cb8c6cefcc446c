"""
One webhook POST: to the addresses addresses.py checked, with timeouts, never following a redirect.

The standard library's http.client is enough (no dependency): the connection's socket is opened to
a checked IP address while the Host header and the TLS certificate check use the URL's host name.
A redirect (3xx) is an answer like any other that is not 2xx: a failed attempt.
"""

import http.client
import socket
import ssl

from django.utils.translation import gettext as _

from .addresses import UnsafeAddress, resolve
from .conf import webhook_setting

USER_AGENT = "SisterCitiesLA-Webhooks/1.0"
# The most of an answer's body read before the connection is closed: receivers should answer with
# little or nothing, and nothing of it is kept.
MAX_RESPONSE_BYTES = 64 * 1024


class SendError(Exception):
    """The attempt got no HTTP answer (refused, timed out, bad TLS, unsafe address): the message says why."""


def post(url, data, headers):
    """POST `data` to `url` with `headers`; return the answer's status code, or raise SendError."""
    try:
        target = resolve(url)
    except UnsafeAddress as error:
        raise SendError(str(error)) from error
    connect_timeout = webhook_setting("CONNECT_TIMEOUT")
    read_timeout = webhook_setting("READ_TIMEOUT")
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=read_timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=read_timeout)
    connection._create_connection = _pinned(target.addresses, connect_timeout, read_timeout)
    try:
        connection.request(
            "POST",
            target.path,
            body=data,
            headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
        )
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return response.status
    except TimeoutError as error:
        raise SendError(_("No answer within the time allowed.")) from error
    except ssl.SSLError as error:
        raise SendError(_("Secure connection failed: %(error)s") % {"error": error.reason or error}) from error
    except (OSError, http.client.HTTPException) as error:
        raise SendError(_("Connection failed: %(error)s") % {"error": error or type(error).__name__}) from error
    finally:
        connection.close()


def _pinned(addresses, connect_timeout, read_timeout):
    """http.client's socket factory, replaced: connect to the checked addresses only, in order."""

    def create_connection(address, timeout=None, source_address=None):
        port = address[1]
        last_error = None
        for ip in addresses:
            try:
                sock = socket.create_connection((ip, port), timeout=connect_timeout)
            except OSError as error:
                last_error = error
                continue
            sock.settimeout(read_timeout)
            return sock
        raise last_error

    return create_connection
