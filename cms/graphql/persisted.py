"""
Automatic persisted queries and trusted documents (docs/graphql.md, "Persisted queries").

Apollo Client's persisted-query link (and other clients speaking its protocol) sends
``extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`` with no query: when the
hash is known (sent before, or in the trusted manifest), its document runs; when not, the answer is
the error ``PersistedQueryNotFound`` (``extensions.code`` ``PERSISTED_QUERY_NOT_FOUND``) and the
client sends the hash again with the document, which is checked against the hash, remembered in
the cache for GRAPHQL_API["PERSISTED_QUERY_TIMEOUT"] seconds, and run. So a partner's GET is the
hash and the variables: short, and cacheable by a CDN.

With GRAPHQL_API["TRUSTED_DOCUMENTS_ONLY"], only the documents of the manifest at
GRAPHQL_API["TRUSTED_DOCUMENTS"] run, whether sent by hash or in full; nothing is remembered.
The manifest is a JSON file in either common form: Apollo's persisted-query manifest
(``{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body", ...}]}``) or
GraphQL Codegen's persisted documents (``{"<hash>": "<document>"}``).
"""

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache

from .conf import api_setting

NOT_FOUND = "PersistedQueryNotFound"
NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND"
NOT_TRUSTED_CODE = "PERSISTED_QUERY_NOT_ALLOWED"
HASH = re.compile(r"[0-9a-f]{64}")
KEY = "graphql:persisted-query:{}"


class PersistedQueryError(Exception):
    """Answered with {"errors": [{"message": message, "extensions": {"code": code}}]}."""

    def __init__(self, message, code, status=200):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


def sha256(document):
    return hashlib.sha256(document.encode()).hexdigest()


@lru_cache(maxsize=4)
def _manifest(path, modified):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("operations"), list):  # Apollo's manifest
        documents = {item["id"]: item["body"] for item in data["operations"]}
    else:  # GraphQL Codegen's {hash: document}
        documents = dict(data)
    for digest, document in documents.items():
        if sha256(document) != digest:
            raise ValueError(f"{path}: the document under {digest} does not hash to it")
    return documents


def trusted_documents():
    """{sha256: document} from the manifest GRAPHQL_API["TRUSTED_DOCUMENTS"] names ({} without one)."""
    path = api_setting("TRUSTED_DOCUMENTS")
    if not path:
        return {}
    return _manifest(str(path), Path(path).stat().st_mtime_ns)


def persisted_hash(extensions):
    """The sha256Hash a request's extensions name (None without persistedQuery); refuses a malformed one."""
    if extensions is None:
        return None
    if not isinstance(extensions, dict):
        raise PersistedQueryError("extensions must be a JSON object.", "BAD_REQUEST", 400)
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    # The number 1 itself: JSON's true or 1.0 are not a version (Python would take them for 1).
    if not isinstance(persisted, dict) or type(persisted.get("version")) is not int or persisted["version"] != 1:
        raise PersistedQueryError(
            'Unsupported persistedQuery: send {"version": 1, "sha256Hash": "<64 hex digits>"}.', "BAD_REQUEST", 400
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not HASH.fullmatch(digest):
        raise PersistedQueryError("persistedQuery.sha256Hash must be 64 lowercase hex digits.", "BAD_REQUEST", 400)
    return digest


def resolve(query, extensions):
    """
    The document to run, or PersistedQueryError. ``remember`` (the second value) is the hash to
    keep the document under once it has passed the limits, or None.
    """
    digest = persisted_hash(extensions)
    trusted_only = api_setting("TRUSTED_DOCUMENTS_ONLY")
    if digest is not None and query is not None and sha256(query) != digest:
        raise PersistedQueryError("provided sha does not match query", "BAD_REQUEST", 400)
    if trusted_only:
        documents = trusted_documents()
        if query is None and digest is not None:
            if digest not in documents:
                raise PersistedQueryError(NOT_FOUND, NOT_FOUND_CODE)
            return documents[digest], None
        if query is not None and sha256(query) not in documents:
            raise PersistedQueryError(
                "Only trusted documents run here: this operation is not in the API's list of allowed "
                'operations (docs/graphql.md, "Trusted documents").',
                NOT_TRUSTED_CODE,
                400,
            )
        return query, None
    if digest is None:
        return query, None
    if query is not None:
        return query, digest
    document = trusted_documents().get(digest) or cache.get(KEY.format(digest))
    if document is None:
        raise PersistedQueryError(NOT_FOUND, NOT_FOUND_CODE)
    return document, None


def remember(digest, document):
    cache.set(KEY.format(digest), document, timeout=api_setting("PERSISTED_QUERY_TIMEOUT"))


def check_trusted_documents(**kwargs):
    """`manage.py check` (and every start): the trusted documents manifest can be read and its hashes match."""
    from django.core.checks import Error

    if not api_setting("TRUSTED_DOCUMENTS_ONLY") and not api_setting("TRUSTED_DOCUMENTS"):
        return []
    if not api_setting("TRUSTED_DOCUMENTS"):
        return [
            Error(
                'GRAPHQL_API["TRUSTED_DOCUMENTS_ONLY"] is on but no manifest is named: set GRAPHQL_TRUSTED_DOCUMENTS.',
                id="cms.E101",
            )
        ]
    try:
        trusted_documents()
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        return [Error(f"The trusted documents manifest cannot be used: {error}", id="cms.E102")]
    return []
