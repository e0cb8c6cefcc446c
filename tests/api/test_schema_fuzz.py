"""
Generated queries over the whole schema: every argument of every field, with odd values.

hypothesis-graphql writes valid queries from the schema itself (any root field,
any nested field, any argument), with argument values drawn from what a client
might send: the site's real ids, slugs and host names, and odd text (quotes,
search operators, emoji, NUL characters, long strings, only punctuation, path
tricks), ids that are not numbers, extreme integers and impossible dates. Each
query goes to the real endpoint over a small site holding drafts, private pages
and a private collection, so the resolvers' filtering paths run too. Each
nullable argument is kept in 3 queries out of 10 (one wrong value would stop a
query before its nested fields), and the cost limit is raised so that deeply
nested queries reach the resolvers.

A query may be refused, with a GraphQL error that says why. It must never make a
resolver raise anything else (the endpoint logs "GraphQL resolver error" and
answers "Internal error."), and never answer 5xx. The counts (queries, answers
by kind, errors by kind) are printed under ``pytest -s`` and written to
test-artifacts/schema-fuzz-<database>.json.
"""

import datetime
import json
import logging
import re
import string
from collections import Counter

import graphql
import wagtail_factories
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import connection
from django.test import TestCase, override_settings

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from cms.graphql.conf import DEFAULTS
from cms.graphql.schema import schema
from cms.graphql.sync import SIGNING_SALT, make_token
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import HomePageFeaturedCity
from tests.support import artifacts

from .builders import make_site, stream
from .conftest import post

EXAMPLES = 200
RESOLVER_ERROR = "GraphQL resolver error"

# Values a client means: the fixture's slugs, names, paths, host names and filters.
KNOWN_STRINGS = [
    "nagoya",
    "draft-city",
    "password-city",
    "festival",
    "draft-story",
    "music",
    "secret-tag",
    "public-tag",
    "cultural",
    "travel",
    "visa-guide",
    "about",
    "members",
    "JP",
    "jp",
    "cities.CityPage",
    "cities.StoryPage,home.StandardPage",
    "title",
    "-first_published_at,title",
    "localhost",
    "localhost:80",
    "example.org:8000",
    "/cities/nagoya/",
    "/es/",
    "/about/",
    "/",
    "and",
    "or",
    "webp",
    "640x360",
    "400x400",
    "Nagoya",
    "festival music",
]
# Values a client might send by mistake, or to see what breaks.
ODD_STRINGS = [
    "",
    " ",
    '"',
    '"unbalanced',
    "'",
    "*",
    "a*",
    "AND (",
    "OR",
    "NOT",
    "NEAR(a b)",
    "a:b",
    "^",
    "-",
    "--title",
    ",",
    ",,,",
    "title,title,-title",
    "\x00",
    "a\x00b",
    "😀",
    "🏳️‍🌈 cities",
    "..",
    "../..",
    "/../../etc/passwd",
    "//",
    "%",
    "%s",
    "\\",
    "_",
    "\t\n",
    "a:b:c",
    ":80",
    "localhost:",
    "localhost:99999999",
    "<script>alert(1)</script>",
    "1x",
    "-1",
    "0",
    "1.5",
    "١٢",
    "preview-1",
    "9" * 30,
    "é" * 300,
    "word " * 300,
    "title," * 200,
    "/a" * 600,
    string.punctuation,
]
INTS = [-(2**31), -1, 0, 1, 2, 3, 10, 100, 101, 1959, 2023, 2**31 - 1]
# Every nullable argument is kept in 3 queries out of 10: hypothesis-graphql gives each field all
# its arguments, and one wrong value among a dozen would stop most queries before their nested fields.
KEEP_ARGUMENT = st.integers(0, 9).map(lambda n: n >= 7)
# The cost limit (tests/api/test_limits.py) would refuse most generated queries, which nest lists
# in lists: here it is raised so that they reach the resolvers. The data is small.
FUZZ_LIMITS = {**DEFAULTS, **django_settings.GRAPHQL_API, "MAX_COST": 10**9}


def _strings():
    return st.one_of(
        st.sampled_from(KNOWN_STRINGS),
        st.sampled_from(ODD_STRINGS),
        st.text(max_size=20),
        st.text(alphabet=string.punctuation + " ", max_size=12),
    )


def sync_tokens():
    """`sync` tokens this site signed: real ones (a full sync's start and its walk, the newest change) and
    ones holding numbers no token of ours holds (out of a key's range, of the wrong type)."""
    signer = signing.Signer(salt=SIGNING_SALT)
    return [
        make_token(0),
        make_token(0, walk=(0, 0)),
        make_token(0, walk=(1, 0), locale="es"),
        make_token(2**63 - 1),
        make_token(0, locale="zz"),
        signer.sign_object({"v": 1, "after": 10**30}, compress=True),
        signer.sign_object({"v": 1, "after": 0, "walk": [0, -(2**70)]}, compress=True),
        signer.sign_object({"v": 1, "after": True, "locale": 5}, compress=True),
    ]


