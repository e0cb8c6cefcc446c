"""The demo's accounts, one per role, and a story one of them has sent for review.

Run by ``load_demo`` after the site is built: a program officer (the "Program office" group: reviews and
publishes) and a member of Nagoya's committee (edits Nagoya's profile and stories, sends them for review).
Each password is made at random and printed once, as ``ensure_admin`` does for the admin; a later run
keeps the accounts (and their passwords) and puts them back in their groups, which a ``--reset`` renews.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale

from cities.committees import PROGRAM_OFFICE
from cities.models import CityPage, ExchangeType, StoryIndexPage, StoryPage

from . import content
from .builder import heading_block, page_link_block, paragraph_block

OFFICER = "officer"
COMMITTEE_CITY = "Nagoya"
COMMITTEE_MEMBER = "nagoya"
STORY_TITLE = "Nagoya students plan their return visit"
STORY_INTRO = (
    "Last year's visitors from Nagoya want to welcome Los Angeles students in turn; the committee has "
    f"started planning. {content.SAMPLE_NOTE}"
)
STORY_BODY = (
    "The committee met the families who hosted last year's visitors and drew up a first programme: a week of "
    "classes, home stays and a day at the port."
)


def make_demo_accounts():
    """The two demo accounts, in their groups, and the story waiting for review. Returns lines to print."""
    lines = []
    english = Locale.get_default()
    city = CityPage.objects.select_related("committee__group").get(locale=english, title=COMMITTEE_CITY)
    officer, password = _account(OFFICER, "Olivia", "Officer")
    officer.groups.add(Group.objects.get(name=PROGRAM_OFFICE))
    lines.append(_said(OFFICER, password, "program officer: reviews and publishes"))
    member, password = _account(COMMITTEE_MEMBER, "Kenji", "Member")
    member.groups.add(city.committee.group)
    lines.append(_said(COMMITTEE_MEMBER, password, f"member of {city.committee.name}: writes, sends for review"))
    _submit_story(member, city)
    return lines


def _account(username, first_name, last_name):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    return user, password


def _said(username, password, role):
    if password is None:
        return f"Demo account '{username}' ({role}) already exists; its password was printed when it was made."
    return f"Demo account '{username}' ({role}): password {password} (shown only once)."


def _submit_story(member, city):
    """A draft story about the member's city, sent for review by them (once per demo build)."""
    if StoryPage.objects.filter(title=STORY_TITLE, owner=member).exists():
        return
    index = StoryIndexPage.objects.get(locale=city.locale)
    story = StoryPage(
        title=STORY_TITLE,
        slug="nagoya-students-plan-their-return-visit",
        date=datetime.date(2025, 3, 14),
        intro=STORY_INTRO,
        body=[
            heading_block("A first programme"),
            paragraph_block(f"<p>{STORY_BODY}</p>"),
            page_link_block(city, f"More about {city.title}"),
        ],
        author="Committee volunteers",
        owner=member,
        live=False,
        # Complete like every demo story (tests/home/test_load_demo.py): a picture, a kind of exchange.
        hero_image=city.hero_image,
    )
    story.cities.set([city])
    story.exchange_types.set(ExchangeType.objects.filter(locale=city.locale, slug="educational"))
    story.tags.add("students", "home stays")
    index.add_child(instance=story)
    revision = story.save_revision(user=member)
    story.get_workflow().start(story, member)
    return revision
