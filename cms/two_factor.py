"""
Two-factor sign-in for staff, with django-otp: a code from an authenticator app (TOTP), or one
of ten printed backup codes when the phone is not at hand.

- Any staff member turns it on at /admin/2fa/setup/ (the account menu's "Two-factor sign-in"):
  scan the QR code, type the code the app shows, keep the backup codes shown once.
- From then on, after their password, /admin/ and /django-admin/ ask for a code
  (/admin/2fa/verify/) before anything else.
- With REQUIRE_2FA_FOR_SUPERUSERS (on in production), a superuser without it is sent to the
  set-up page before anything else in the admin.

What a session still needs ("verify", "setup" or nothing) is worked out when the user signs
in and kept in the session, so that an admin page costs no extra query.
"""

import base64
import logging

import django_otp
import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.contrib.auth.decorators import login_required
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.client import client_address

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
SESSION_KEY = "two_factor_needed"
VERIFY, SETUP = "verify", "setup"
BACKUP_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def required_for(user):
    """Whether this user may not use the admin without two-factor sign-in."""
    return bool(settings.REQUIRE_2FA_FOR_SUPERUSERS and user.is_superuser)


def needed(user):
    """What a newly signed-in user must do before using the admin: VERIFY, SETUP or "" (nothing)."""
    if django_otp.user_has_device(user, confirmed=True):
        return VERIFY
    return SETUP if required_for(user) else ""


@receiver(user_logged_in)
def _remember_what_is_needed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = needed(user)


def _exempt(path):
    return path.startswith(("/admin/2fa/", "/admin/login/", "/admin/logout/", "/django-admin/logout/"))


class TwoFactorMiddleware:
    """Sends a signed-in user who still needs a code (or a device) to the page for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(ADMIN_PREFIXES)
            and not _exempt(request.path)
            and request.user.is_authenticated
            and not request.user.is_verified()
        ):
            state = request.session.get(SESSION_KEY)
            if state is None:  # a session from before two-factor sign-in existed
                state = request.session[SESSION_KEY] = needed(request.user)
            if state:
                url = reverse("two_factor_verify" if state == VERIFY else "two_factor_setup")
                return redirect(f"{url}?next={request.get_full_path()}" if request.method == "GET" else url)
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": _("Enter the code.")},
    )


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _signed_in(request, device):
    django_otp.login(request, device)
    request.session[SESSION_KEY] = ""


def _can_use_admin(user):
    return user.is_active and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


@login_required(login_url="wagtailadmin_login")
def verify_view(request):
    """Ask a signed-in user with a device for a code."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            _signed_in(request, device)
            return redirect(_next_url(request))
        logger.warning(
            "Two-factor code refused for user %s from %s.", request.user.get_username(), client_address(request)
        )
        form.add_error("code", gettext("That code is not right, or it has expired. Try the newest one."))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)})


@login_required(login_url="wagtailadmin_login")
def setup_view(request):
    """Turn on two-factor sign-in: scan the QR code, confirm one code, keep the backup codes."""
    user = request.user
    if not _can_use_admin(user):
        return redirect("wagtailadmin_home")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not user.is_verified():
            return redirect("two_factor_verify")
        return render(request, "two_factor/enabled.html", {})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_backup_codes(user)
            _signed_in(request, device)
            logger.info("Two-factor sign-in turned on for user %s.", user.get_username())
            return render(request, "two_factor/backup_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", gettext("That code is not right. Check the app's clock and type the newest code."))
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": base64.b32encode(device.bin_key).decode(),
            "required": required_for(user),
            "next": _next_url(request),
        },
    )


def new_backup_codes(user):
    """Ten single-use codes, replacing any earlier ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


urlpatterns = [
    path("setup/", setup_view, name="two_factor_setup"),
    path("verify/", verify_view, name="two_factor_verify"),
]
