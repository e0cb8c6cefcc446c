"""Settings made of keys (GRAPHQL_API, WEBHOOKS, RESPONSE_CACHE), read one key at a time.

Each key and its default is written once, in cms/settings/base.py. ``setting_key`` reads one key
at call time, so that a test may override a few keys
(``override_settings(WEBHOOKS={"READ_TIMEOUT": 1})``): the keys it leaves out keep base.py's values.
"""

from django.conf import settings

from cms.settings import base


def defaults(name):
    """base.py's value of the setting ``name``: what a key an override leaves out falls back to."""
    return getattr(base, name)


def setting_key(name, key):
    """One key of the setting ``name`` (a dict), read at call time."""
    return {**defaults(name), **getattr(settings, name, {})}[key]
