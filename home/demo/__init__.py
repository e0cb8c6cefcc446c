"""The demo site that ``manage.py load_demo`` builds.

- ``builder``: builds and removes it, in one transaction;
- ``cities``: the partner cities' facts, read from ``cities/data/la_sister_cities.json``;
- ``content``: every word of it, written for this project;
- ``images``: pictures and documents drawn locally, without the network;
- ``data/``: the program's own "About" text, as the client supplied it.
"""
