"""
Partner sites with a normalising client (docs/graphql.md, "Using a normalising client").

- ``/api/graphql/possible-types.json`` and ``make possible-types`` give every
  interface and union of the schema with all of its object types.
- A preview's page and inline rows have ids of their own (``preview-<id>``).
- The documented queries, run through the real Apollo Client (npm's
  ``@apollo/client``, installed by ``make assets``) configured by the docs' own
  client module, against a live server over POST and over GET, return what a plain
  POST returns, from the network and from the cache, with no cache warning; and a
  preview fetched into the live content's cache leaves the live page as it was.
- Through Apollo's persisted-query link (hashes over GET), the same answers: the
  document is sent once, then only its hash.

The live-server tests commit their data (``transaction=True``), so they run on
SQLite and on PostgreSQL alike; ``serialized_rollback`` puts back the rows
Wagtail's migrations created.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType

from wagtail.models import Locale

from cities.factories import CityPageFactory
from cities.models import CityGalleryImage
from home.factories import CustomImageFactory

from .builders import make_site
from .conftest import post
from .test_docs import DOC, build_documented_site, documented_queries, documented_variables, operation_name

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "apollo" / "run.mjs"
APOLLO = ROOT / "node_modules" / "@apollo" / "client" / "package.json"
POSSIBLE_TYPES_URL = "/api/graphql/possible-types.json"
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def expected_possible_types(graphql_schema):
    """Worked out from the types themselves: each object type under its interfaces, each union's members."""
    expected = {}
    for name, graphql_type in graphql_schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(graphql_type, (GraphQLInterfaceType, GraphQLUnionType)):
            expected.setdefault(name, set())
        if isinstance(graphql_type, GraphQLObjectType):
            for interface in graphql_type.interfaces:
                expected.setdefault(interface.name, set()).add(name)
        if isinstance(graphql_type, GraphQLUnionType):
            expected[name].update(member.name for member in graphql_type.types)
    return {name: sorted(members) for name, members in expected.items()}


# --- possibleTypes -----------------------------------------------------------