def scalar_strategies(ids):
    """Value nodes for every scalar an argument can take; IDs mostly the fixture's real ones."""
    return {
        "String": st.one_of(_strings(), st.sampled_from(sync_tokens())).map(nodes.String),
        "ID": st.one_of(st.sampled_from(ids), st.integers(-2, 10**6), _strings()).map(nodes.String),
        "Int": st.one_of(st.integers(1, 12), st.sampled_from(INTS), st.integers(-3, 120)).map(nodes.Int),
        "Date": st.one_of(
            st.dates().map(datetime.date.isoformat),
            st.sampled_from(["2024-02-30", "0001-01-01", "9999-12-31", "2024-5-1", "", "today", "2024-05-01T00:00"]),
        ).map(nodes.String),
    }


def drop_some_arguments(document, keep):
    """
    The document without some of its nullable arguments (``keep()`` says which
    stay), printed; and the number of arguments it still has.
    """
    type_info = graphql.TypeInfo(schema.graphql_schema)
    kept = []

    class Dropper(graphql.Visitor):
        def enter_argument(self, node, *args):
            argument = type_info.get_argument()
            if argument is not None and not graphql.is_non_null_type(argument.type) and not keep():
                return graphql.REMOVE
            kept.append(node)
            return None

    query = graphql.print_ast(graphql.visit(document, graphql.TypeInfoVisitor(type_info, Dropper())))
    return query, len(kept)


def root_field_names(query):
    """The root fields a generated query selects (hypothesis-graphql writes no fragments at the root)."""
    document = graphql.parse(query)
    return {
        selection.name.value
        for definition in document.definitions
        for selection in definition.selection_set.selections
        if isinstance(selection, graphql.FieldNode)
    }


def error_kind(error):
    """A short name for an error: where it comes from and its message without the values."""
    message = error.get("message", "")
    message = re.sub(r"'[^']*'(\.\.\. \([\d,]+ characters\))?|\"[^\"]*\"", "…", message)
    message = re.sub(r"\d[\d,]*", "N", message)
    stage = "resolver" if error.get("path") else "validation"
    return f"{stage}: {message[:70]}"


