"""Signing in to the admin: the lockout after wrong passwords (django-axes) and two-factor sign-in (django-otp).

Every login here is a real POST of the sign-in form through the test client, as a browser sends it.
"""

import logging

import pytest
from axes.models import AccessAttempt
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from tests.deploy.conftest import settings_from_env
from tests.support.processes import free_port

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN_URLS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", PASSWORD)


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("eve", "eve@example.org", PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def axes_log():
    """The records of the "axes" logger, which does not propagate to the root (LOGGING in base.py)."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("axes")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def sign_in(client, url, username, password, address="198.51.100.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, admin_user, url, axes_log):
    for _ in range(5):
        response = sign_in(client, url, "ada", "wrong")
        assert response.status_code in {200, 429}
        assert not signed_in(client)

    response = sign_in(client, url, "ada", PASSWORD)

    assert response.status_code == 429
    assertContains(response, "Too many failed sign-in attempts", status_code=429)
    assertContains(response, "Try again in 15 minutes", status_code=429)
    assertContains(response, "ask a site administrator to unlock your account", status_code=429)
    assert not signed_in(client)
    # Every failure is logged, naming the account and the address.
    # (the right password during the lockout counts as one more).
    failures = [record for record in axes_log if "login failure by" in record.getMessage()]
    assert len(failures) == 6
    assert any("Locking out" in record.getMessage() for record in axes_log)
    assert all("ada" in record.getMessage() and "198.51.100.7" in record.getMessage() for record in failures)


def test_four_wrong_passwords_then_the_right_one_signs_in_and_clears_the_count(client, admin_user):
    for _ in range(4):
        sign_in(client, "/admin/login/", "ada", "wrong")
    response = sign_in(client, "/admin/login/", "ada", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="ada").exists()


def test_the_lock_is_for_one_account_from_one_address(client, admin_user, editor):
    for _ in range(5):
        sign_in(client, "/admin/login/", "ada", "wrong")
    # The same account from another address, and another account from the same address, still sign in.
    assert sign_in(client, "/admin/login/", "ada", PASSWORD, address="203.0.113.50").status_code == 302
    client.logout()
    assert sign_in(client, "/admin/login/", "eve", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account(client, admin_user):
    for _ in range(5):
        sign_in(client, "/admin/login/", "ada", "wrong")
    assert sign_in(client, "/admin/login/", "ada", PASSWORD).status_code == 429

    call_command("axes_reset_username", "ada", verbosity=0)

    assert sign_in(client, "/admin/login/", "ada", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_lockout_holds_when_redis_is_down(client, admin_user, monkeypatch):
    closed_port = free_port()  # nothing listens there: every cache call fails
    values = settings_from_env(monkeypatch, {"REDIS_URL": f"redis://127.0.0.1:{closed_port}/0"}, ["CACHES"])
    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    with override_settings(**values):
        try:
            for _ in range(5):
                sign_in(client, "/admin/login/", "ada", "wrong")
            response = sign_in(client, "/admin/login/", "ada", PASSWORD)
        finally:
            for alias in ("default", "renditions"):
                caches[alias].close()
    assert response.status_code == 429
    assert not signed_in(client)


# --- Two-factor sign-in -------------------------------------------------------------------------


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_superuser_must_set_up_two_factor_sign_in_where_it_is_required(client, admin_user, settings):
    settings.REQUIRE_2FA_FOR_SUPERUSERS = True
    # django-otp refuses any code for a second after a wrong one; a person takes longer than that.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    assert sign_in(client, "/admin/login/", "ada", PASSWORD).status_code == 302

    response = client.get("/admin/pages/")
    assertRedirects(response, "/admin/2fa/setup/?next=/admin/pages/", fetch_redirect_response=False)
    assert client.get("/django-admin/").status_code == 302

    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assertContains(page, "Administrators must use two-factor sign-in")
    assertContains(page, "data:image/svg+xml")
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    assertContains(page, device.config_url.split("secret=")[1].split("&")[0])

    wrong = client.post("/admin/2fa/setup/", {"code": "000000" if current_code(device) != "000000" else "111111"})
    assertContains(wrong, "That code is not right")

    done = client.post("/admin/2fa/setup/", {"code": current_code(device), "next": "/admin/pages/"})
    codes = done.context["codes"]
    assert len(codes) == 10
    for code in codes:
        assertContains(done, code)
    assert client.get("/admin/pages/").status_code == 200


def test_with_a_device_the_admin_asks_for_a_code_after_the_password(client, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code (see above)
    device = TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    assert sign_in(client, "/admin/login/", "eve", PASSWORD).status_code == 302

    assertRedirects(client.get("/admin/"), "/admin/2fa/verify/?next=/admin/", fetch_redirect_response=False)
    refused = client.post("/admin/2fa/verify/", {"code": "12345"})
    assertContains(refused, "That code is not right")
    assert client.get("/admin/").status_code == 302

    response = client.post("/admin/2fa/verify/", {"code": current_code(device), "next": "/admin/"})
    assertRedirects(response, "/admin/", fetch_redirect_response=False)
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_signs_in_once(client, editor):
    from cms.two_factor import new_backup_codes

    TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    code = new_backup_codes(editor)[0]
    sign_in(client, "/admin/login/", "eve", PASSWORD)
    assert client.post("/admin/2fa/verify/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()  # used up


def test_staff_without_a_device_are_not_asked_unless_required(client, editor, admin_user, settings):
    settings.REQUIRE_2FA_FOR_SUPERUSERS = False
    sign_in(client, "/admin/login/", "ada", PASSWORD)
    assert client.get("/admin/").status_code == 200
    settings.REQUIRE_2FA_FOR_SUPERUSERS = True
    client.logout()
    sign_in(client, "/admin/login/", "eve", PASSWORD)  # not a superuser: optional for editors
    assert client.get("/admin/").status_code == 200


def test_production_requires_two_factor_sign_in_for_superusers():
    from cms.settings import base

    assert base.REQUIRE_2FA_FOR_SUPERUSERS is False
    source = (base.PROJECT_DIR / "settings" / "production.py").read_text()
    assert 'REQUIRE_2FA_FOR_SUPERUSERS = env_bool("REQUIRE_2FA_FOR_SUPERUSERS", True)' in source


def test_the_account_page_links_to_two_factor_sign_in(admin_client):
    assertContains(admin_client.get("/admin/account/"), 'href="/admin/2fa/setup/"')
