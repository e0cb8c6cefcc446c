"""The signal other apps listen to (the webhooks): one per change visitors can observe."""

from django.dispatch import Signal

# Sent after the transaction commits, once per public change, with `change=<cms.changes.models.Change>`.
public_change = Signal()
