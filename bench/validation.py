"""
Parse and validation time of the worst query documents the API's limits let through.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python bench/validation.py

Each family of hostile documents (fragment fan-out, wide aliases, deep nesting, ...) is
built as large as the checks made while parsing let through (GRAPHQL_API's
MAX_QUERY_LENGTH, MAX_TOKENS and MAX_SELECTIONS, and the parser's nesting limit): the
worst that reaches validation. Each is then parsed and validated exactly as the endpoint
does (``parse_query``, then graphql-core's ``validate`` with ``validation_rules``), a
bounded number of times. No database is used. Times are the process's CPU time, which
other work on a shared machine disturbs less than the wall clock, with the garbage
collector paused (as timeit does). It prints a Markdown table (docs/graphql.md keeps the
figures): the document's size, the median and slowest time, and whether the API refused
it (with the first error) or accepted it. ``--rules`` also times each validation rule on its own for
every document, to find which rule a slow document is slow in.
"""

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from graphql import GraphQLError, validate  # noqa: E402

from cms.graphql.conf import api_setting  # noqa: E402
from cms.graphql.limits import count_tokens, forget_documents, parse_query, validation_rules  # noqa: E402
from cms.graphql.schema import schema  # noqa: E402

GOAL_MS = 50
LIMITS = ("MAX_QUERY_LENGTH", "MAX_TOKENS", "MAX_SELECTIONS", "MAX_DEPTH", "MAX_ALIASES", "MAX_COST")
RULE_REPORTED_MS = 5  # with --rules, the rules that take at least this long on their own


