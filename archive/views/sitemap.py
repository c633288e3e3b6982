"""/sitemap.xml, the index of parts, and /sitemap-articles.xml?p=2, one part: the sections of
archive/sitemaps.py written out as the sitemap protocol's XML."""

import datetime
from html import escape

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from archive.sitemaps import SITEMAPS

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Crawlers read a sitemap; it is not a page for their results.
ROBOTS = "noindex, noodp, noarchive"


def index(request):
    """Every part of every section that holds an address."""
    entries = []
    for name, section in SITEMAPS.items():
        section = section()
        location = request.build_absolute_uri(reverse("sitemap-part", args=[name]))
        latest = section.latest()
        lastmod = f"<lastmod>{timezone.localtime(latest).isoformat()}</lastmod>" if latest else ""
        for part in section.parts():
            loc = location if part == 1 else f"{location}?p={part}"
            entries.append(f"<sitemap><loc>{escape(loc)}</loc>{lastmod}</sitemap>")
    return _xml("sitemapindex", entries)


def part(request, section):
    """One part of one section: ?p=N, part 1 when none is given."""
    if section not in SITEMAPS:
        raise Http404(f"没有名为 {section} 的网站地图")
    number = request.GET.get("p", "1")
    if not (number.isascii() and number.isdigit() and 0 < len(number) < 10 and int(number)):
        raise Http404(f"网站地图没有第 {number} 部分")
    addresses = SITEMAPS[section]().addresses(int(number))
    if not addresses and number != "1":  # part 1 of an empty section is an empty list
        raise Http404(f"网站地图没有第 {number} 部分")
    changefreq = f"<changefreq>{SITEMAPS[section].changefreq}</changefreq>"
    site = f"{request.scheme}://{request.get_host()}"  # the paths carry any script prefix
    zone = timezone.get_current_timezone()  # once: asking for it costs more than the rest
    entries = []
    for path, lastmod in addresses:
        day = f"<lastmod>{_day(lastmod, zone).isoformat()}</lastmod>" if lastmod else ""
        loc = escape(site + path)
        entries.append(f"<url><loc>{loc}</loc>{day}{changefreq}</url>")
    response = _xml("urlset", entries)
    if addresses and all(lastmod for _, lastmod in addresses):
        newest = max(_moment(lastmod) for _, lastmod in addresses)
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


def _xml(root, entries):
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{NAMESPACE}">'
    response = HttpResponse(
        "\n".join([head, *entries, f"</{root}>\n"]), content_type="application/xml"
    )
    response["X-Robots-Tag"] = ROBOTS
    return response


def _day(lastmod, zone):
    """The date a reader would see: an article's update time in the archive's time zone."""
    if isinstance(lastmod, datetime.datetime):
        return lastmod.astimezone(zone).date()
    return lastmod


def _moment(lastmod):
    if isinstance(lastmod, datetime.datetime):
        return lastmod
    return datetime.datetime.combine(lastmod, datetime.time.min, tzinfo=datetime.UTC)
