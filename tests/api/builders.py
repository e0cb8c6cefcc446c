"""The API tests' site builders: they live in tests.support.site, shared by the whole suite."""

from tests.support.site import make_site, stream

__all__ = ["make_site", "stream"]