def build_site():
    """A small site like the demo: public content next to drafts, private pages and a private collection."""
    home, city_index, story_index, resource_index = make_site()
    Site.objects.create(hostname="example.org", port=8000, root_page=home, site_name="Second")
    root_collection = Collection.get_first_root_node()
    public_collection = root_collection.add_child(name="Public photos")
    private = root_collection.add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    private_child = private.add_child(name="Private child")
    public_image = CustomImageFactory(title="Harbour", collection=public_collection)
    public_image.tags.add("photo")
    private_image = CustomImageFactory(title="Private image", collection=private_child)
    private_image.tags.add("secret-photo")
    public_document = wagtail_factories.DocumentFactory(title="Visa form")
    private_document = wagtail_factories.DocumentFactory(title="Private document", collection=private_child)

    committee = CommitteeFactory(name="Nagoya committee")
    draft_committee = CommitteeFactory(name="Draft committee", live=False)
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    ExchangeTypeFactory(name="Business", slug="business")
    travel = ResourceCategoryFactory(name="Travel", slug="travel")

    nagoya = CityPageFactory(
        parent=city_index, title="Nagoya", slug="nagoya", committee=committee, hero_image=public_image
    )
    draft_city = CityPageFactory(
        parent=city_index, title="Draft city", slug="draft-city", live=False, committee=draft_committee
    )
    password_city = CityPageFactory(parent=city_index, title="Password city", slug="password-city")
    PageViewRestriction.objects.create(
        page=password_city, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    CityPageFactory(parent=city_index, title="Berlin", slug="berlin", country="DE", region="europe")

    story = StoryPageFactory(
        parent=story_index,
        title="Festival",
        slug="festival",
        cities=[nagoya, draft_city],
        exchange_types=[cultural],
        hero_image=private_image,
    )
    story.tags.add("music", "public-tag")
    story.save()
    draft_story = StoryPageFactory(parent=story_index, title="Draft story", slug="draft-story", live=False)
    draft_story.tags.add("secret-tag")
    draft_story.save()
    login_story = StoryPageFactory(parent=story_index, title="Members story", slug="members-story")
    login_story.tags.add("members-tag")
    login_story.save()
    PageViewRestriction.objects.create(page=login_story, restriction_type=PageViewRestriction.LOGIN)

    visa = ResourcePageFactory(
        parent=resource_index,
        title="Visa guide",
        slug="visa-guide",
        category=travel,
        link_url="",
        document=public_document,
    )
    visa.cities.set([nagoya, password_city])
    visa.save()
    ResourcePageFactory(
        parent=resource_index, title="Draft resource", live=False, link_url="", document=private_document
    )

    about = StandardPageFactory(parent=home, title="About", slug="about")
    members = StandardPageFactory(parent=home, title="Members", slug="members")
    restriction = PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Members")])
    StandardPageFactory(parent=members, title="Members child", slug="members-child")

    nagoya.body = stream(
        ("heading", {"heading_text": "Our partner", "size": "h2"}),
        ("page_link", {"page": draft_city.pk, "link_text": "to a draft"}),
        ("page_link", {"page": story.pk, "link_text": "to the story"}),
        ("document_link", {"document": private_document.pk, "link_text": "private"}),
        ("document_link", {"document": public_document.pk, "link_text": "public"}),
        ("image", {"image": private_image.pk, "caption": "private"}),
        ("image", {"image": public_image.pk, "caption": "public"}),
        ("quote", {"text": "Friends across the sea.", "attribution": "A mayor"}),
        ("paragraph", f'<p><a linktype="page" id="{draft_city.pk}">a draft</a> and <b>bold</b>.</p>'),
    )
    nagoya.save_revision().publish()
    about.body = stream(("paragraph", f'<p><a linktype="page" id="{nagoya.pk}">Nagoya</a></p>'))
    about.save_revision().publish()
    HomePageFeaturedCity.objects.create(page=home, city=nagoya, sort_order=0)
    HomePageFeaturedCity.objects.create(page=home, city=draft_city, sort_order=1)

    spanish = Locale.objects.get(language_code="es")
    nagoya_es = nagoya.copy_for_translation(spanish, copy_parents=True)
    nagoya_es.save_revision().publish()
    draft_city.copy_for_translation(spanish, copy_parents=True)
    Redirect.objects.create(old_path="/old-nagoya", redirect_page=nagoya)
    Redirect.objects.create(old_path="/old-draft", redirect_page=draft_city)
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://example.org/")

    ids = [
        *Page.objects.values_list("pk", flat=True),
        *Tag.objects.values_list("pk", flat=True),
        *Collection.objects.values_list("pk", flat=True),
        public_image.pk,
        private_image.pk,
        public_document.pk,
        private_document.pk,
        *Site.objects.values_list("pk", flat=True),
    ]
    return sorted({str(pk) for pk in ids})


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@override_settings(GRAPHQL_API=FUZZ_LIMITS)
class SchemaFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ids = build_site()

    def test_generated_queries_never_break_a_resolver(self):
        counts = Counter()
        root_fields = Counter()
        errors_by_kind = Counter()
        failures = {}  # the exception -> the queries that raised it
        handler = _Records()
        logger = logging.getLogger("cms.graphql.views")
        strategy = queries(
            schema.graphql_schema, custom_scalars=scalar_strategies(self.ids), print_ast=lambda document: document
        )

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        )
        @given(document=strategy, data=st.data())
        def run(document, data):
            query, arguments = drop_some_arguments(document, lambda: data.draw(KEEP_ARGUMENT, label="keep argument"))
            counts["arguments"] += arguments
            handler.records.clear()
            status, body = post(self.client, query)
            counts["queries"] += 1
            root_fields.update(root_field_names(query))
            counts[f"status {status}"] += 1
            if not body.get("errors"):
                counts["answered without errors"] += 1
            for error in body.get("errors") or ():
                errors_by_kind[error_kind(error)] += 1
            broken = [record for record in handler.records if record.getMessage() == RESOLVER_ERROR]
            internal = [error for error in body.get("errors") or () if error.get("message") == "Internal error."]
            if broken or internal or status >= 500:
                # Collected rather than raised: shrinking queries this large takes minutes.
                cause = broken[0].exc_info[1] if broken and broken[0].exc_info else internal or f"status {status}"
                failures.setdefault(repr(cause)[:300], []).append(query)

        logger.addHandler(handler)
        request_logger = logging.getLogger("django.request")  # "Bad Request" for every refused query
        request_level = request_logger.level
        request_logger.setLevel(logging.ERROR)
        try:
            run()
        finally:
            logger.removeHandler(handler)
            request_logger.setLevel(request_level)
            counts["failures"] = sum(map(len, failures.values()))
            self.write_counts(counts, errors_by_kind, root_fields)
        self.assertGreaterEqual(counts["queries"], EXAMPLES)
        # Every door was tried: each root field of the schema is in some generated query.
        self.assertEqual(set(schema.graphql_schema.query_type.fields) - set(root_fields), set())
        if failures:
            self.fail(
                f"{counts['failures']} queries made a resolver fail:\n\n"
                + "\n\n".join(
                    f"{cause}\nfrom (the shortest):\n{min(found, key=len)}" for cause, found in failures.items()
                )
            )

    def write_counts(self, counts, errors_by_kind, root_fields):
        report = {
            "examples asked for": EXAMPLES,
            "queries generated": counts["queries"],
            "arguments sent": counts["arguments"],
            "answered without errors": counts["answered without errors"],
            "status codes": {
                key.split()[1]: value for key, value in sorted(counts.items()) if key.startswith("status")
            },
            "5xx": sum(value for key, value in counts.items() if key.startswith("status 5")),
            "resolver exceptions": counts["failures"],
            "errors by kind": dict(errors_by_kind.most_common()),
            "queries by root field": dict(sorted(root_fields.items())),
        }
        print(f"\nschema fuzz ({connection.vendor}):", json.dumps(report, indent=2, ensure_ascii=False))
        artifacts.record("schema-fuzz", "report", report)
