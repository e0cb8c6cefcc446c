"""
Limits on what one request may ask for, checked before any database work.

- Size: the query document's length in characters (``MAX_QUERY_LENGTH``).
- Tokens: the parser stops after ``MAX_TOKENS`` lexical tokens.
- Depth: fields nested at most ``MAX_DEPTH`` deep, fragments included.
- Aliases: at most ``MAX_ALIASES`` aliased fields, so that one request cannot
  ask for the same expensive field many times over.
- Cost: every field counts 1, multiplied by the sizes of the lists around it
  (``perPage`` when given, the default page size otherwise, and
  ``ASSUMED_LIST_SIZE`` for lists without a size argument), at most ``MAX_COST``.
- Selections: at most ``MAX_SELECTIONS`` fields and fragment spreads written in the
  document. graphql-core's OverlappingFieldsCanBeMergedRule compares same-named
  fields pairwise, in time quadratic in their number; this keeps it in milliseconds.

Size, tokens and selections are checked while parsing (``parse_query``); the others
are validation rules that run with graphql-core's standard ones (``validation_rules``),
never instead of them. Introspection (``__schema``, ``__type``) is bounded by the
size of the schema and is left out of depth and cost.

Every check takes time linear in the document: fragments are measured once, however
often they are spread (``bench/validation.py`` times the worst documents).
"""

import functools
from typing import NamedTuple

from graphql import GraphQLError, parse, print_ast, specified_rules
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    Lexer,
    OperationDefinitionNode,
    Source,
    TokenKind,
)
from graphql.language.ast import IntValueNode, VariableNode
from graphql.type import GraphQLList, GraphQLNonNull, get_named_type
from graphql.validation import ValidationRule

from .conf import api_setting, page_size

INTROSPECTION_FIELDS = {"__schema", "__type"}
# Arguments whose value is the number of items a list field returns.
SIZE_ARGUMENTS = ("perPage",)


def count_tokens(query):
    """The lexical tokens of a document, counted as the parser's ``max_tokens`` counts them."""
    lexer, count = Lexer(Source(query)), 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def parse_query(query):
    """Parse a query document within the size, token and selection limits."""
    return parse_and_print(query)[0]


def parse_and_print(query):
    """(document, its printed form): the document parsed within the limits, and the canonical text
    that keys the response cache.

    Kept per process for the documents seen most recently (partner sites send the same few again
    and again, and a cached answer should not cost a parse), keyed by the text and the limits in
    force; a refused document is not kept, so it is refused again each time.
    """
    return _parse_and_print(
        query, api_setting("MAX_QUERY_LENGTH"), api_setting("MAX_TOKENS"), api_setting("MAX_SELECTIONS")
    )


def forget_documents():
    """Empty this process's memo of parsed documents (bench/validation.py times a first sight)."""
    _parse_and_print.cache_clear()


@functools.lru_cache(maxsize=128)  # at most MAX_TOKENS tokens each: a few MB in all
def _parse_and_print(query, max_length, max_tokens, max_selections):
    if len(query) > max_length:
        raise GraphQLError(f"The query is {len(query)} characters long; the limit is {max_length}.")
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        if "tokens" in error.message:
            raise GraphQLError(f"The query has more than {max_tokens} tokens; the limit is {max_tokens}.") from error
        raise
    selections = _selections(document)
    if selections > max_selections:
        raise GraphQLError(
            f"The query has {selections} fields and fragment spreads; the limit is {max_selections}. "
            "Ask for fewer fields, each once."
        )
    return document, print_ast(document)


def _selections(document):
    """Fields and fragment spreads written in a document, each counted once (no recursion)."""
    count, pending = 0, [getattr(definition, "selection_set", None) for definition in document.definitions]
    while pending:
        selection_set = pending.pop()
        for selection in selection_set.selections if selection_set else ():
            count += not isinstance(selection, InlineFragmentNode)
            pending.append(getattr(selection, "selection_set", None))
    return count


# Counts and costs at or above this are not worked out further: the arithmetic stays
# cheap on fan-outs of 2**24 and more, and the message says "more than".
BEYOND = 10**12


def _capped(number):
    return min(number, BEYOND)


def _amount(number, about=""):
    return f"more than {BEYOND}" if number >= BEYOND else f"{about}{number}"


def _is_list(graphql_type):
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


class _Measure(NamedTuple):
    """What a selection set asks for: its depth, its cost and its aliases.

    Its cost inside a paginated field is ``cost + per_item * page size``: the ``items``
    it selects without a size of their own count the page size of the field around
    them. That is how a fragment is measured once, whatever the page size it is used in.
    """

    depth: int = 0
    cost: int = 0
    per_item: int = 0
    aliases: int = 0

    def __add__(self, other):
        return _Measure(
            max(self.depth, other.depth),
            _capped(self.cost + other.cost),
            _capped(self.per_item + other.per_item),
            _capped(self.aliases + other.aliases),
        )

    def cost_in(self, page_size_here):
        if page_size_here is None:
            return self.cost
        return _capped(self.cost + self.per_item * max(page_size_here, 1))


