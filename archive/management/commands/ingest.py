"""python manage.py ingest PATH... [--paper] [--date] [--page] [--format] [--draft]."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from archive import faults
from archive.inputs import FORMATS, MAX_JSON_BYTES, InputError, expand_paths, read_documents
from archive.loading import IndexWriteError, LoadError, LoadResult, load_issue, sync_index
from archive.management.commands._options import iso_date, page_number
from archive.models import Person


class Command(BaseCommand):
    help = (
        "Store page text, page PDFs, interchange JSON or the PFR corpus (files or folders). "
        "A page ingested again replaces the stored one; any failure leaves the archive as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder of them")
        parser.add_argument("--paper", help="paper short name (jzrb) or full name (焦作日报)")
        parser.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
        parser.add_argument("--page", type=page_number, help="page number")
        parser.add_argument("--format", choices=FORMATS, default="auto", dest="fmt")
        parser.add_argument(
            "--draft", action="store_true", help="keep for review in the admin, do not publish"
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=MAX_JSON_BYTES // (1024 * 1024),
            help="refuse a JSON or PFR file larger than this, unpacked (default %(default)s)",
        )

    def handle(self, *args, **options):
        known_names = list(Person.objects.values_list("name", flat=True))
        batches = []
        # Parse everything first: a bad file stops the run before anything is written.
        try:
            paths = expand_paths(options["paths"])
        except InputError as exc:
            raise CommandError(str(exc)) from None
        for path in paths:
            try:
                batches.append(
                    read_documents(
                        path,
                        fmt=options["fmt"],
                        paper=options["paper"],
                        date=options["date"],
                        page=options["page"],
                        known_names=known_names,
                        max_bytes=options["max_mb"] * 1024 * 1024,
                    )
                )
            except InputError as exc:
                raise CommandError(str(exc)) from None
        total = LoadResult()
        try:
            with transaction.atomic():
                for batch in batches:
                    for doc in batch.documents:
                        date = doc["issue"]["date"]
                        texts = {n: t for (d, n), t in batch.source_texts.items() if d == date}
                        prints = {n: p for (d, n), p in batch.page_prints.items() if d == date}
                        total.add(
                            load_issue(
                                doc,
                                publish=not options["draft"],
                                source_texts=texts,
                                index=False,
                                page_prints=prints,
                            )
                        )
        except LoadError as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(_refused(exc)) from None
        except OSError as exc:
            if faults.storage_problem(exc) is None:
                raise
            raise CommandError(_refused(exc)) from None
        self.stdout.write(f"已入库 {total.summary()}")
        try:
            sync_index(total.article_ids, total.removed_ids)
        except IndexWriteError as exc:
            raise CommandError(str(exc)) from None
        if total.flagged:
            self.stdout.write(f"{total.flagged} 篇有待审原因，请在管理后台复核。")


def _refused(exc):
    """One line for what the database or the disk refused; the transaction stored nothing."""
    problem = faults.problem_of(exc)
    if problem:
        return faults.describe(problem, exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return f"the database refused the input ({first}); nothing was stored"
