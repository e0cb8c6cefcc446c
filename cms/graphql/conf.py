"""The API's settings: GRAPHQL_API and GRAPPLE in the Django settings (cms/settings/base.py).

Every limit and its default is written once, in base.py. ``api_setting`` reads one key at call
time (``cms.conf.setting_key``), so that a test may override a few keys
(``override_settings(GRAPHQL_API={"MAX_DEPTH": 3})``): the keys it leaves out keep base.py's
values (DEFAULTS).
"""

from django.conf import settings

from cms.conf import defaults, setting_key

DEFAULTS = defaults("GRAPHQL_API")


def api_setting(name):
    """One GRAPHQL_API setting, read at call time so that tests may override it."""
    return setting_key("GRAPHQL_API", name)


def page_size():
    return settings.GRAPPLE["PAGE_SIZE"]


def max_page_size():
    return settings.GRAPPLE["MAX_PAGE_SIZE"]
