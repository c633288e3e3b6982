"""The archive's URLs: stable, readable permalinks from paper down to article."""

from django.contrib import admin
from django.urls import include, path, register_converter

from archive import converters
from archive.feeds import NewIssuesFeed, SearchFeed
from archive.published_cache import kept_until_published
from archive.views import (
    api,
    browse,
    files,
    search,
    sitemap,
    staff,
    staff_issue,
    staff_people,
    staff_versions,
)

register_converter(converters.IsoDateConverter, "isodate")


archive_patterns = [
    # /
    path("", browse.home, name="home"),
    # /search/?q=王小平
    path("search/", search.search_page, name="search"),
    # /people/
    path("people/", browse.people_index, name="people"),
    # /people/王小平/
    path("people/<str:slug>/", browse.person_detail, name="person"),
    # /feeds/issues/
    path("feeds/issues/", kept_until_published(NewIssuesFeed()), name="feed-issues"),
    # /feeds/search/?q=防控
    path("feeds/search/", SearchFeed(), name="feed-search"),
    # /healthz
    path("healthz", api.healthz, name="healthz"),
    # /api/search?q=防控
    path("api/search", api.search, name="api-search"),
    # /api/issues/jzrb/2020-01-27
    path("api/issues/<slug:paper>/<isodate:date>", api.issue_detail, name="api-issue"),
    # /api/articles/17
    path("api/articles/<int:article_id>", api.article_detail, name="api-article"),
    # /jzrb/
    path("<slug:paper>/", browse.paper_detail, name="paper"),
    # /jzrb/2020/
    path("<slug:paper>/<int:year>/", browse.paper_year, name="paper-year"),
    # /jzrb/2020/01/
    path("<slug:paper>/<int:year>/<int:month>/", browse.paper_month, name="paper-month"),
    # /jzrb/2020-01-27/
    path("<slug:paper>/<isodate:date>/", browse.issue_detail, name="issue"),
    # /jzrb/2020-01-27/1/
    path("<slug:paper>/<isodate:date>/<int:page>/", browse.page_detail, name="page"),
    # /jzrb/2020-01-27/1/17/
    path(
        "<slug:paper>/<isodate:date>/<int:page>/<int:article_id>/",
        browse.article_detail,
        name="article",
    ),
]

urlpatterns = [
    # /admin/ingest/ — staff upload a page, review the parse, publish
    path("admin/ingest/", staff.ingest_page, name="admin-ingest"),
    # /admin/ingest/issue/ — staff upload every page of an issue (files or a zip) at once
    path("admin/ingest/issue/", staff_issue.ingest_issue, name="admin-ingest-issue"),
    # /admin/pages/17/versions/ — a page's history, with one-click restore
    path(
        "admin/pages/<int:page_id>/versions/",
        staff_versions.page_versions,
        name="admin-page-versions",
    ),
    # /admin/pages/17/review/ — a stored page (a draft) opened again in the review
    path("admin/pages/<int:page_id>/review/", staff_versions.page_review, name="admin-page-review"),
    # /admin/people/17/split/ — staff move some of a person's articles to a new namesake
    path(
        "admin/people/<int:person_id>/split/", staff_people.person_split, name="admin-person-split"
    ),
    path("admin/", admin.site.urls),
    path("robots.txt", browse.robots_txt, name="robots"),
    # /media/pages/0d/0d9a…-p1-w1600.webp — a printed page's picture, PDF or character boxes
    path("media/<path:name>", files.media_file, name="media"),
    # /sitemap.xml — the index of parts; /sitemap-articles.xml?p=2 — one part
    path("sitemap.xml", kept_until_published(sitemap.index), name="sitemap"),
    path("sitemap-<slug:section>.xml", kept_until_published(sitemap.part), name="sitemap-part"),
    path("", include((archive_patterns, "archive"))),
]

# A read-only or full data folder is a 503 that says so; any other failure the plain 500.
handler500 = "archive.views.errors.server_error"
