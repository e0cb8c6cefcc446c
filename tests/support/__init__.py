"""
Helpers shared by the test suite, each written once.

- `tests.support.processes`: free ports, waiting for a server to listen, stopping it, and running
  a settings module or `manage.py` in a fresh interpreter with a chosen environment. No Django
  imports, so `python -m tests.services` can use it before Django is set up.
- `tests.support.site`: the site tree (a home page as the default site's root with its three
  sections), StreamField values, and `make_private` / `private_collection` for pages and media
  behind a restriction.
- `tests.support.html`: rendered pages parsed with BeautifulSoup, so tests assert on elements
  and text rather than on the order of attributes in the markup.
"""