def out(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def reaches_validation(query):
    """Whether the document passes the checks made while parsing (size, tokens, nesting, selections)."""
    try:
        parse_query(query)
    except GraphQLError:
        return False
    return True


def largest(build):
    """build(n) for the largest n whose document reaches validation (the families grow with n)."""
    low, high = 1, 2
    while reaches_validation(build(high)):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if reaches_validation(build(middle)) else (low, middle)
    return build(low)


# Each builder returns a document for a size n; the families grow with n.


def fan_out(levels, leaf="__typename", on="Query", root="{ ...F0 }"):
    """fragment F0 spreads F1 twice, F1 spreads F2 twice, ...: 2**levels copies of ``leaf``."""
    parts = [root]
    parts += [f"fragment F{i} on {on} {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on {on} {{ {leaf} }}")
    return " ".join(parts)


def fan_out_fields(levels):
    """The same fan-out through same-named fields: what OverlappingFieldsCanBeMerged compares."""
    parts = ["{ page { ...F0 } }"]
    parts += [
        f"fragment F{i} on PageInterface {{ parent {{ ...F{i + 1} }} parent {{ ...F{i + 1} }} }}" for i in range(levels)
    ]
    parts.append(f"fragment F{levels} on PageInterface {{ id }}")
    return " ".join(parts)


def fan_out_wide(width):
    """Three levels of fragments, each spreading the next ``width`` times."""
    spreads = lambda name: " ".join(f"...{name}" for _ in range(width))  # noqa: E731
    return (
        f"{{ ...A }} fragment A on Query {{ {spreads('B')} }} fragment B on Query {{ {spreads('C')} }} "
        f"fragment C on Query {{ {spreads('D')} }} fragment D on Query {{ a: __typename }}"
    )


def wide_aliases(n):
    return "{ " + " ".join(f"a{i}: __typename" for i in range(n)) + " }"


def repeated_fields(n):
    return "{ page { " + " ".join(["id"] * n) + " } }"


def repeated_subselections(n):
    return "{ page { " + " ".join(["parent { id }"] * n) + " } }"


def conflicting_fields(n):
    return "{ page { " + " ".join(f"a: {'id' if i % 2 else 'title'}" for i in range(n)) + " } }"


def repeated_fragments(n):
    """Many fragments with the same fields, all spread in one selection: compared pairwise."""
    spreads = " ".join(f"...F{i}" for i in range(n))
    fragments = " ".join(f"fragment F{i} on PageInterface {{ parent {{ id }} }}" for i in range(n))
    return f"{{ page {{ {spreads} }} }} {fragments}"


def deep_nesting(n):
    return "{ page { " + "parent { " * n + "id" + " }" * (n + 1) + " }"


def deep_lists(n):
    return "{ pages(limit: 100) { " + "children(limit: 100) { " * n + "id" + " }" * (n + 1) + " }"


def deep_fragments(n):
    """A chain of fragments, each nesting the next one field deeper."""
    parts = ["{ page { ...F0 } }"]
    parts += [f"fragment F{i} on PageInterface {{ parent {{ ...F{i + 1} }} }}" for i in range(n)]
    parts.append(f"fragment F{n} on PageInterface {{ id }}")
    return " ".join(parts)


def deep_inline_fragments(n):
    return "{ " + "... on Query { " * n + "__typename" + " }" * (n + 1)


def many_directives(n):
    return "{ __typename " + " ".join(["@skip(if: false)"] * n) + " }"


def many_variables(n):
    definitions = ", ".join(f"$v{i}: Int" for i in range(n))
    return f"query({definitions}) {{ __typename }}"


def used_variables(n):
    definitions = ", ".join(f"$v{i}: Int" for i in range(n))
    fields = " ".join(f"a{i}: pages(limit: $v{i}) {{ id }}" for i in range(n))
    return f"query({definitions}) {{ {fields} }}"


def many_fragments(n):
    spreads = " ".join(f"...F{i}" for i in range(n))
    return f"{{ {spreads} }} " + " ".join(f"fragment F{i} on Query {{ __typename }}" for i in range(n))


def fragment_mesh(n):
    """Every fragment spreads every later one: many spreads, no cycle."""
    parts = ["{ ...F0 }"]
    for i in range(n):
        later = " ".join(f"...F{j}" for j in range(i + 1, n)) or "__typename"
        parts.append(f"fragment F{i} on Query {{ {later} }}")
    return " ".join(parts)


def many_operations(n):
    """Many operations sharing one fan-out of fragments."""
    operations = " ".join(f"query Q{i} {{ ...F0 }}" for i in range(n))
    return fan_out(16, root=operations)


def many_operations_with_defaults(n):
    """As above, each operation with its own variable default (measured on its own)."""
    operations = " ".join(f"query Q{i}($n: Int = {i}) {{ pages(limit: $n) {{ ...F0 }} }}" for i in range(n))
    return fan_out(12, leaf="id", on="PageInterface", root=operations)


FAMILIES = [
    ("fragment fan-out, issue 8 (24 levels)", lambda: fan_out(24)),
    ("fragment fan-out, most levels", lambda: largest(fan_out)),
    ("fragment fan-out of aliases", lambda: largest(lambda n: fan_out(n, leaf="a: __typename b: __typename"))),
    (
        "fragment fan-out of list fields",
        lambda: largest(lambda n: fan_out(n, "children { id }", "PageInterface", "{ pages { ...F0 } }")),
    ),
    ("fragment fan-out, wide", lambda: largest(fan_out_wide)),
    ("fragment fan-out of same-named fields", lambda: largest(fan_out_fields)),
    ("wide aliases", lambda: largest(wide_aliases)),
    ("repeated fields", lambda: largest(repeated_fields)),
    ("repeated sub-selections", lambda: largest(repeated_subselections)),
    ("conflicting fields", lambda: largest(conflicting_fields)),
    ("fragments with the same fields", lambda: largest(repeated_fragments)),
    ("deep nesting", lambda: largest(deep_nesting)),
    ("deeply nested lists", lambda: largest(deep_lists)),
    ("deep fragment chain", lambda: largest(deep_fragments)),
    ("deep inline fragments", lambda: largest(deep_inline_fragments)),
    ("many directives", lambda: largest(many_directives)),
    ("long variable list, unused", lambda: largest(many_variables)),
    ("long variable list, used", lambda: largest(used_variables)),
    ("many fragments", lambda: largest(many_fragments)),
    ("fragment mesh", lambda: largest(fragment_mesh)),
    ("many operations, shared fragments", lambda: largest(many_operations)),
    ("many operations, own defaults", lambda: largest(many_operations_with_defaults)),
]


def check(query, rules=None):
    """Parse and validate as the endpoint does the first time it sees the document; return the
    first error, or None when accepted."""
    forget_documents()
    try:
        document = parse_query(query)
    except GraphQLError as error:
        return error.message
    errors = validate(schema.graphql_schema, document, rules or validation_rules(), hide_suggestions=True)
    return errors[0].message if errors else None


def timed(function, runs):
    """The result, and the median and longest CPU time in ms (steadier than the wall clock on a shared machine)."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()  # as timeit does: a collection of the whole process's objects is not the document's doing
        try:
            started = time.process_time()
            result = function()
            times.append((time.process_time() - started) * 1000)
        finally:
            gc.enable()
    return result, statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per document (default 15)")
    parser.add_argument("--rules", action="store_true", help="also time each validation rule on its own")
    parser.add_argument("--only", help="only the families whose name contains this text")
    args = parser.parse_args()

    schema.graphql_schema  # noqa: B018 - build the schema before timing
    check("{ __typename }")
    families = [(name, build) for name, build in FAMILIES if not args.only or args.only in name]
    limits = ", ".join(f"{name} {api_setting(name)}" for name in LIMITS)
    out(f"\nCPU time of parse and validation, {args.runs} runs per document; goal: under {GOAL_MS} ms each")
    out(f"Limits: {limits}\n")
    out("| document | characters | tokens | median ms | max ms | result |")
    out("| --- | ---: | ---: | ---: | ---: | --- |")
    slowest = (0, None)
    for name, build in families:
        query = build()
        message, median, longest = timed(lambda query=query: check(query), args.runs)
        result = "accepted" if message is None else f"refused: {message.splitlines()[0][:70]}"
        out(f"| {name} | {len(query)} | {count_tokens(query)} | {median:.1f} | {longest:.1f} | {result} |")
        slowest = max(slowest, (longest, name))
        if args.rules:
            document = parse_query(query)
            for rule in validation_rules():
                _, rule_median, _ = timed(
                    lambda document=document, rule=rule: validate(schema.graphql_schema, document, [rule]), 3
                )
                if rule_median >= RULE_REPORTED_MS:
                    out(f"| - {rule.__name__} alone | | | {rule_median:.1f} | | |")
    out(f"\nSlowest: {slowest[1]}, {slowest[0]:.1f} ms ({'within' if slowest[0] < GOAL_MS else 'over'} the goal).")


if __name__ == "__main__":
    main()
