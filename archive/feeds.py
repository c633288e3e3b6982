"""The Atom feed of new issues: one entry per issue, its front-page headlines as the summary."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from archive.models import Issue, Page

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
        # Papers date an issue, not an hour: the morning of publication in local time.
        return timezone.make_aware(datetime.datetime.combine(item.date, PUBLISHED_AT))

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = kwargs["item"]
        context["front_page"] = issue.front_pages[0] if issue.front_pages else None
        return context
