"""
The endpoint, /api/graphql/: queries by GET (cacheable) or POST, never mutations by GET.

On top of graphene-django's view:

- the query is parsed within the size and token limits, then validated with
  graphql-core's standard rules plus the depth, alias and cost limits, all
  before any database work;
- "Did you mean ...?" hints are left out unless GRAPHQL_API["FIELD_SUGGESTIONS"]
  (development); an unknown enum value is answered with the accepted values;
- every resolver's result passes the visibility middleware;
- a successful GET is cacheable by shared caches for CACHE_MAX_AGE seconds,
  unless it used a preview token (then nothing may store it), with an ETag
  (If-None-Match gets a 304);
- successful responses (GET and POST, keyed by the normalised document, the
  variables and the operation name) are kept in the response cache and answered
  from it until something they read changes (cms/response_cache.py); never one
  with errors or one that used a preview token;
- automatic persisted queries (Apollo's protocol) and trusted documents
  (persisted.py);
- the response does not Vary on Accept-Language (cms/middleware.py): the API
  reads its language from the query's arguments alone;
- no CSRF cookie is set (graphene-django's view sets one, which makes responses
  uncacheable): the API uses no cookies at all;
- errors from inside the code are reported as "Internal error" and logged,
  without their details; but when the database cannot be reached the whole
  answer is a 503 with Retry-After (cms/outage.py), so clients retry later;
- GraphiQL only when GRAPHQL_API["GRAPHIQL"] (the dev settings).

Transport (what a request may look like, docs/graphql.md "Requests and transport
errors"): GET and HEAD read the URL's parameters only (a query string of at
most GRAPHQL_API["MAX_GET_QUERY_STRING_BYTES"], which gunicorn's request line
holds; longer ones are refused with a GraphQL error), whatever body or
Content-Type they carry (Apollo Client sends Content-Type: application/json on
its GETs); POST reads a UTF-8 body of at most GRAPHQL_API["MAX_BODY_BYTES"]
bytes as JSON, a GraphQL document or form data. A client's mistake (a method,
content type, charset or encoding not accepted, JSON that does not parse or is
nested too deeply, a parameter of the wrong type or given twice) is answered
with a 4xx and {"errors": [{"message": ...}]} saying what is wrong and what is
accepted, never with a 500.
"""

import json
import logging
import re

from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLEnumType,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    validate,
)

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from cms import outage, response_cache

from . import batching, persisted
from .conf import api_setting
from .limits import parse_and_print, parse_query, validation_rules
from .visibility import CONTEXT_ATTRIBUTE, VisibilityMiddleware

logger = logging.getLogger(__name__)
ENUM_ERROR = re.compile(r"does not exist in '(?P<enum>\w+)' enum\.")
DATE_ERROR = re.compile(r"Date(Time)? cannot represent (non-string )?value: .*'$")

# --- Transport ---------------------------------------------------------------
ALLOWED_METHODS = ("GET", "HEAD", "POST")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ACCEPTED_TYPES = ("application/json", "application/graphql", *FORM_TYPES)
ACCEPTED_TYPES_TEXT = (
    "application/json (an object with query, variables and operationName), application/graphql "
    "(the query document), or form data (application/x-www-form-urlencoded or multipart/form-data)"
)
EXAMPLE = '{"query": "query($slug: String) { city(slug: $slug) { title } }", "variables": {"slug": "nagoya"}}'
VARIABLES_EXAMPLE = '{"slug": "nagoya"}'
# JSON nested deeper than this is refused before graphql-core (or Python's recursion
# limit) meets it; no argument of the schema takes more than a list.
MAX_JSON_DEPTH = 64
SURROGATE = re.compile("[\ud800-\udfff]")


def client_error(status, message, **headers):
    """An HttpError that dispatch answers with ``{"errors": [{"message": message}]}``."""
    response = HttpResponse(status=status)
    for name, value in headers.items():
        response[name] = value
    return HttpError(response, message)


