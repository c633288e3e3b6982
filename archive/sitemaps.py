"""sitemap.xml: an index of parts, each at most PART_SIZE addresses, covering the home and
people index, every visible issue, published article and person.

A part holds the rows whose id falls in one block of PART_SIZE ids: part 1 is ids
1–2000, part 2 ids 2001–4000, …, and the index lists the blocks that hold any. So a part
is read by one range of the primary key whatever the archive's size, and an address stays in
its part when others are unpublished or deleted (a count-based part would shift every later
one). One file for everything was 1.37 MB at 3,148 articles and would pass the protocol's
50,000 addresses at about 16 years of a daily.

Written here rather than with django.contrib.sitemaps: its per-address reverse() and
template cost 1.3–1.9 s for a part of 3,148 articles; plain rows and formatted paths take a
few milliseconds. `tests/web/test_feeds.py` holds every address equal to the object's own
get_absolute_url().
"""

from urllib.parse import quote

from django.db import connections
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from archive.models import Article, Issue, Mention, Person

# What reverse() leaves unquoted in a path (django.urls.resolvers).
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"

# A part of 3,148 articles took 30 ms on SQLite and 83 ms on PostgreSQL (a loaded 2-core
# machine): 2,000 keeps one well inside 100 ms; a million articles make 500 parts.
PART_SIZE = 2000
# Stand for a block's bounds in the compiled query of Section.parts(); no id is negative.
LOW, HIGH = -(2**62) + 2026, -(2**62) + 2027
# Blocks asked about in one query.
PROBES = 64


class Section:
    """One kind of address: which parts it has, and the (path, lastmod) rows of one part."""

    changefreq = ""
    limit = PART_SIZE

    def parts(self):
        """The part numbers that hold any address, in order.

        Each block of ids is asked whether it holds a row — an indexed range check that
        stops at the first — PROBES blocks to a query, up to the last id: nine queries for
        a million articles, where reading every id to find the blocks cost 0.15 s on
        SQLite, and one query a part 0.15 s of round trips on PostgreSQL."""
        rows = self.rows().order_by()
        last = rows.order_by("-pk").values_list("pk", flat=True).first()
        if last is None:
            return []
        probe = rows.filter(pk__range=(LOW, HIGH)).values("pk")[:1]
        sql, params = probe.query.sql_with_params()
        low, high = params.index(LOW), params.index(HIGH)
        blocks = range(1, (last - 1) // self.limit + 2)
        found = []
        with connections[probe.db].cursor() as cursor:
            for start in range(0, len(blocks), PROBES):
                chunk = blocks[start : start + PROBES]
                args = []
                for block in chunk:
                    filled = list(params)
                    filled[low], filled[high] = (block - 1) * self.limit + 1, block * self.limit
                    args += filled
                cursor.execute("SELECT " + ", ".join([f"({sql})"] * len(chunk)), args)
                held = cursor.fetchone()
                found += [block for block, row in zip(chunk, held, strict=True) if row is not None]
        return found

    def addresses(self, part):
        """[(path, lastmod or None)] of part ``part``, in id order."""
        first = (part - 1) * self.limit + 1
        rows = self.rows().filter(pk__range=(first, first + self.limit - 1)).order_by("pk")
        prefix = self.prefix()  # reverse() once, not once an address
        return [self.address(prefix, row) for row in rows.values_list(*self.fields)]

    def prefix(self):
        return reverse("archive:home")

    def latest(self):
        """When anything in the section last changed, if the section knows (the index's
        lastmod)."""
        return None


class StaticSitemap(Section):
    changefreq = "daily"
    names = ["archive:home", "archive:people"]

    def parts(self):
        return [1]

    def addresses(self, part):
        return [(reverse(name), None) for name in self.names] if part == 1 else []


class IssueSitemap(Section):
    changefreq = "never"
    fields = ("newspaper__slug", "date")

    def rows(self):
        return Issue.objects.visible()

    def address(self, home, row):
        slug, date = row
        return f"{home}{slug}/{date.isoformat()}/", date


class ArticleSitemap(Section):
    changefreq = "monthly"
    fields = (
        "number",
        "page__number",
        "page__issue__date",
        "page__issue__newspaper__slug",
        "updated",
    )

    def rows(self):
        return Article.objects.published()

    def address(self, home, row):
        number, page, date, slug, updated = row  # the article's number on its page, not its id
        return f"{home}{slug}/{date.isoformat()}/{page}/{number}/", updated

    def latest(self):
        # published IN (true), not rows(): Django writes published=True as a bare WHERE
        # "published" on SQLite, which the index (published, updated) cannot seek — the
        # newest change read all million rows (0.41 s); an equality reads one.
        published = Article.objects.filter(published__in=[True])
        return published.aggregate(latest=Max("updated"))["latest"]


class PersonSitemap(Section):
    changefreq = "weekly"
    fields = ("slug",)

    def rows(self):
        # Exists stops at a person's first published mention; a join would read them all.
        published = Mention.objects.published().filter(person=OuterRef("pk"))
        return Person.objects.filter(Exists(published))

    def prefix(self):
        return reverse("archive:people")

    def address(self, people, row):
        (slug,) = row
        return f"{people}{quote(slug, safe=URL_SAFE)}/", None


SITEMAPS = {
    "pages": StaticSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
}
