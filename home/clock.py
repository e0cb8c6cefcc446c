"""Today's date, asked for in one place.

Code that depends on the date (a partnership's age, its anniversary, the timeline, the years an
API filter accepts) calls ``clock.today()`` through the module, or takes a ``today``/``year``
argument, so that a test fixes the date for one call or with
``monkeypatch.setattr("home.clock.today", lambda: datetime.date(2024, 6, 1))``
rather than patching ``datetime.date`` for the whole process.
"""

import datetime


def today():
    """Today's date (the server's), as ``datetime.date.today()``."""
    return datetime.date.today()
