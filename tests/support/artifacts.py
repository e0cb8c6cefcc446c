"""Figures the tests leave in test-artifacts/ for people to read (never asserted on)."""

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def record(stem, key, value):
    """
    Store `value` under `key` in test-artifacts/<stem>-<database>.json.

    One file per database, because `make test` runs the SQLite and PostgreSQL passes at the same
    time; written to a temporary file and renamed into place, so a reader never sees half a file.
    """
    path = ARTIFACTS / f"{stem}-{connection.vendor}.json"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        existing = json.loads(path.read_text())
    except (OSError, ValueError):
        existing = {}
    existing[key] = value
    with tempfile.NamedTemporaryFile("w", dir=ARTIFACTS, suffix=".tmp", delete=False, encoding="utf-8") as out:
        json.dump(existing, out, indent=2, ensure_ascii=False)
        out.write("\n")
    os.replace(out.name, path)
    return path
