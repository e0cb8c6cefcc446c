"""Publish and expire scheduled pages and snippets on time: the `scheduler` process (Procfile, `make run`)."""

import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from home.scheduler import Lease, LeaseLost, run_round

logger = logging.getLogger("home.scheduler")


class Command(BaseCommand):
    help = (
        "Every --interval seconds, publish the pages and snippets whose go-live time has come and unpublish "
        "the expired ones (Wagtail's publish_scheduled). Run one per app server or more: a lease in the "
        "database lets one of them publish at a time. Stops cleanly on SIGTERM or Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between rounds (default 15).")
        parser.add_argument(
            "--lease",
            type=float,
            default=None,
            help="Seconds the publishing lease lasts without renewal: how soon another scheduler takes over "
            "from one that died (default: three intervals, at least 30).",
        )
        parser.add_argument("--once", action="store_true", help="Run one round and exit.")

    def handle(self, *args, interval, lease, once, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        seconds = lease if lease is not None else max(3 * interval, 30.0)
        if seconds <= interval:
            raise CommandError("--lease must be longer than --interval, or the lease lapses between rounds.")
        self.stopping = False
        self.lease = Lease(seconds)
        if not once:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
            logger.info("Scheduler %s started: a round every %g s, lease %g s", self.lease.holder, interval, seconds)
        holding = None
        try:
            while not self.stopping:
                holding = self.round(holding)
                if once:
                    break
                self.sleep(interval)
        finally:
            self.release(holding)
        if not once:
            logger.info("Scheduler %s stopped", self.lease.holder)

    def stop(self, signum, frame):
        """Finish the change in progress, then leave the loop (signal handler)."""
        self.stopping = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.2))

    def round(self, holding):
        """One round; returns whether this process holds the lease afterwards (None if unknown)."""
        close_old_connections()  # a connection that broke or aged since the last round is replaced
        try:
            if not self.lease.acquire():
                if holding is not False:
                    logger.info("Standing by: the publishing lease is with scheduler %s", self.lease.current_holder())
                return False
            if holding is not True:
                logger.info("Scheduler %s holds the publishing lease", self.lease.holder)
            run_round(self.lease, should_stop=lambda: self.stopping)
            return True
        except LeaseLost:
            logger.warning("Lost the publishing lease to another scheduler; standing by")
            return False
        except Exception:
            # A database outage or one object that cannot be published: log it, try again next round.
            logger.exception("Scheduled publishing failed this round; retrying next round")
            return None
        finally:
            close_old_connections()

    def release(self, holding):
        if not holding:
            return
        try:
            self.lease.release()
        except Exception:
            logger.exception("Could not release the publishing lease; it lapses by itself")
