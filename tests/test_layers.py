"""The apps' dependencies run one way (README: Architecture › Layers).

    cms  <  home  <  cities  <  search        (a layer imports only itself and the layers left of it)

- ``cms`` (the project: settings, the API's hardening, visibility) knows no app;
- ``home`` (the shared base: images, base pages, blocks, site settings) knows no ``cities``;
- models import no view, feed, map, timeline, suggestion form, template tag, hook, schema,
  dashboard or admin report module; in the apps inside ``cms`` too (``cms.changes.models``,
  ``cms.webhooks.models``).

Every module below ``cms/``, ``home/``, ``cities/`` and ``search/`` is read, so a new one (the change
log, webhooks, the response cache, the Redis breaker, the scheduler, committees, the dashboard)
is held to its folder's layer the day it is added.

Above every layer sit the modules that wire the whole site together and may import any app: the
URLconf (``cms.urls``, and ``cms.bench_urls``, the benchmarks' own with Wagtail's REST API) and
the demo loader (``home.demo``, ``load_demo``). Imports are read from
the source with ``ast``, imports inside functions included, so an import "hidden" in a function
to dodge a cycle counts like any other.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["cms", "home", "cities", "search"]
# Modules that mount every app: allowed to import any layer.
SITE_WIRING = ("cms.urls", "cms.bench_urls", "home.demo", "home.management.commands.load_demo")
# What a model module may not import: the modules that show models to visitors or clients.
VIEW_MODULES = {
    "views",
    "feeds",
    "map",
    "timeline",
    "suggestions",
    "seo",
    "templatetags",
    "wagtail_hooks",
    "schema",
    "urls",
    "dashboard",
    "reports",
}


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source, module, is_package=False):
    """Every module the source imports, anywhere in it (functions and classes included), as absolute names."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            yield prefix
            # "from . import feeds" / "from cities import map" imports submodules by name.
            for alias in node.names:
                yield f"{prefix}.{alias.name}"


def layer_of(module):
    if module.startswith(SITE_WIRING):
        return len(LAYERS)
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def is_model_module(module):
    """An app's models: ``cities.models.stories``, and an app inside ``cms``'s, ``cms.webhooks.models``."""
    return "models" in module.split(".")[1:3]


def violations(root=ROOT):
    """(importer, imported, rule) for each import that breaks a layer, in the tree at ``root``."""
    found = []
    for top in LAYERS:
        for path in sorted((root / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = module_name(path, root)
            own = layer_of(module)
            for imported in set(imported_modules(path.read_text(), module, path.name == "__init__.py")):
                other = layer_of(imported)
                if other is None or imported.split(".")[0] == module.split(".")[0]:
                    pass
                elif other > own:
                    found.append((module, imported, f"{LAYERS[own]} may not import {imported.split('.')[0]}"))
                is_view = imported.split(".")[0] in LAYERS and set(imported.split(".")[1:]) & VIEW_MODULES
                if is_model_module(module) and is_view:
                    found.append((module, imported, "models do not import views"))
    return sorted(set(found))


def test_the_apps_depend_on_each_other_one_way():
    assert violations() == []


@pytest.mark.parametrize(
    ("module", "source", "rule"),
    [
        ("home.models", "def f():\n    from cities.models import StoryPage\n", "home may not import cities"),
        ("home.templatetags.site_tags", "import cities.map\n", "home may not import cities"),
        ("cms.visibility", "from home import models\n", "cms may not import home"),
        (
            "cities.models.stories",
            "def f(self):\n    from cities.feeds import StoryFeed\n",
            "models do not import views",
        ),
        ("cities.models.cities", "from .. import map\n", "models do not import views"),
        ("cities.models.resources", "from cities import suggestions\n", "models do not import views"),
        ("cms.webhooks.models", "from . import views\n", "models do not import views"),
        ("cms.changes.models", "from cms.webhooks.wagtail_hooks import x\n", "models do not import views"),
        ("cities.models.cities", "from cities.dashboard import PANELS\n", "models do not import views"),
        ("home.models", "from .reports import TranslationTasksReport\n", "models do not import views"),
        ("cms.response_cache", "from home.models import HomePage\n", "cms may not import home"),
        ("cms.webhooks.sending", "from cities.models import StoryPage\n", "cms may not import cities"),
        ("home.scheduler", "from cities.models import StoryPage\n", "home may not import cities"),
    ],
)
def test_the_check_sees_imports_anywhere_in_a_module(tmp_path, module, source, rule):
    path = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True)
    path.write_text(source)
    assert rule in {found[2] for found in violations(tmp_path)}


def test_a_lower_layer_may_be_imported(tmp_path):
    path = tmp_path / "cities" / "models" / "stories.py"
    path.parent.mkdir(parents=True)
    path.write_text("from home.models import hero_image_field\nfrom cms.visibility import for_request\n")
    assert violations(tmp_path) == []
