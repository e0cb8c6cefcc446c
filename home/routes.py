"""Routes of routable pages, served by view modules: a model declares a route, a view serves it.

Models do not import views (tests/test_layers.py). A page declares an extra URL with
``route(pattern, name)``; the module that serves it (cities/feeds.py, cities/suggestions.py)
registers a view with ``@serves(PageModel, name)``, and its app's ``AppConfig.ready`` imports
that module. The view is called as ``view(page, request, *args, **kwargs)``.
"""

from wagtail.contrib.routable_page.models import path

_VIEWS = {}


def serves(model, name):
    """Register the view that serves ``model``'s route ``name``."""

    def register(view):
        _VIEWS[(model, name)] = view
        return view

    return register


def route(pattern, name):
    """A RoutablePageMixin route (``path(pattern, name=name)``) whose view is registered with ``serves``."""

    def view(page, request, *args, **kwargs):
        for model in type(page).__mro__:
            if (model, name) in _VIEWS:
                return _VIEWS[(model, name)](page, request, *args, **kwargs)
        raise LookupError(f"No view serves the route {name!r} of {type(page).__name__}: is its module imported?")

    view.__name__ = view.__qualname__ = name
    return path(pattern, name=name)(view)
