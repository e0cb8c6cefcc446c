"""
Backup and restore, as an operator runs them: `manage.py migrate` and `load_demo`
on an empty database, `manage.py backup`, then `manage.py restore` into another
empty database and media folder, and nothing lost.

Each step runs as its own process with its own DATABASE_URL and MEDIA_ROOT, like
two machines would. PostgreSQL databases are created in the cluster the suite
runs on (tests/services.py on the second pass of `make test`); the SQLite case
runs on both passes.
"""

import json
import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.deploy.conftest import copy_of, requires_postgres
from tests.support.processes import manage


class Instance:
    """One installation of the site: a database URL and a media folder."""

    def __init__(self, database_url, media_root):
        self.database_url = database_url
        self.media_root = Path(media_root)
        self.media_root.mkdir(parents=True, exist_ok=True)

    def manage(self, *args, check=True):
        env = {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
        }
        result = manage(env, *args, timeout=900)
        if check:
            assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def media_files(self):
        return sorted(str(path.relative_to(self.media_root)) for path in self.media_root.rglob("*") if path.is_file())


def database_url(base_url, name):
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def postgres_databases():
    """Creates empty databases in the suite's PostgreSQL cluster, and drops them afterwards."""
    import psycopg

    base_url = os.environ["DATABASE_URL"]
    created = []

    def create(label):
        name = f"sc_{label}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return database_url(base_url, name)

    yield create
    with psycopg.connect(base_url, autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def row_count(url, table):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


def planner_row_estimate(url, table):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table]).fetchone()[0]


@pytest.fixture(scope="module")
def postgres_source(postgres_databases, tmp_path_factory):
    """A site with the demo content on a database that was empty a moment ago."""
    source = Instance(postgres_databases("source"), tmp_path_factory.mktemp("source-media"))
    source.manage("migrate", "--no-input")
    source.manage("load_demo")
    return source


@requires_postgres
def test_migrations_and_the_demo_loader_run_cleanly_on_empty_postgres(postgres_source):
    plan = postgres_source.manage("showmigrations", "--plan").stdout
    assert "[X]" in plan
    assert "[ ]" not in plan
    pages = row_count(postgres_source.database_url, "wagtailcore_page")
    assert pages > 5
    # The loader is idempotent: a second run adds nothing.
    postgres_source.manage("load_demo")
    assert row_count(postgres_source.database_url, "wagtailcore_page") == pages


def back_up_and_restore(source, target, backup_dir):
    source.manage("backup", "--output", str(backup_dir))
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    result = target.manage("restore", str(backup_dir))
    assert "match the backup" in result.stdout
    # An independent second look: back up the restored site and compare.
    again_dir = backup_dir.parent / f"{backup_dir.name}-of-restored"
    target.manage("backup", "--output", str(again_dir))
    again = json.loads((again_dir / "manifest.json").read_text())
    return manifest, again


