"""RSS and Atom feeds of stories: all of a story index's stories, or one partner city's.

Served on StoryIndexPage's routes (``/en/stories/feeds/rss/``, ``.../feeds/atom/``,
``.../feeds/<city>/rss/``, ``.../feeds/<city>/atom/``). Only live, public stories are listed,
as on the pages themselves.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.site_address import absolute, page_url
from cms.visibility import for_request
from home.routes import serves

from .models import StoryIndexPage, StoryPage

FEED_LENGTH = 30


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, city=None):
        super().__init__()
        self.index = index
        self.city = city
        self.request = None
        self.language = index.locale.language_code  # the feed's <language>: its stories', not the URL's

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _site_name(self):
        site = Site.find_for_request(self.request)
        return (site.site_name if site else "") or _("Sister Cities of Los Angeles")

    def title(self):
        if self.city:
            return _("Stories from %(city)s | %(site)s") % {"city": self.city.title, "site": self._site_name()}
        return f"{self.index.title} | {self._site_name()}"

    def link(self):
        page = self.city or self.index
        return page_url(page, self.request)

    def feed_url(self):
        return absolute(self.request.path)

    def description(self):
        if self.city:
            return _("Stories of exchanges between Los Angeles and %(city)s.") % {"city": self.city.title}
        return self.index.intro or _("Stories of exchanges between Los Angeles and its partner cities.")

    def items(self):
        # Only the stories written in the feed's language; a city's feed lists the stories about
        # the city in any of its versions (a translated story may still point to the original).
        stories = self.index.get_stories(for_request(self.request)).filter(locale_id=self.index.locale_id)
        if self.city:
            stories = stories.filter(pk__in=StoryPage.objects.filter(cities__translation_key=self.city.translation_key))
        return stories.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        # The story's own date (when the exchange took place), at noon in the site's time zone.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [exchange_type.name for exchange_type in item.exchange_types.all()] + [
            tag.name for tag in item.tags.all()
        ]


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed
    subtitle = StoryFeed.description


# The views of StoryIndexPage's feed routes (home/routes.py).
@serves(StoryIndexPage, "rss_feed")
def rss_feed(index, request):
    return StoryFeed(index)(request)


@serves(StoryIndexPage, "atom_feed")
def atom_feed(index, request):
    return StoryAtomFeed(index)(request)


@serves(StoryIndexPage, "city_rss_feed")
def city_rss_feed(index, request, city_slug):
    return StoryFeed(index, index.city_for_feed(request, city_slug))(request)


@serves(StoryIndexPage, "city_atom_feed")
def city_atom_feed(index, request, city_slug):
    return StoryAtomFeed(index, index.city_for_feed(request, city_slug))(request)
