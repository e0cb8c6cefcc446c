"""
Log times in UTC, whatever the process's local time.

Django sets a process's local time to TIME_ZONE (Los Angeles) when it loads its settings, so
gunicorn's master (which has not loaded them) and its workers (which have) would otherwise log
in different zones. Django's records use ``UTCFormatter`` (LOGGING in cms/settings/base.py),
gunicorn's error and access lines ``GunicornUTCLogger`` (``logger_class`` in gunicorn.conf.py).
This module imports nothing from Django: gunicorn's master reads it before Django is loaded.
"""

import logging
import time

from gunicorn import glogging


class UTCFormatter(logging.Formatter):
    """``asctime`` as ISO 8601 in UTC, e.g. 2026-11-30T17:04:05.123Z."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        if datefmt:
            return time.strftime(datefmt, self.converter(record.created))
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"


class GunicornUTCLogger(glogging.Logger):
    """gunicorn's logger, its timestamps in UTC (``+0000``) in the master and in every worker."""

    def now(self):
        return time.strftime("[%d/%b/%Y:%H:%M:%S +0000]", time.gmtime())

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if handler.formatter is not None:
                    handler.formatter.converter = time.gmtime
