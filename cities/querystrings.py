"""Clean addresses for the filter forms, which work without JavaScript (plain GET forms)."""

from django.http import HttpResponseRedirect


def redirect_without_empty(request, names):
    """A redirect to the same address without the empty filter parameters, or None if there are none.

    A GET form sends every field, chosen or not (``?city=nagoya&type=&year=&tag=``); the redirect
    leaves the address a visitor bookmarks or shares with only the filters in use (``?city=nagoya``).
    """
    if request.method != "GET" or not any(name in request.GET and not request.GET[name] for name in names):
        return None
    query = request.GET.copy()
    for name in names:
        if name in query and not query[name]:
            del query[name]
    return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
