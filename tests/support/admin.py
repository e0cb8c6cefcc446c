"""Signing in to the admin in tests, through the same authentication backends as the sign-in form."""

from django.test import RequestFactory

from wagtail.test.utils import WagtailTestUtils


def sign_in(client, username, password):
    """
    Sign the test client in: `client.login()` with a request, as the sign-in form gives one.

    django-axes' backend (cms/settings/base.py, AUTHENTICATION_BACKENDS) counts attempts by
    address and refuses to authenticate without a request; `force_login` would skip it.
    """
    return client.login(request=RequestFactory().post("/admin/login/"), username=username, password=password)


class AdminTestUtils(WagtailTestUtils):
    """Wagtail's test helpers, with `login` going through the sign-in's backends (`sign_in`)."""

    def login(self, user=None, username=None, password="password"):  # noqa: S107 - create_test_user's
        if username is None:
            user = user or self.create_test_user()
            username = user.get_username()
        self.assertTrue(sign_in(self.client, username, password))
        return user