class _Walker:
    """Depth, cost and aliases of an operation, following fragments, without touching the data.

    Each fragment is measured once per type it applies to (and per whether a page size
    surrounds it), then reused wherever it is spread: the walk is linear in the document,
    however many times fragments spread each other. A spread that closes a cycle, or of
    an unknown fragment, adds nothing: the standard rules report both.
    """

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
        # Aliased fields of the last operation, counted each time a fragment is spread.
        self.aliases = 0
        self.measured = {}  # (fragment name, type, inside a page size) -> _Measure
        self.measuring = set()  # fragments being measured: a spread of one closes a cycle

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
        """(depth, cost) of an operation; its aliases are left in ``self.aliases``."""
        self.defaults = _int_defaults(node)
        root = {
            "query": self.schema.query_type,
            "mutation": self.schema.mutation_type,
            "subscription": self.schema.subscription_type,
        }[node.operation.value]
        measure = self.selection_set(node.selection_set, root, False)
        self.aliases = measure.aliases
        return measure.depth, measure.cost

    def selection_set(self, selection_set, parent_type, paginated):
        """The _Measure of a selection set inside ``parent_type``."""
        total = _Measure()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent_type, paginated)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.selection_set(selection.selection_set, target or parent_type, paginated)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, parent_type, paginated)
        return total

    def fragment(self, name, parent_type, paginated):
        fragment = self.fragments.get(name)
        if fragment is None or name in self.measuring:  # unknown or cyclic: standard rules report it
            return _Measure()
        target = self.schema.get_type(fragment.type_condition.name.value) or parent_type
        key = (name, target, paginated)
        if key not in self.measured:
            self.measuring.add(name)
            try:
                self.measured[key] = self.selection_set(fragment.selection_set, target, paginated)
            finally:
                self.measuring.discard(name)
        return self.measured[key]

    def field(self, node, parent_type, paginated):
        name = node.name.value
        alias = int(node.alias is not None)
        if name in INTROSPECTION_FIELDS or name.startswith("__"):
            return _Measure(aliases=alias)
        fields = getattr(parent_type, "fields", None) or {}
        definition = fields.get(name)
        if definition is None:  # unknown field: FieldsOnCorrectTypeRule reports it
            return _Measure(1, 1, 0, alias)
        per_page = self.argument(node, "perPage")
        if per_page is None and "perPage" in definition.args:
            per_page = page_size()
        children = self.selection_set(node.selection_set, get_named_type(definition.type), per_page is not None)
        depth, aliases = 1 + children.depth, _capped(alias + children.aliases)
        children_cost = children.cost_in(per_page)
        size = 1
        if _is_list(definition.type):
            size = next(
                (value for value in (self.argument(node, arg) for arg in SIZE_ARGUMENTS) if value is not None), None
            )
            if size is None:
                if name == "items" and paginated:  # as many as the page size around it
                    return _Measure(depth, 1, children_cost, aliases)
                if any(arg in definition.args for arg in SIZE_ARGUMENTS):
                    size = page_size()
                else:
                    size = api_setting("ASSUMED_LIST_SIZE")
            size = max(size, 1)
        return _Measure(depth, _capped(1 + size * children_cost), 0, aliases)


def _int_defaults(operation):
    """The operation's variables with an integer default, by name."""
    return {
        definition.variable.name.value: int(definition.default_value.value)
        for definition in operation.variable_definitions or ()
        if isinstance(definition.default_value, IntValueNode)
    }


def validation_rules(variables=None):
    """graphql-core's standard rules, followed by the depth, alias and cost limits for this request."""
    measure_cache = {}
    walkers = {}

    def measure(context, node):
        """(depth, cost, aliases) of an operation, measured once for the three rules.

        Operations with the same integer variable defaults share one walker, so that the
        fragments they spread are measured once for all of them.
        """
        key = id(node)
        if key not in measure_cache:
            defaults = tuple(sorted(_int_defaults(node).items()))
            walker = walkers.get(defaults) or walkers.setdefault(defaults, _Walker(context, variables))
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
                        f"The query could return {_amount(cost, 'about ')} values; the limit is {limit}. Ask for fewer "
                        "fields, or for smaller lists (perPage).",
                        node,
                    )
                )

    class AliasLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
            _, _, aliases = measure(self.context, node)
            limit = api_setting("MAX_ALIASES")
            if aliases > limit:
                self.report_error(
                    GraphQLError(f"The query uses {_amount(aliases)} aliases; the limit is {limit}.", node)
                )

    return (*specified_rules, DepthLimitRule, AliasLimitRule, CostLimitRule)
