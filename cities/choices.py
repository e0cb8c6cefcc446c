"""The fixed vocabularies of partner cities: where, what kind of tie, and its status today."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The program's first agreements (Nagoya and Eilat) date from 1959.
FIRST_PARTNERSHIP_YEAR = 1959


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    SOUTH_AMERICA = "south_america", _("South America")
    OCEANIA = "oceania", _("Oceania")


class Relationship(models.TextChoices):
    SISTER_CITY = "sister_city", _("Sister city")
    FRIENDSHIP_CITY = "friendship_city", _("Friendship city")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
