"""Atom feeds: new issues (one entry per issue, its front-page headlines as the summary), and
a saved search (the newest published articles matching a query, its snippet as the summary)."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive.forms import SearchForm
from archive.models import Issue, Page
from archive.views.hits import search_hits
from archive.views.search_links import SEARCH_KEYS, query_url

FEED_LENGTH = 30
PUBLISHED_AT = datetime.time(6, 0)


class NewIssuesFeed(Feed):
    feed_type = Atom1Feed
    title = "报纸档案 · 最新各期"
    subtitle = "新收录的报纸，每期一条，附头版标题。"
    # The summary is HTML; the template escapes every stored title before the feed
    # generator escapes the whole again for XML, so stored markup never turns live.
    description_template = "archive/feed_issue_description.html"

    def link(self):
        return reverse("archive:home")

    def items(self):
        front_pages = Page.objects.filter(number=1).for_reading()
        return (
            Issue.objects.visible()
            .order_by("-date")
            .prefetch_related(Prefetch("pages", queryset=front_pages, to_attr="front_pages"))[
                :FEED_LENGTH
            ]
        )

    def item_title(self, item):
        return f"{item.newspaper.name} {item.date.year}年{item.date.month}月{item.date.day}日"

    def item_pubdate(self, item):
        return morning_of(item.date)

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = kwargs["item"]
        context["front_page"] = issue.front_pages[0] if issue.front_pages else None
        return context


def morning_of(date):
    """Papers date an issue, not an hour: the morning of publication in local time."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    return timezone.make_aware(datetime.datetime.combine(date, PUBLISHED_AT))


class SearchFeed(Feed):
    """/feeds/search/?q=防控&paper=jzrb — the search as a reader would save it, newest first.

    The index holds published articles only, so the feed never shows a draft. Without a
    query there is nothing to follow: 404.
    """

    feed_type = Atom1Feed

    def get_object(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid() or not form.cleaned_data["q"]:
            raise Http404("订阅检索需要检索词")
        return form

    def title(self, form):
        return f"报纸档案 · 检索“{form.cleaned_data['q'][:50]}”"

    def subtitle(self, form):
        return "符合这一检索的最新文章，新文章先列出。"

    def link(self, form):
        kept = {key: form.data.get(key) for key in SEARCH_KEYS}
        return reverse("archive:search") + query_url(kept, sort="newest")

    def items(self, form):
        return search_hits(form, page_size=FEED_LENGTH, page=1, sort="newest", facets=False).hits

    def item_title(self, hit):
        return hit.display_title

    def item_link(self, hit):
        return hit.url

    def item_description(self, hit):
        # make_snippet escaped every stored character; only its <mark> tags are markup.
        place = f"{hit.paper_name} {hit.date} 第{hit.page}版"
        return format_html("<p>{}</p><p>{}</p>", place, mark_safe(hit.snippet))

    def item_pubdate(self, hit):
        return morning_of(hit.date)

    def item_updateddate(self, hit):
        return morning_of(hit.date)
