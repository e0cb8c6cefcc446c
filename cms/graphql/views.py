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
  unless it used a preview token (then nothing may store it);
- no CSRF cookie is set (graphene-django's view sets one, which makes responses
  uncacheable): the API uses no cookies at all;
- errors from inside the code are reported as "Internal error" and logged,
  without their details;
- GraphiQL only when GRAPHQL_API["GRAPHIQL"] (the dev settings).
"""

import logging
import re

from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLEnumType, GraphQLError, OperationType, execute, get_operation_ast, validate

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from .conf import api_setting
from .limits import parse_query, validation_rules
from .visibility import CONTEXT_ATTRIBUTE, VisibilityMiddleware

logger = logging.getLogger(__name__)
ENUM_ERROR = re.compile(r"does not exist in '(?P<enum>\w+)' enum\.")
DATE_ERROR = re.compile(r"Date(Time)? cannot represent (non-string )?value: .*'$")


class GraphQLAPIView(GraphQLView):
    def __init__(self, **kwargs):
        super().__init__(graphiql=api_setting("GRAPHIQL"), **kwargs)

    def get_middleware(self, request):
        return [VisibilityMiddleware()]

    def dispatch(self, request, *args, **kwargs):
        """graphene-django's dispatch, without its CSRF cookie, with cache headers."""
        try:
            if request.method.lower() not in ("get", "post"):
                raise HttpError(HttpResponseNotAllowed(["GET", "POST"], "GraphQL only supports GET and POST requests."))
            data = self.parse_body(request)
            if self.graphiql and self.can_display_graphiql(request, data):
                return super().dispatch(request, *args, **kwargs)
            result, status_code = self.get_response(request, data)
            response = HttpResponse(status=status_code, content=result, content_type="application/json")
        except HttpError as error:
            response = error.response
            response["Content-Type"] = "application/json"
            response.content = self.json_encode(request, {"errors": [self.format_error(error)]})
        self._cache_headers(request, response)
        return response

    def _cache_headers(self, request, response):
        visibility = getattr(request, CONTEXT_ATTRIBUTE, None)
        used_preview = visibility is not None and visibility.used_preview
        succeeded = response.status_code == 200 and b'"errors"' not in response.content
        if request.method == "GET" and succeeded and not used_preview:
            patch_cache_control(response, public=True, max_age=api_setting("CACHE_MAX_AGE"))
            patch_vary_headers(response, ("Origin",))
        else:
            patch_cache_control(response, private=True, no_store=True)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        schema = self.schema.graphql_schema
        try:
            document = parse_query(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if request.method.lower() == "get" and operation is not None and operation.operation != OperationType.QUERY:
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
                )
            )
        hide_suggestions = not api_setting("FIELD_SUGGESTIONS")
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponseBadRequest("Variables must be a JSON object."))
        errors = validate(schema, document, validation_rules(variables), hide_suggestions=hide_suggestions)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        return execute(
            schema,
            document,
            context_value=request,
            variable_values=variables,
            operation_name=operation_name,
            middleware=self.get_middleware(request),
            hide_suggestions=hide_suggestions,
        )

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