@requires_postgres
def test_backup_restores_into_an_empty_postgres_database_with_nothing_lost(
    postgres_source, postgres_databases, tmp_path
):
    backup_dir = tmp_path / "backup"
    target = Instance(postgres_databases("restored"), tmp_path / "restored-media")
    manifest, again = back_up_and_restore(postgres_source, target, backup_dir)

    assert (backup_dir / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    counts = manifest["content"]["counts"]
    assert counts["wagtailcore.page"] > 5
    assert counts["wagtailcore.revision"] > 0
    assert counts["home.customimage"] > 0
    assert len(manifest["media"]["files"]) >= counts["home.customimage"]

    assert again["content"] == manifest["content"]  # every row of every model, hashed
    assert again["media"]["files"] == manifest["media"]["files"]  # every file, hashed
    assert target.media_files() == postgres_source.media_files()
    for table, label in [
        ("wagtailcore_page", "wagtailcore.page"),
        ("wagtailcore_revision", "wagtailcore.revision"),
        ("home_customimage", "home.customimage"),
    ]:
        assert row_count(target.database_url, table) == counts[label] == row_count(postgres_source.database_url, table)
    # The planner has statistics for the restored tables (reltuples is -1 for a never-analyzed table).
    assert planner_row_estimate(target.database_url, "wagtailcore_page") == counts["wagtailcore.page"]


@requires_postgres
def test_restore_refuses_a_database_that_is_not_empty(postgres_source, tmp_path):
    backup_dir = tmp_path / "backup"
    postgres_source.manage("backup", "--output", str(backup_dir))
    result = postgres_source.manage("restore", str(backup_dir), check=False)  # onto the live site itself
    assert result.returncode != 0
    assert "not empty" in result.stderr


# Some content for the SQLite case, made with the factories the suite uses (the full
# demo is loaded in the PostgreSQL case): pages with revisions, an image with a
# rendition, a document.
SQLITE_CONTENT = """
from wagtail.documents import get_document_model
from wagtail.models import Page
from django.core.files.base import ContentFile
from home.factories import CustomImageFactory, HomePageFactory, StandardPageFactory

home = HomePageFactory(parent=Page.get_first_root_node(), slug="backup-home")
image = CustomImageFactory()
image.get_rendition("fill-200x100")
for number in range(6):
    page = StandardPageFactory(parent=home, title=f"Page {number}", hero_image=image)
    page.save_revision().publish()
agenda = ContentFile(b"Agenda of the annual meeting.", name="agenda.txt")
get_document_model().objects.create(title="Agenda", file=agenda)
"""


@pytest.fixture(scope="module")
def sqlite_source(migrated_sqlite, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-source")
    source = Instance(f"sqlite:///{copy_of(migrated_sqlite, folder)}", folder / "media")
    source.manage("shell", "--command", SQLITE_CONTENT)
    return source


def test_backup_restores_a_sqlite_site_with_nothing_lost(sqlite_source, migrated_sqlite, tmp_path):
    target = Instance(f"sqlite:///{tmp_path / 'target.sqlite3'}", tmp_path / "target-media")
    manifest, again = back_up_and_restore(sqlite_source, target, tmp_path / "backup")
    assert manifest["database"]["vendor"] == "sqlite"
    counts = manifest["content"]["counts"]
    assert counts["wagtailcore.page"] >= 8
    assert counts["wagtailcore.revision"] >= 6
    assert counts["home.customrendition"] == 1
    assert len(manifest["media"]["files"]) == 3  # the original image, its rendition, the document
    assert again["content"] == manifest["content"]
    assert again["media"]["files"] == manifest["media"]["files"]
    assert target.media_files() == sqlite_source.media_files()


def test_restore_refuses_a_damaged_backup(sqlite_source, tmp_path):
    backup_dir = tmp_path / "backup"
    sqlite_source.manage("backup", "--output", str(backup_dir))
    damaged = tmp_path / "damaged"
    shutil.copytree(backup_dir, damaged)
    with open(damaged / "media.tar", "r+b") as archive:
        archive.seek(600)  # inside the first file's bytes, past its 512-byte header
        archive.write(b"X")

    target = Instance(f"sqlite:///{tmp_path / 'target.sqlite3'}", tmp_path / "target-media")
    result = target.manage("restore", str(damaged), check=False)
    assert result.returncode != 0
    assert "does not match the manifest" in result.stderr
    assert target.media_files() == []


def test_the_content_hash_leaves_out_only_passing_data(db):
    from django.apps import apps

    from cms.backup import EXCLUDED_MODELS, content_models

    labels = {model._meta.label_lower for model in apps.get_models()}
    sqlite_only = {"wagtailsearch.sqliteftsindexentry"}  # Wagtail defines it on SQLite only
    assert labels >= EXCLUDED_MODELS - sqlite_only, "an excluded model is gone: update cms.backup.EXCLUDED_MODELS"
    hashed = {model._meta.label_lower for model in content_models()}
    assert {"wagtailcore.page", "wagtailcore.revision", "home.customimage", "wagtaildocs.document"} <= hashed
