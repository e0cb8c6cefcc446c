"""Partner cities, stories of exchanges and useful resources.

Split by responsibility; everything is re-exported here so that Django and
callers see one ``cities.models`` module.
"""

from .cities import CityGalleryImage, CityIndexPage, CityPage, CitySource, Region, Relationship, Status
from .resources import ResourceIndexPage, ResourcePage
from .snippets import Committee, ExchangeType, ResourceCategory
from .stories import StoryIndexPage, StoryPage, StoryPageTag
from .submissions import ResourceSubmission, SuggestionAttempt

__all__ = [
    "CityGalleryImage",
    "CityIndexPage",
    "CityPage",
    "CitySource",
    "Committee",
    "ExchangeType",
    "Region",
    "Relationship",
    "ResourceCategory",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourceSubmission",
    "Status",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "SuggestionAttempt",
]
