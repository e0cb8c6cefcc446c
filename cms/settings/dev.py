"""Local development: debug on, emails on the console, a local-only key."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A key for this machine only; production.py never accepts it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The GraphQL IDE and "Did you mean ...?" hints, for people writing queries locally.
GRAPHQL_API = {**GRAPHQL_API, "GRAPHIQL": True, "FIELD_SUGGESTIONS": True}  # noqa: F405
# Tasks run inside the request here (ImmediateBackend): a slow partner receiver holds a publish
# for at most these seconds, and never makes it fail.
WEBHOOKS = {**WEBHOOKS, "CONNECT_TIMEOUT": 1, "READ_TIMEOUT": 3}  # noqa: F405
