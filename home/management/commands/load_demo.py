"""Build the demo site: partner cities, stories, resources, pictures and documents."""

import contextlib
import logging
import time

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo.accounts import make_demo_accounts
from home.demo.builder import DemoBuilder, DemoConflict, demo_is_loaded, remove_demo

# Loggers that report every page saved and every background task run: hundreds of lines that would
# bury the progress bars. Shown with --verbosity 2 or more.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextlib.contextmanager
def quiet(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, old in zip(loggers, levels, strict=True):
            logger.setLevel(old)


class _ProgressOut:
    """Lets tqdm write to the command's stderr without the newline OutputWrapper adds to each write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

    def flush(self):
        self.wrapper.flush()


class Command(BaseCommand):
    help = (
        "Build the demo site from the project's own fixture, with fixed seeds and no network. "
        "Does nothing if the demo is already loaded; --reset deletes it and builds it again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Delete the home page and every page under it, the demo's snippets, pictures and documents, "
                "then build the demo again."
            ),
        )

    def handle(self, *args, reset=False, verbosity=1, **options):
        try:
            loaded = demo_is_loaded()
        except DemoConflict as error:
            if not reset:
                raise CommandError(str(error)) from error
            loaded = True
        if loaded and not reset:
            self.stdout.write("The demo site is already loaded: nothing changed. Use --reset to build it again.")
            return

        out = _ProgressOut(self.stderr)

        def progress(items, description):
            return tqdm(items, desc=description, file=out, disable=verbosity < 1, unit="", leave=True)

        started = time.monotonic()
        if loaded and verbosity >= 1:
            self.stdout.write("Deleting the demo site before building it again...")
        with quiet(CHATTY_LOGGERS if verbosity < 2 else ()):
            # Also clears what an interrupted earlier run may have left (its snippets, its pictures).
            with transaction.atomic():
                remove_demo()
            stats = DemoBuilder(progress=progress).build()
            # One account per role (program officer, committee member) and a story waiting for review.
            with transaction.atomic():
                accounts = make_demo_accounts()
        self.stdout.write(self.style.SUCCESS(f"Built the demo site in {time.monotonic() - started:.1f}s: {stats}."))
        for line in accounts:
            self.stdout.write(line)
