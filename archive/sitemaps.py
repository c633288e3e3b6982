"""sitemap.xml: the home and people index, every visible issue, published article and person."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Article, Issue, Person


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["archive:home", "archive:people"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    changefreq = "never"

    def items(self):
        return Issue.objects.visible().order_by("newspaper__slug", "date")

    def lastmod(self, item):
        return item.date


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().with_place().order_by("pk")

    def lastmod(self, item):
        return item.updated


class PersonSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Person.objects.in_print().distinct().order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
}
