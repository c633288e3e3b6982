"""python manage.py export [--jsonl] [--paper SLUG] [--date-from D] [--date-to D]."""

import json

from django.core.management.base import BaseCommand, CommandError

from archive.exports import export_issues
from archive.management.commands._options import iso_date
from archive.models import Newspaper


class Command(BaseCommand):
    help = "Write stored issues as interchange JSON (a list, or one issue per line with --jsonl)."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", action="store_true", help="one issue per line")
        parser.add_argument("--paper", help="only this paper (short name, e.g. jzrb)")
        parser.add_argument("--date-from", type=iso_date, help="first date, YYYY-MM-DD")
        parser.add_argument("--date-to", type=iso_date, help="last date, YYYY-MM-DD")
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def handle(self, *args, **options):
        if options["paper"] and not Newspaper.objects.filter(slug=options["paper"]).exists():
            raise CommandError(f"no paper with short name {options['paper']!r}")
        issues = export_issues(
            paper=options["paper"], date_from=options["date_from"], date_to=options["date_to"]
        )
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else None
        write = out.write if out else (lambda text: self.stdout.write(text, ending=""))
        try:
            if options["jsonl"]:
                for doc in issues:
                    write(json.dumps(doc, ensure_ascii=False) + "\n")
            else:
                write("[")
                for n, doc in enumerate(issues):
                    write(("," if n else "") + "\n" + json.dumps(doc, ensure_ascii=False, indent=2))
                write("\n]\n")
        finally:
            if out:
                out.close()
