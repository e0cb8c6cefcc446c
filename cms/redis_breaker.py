"""
A circuit breaker in front of Redis, so that a Redis that is down or hung costs a page one
short timeout, not one per cache call (docs/deployment.md, "When a service fails").

django-redis (IGNORE_EXCEPTIONS) already turns a failed cache call into a miss. What it does
not do is remember the failure: a stopped (SIGSTOP) Redis still accepts connections in the
kernel, so every call waits for its read timeout, and a page makes dozens. Here every
connection to a server shares one breaker per process:

- closed: calls go through; a connection or timeout error opens it (one WARNING);
- open: calls fail at once with ConnectionError, without touching the network, for
  REDIS_COOLDOWN seconds; django-redis answers them as misses;
- then one call (the first thread to ask) is let through as a trial: if Redis answers,
  the breaker closes (one WARNING saying it is back), otherwise it stays open for another
  cool-down.

The breaker sits in the connection class (the pool below swaps it in), so it covers every
command of both caches, pipelines included. Counters are per process and shown by /healthz.
"""

import logging
import threading
import time
from functools import cache

from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError, TimeoutError

from django.conf import settings

logger = logging.getLogger(__name__)

FAILURES = (ConnectionError, TimeoutError, OSError)


class CircuitOpen(ConnectionError):
    """Redis failed a moment ago: not tried again until the cool-down has passed."""


class Breaker:
    def __init__(self, name):
        self.name = name  # host:port, for the log only
        self.lock = threading.Lock()
        self.open = False
        self.retry_at = 0.0
        self.trial_thread = None
        self.outages = self.failures = self.rejected = 0

    def allow(self):
        """True if a command may go to the server now; a trial is owned by the thread that takes it."""
        if not self.open:
            return True
        with self.lock:
            now, me = time.monotonic(), threading.get_ident()
            if self.trial_thread == me:
                return True
            if now >= self.retry_at:
                self.trial_thread, self.retry_at = me, now + cooldown()
                return True
            self.rejected += 1
            return False

    def failed(self, error):
        with self.lock:
            self.failures += 1
            self.trial_thread, self.retry_at = None, time.monotonic() + cooldown()
            if self.open:
                return
            self.open, self.outages = True, self.outages + 1
        logger.warning(
            "Redis at %s is unavailable (%s): the cache is bypassed, retried every %s s.",
            self.name,
            type(error).__name__,
            cooldown(),
        )

    def succeeded(self):
        if not self.open:
            return
        with self.lock:
            was_open, self.open, self.trial_thread = self.open, False, None
        if was_open:
            logger.warning("Redis at %s is back: the cache is used again.", self.name)

    def state(self):
        return {
            "circuit": "open" if self.open else "closed",
            "outages": self.outages,
            "failures": self.failures,
            "bypassed": self.rejected,
        }


BREAKERS = {}
_breakers_lock = threading.Lock()


def breaker_for(name):
    with _breakers_lock:
        return BREAKERS.setdefault(name, Breaker(name))


def cooldown():
    return settings.REDIS_COOLDOWN


class BreakerConnectionMixin:
    @property
    def breaker(self):
        name = f"{getattr(self, 'host', '')}:{getattr(self, 'port', '')}" if hasattr(self, "host") else self.path
        return breaker_for(name)

    def _guarded(self, call, *args, **kwargs):
        breaker = self.breaker
        if not breaker.allow():
            raise CircuitOpen(f"Redis at {breaker.name} failed less than {cooldown()} s ago")
        try:
            return call(*args, **kwargs)
        except FAILURES as error:
            breaker.failed(error)
            raise

    def connect_check_health(self, *args, **kwargs):
        if self._sock:
            return None
        return self._guarded(super().connect_check_health, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._guarded(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        response = self._guarded(super().read_response, *args, **kwargs)
        self.breaker.succeeded()
        return response


@cache
def with_breaker(connection_class):
    return type(f"Breaker{connection_class.__name__}", (BreakerConnectionMixin, connection_class), {})


class BreakerConnectionPool(ConnectionPool):
    """django-redis's CONNECTION_POOL_CLASS: redis-py's pool with its connections behind the breaker."""

    def __init__(self, *args, connection_class=None, **kwargs):
        if connection_class is None:
            from redis.connection import Connection

            connection_class = Connection
        super().__init__(*args, connection_class=with_breaker(connection_class), **kwargs)


def states():
    """Each Redis server's breaker in this process (no addresses: those may name private hosts)."""
    return [breaker.state() for breaker in list(BREAKERS.values())]
