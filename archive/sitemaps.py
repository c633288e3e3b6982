"""sitemap.xml: an index of parts, each at most PART_SIZE addresses, covering the home and
people index, every visible issue, published article and person.

One file for everything was 1.37 MB at 3,148 articles and would pass the protocol's 50,000
addresses at about 16 years of a daily; the index lists /sitemap-articles.xml?p=1, ?p=2, ….
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from archive.models import Article, Issue, Person

# Small enough that a part renders in well under a second at a million articles.
PART_SIZE = 5000


class PartSitemap(Sitemap):
    limit = PART_SIZE

    def get_latest_lastmod(self):
        # Django's default reads every item's lastmod to build the index; none is needed.
        return None


class StaticSitemap(PartSitemap):
    changefreq = "daily"

    def items(self):
        return ["archive:home", "archive:people"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(PartSitemap):
    changefreq = "never"

    def items(self):
        return Issue.objects.visible().order_by("newspaper__slug", "date")

    def lastmod(self, item):
        return item.date


class ArticleSitemap(PartSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().with_place().order_by("pk")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated"))["latest"]


class PersonSitemap(PartSitemap):
    changefreq = "weekly"

    def items(self):
        return Person.objects.in_print().distinct().order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
}