def json_kind(value):
    """The JSON type of a parsed value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _refuse_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def _parse_float(text):
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return number


def _parse_int(text):
    try:
        return int(text)
    except ValueError:  # longer than sys.get_int_max_str_digits()
        raise ValueError(f"a number has {len(text)} digits, too many to read") from None


def load_json(text, what):
    """Strict JSON (no NaN or Infinity, no lone surrogates), at most MAX_JSON_DEPTH deep; ``what`` names it."""
    too_deep = f"{what} is nested more than {MAX_JSON_DEPTH} levels deep; the limit is {MAX_JSON_DEPTH}."
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_parse_float, parse_int=_parse_int)
    except RecursionError:
        raise client_error(400, too_deep) from None
    except json.JSONDecodeError as error:
        raise client_error(400, f"{what} is not valid JSON ({error}).") from None
    except ValueError as error:
        raise client_error(400, f"{what} is not valid JSON: {error}.") from None
    stack = [(value, 0)]
    while stack:  # iterative: a deep value must not exhaust the stack here either
        item, depth = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                raise client_error(400, f"{what} holds a lone UTF-16 surrogate (\\ud800-\\udfff), not a character.")
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise client_error(400, too_deep)
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return value


def decode_utf8(body):
    """The body as text; a byte order mark is dropped (RFC 8259 lets parsers ignore it)."""
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise client_error(
            400,
            f"The body is not valid UTF-8 (byte 0x{error.object[error.start]:02x} at position {error.start}): "
            "send UTF-8 text.",
        ) from None


def transport_error(request, error):
    """Django's own errors about a malformed request (read while parsing it), as client errors."""
    logging.getLogger(f"django.security.{type(error).__name__}").warning("%s: %s", request.path, error)
    if isinstance(error, RequestDataTooBig):
        return client_error(413, f"The body is too large; the limit is {body_limit()} bytes.")
    if isinstance(error, TooManyFieldsSent):
        return client_error(
            400,
            f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} parameters; "
            "the endpoint reads query, variables and operationName.",
        )
    if isinstance(error, MultiPartParserError):
        return client_error(400, f"The multipart body cannot be read ({error}).")
    if isinstance(error, UnreadablePostError):
        return client_error(400, "The body could not be read in full.")
    return client_error(400, f"Bad request: {error}")


