"""
Background work: publishing queues Wagtail's work in the database, the worker does it.

Production stores tasks with django-tasks-db and runs `manage.py db_worker`;
development and tests run them at once (ImmediateBackend). These tests switch
to the database backend, publish, check that nothing was done yet, run the
worker once, and check the search index and the reference index.
"""

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend

from home.factories import CustomImageFactory, StandardPageFactory
from home.models import StandardPage

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORD = "xylophonist"  # appears nowhere else in the test data


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)


def search_titles(word):
    return {page.title for page in get_search_backend().search(word, StandardPage)}


def test_development_and_tests_run_tasks_immediately(settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_queues_work_that_the_worker_completes(home_page):
    from django_tasks_db.models import DBTaskResult

    picture = CustomImageFactory()
    with override_settings(TASKS=DATABASE_TASKS):
        page = StandardPageFactory(parent=home_page, title="Music exchange", intro=f"A {WORD} from Nagoya visits.")
        page.hero_image = picture
        page.save_revision().publish()

        queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
        assert "modelsearch.tasks.insert_or_update_object_task" in queued
        assert "wagtail.tasks.update_reference_index_task" in queued
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"READY"}
        # Not done yet: the request only queued it.
        assert search_titles(WORD) == set()
        assert not ReferenceIndex.get_references_to(picture).exists()

        run_worker()

    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}, list(DBTaskResult.objects.filter(status="FAILED").values("exception_class_path"))
    assert search_titles(WORD) == {"Music exchange"}
    referrers = {reference.object_id for reference in ReferenceIndex.get_references_to(picture)}
    assert str(page.pk) in referrers


def test_site_search_uses_the_databases_full_text_search(db):
    # Wagtail's full-text backend of the database, subclassed: on PostgreSQL to index each object in
    # its own language, on SQLite to rank a page of results in one pass (cms/search/). Each
    # backend's module can only be imported on its own database.
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend as wagtails

        expected = "MultilingualPostgresSearchBackend"
    else:
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend as wagtails

        expected = "RankedSQLiteSearchBackend"
    assert (type(backend).__name__, isinstance(backend, wagtails)) == (expected, True)
