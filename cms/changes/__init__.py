"""The change log: one row per change a visitor can observe, for the sync query and the webhooks."""
