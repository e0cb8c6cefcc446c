"""
Media on S3-compatible storage, against a real S3 API (moto's server on loopback).

The storage settings come from cms/settings/base.py run with the variables an
operator sets; uploads go through the Wagtail admin's own add views.
"""

import io
import re
import urllib.error
import urllib.request

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.deploy.conftest import settings_from_env
from tests.support.site import private_collection

STORAGE_SETTINGS = [
    "STORAGES",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "AWS_RENDITIONS_ACL",
    "AWS_S3_FILE_OVERWRITE",
    "AWS_QUERYSTRING_AUTH",
    "AWS_S3_OBJECT_PARAMETERS",
    "AWS_S3_CLIENT_CONFIG",
    "WAGTAILDOCS_SERVE_METHOD",
]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker's transaction handling needs real commits: these tests commit, and
# serialized_rollback puts back the rows Wagtail's migrations created.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def s3(monkeypatch, s3_env):
    """The site configured for the bucket, as production.py would be with these variables."""
    values = settings_from_env(monkeypatch, s3_env, STORAGE_SETTINGS)
    assert values["STORAGES"]["default"]["BACKEND"] == "cms.storage.MediaStorage"
    with override_settings(**values):
        yield s3_env


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("ops-admin", "ops@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def bucket_keys(s3_env):
    listing = s3_env["client"].list_objects_v2(Bucket=s3_env["AWS_STORAGE_BUCKET_NAME"])
    return {item["Key"] for item in listing.get("Contents", [])}


def png_bytes(size=(800, 400), colour=(200, 80, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, filename="harbour.png"):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Harbour at dawn",
            "file": ContentFile(png_bytes(), name=filename),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "Fishing boats in a harbour at dawn",
            "credit": "Photo: Test",
            "licence": "own-work",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.latest("pk")


def upload_document(admin_client, collection, content=b"Minutes of the delegation meeting.\n"):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Delegation minutes",
            "file": ContentFile(content, name="minutes.txt"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.latest("pk")


def http_get(url):
    """An anonymous GET, as a visitor's browser would make it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a loopback test server
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


def bucket_url(s3_env, key):
    return f"{s3_env['AWS_S3_ENDPOINT_URL']}/{s3_env['AWS_STORAGE_BUCKET_NAME']}/{key}"


def test_uploads_go_to_the_bucket_and_pages_show_renditions_from_it(s3, admin_client, home_page):
    image = upload_image(admin_client)
    document = upload_document(admin_client, Collection.get_first_root_node())

    keys = bucket_keys(s3)
    assert image.file.name in keys
    assert image.file.name.startswith("original_images/")
    assert document.file.name in keys

    home_page.hero_image = image
    home_page.save_revision().publish()
    response = admin_client.get(home_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    # Every picture on the page is a rendition served by the bucket, not by this host.
    rendition_urls = set(re.findall(re.escape(s3["AWS_S3_ENDPOINT_URL"]) + r"/[^\s\"',]+", html))
    assert rendition_urls, "the page shows no image from the bucket"
    for url in rendition_urls:
        assert "/images/" in url
        status, content_type, body = http_get(url)
        assert status == 200
        assert content_type.startswith("image/")
        assert PILImage.open(io.BytesIO(body)).size[0] > 0
    renditions = image.renditions.all()
    assert renditions
    assert {rendition.file.name for rendition in renditions} <= bucket_keys(s3)

    # Only renditions are public: the original upload and the document are not readable from the bucket.
    assert http_get(bucket_url(s3, image.file.name))[0] == 403
    assert http_get(bucket_url(s3, document.file.name))[0] == 403


def test_existing_names_are_never_overwritten(s3, db):
    storage = storages["default"]
    first = storage.save("documents/report.txt", ContentFile(b"first"))
    second = storage.save("documents/report.txt", ContentFile(b"second"))
    assert first == "documents/report.txt"
    assert second != first
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"


def test_documents_are_streamed_through_wagtail_so_privacy_holds(s3, admin_client, client):
    root = Collection.get_first_root_node()
    private = private_collection("Board papers")
    public_doc = upload_document(admin_client, root, b"Public agenda.\n")
    private_doc = upload_document(admin_client, private, b"Confidential minutes.\n")

    # Served by the view from the bucket, not redirected to a bucket URL anyone could share.
    response = admin_client.get(public_doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Public agenda.\n"

    admin_client.logout()
    response = client.get(private_doc.url)
    assert response.status_code == 302
    assert s3["AWS_S3_ENDPOINT_URL"] not in response["Location"]
    assert "login" in response["Location"]


@transactional
def test_deleting_an_image_removes_its_files_through_the_task_worker(s3, admin_client, home_page):
    from django_tasks_db.models import DBTaskResult

    image = upload_image(admin_client)
    home_page.hero_image = image
    home_page.save_revision().publish()
    assert admin_client.get(home_page.url).status_code == 200
    names = {image.file.name, *(rendition.file.name for rendition in image.renditions.all())}
    assert len(names) > 1
    assert names <= bucket_keys(s3)

    with override_settings(TASKS=DATABASE_TASKS):
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
        assert response.status_code == 302
        queued = DBTaskResult.objects.filter(task_path="wagtail.tasks.delete_file_from_storage_task")
        assert queued.count() == len(names)
        # The queued task's arguments are stored in the database: no credentials in them.
        for task in queued:
            assert s3["AWS_SECRET_ACCESS_KEY"] not in str(task.args_kwargs)
            assert s3["AWS_ACCESS_KEY_ID"] not in str(task.args_kwargs)
        assert names <= bucket_keys(s3), "files went before the worker ran"

        call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)

    assert not names & bucket_keys(s3)
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_healthz_checks_the_bucket(s3, client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == {
        "ok": True,
        "backend": "s3",
        "ms": response.json()["checks"]["storage"]["ms"],
    }

    with override_settings(AWS_STORAGE_BUCKET_NAME="a-bucket-that-does-not-exist", STORAGES=settings.STORAGES.copy()):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert "a-bucket-that-does-not-exist" not in response.content.decode()
