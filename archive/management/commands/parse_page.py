"""python manage.py parse_page FILE [--date YYYY-MM-DD] [--page N]: print, write nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from archive.inputs import InputError, dumps, page_document, pdf_document, sniff_format
from archive.management.commands._options import iso_date, page_number
from archive.models import Person


class Command(BaseCommand):
    help = (
        "Parse one page of e-paper text, or a page PDF, and print it as interchange JSON "
        "(a PDF's articles with their regions); stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="page text or PDF, e.g. jzrb-2020-01-27-p1.txt")
        parser.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
        parser.add_argument("--page", type=page_number, help="page number")
        parser.add_argument("--paper", help="paper short name or full name (default: file name)")

    def handle(self, *args, **options):
        try:
            pdf = sniff_format(options["file"]) == "pdf"
            read = pdf_document if pdf else page_document
            doc, *_rest = read(
                options["file"],
                paper=options["paper"],
                date=options["date"],
                page=options["page"],
                known_names=_known_names(),
                strict=False,
            )
        except InputError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(dumps(doc))


def _known_names():
    # Reading names helps the parser; an archive without tables yet still parses.
    try:
        return list(Person.objects.values_list("name", flat=True))
    except DatabaseError:
        return []
