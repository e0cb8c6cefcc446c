"""Wagtail's locales, read once per request.

Wagtail looks a locale up by its language code several times while it serves one page (routing,
``Page.localized``, ``Locale.get_active()``, the language switcher), one SQL query each time.
The locales change only when a language is added, so within one request the first answer is
kept: ``LocaleMemoMiddleware`` opens a memo for the request, and ``install()`` (called by
``home.apps``) makes ``Locale.objects.get_for_language`` use it. The memo's first look-up of a
language is answered from the shared data (cms/response_cache.py ``shared``: dropped when a
locale is saved or deleted), so that a request reads no locale at all once one request has.
Outside a request (commands, tasks, tests calling the models) nothing is kept.
"""

import contextvars

from wagtail.models.i18n import LocaleManager

from cms import response_cache

_memo = contextvars.ContextVar("locale_memo", default=None)
_original_get_for_language = LocaleManager.get_for_language


def _get_for_language(manager, language_code):
    memo = _memo.get()
    if memo is None:
        return _original_get_for_language(manager, language_code)
    if language_code not in memo:
        try:
            memo[language_code] = response_cache.shared(
                "locale", [manager.model], lambda: _original_get_for_language(manager, language_code), language_code
            )
        except manager.model.DoesNotExist as error:
            memo[language_code] = error
    found = memo[language_code]
    if isinstance(found, Exception):
        raise found
    return found


def install():
    """Make ``Locale.objects.get_for_language`` answer from the request's memo (once, at start-up)."""
    LocaleManager.get_for_language = _get_for_language


def for_language(language_code):
    """The locale of a language code (from the request's memo when there is one), or None."""
    from wagtail.models import Locale

    try:
        return Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        return None


class LocaleMemoMiddleware:
    """Keeps the locales found during one request for the rest of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
