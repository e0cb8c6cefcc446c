"""
Signed webhooks for partner sites: a POST to each registered endpoint when something visitors can
see changes (cms.changes sends ``public_change``), signed the Standard Webhooks way.

models.py (endpoints, deliveries) < addresses.py (only public addresses) < sending.py (one POST,
no redirects) < tasks.py (queue, retry with backoff, pause) < views.py and wagtail_hooks.py (the
admin under Settings). docs/graphql.md, "Webhooks", is the partners' side.
"""