def body_limit():
    """The largest POST body read, in bytes (Django's DATA_UPLOAD_MAX_MEMORY_SIZE too, when lower)."""
    limit = api_setting("MAX_BODY_BYTES")
    if settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None:
        limit = min(limit, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return limit


def check_query_string(request):
    """A GET's query string fits GRAPHQL_API["MAX_GET_QUERY_STRING_BYTES"] (and so gunicorn's request line)."""
    length = len(request.META.get("QUERY_STRING", ""))  # WSGI gives it as latin-1: one character a byte
    limit = api_setting("MAX_GET_QUERY_STRING_BYTES")
    if length > limit:
        raise client_error(
            400,
            f"The URL's query string is {length} bytes; a GET may send at most {limit}. "
            "Send this query by POST (as JSON) instead.",
        )


def one_param(source, name):
    """A parameter from the URL or a form (refused when given twice), or from a JSON body."""
    if isinstance(source, QueryDict):
        values = source.getlist(name)
        if len(values) > 1:
            raise client_error(400, f"{name} was given {len(values)} times; give it once.")
        return values[0] if values else None
    return source.get(name)


class GraphQLAPIView(GraphQLView):
    def __init__(self, **kwargs):
        super().__init__(graphiql=api_setting("GRAPHIQL"), **kwargs)

    def get_middleware(self, request):
        return [VisibilityMiddleware()]

    def dispatch(self, request, *args, **kwargs):
        """graphene-django's dispatch, without its CSRF cookie, with cache headers; HEAD is GET without a body."""
        try:
            if request.encoding is not None:
                # The URL's parameters are UTF-8 whatever charset the Content-Type names (Django
                # would decode them with it, and fail on one such as rot13); parse_body checks a
                # POST body's charset.
                request.GET = QueryDict(request.META.get("QUERY_STRING", ""), encoding="utf-8")
            if request.method not in ALLOWED_METHODS:
                raise HttpError(
                    HttpResponseNotAllowed(ALLOWED_METHODS),
                    f"{request.method} is not supported: send queries by GET (or HEAD) or POST.",
                )
            if request.method in ("GET", "HEAD"):
                check_query_string(request)
            data = self.parse_body(request)
            if self.graphiql and request.method == "GET" and self.can_display_graphiql(request, data):
                return super().dispatch(request, *args, **kwargs)
            result, status_code = self.get_response(request, data)
            response = HttpResponse(status=status_code, content=result, content_type="application/json")
        except (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError) as error:
            response = self._error_response(transport_error(request, error))
        except HttpError as error:
            response = self._error_response(error)
        response = self._cache_headers(request, response)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    def _error_response(self, error):
        # Not json_encode: it reads request.GET ("pretty"), which may be what failed.
        response = error.response
        if response.status_code == 503:  # cms/outage.py's answer, complete already
            return response
        response["Content-Type"] = "application/json"
        response.content = json.dumps({"errors": [self.format_error(error)]}, separators=(",", ":"))
        return response

    def parse_body(self, request):
        """The parameters a POST's body holds, by its content type; GET and HEAD read only the URL."""
        if request.method != "POST":
            return {}
        content_type = request.content_type
        if content_type and content_type not in ACCEPTED_TYPES:
            raise client_error(415, f"Content-Type {content_type} is not accepted: send {ACCEPTED_TYPES_TEXT}.")
        charset = request.content_params.get("charset")
        if charset is not None and charset.strip().lower() not in ("utf-8", "utf8"):
            raise client_error(415, f"The body must be UTF-8, not {charset[:40]!r}: send charset=utf-8, or no charset.")
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not re.fullmatch(r"[0-9]+", length):
            raise client_error(400, f"Content-Length must be a number of bytes, not {length[:40]!r}.")
        if int(length) > body_limit():
            raise client_error(413, f"The body is {int(length)} bytes long; the limit is {body_limit()}.")
        if not content_type:
            if request.body:
                raise client_error(415, f"A body needs a Content-Type: send {ACCEPTED_TYPES_TEXT}.")
            return {}  # the parameters may be in the URL
        text = decode_utf8(request.body)
        if content_type in FORM_TYPES:
            return request.POST
        if content_type == "application/graphql":
            return {"query": text}
        if not text.strip():
            raise client_error(400, f"The body is empty: send a JSON object such as {EXAMPLE}.")
        data = load_json(text, "The body")
        if isinstance(data, list):
            raise client_error(
                400,
                "Batched requests (a JSON array) are not supported: send one JSON object per request, "
                f"such as {EXAMPLE}.",
            )
        if not isinstance(data, dict):
            raise client_error(400, f"The body must be a JSON object such as {EXAMPLE}; got {json_kind(data)}.")
        return data

    def get_graphql_params(self, request, data):
        """query, variables and operationName, from the URL or else from the body, each of its type."""

        def param(name):
            for source in (request.GET, data):
                value = one_param(source, name)
                if value is not None and value != "":
                    return value
            return None

        query = param("query")
        if query is not None and not isinstance(query, str):
            raise client_error(400, f"query must be a string holding a GraphQL document; got {json_kind(query)}.")
        variables = param("variables")
        if isinstance(variables, str):  # the URL's, a form's, or a JSON body's variables written as a string
            variables = load_json(variables, "variables")
        if variables is not None and not isinstance(variables, dict):
            raise client_error(
                400,
                f"variables must be a JSON object such as {VARIABLES_EXAMPLE}, or null; got {json_kind(variables)}.",
            )
        operation_name = param("operationName")
        if operation_name == "null":  # as graphene-django reads it from a URL
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise client_error(
                400,
                "operationName must be a string naming one of the query's operations, or null; "
                f"got {json_kind(operation_name)}.",
            )
        return query, variables, operation_name, None

    def _cache_headers(self, request, response):
        visibility = getattr(request, CONTEXT_ATTRIBUTE, None)
        used_preview = visibility is not None and visibility.used_preview
        succeeded = response.status_code == 200 and b'"errors"' not in response.content
        if request.method in ("GET", "HEAD") and succeeded and not used_preview:
            patch_cache_control(response, public=True, max_age=api_setting("CACHE_MAX_AGE"))
            patch_vary_headers(response, ("Origin",))
            tag = response_cache.etag(response.content)
            response["ETag"] = tag
            return get_conditional_response(request, etag=tag, response=response) or response
        patch_cache_control(response, private=True, no_store=True)
        return response

    def get_response(self, request, data, show_graphiql=False):
        """The JSON answer and its status: from the response cache when it holds one still current."""
        try:
            query, variables, operation_name, _ = self.get_graphql_params(request, data)
            query, remember = persisted.resolve(query, self._extensions(request, data))
        except persisted.PersistedQueryError as error:
            body = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
            return json.dumps(body, separators=(",", ":")), error.status
        key = self._response_key(request, query, variables, operation_name, show_graphiql, remember)
        if key is None:
            return self._run(request, data, query, variables, operation_name, show_graphiql)[:2]
        cached = response_cache.lookup(key)
        if cached is not None:
            return cached, 200
        with response_cache.recording() as record:
            result, status_code, failed = self._run(request, data, query, variables, operation_name, show_graphiql)
        visibility = getattr(request, CONTEXT_ATTRIBUTE, None)
        if status_code == 200 and not failed and not (visibility is not None and visibility.used_preview):
            response_cache.store(key, record, result)
        return result, status_code

    def _extensions(self, request, data):
        for source in (request.GET, data):
            value = one_param(source, "extensions")
            if value is not None and value != "":
                return load_json(value, "extensions") if isinstance(value, str) else value
        return None

    def _response_key(self, request, query, variables, operation_name, show_graphiql, remember):
        """The response cache's key: the normalised document, variables and operation; None when not cached."""
        if not query:
            return None
        try:
            document, printed = parse_and_print(query)
        except GraphQLError:
            return None  # answered with the error by execute_graphql_request
        request._graphql_document = (query, document)
        if remember:
            persisted.remember(remember, query)
        if not response_cache.enabled():
            return None
        pretty = bool(show_graphiql or request.GET.get("pretty"))
        variables_text = json.dumps(variables, sort_keys=True, separators=(",", ":"))
        return response_cache.key("graphql", printed, variables_text, operation_name, pretty)

    def _run(self, request, data, query, variables, operation_name, show_graphiql):
        """graphene-django's get_response after its parameters: execute, then encode the result."""
        result = self.execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)
        body, status_code = {}, 200
        if result.errors:
            body["errors"] = [self.format_error(error) for error in result.errors]
        if result.errors and any(not getattr(error, "path", None) for error in result.errors):
            status_code = 400
        else:
            body["data"] = result.data
        return self.json_encode(request, body, pretty=show_graphiql), status_code, bool(result.errors)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            raise client_error(
                400,
                "Must provide a query: the GraphQL document as the query parameter (in the URL for GET, "
                f"in the body for POST, such as {EXAMPLE}).",
            )
        schema = self.schema.graphql_schema
        parsed = getattr(request, "_graphql_document", None)
        if parsed is not None and parsed[0] == query:
            document = parsed[1]
        else:
            try:
                document = parse_query(query)
            except GraphQLError as error:
                return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if request.method in ("GET", "HEAD") and operation is not None and operation.operation != OperationType.QUERY:
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
                )
            )
        hide_suggestions = not api_setting("FIELD_SUGGESTIONS")
        errors = validate(schema, document, validation_rules(variables), hide_suggestions=hide_suggestions)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        with batching.scope(request):  # the batches live for this execution only
            result = execute(
                schema,
                document,
                context_value=request,
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                hide_suggestions=hide_suggestions,
            )
        down = next((error for error in result.errors or () if outage.is_outage(error)), None)
        if down is not None:
            logger.error("GraphQL: the database is unavailable", exc_info=down.original_error)
            raise HttpError(outage.api_response(), outage.api_message())
        return result

    def format_error(self, error):
        original = getattr(error, "original_error", None)
        if isinstance(error, GraphQLError) and original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL resolver error", exc_info=original)
            if not settings.DEBUG:  # no internals (SQL, paths, class names) in public errors
                error = GraphQLError("Internal error.", error.nodes, error.source, error.positions, error.path)
        formatted = super().format_error(error)
        if DATE_ERROR.search(formatted.get("message", "")):
            formatted["message"] += ". Dates are written YYYY-MM-DD, e.g. 2024-05-01."
        match = ENUM_ERROR.search(formatted.get("message", ""))
        if match:
            enum = self.schema.graphql_schema.get_type(match["enum"])
            if isinstance(enum, GraphQLEnumType):
                formatted["message"] += f" Accepted: {', '.join(enum.values)}."
        return formatted


graphql_view = csrf_exempt(GraphQLAPIView.as_view())
