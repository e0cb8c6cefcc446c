"""The webhooks' settings: WEBHOOKS in the Django settings (cms/settings/base.py).

Each key and its default is written once, in base.py. ``webhook_setting`` reads one key at call
time (``cms.conf.setting_key``), so that a test may override a few keys
(``override_settings(WEBHOOKS={"READ_TIMEOUT": 1})``): the keys it leaves out keep base.py's values.
"""

from cms.conf import defaults, setting_key

DEFAULTS = defaults("WEBHOOKS")


def webhook_setting(name):
    """One WEBHOOKS setting, read at call time so that tests may override it."""
    return setting_key("WEBHOOKS", name)
