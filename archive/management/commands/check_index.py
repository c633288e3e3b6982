"""python manage.py check_index [--repair]: every difference between database and index."""

from django.core.management.base import BaseCommand, CommandError

from archive import search
from archive.search.consistency import compare, repair


class Command(BaseCommand):
    help = (
        "List every difference between the stored articles and the search index "
        "(missing, stray, stale); with --repair, fix them. Exits 1 if differences remain."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="re-index and remove as needed")
        parser.add_argument(
            "--optimize",
            action="store_true",
            help="then merge the index into one segment (after a large bulk ingest)",
        )

    def handle(self, *args, **options):
        report = compare()
        self.stdout.write(
            f"数据库已发布 {report.published} 篇，索引 {report.indexed} 篇 "
            f"(published={report.published} indexed={report.indexed})"
        )
        for label, ids in (
            ("missing", report.missing),
            ("stray", report.stray),
            ("stale", report.stale),
        ):
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                self.stdout.write(f"{label}: {len(ids)} ({shown})")
        if report.clean:
            self.stdout.write("索引与数据库一致 (index matches the database)")
            self._optimize(options)
            return
        if not options["repair"]:
            raise CommandError(
                "the index differs from the database; run check_index --repair to fix it"
            )
        repair(report)
        after = compare()
        if not after.clean:
            raise CommandError(
                f"repair left differences: missing={len(after.missing)} "
                f"stray={len(after.stray)} stale={len(after.stale)}"
            )
        self.stdout.write("已修复，索引与数据库一致 (repaired; index matches the database)")
        self._optimize(options)

    def _optimize(self, options):
        if options["optimize"]:
            before, after = search.optimize()
            self.stdout.write(f"索引已合并 (optimized: {before} segments -> {after})")