def test_possible_types_cover_every_interface_union_and_implementing_type(client):
    from cms.graphql.schema import schema

    response = client.get(POSSIBLE_TYPES_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    served = response.json()
    expected = expected_possible_types(schema.graphql_schema)
    assert served == expected
    # Every interface and union, none empty, and every object type that implements an interface.
    abstract = {
        name
        for name, graphql_type in schema.graphql_schema.type_map.items()
        if isinstance(graphql_type, (GraphQLInterfaceType, GraphQLUnionType)) and not name.startswith("__")
    }
    assert set(served) == abstract
    assert all(served.values())
    implementing = {
        name
        for name, graphql_type in schema.graphql_schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and graphql_type.interfaces
    }
    assert implementing <= {member for members in served.values() for member in members}
    # The ones the docs name are among them.
    assert {"PageInterface", "SnippetInterface", "StreamFieldInterface"} <= abstract


def test_possible_types_are_cacheable_and_revalidated(client, settings):
    response = client.get(POSSIBLE_TYPES_URL)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={settings.GRAPHQL_API['CACHE_MAX_AGE']}"}
    assert response["ETag"]
    again = client.get(POSSIBLE_TYPES_URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert client.post(POSSIBLE_TYPES_URL).status_code == 405


def test_make_possible_types_writes_what_the_endpoint_serves(client, tmp_path):
    target = tmp_path / "possible-types.json"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    subprocess.run(
        [sys.executable, "-m", "cms.graphql.possible_types", str(target)],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    assert target.read_bytes() == client.get(POSSIBLE_TYPES_URL).content
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^possible-types:.*\n\t.*-m cms\.graphql\.possible_types \$\(POSSIBLE_TYPES\)", makefile, re.M)


# --- Preview ids ---------------------------------------------------------------

PREVIEW_ROWS = """query ($token: String, $id: ID) {
  page(token: $token, id: $id) {
    __typename id isPreview title
    ... on CityPage { galleryImages { __typename id caption } sources { __typename id title } }
  }
}"""


@pytest.mark.django_db
def test_a_previews_page_and_rows_never_take_the_live_ids(client):
    _, city_index, _, _ = make_site()
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    castle = CityGalleryImage.objects.create(page=city, image=CustomImageFactory(), caption="Nagoya Castle")
    city.save_revision().publish()
    city.refresh_from_db()
    # The draft edits the existing row and adds one that is not saved yet.
    city.title = "Nagoya, edited"
    castle.caption = "Nagoya Castle, edited"
    city.gallery_images = [castle, CityGalleryImage(image=CustomImageFactory(), caption="Osu Kannon")]
    token = city.create_page_preview().token

    _, live = post(client, PREVIEW_ROWS, {"id": city.pk})
    assert live["data"]["page"]["id"] == str(city.pk)
    assert live["data"]["page"]["isPreview"] is False
    assert live["data"]["page"]["galleryImages"] == [
        {"__typename": "CityGalleryImage", "id": str(castle.pk), "caption": "Nagoya Castle"}
    ]
    _, draft = post(client, PREVIEW_ROWS, {"token": token})
    assert "errors" not in draft, draft
    page = draft["data"]["page"]
    assert (page["id"], page["isPreview"], page["title"]) == (f"preview-{city.pk}", True, "Nagoya, edited")
    assert page["galleryImages"] == [
        {"__typename": "CityGalleryImage", "id": f"preview-{castle.pk}", "caption": "Nagoya Castle, edited"},
        {"__typename": "CityGalleryImage", "id": "preview-new-1", "caption": "Osu Kannon"},
    ]


# --- Apollo Client against a live server ----------------------------------------


# Different fields of one list, in one cache: without `merge` on the list types, each would
# replace the other. The English and Spanish bodies share block ids: keyed on them, the cache
# would show one language's headings in the other.
OVERLAPPING = {
    "CityTitles": ("{ cities(perPage: 100) { __typename items { __typename id title } } }", {}),
    "CityTotal": ("{ cities(perPage: 100) { __typename pagination { __typename total totalPages } } }", {}),
    "CityPagination": ("{ cities(perPage: 100) { __typename pagination { __typename page hasNextPage } } }", {}),
    **{
        f"Body{locale}": (
            """query ($locale: Language) { city(slug: "nagoya", locale: $locale) {
              __typename id body { __typename id blockType ... on HeadingBlock { headingText } } } }""",
            {"locale": locale},
        )
        for locale in ("EN", "ES")
    },
}


def documented_client_module():
    """The docs' Apollo client module (the ```js block that exports cmsClient), as written there."""
    blocks = re.findall(r"```js\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    modules = [block for block in blocks if "export function cmsClient" in block]
    assert len(modules) == 1, "docs/graphql.md shows one client module exporting cmsClient"
    return modules[0]


def http(url, method="GET", body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def plain_post(base_url, query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    status, _, content = http(f"{base_url}/api/graphql/", "POST", body, {"Content-Type": "application/json"})
    assert status == 200, content
    result = json.loads(content)
    assert "errors" not in result, result
    return result["data"]


def run_apollo(base_url, tmp_path, payload):
    node = shutil.which("node")
    assert node, "Node.js is needed (apt-get install nodejs npm)"
    assert APOLLO.exists(), "@apollo/client is not installed: run `make assets` (npm ci)"
    # The docs' module, beside a link to the project's node_modules so that its imports resolve.
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    module = tmp_path / "cms-client.mjs"
    module.write_text(documented_client_module())
    completed = subprocess.run(
        [node, "--conditions=development", str(RUNNER)],
        input=json.dumps({"clientModule": str(module), **payload}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CMS_URL": base_url, "NODE_ENV": "development"},
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@transactional
def test_the_documented_queries_through_apollo_client(live_server, tmp_path):
    site = build_documented_site()
    # A live story with an unpublished edit, opened by a preview token.
    site.story.title = "Students from Nagoya visit, edited"
    story_token = site.story.create_page_preview().token
    # Nagoya in Spanish (build_documented_site made it): its blocks keep the English blocks' ids.
    spanish = site.nagoya.get_translation(Locale.objects.get(language_code="es"))
    spanish.body[0].value["heading_text"] = "Sesenta años de amistad"
    spanish.save_revision().publish()
    overlapping = [{"name": name, "query": query, "variables": v} for name, (query, v) in OVERLAPPING.items()]
    variables = documented_variables(site.token)
    queries = [
        {"name": operation_name(query), "query": query, "variables": variables[operation_name(query)]}
        for query in documented_queries()
    ]
    by_name = {item["name"]: item for item in queries}
    plain = {item["name"]: plain_post(live_server.url, item["query"], item["variables"]) for item in queries}
    plain_overlapping = {
        item["name"]: plain_post(live_server.url, item["query"], item["variables"]) for item in overlapping
    }
    english, spanish_body = plain_overlapping["BodyEN"]["city"]["body"], plain_overlapping["BodyES"]["city"]["body"]
    assert english[0]["id"] == spanish_body[0]["id"]
    assert english[0]["headingText"] != spanish_body[0]["headingText"]

    output = run_apollo(
        live_server.url,
        tmp_path,
        {
            "queries": queries,
            "overlapping": overlapping,
            "preview": {
                "live": by_name["Story"],
                "draft": {**by_name["Preview"], "variables": {"token": story_token}},
            },
        },
    )

    assert output["warnings"] == []
    for transport in ("POST", "GET"):
        result = output["transports"][transport]
        assert result["requests"] == [f"{transport} /api/graphql/"] * len(queries), transport
        for name, data in plain.items():
            assert result["network"][name] == data, (transport, name)
            assert result["cached"][name] == data, (transport, name, "from the cache")

    assert output["overlapping"] == {"network": plain_overlapping, "cached": plain_overlapping}

    # Persisted queries: the same answers. The first client's hashes are unknown (Preview carries a
    # token: never stored, but its document is remembered like any other); each query costs a GET
    # with the hash, then one with the document too. The second client sends hashes alone.
    persisted = output["persisted"]
    for name, data in plain.items():
        if name != "Preview":
            assert persisted["first"]["network"][name] == data, name
            assert persisted["second"]["network"][name] == data, name
    hash_only = {"method": "GET", "query": False, "hash": True}
    with_document = {"method": "GET", "query": True, "hash": True}
    assert persisted["first"]["carried"] == [hash_only, with_document] * len(queries)
    assert persisted["second"]["carried"] == [hash_only] * len(queries)

    preview = output["preview"]
    pk = site.story.pk
    assert preview["live"]["story"]["title"] == "Students from Nagoya visit"
    assert (preview["draft"]["page"]["id"], preview["draft"]["page"]["title"]) == (
        f"preview-{pk}",
        "Students from Nagoya visit, edited",
    )
    assert preview["liveAfter"] == preview["live"]
    assert {f"StoryPage:{pk}", f"StoryPage:preview-{pk}"} <= set(preview["cacheKeys"])


@transactional
def test_previews_are_never_stored_over_either_transport(live_server):
    site = build_documented_site()
    query = next(query for query in documented_queries() if operation_name(query) == "Preview")
    variables = json.dumps({"token": site.token})
    url = f"{live_server.url}/api/graphql/?" + urllib.parse.urlencode({"query": query, "variables": variables})
    responses = [
        http(url, headers={"Accept": "application/json"}),
        http(
            f"{live_server.url}/api/graphql/",
            "POST",
            json.dumps({"query": query, "variables": {"token": site.token}}).encode(),
            {"Content-Type": "application/json"},
        ),
    ]
    for status, headers, content in responses:
        assert status == 200, content
        assert json.loads(content)["data"]["page"]["isPreview"] is True
        assert {part.strip() for part in headers["Cache-Control"].split(",")} == {"private", "no-store"}
