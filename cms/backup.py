"""
Backing up and restoring the site: its database and its media, with a manifest.

A backup is a folder:

    manifest.json    what is in it: file hashes, row counts and a hash of the content
    database.dump    PostgreSQL: pg_dump's custom format (pg_restore reads it)
    database.sqlite3 SQLite: a consistent copy made with SQLite's backup API
    media.tar        every file in the media storage (local folder or S3 bucket)

The content hash covers every row of every model except derived or passing
data (sessions, the task queue, the search index), serialised in primary-key
order: the same content gives the same hash on another machine, so a restore
can prove that nothing was lost. `manage.py backup` and `manage.py restore`
(in home/management/commands) are the thin command-line wrappers.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tqdm import tqdm

import django
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction

import wagtail

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
FORMAT_VERSION = 1
# Passing or derived data, rebuilt by the site itself: left out of the content hash and counts.
EXCLUDED_MODELS = {
    "sessions.session",
    "django_tasks_database.dbtaskresult",  # django_tasks_db's label
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtail_headless_preview.pagepreview",
    "admin.logentry",
}
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _progress(iterable, **kwargs):
    # Bars on a terminal, silence in logs and CI (tqdm decides when disable is None).
    return tqdm(iterable, disable=None, leave=False, **kwargs)


# --- Content summary -------------------------------------------------------------


def content_models():
    models = [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in EXCLUDED_MODELS
    ]
    return sorted(models, key=lambda model: model._meta.label_lower)


def content_summary():
    """Row counts of the main kinds of content, and one hash over every content row."""
    digest, counts = hashlib.sha256(), {}
    for model in _progress(content_models(), desc="Hashing content", unit="model"):
        label = model._meta.label_lower
        rows = model._base_manager.order_by("pk")
        digest.update(label.encode())
        count = 0
        for batch in _batches(rows):
            digest.update(serializers.serialize("json", batch, sort_keys=True).encode())
            count += len(batch)
        counts[label] = count
    return {"counts": counts, "sha256": digest.hexdigest()}


def _batches(queryset, size=500):
    batch = []
    for row in queryset.iterator(chunk_size=size):
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Database --------------------------------------------------------------------


def postgres_binary(name):
    """pg_dump or pg_restore: on PATH, else the newest /usr/lib/postgresql/*/bin (Debian's layout)."""
    found = shutil.which(name)
    if found:
        return found
    for directory in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (directory / name).exists():
            return str(directory / name)
    raise BackupError(
        f"{name} not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client)."
    )


def _libpq_env(settings_dict):
    """Connection settings as libpq environment variables, so no password shows in the process list."""
    env = {**os.environ}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")


def export_snapshot():
    """In the current transaction, pin a PostgreSQL snapshot that pg_dump can share."""
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def dump_database(folder, snapshot=None):
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        command = [postgres_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", target]
        if snapshot:
            command.append(f"--snapshot={snapshot}")
        _run([str(part) for part in command], _libpq_env(connection.settings_dict))
    elif connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        # Copied through a read-only connection of its own: the caller's transaction holds the
        # write lock (transaction_mode IMMEDIATE), so the file cannot change while it is read, and
        # SQLite's backup API would wait for ever on a connection that is writing.
        source = sqlite3.connect(f"{Path(connection.settings_dict['NAME']).resolve().as_uri()}?mode=ro", uri=True)
        try:
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
    else:
        raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
    return target


def database_is_empty():
    return not connection.introspection.table_names()


def restore_database(folder, manifest, force=False):
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"This backup is of a {vendor} database; the settings point at {connection.vendor}.")
    if not database_is_empty() and not force:
        raise BackupError("The database is not empty. Restore into an empty database, or pass --force to replace it.")
    source = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        command = [postgres_binary("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        command += ["--single-transaction", "--dbname", connection.settings_dict["NAME"], str(source)]
        connection.close()
        _run(command, _libpq_env(connection.settings_dict))
        # pg_restore writes rows but no planner statistics: until autovacuum gets to the tables, the
        # planner would plan the large lists (stories by date, per-city stories) as if they were empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        backup.close()
    connection.close()


# --- Media -----------------------------------------------------------------------


def media_files(storage, folder=""):
    """Every file name in the storage, walking its folders (works for local folders and S3 alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(folders):
        yield from media_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)


def archive_media(folder):
    storage = storages["default"]
    target = folder / MEDIA_ARCHIVE
    hashes = {}
    with tarfile.open(target, "w") as archive:
        for name in _progress(list(media_files(storage)), desc="Archiving media", unit="file"):
            with storage.open(name, "rb") as handle:
                data = handle.read()
            hashes[name] = hashlib.sha256(data).hexdigest()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return target, hashes


def restore_media(folder, manifest, force=False):
    storage = storages["default"]
    expected = manifest["media"]["files"]
    with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
        members = [member for member in archive.getmembers() if member.isfile()]
        for member in _progress(members, desc="Restoring media", unit="file"):
            name = member.name
            if name not in expected or PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
                raise BackupError(f"Unexpected file in the media archive: {name!r}")
            data = archive.extractfile(member).read()
            if hashlib.sha256(data).hexdigest() != expected[name]:
                raise BackupError(f"{name} in the media archive does not match the manifest.")
            if storage.exists(name):
                if not force:
                    raise BackupError(f"{name} already exists in the media storage; pass --force to replace it.")
                storage.delete(name)
            saved = storage.save(name, ContentFile(data))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}: the storage renamed it.")
    return len(members)


# --- Backup and restore ------------------------------------------------------------


def applied_migrations():
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def backup(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / MANIFEST).exists():
        raise BackupError(f"{folder} already holds a backup; choose a new folder.")
    # The dump and the content summary read the same snapshot, so the manifest
    # describes exactly what the dump holds even while editors keep working.
    with transaction.atomic():
        snapshot = export_snapshot() if connection.vendor == "postgresql" else None
        database_file = dump_database(folder, snapshot)
        content = content_summary()
    media_file, media_hashes = archive_media(folder)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {"django": django.get_version(), "wagtail": wagtail.__version__},
        "migrations": applied_migrations(),
        "database": {
            "vendor": connection.vendor,
            "file": database_file.name,
            "sha256": sha256_file(database_file),
            "bytes": database_file.stat().st_size,
        },
        "media": {
            "file": media_file.name,
            "sha256": sha256_file(media_file),
            "bytes": media_file.stat().st_size,
            "files": media_hashes,
        },
        "content": content,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"No {MANIFEST} in {folder}: not a backup folder.") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.exists() or sha256_file(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path.name} is missing or does not match the manifest's hash.")
    return manifest


def restore(folder, force=False):
    """Restore the database and media, then check the content against the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    restore_database(folder, manifest, force=force)
    media_count = restore_media(folder, manifest, force=force)
    summary = content_summary()
    if summary != manifest["content"]:
        lost = {
            label: (count, summary["counts"].get(label))
            for label, count in manifest["content"]["counts"].items()
            if summary["counts"].get(label) != count
        }
        raise BackupError(f"The restored content differs from the backup. Counts that differ (backup, now): {lost}")
    return manifest, media_count
