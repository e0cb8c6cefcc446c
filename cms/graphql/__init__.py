"""
The GraphQL API's hardening, in one place.

Grapple turns each model's ``graphql_fields`` into GraphQL types; on their own
they would leak drafts and private pages, run one SQL query per list item and
accept any query however large. Everything here sits between grapple and the
client, and every resolver goes through it:

- ``visibility``: what an anonymous visitor may see (live, public, in a public
  collection), decided once per request; a preview token unlocks one page.
- ``batching``: relations are loaded for all the items of a list at once.
- ``fields``: the field declarations models use in ``graphql_fields`` for
  relations, each resolved through ``visibility`` and ``batching``.
- ``interfaces``: the page and snippet interfaces (grapple's PAGE_INTERFACE and
  SNIPPET_INTERFACE settings), with locale, translations and the tree fields.
- ``queries``: the root queries every site has (pages, page, search, tags) and
  "one page by id, slug or preview token" for the apps' own queries.
- ``types``: pagination, languages and argument checks shared by the queries.
- ``limits``: depth, alias, token, size and cost limits, checked before any
  database work.
- ``preview``: headless preview tokens that expire and show only their page.
- ``images``: renditions limited to the allowed filters, loaded for a list at once.
- ``descriptions`` and ``schema``: the schema itself, described field by field.
- ``views``: the HTTP endpoint, /api/graphql/.
"""
