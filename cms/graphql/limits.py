"""
Limits on what one request may ask for, checked before any database work.

- Size: the query document's length in characters (``MAX_QUERY_LENGTH``).
- Tokens: the parser stops after ``MAX_TOKENS`` lexical tokens.
- Depth: fields nested at most ``MAX_DEPTH`` deep, fragments included.
- Aliases: at most ``MAX_ALIASES`` aliased fields, so that one request cannot
  ask for the same expensive field many times over.
- Cost: every field counts 1, multiplied by the sizes of the lists around it
  (``limit`` or ``perPage`` when given, the default page size otherwise, and
  ``ASSUMED_LIST_SIZE`` for lists without a size argument), at most ``MAX_COST``.

Size and tokens are checked while parsing (``parse_query``); the others are
validation rules that run with graphql-core's standard ones (``validation_rules``),
never instead of them. Introspection (``__schema``, ``__type``) is bounded by the
size of the schema and is left out of depth and cost.
"""

from graphql import GraphQLError, parse, specified_rules
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)
from graphql.language.ast import IntValueNode, VariableNode
from graphql.type import GraphQLList, GraphQLNonNull, get_named_type
from graphql.validation import ValidationRule

from .conf import api_setting, page_size

INTROSPECTION_FIELDS = {"__schema", "__type"}
# Arguments whose value is the number of items a list field returns.
SIZE_ARGUMENTS = ("limit", "perPage")


def parse_query(query):
    """Parse a query document within the size and token limits."""
    max_length = api_setting("MAX_QUERY_LENGTH")
    if len(query) > max_length:
        raise GraphQLError(f"The query is {len(query)} characters long; the limit is {max_length}.")
    max_tokens = api_setting("MAX_TOKENS")
    try:
        return parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        if "tokens" in error.message:
            raise GraphQLError(f"The query has more than {max_tokens} tokens; the limit is {max_tokens}.") from error
        raise


def _is_list(graphql_type):
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


class _Walker:
    """Depth and cost of an operation, following fragments, without touching the data."""

    def __init__(self, context, variables):
        self.context = context
        self.schema = context.schema
        self.fragments = {
            definition.name.value: definition
            for definition in context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.variables = variables or {}
        self.defaults = {}
        # Aliased fields, counted each time a fragment is spread.
        self.aliases = 0

    def argument(self, node, name):
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                found = self.variables.get(value.name.value, self.defaults.get(value.name.value))
                return found if isinstance(found, int) else None
        return None

    def operation(self, node):
        for definition in node.variable_definitions or ():
            if isinstance(definition.default_value, IntValueNode):
                self.defaults[definition.variable.name.value] = int(definition.default_value.value)
        root = {
            "query": self.schema.query_type,
            "mutation": self.schema.mutation_type,
            "subscription": self.schema.subscription_type,
        }[node.operation.value]
        return self.selection_set(node.selection_set, root, (), None)

    def selection_set(self, selection_set, parent_type, fragments_seen, page_size_here):
        """(depth, cost) of a selection set inside ``parent_type``."""
        depth, cost = 0, 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                field_depth, field_cost = self.field(selection, parent_type, fragments_seen, page_size_here)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent_type
                field_depth, field_cost = self.selection_set(
                    selection.selection_set, target or parent_type, fragments_seen, page_size_here
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in fragments_seen:  # unknown or cyclic: standard rules report it
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value) or parent_type
                field_depth, field_cost = self.selection_set(
                    fragment.selection_set, target, (*fragments_seen, name), page_size_here
                )
            else:  # pragma: no cover - no other kind of selection exists
                continue
            depth = max(depth, field_depth)
            cost += field_cost
        return depth, cost

    def field(self, node, parent_type, fragments_seen, page_size_here):
        name = node.name.value
        if node.alias is not None:
            self.aliases += 1
        if name in INTROSPECTION_FIELDS or name.startswith("__"):
            return 0, 0
        fields = getattr(parent_type, "fields", None) or {}
        definition = fields.get(name)
        if definition is None:  # unknown field: FieldsOnCorrectTypeRule reports it
            return 1, 1
        size = 1
        if _is_list(definition.type):
            size = next(
                (value for value in (self.argument(node, arg) for arg in SIZE_ARGUMENTS) if value is not None), None
            )
            if size is None:
                if name == "items" and page_size_here is not None:
                    size = page_size_here
                elif any(arg in definition.args for arg in SIZE_ARGUMENTS):
                    size = page_size()
                else:
                    size = api_setting("ASSUMED_LIST_SIZE")
            size = max(size, 1)
        per_page = self.argument(node, "perPage")
        if per_page is None and "perPage" in definition.args:
            per_page = page_size()
        child_depth, child_cost = self.selection_set(
            node.selection_set, get_named_type(definition.type), fragments_seen, per_page
        )
        return 1 + child_depth, 1 + size * child_cost


def validation_rules(variables=None):
    """graphql-core's standard rules, followed by the depth, alias and cost limits for this request."""
    measure_cache = {}

    def measure(context, node):
        """(depth, cost, aliases) of an operation, measured once for the three rules."""
        key = id(node)
        if key not in measure_cache:
            walker = _Walker(context, variables)
            depth, cost = walker.operation(node)
            measure_cache[key] = depth, cost, walker.aliases
        return measure_cache[key]

    class DepthLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
            depth, _, _ = measure(self.context, node)
            limit = api_setting("MAX_DEPTH")
            if depth > limit:
                self.report_error(GraphQLError(f"The query is nested {depth} levels deep; the limit is {limit}.", node))

    class CostLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
            _, cost, _ = measure(self.context, node)
            limit = api_setting("MAX_COST")
            if cost > limit:
                self.report_error(
                    GraphQLError(
                        f"The query could return about {cost} values; the limit is {limit}. Ask for fewer "
                        "fields, or for smaller lists (limit, perPage).",
                        node,
                    )
                )

    class AliasLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
            _, _, aliases = measure(self.context, node)
            limit = api_setting("MAX_ALIASES")
            if aliases > limit:
                self.report_error(GraphQLError(f"The query uses {aliases} aliases; the limit is {limit}.", node))

    return (*specified_rules, DepthLimitRule, AliasLimitRule, CostLimitRule)
