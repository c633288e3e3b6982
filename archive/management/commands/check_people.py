"""python manage.py check_people [--repair]: every person-month the person pages count by
that differs from the mentions (person_months.py)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from archive import person_months
from archive.models import Person


class Command(BaseCommand):
    help = (
        "Count every person's published articles by month again from the mentions and list "
        "the months whose stored counts differ; with --repair, store the new counts. "
        "Exits 1 if differences remain."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="store the counts found")

    def handle(self, *args, **options):
        started = time.monotonic()
        found = person_months.differences(progress=self._progress(started))
        names = dict(Person.objects.filter(pk__in={p for p, *_ in found}).values_list("pk", "name"))
        for person, month, stored, counted in found[:20]:
            self.stdout.write(
                f"{names.get(person, person)} {month:%Y-%m}: 存 {(stored or {}).get('articles', 0)} "
                f"篇，实有 {(counted or {}).get('articles', 0)} 篇"
            )
        if not found:
            self.stdout.write("人物月度报道与提及一致 (person months match the mentions)")
            return
        self.stdout.write(f"{len(found)} 个人物月份不一致 (differences: {len(found)})")
        if not options["repair"]:
            raise CommandError("用 --repair 重新计数 (run with --repair to fix)", returncode=1)
        person_months.refresh({(person, month) for person, month, *_ in found})
        self.stdout.write(f"已重新计数 {len(found)} 个人物月份 (repaired)")

    def _progress(self, started):
        """A bar with counts and time left on a terminal; a line every 10 % when logged."""
        terminal = sys.stderr.isatty()

        def show(done, total):
            spent = time.monotonic() - started
            left = spent / done * (total - done)
            if terminal:
                bar = "#" * (30 * done // total)
                end = "\n" if done == total else ""
                sys.stderr.write(f"\r[{bar:<30}] {done}/{total} 月，约剩 {left:.0f} 秒{end}")
            elif done == total or done % max(1, total // 10) == 0:
                sys.stderr.write(f"checked {done}/{total} months, about {left:.0f} s left\n")

        return show
