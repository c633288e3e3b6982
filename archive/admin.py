"""The staff side: every model, with the filters and columns an archivist scans."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive import versions
from archive.admin_forms import ArticleAdminForm, MentionAdminForm
from archive.ingest import flags
from archive.models import Article, Issue, Mention, Newspaper, Page, Person, PersonAlias

admin.site.site_header = admin.site.site_title = "报纸档案管理"
admin.site.index_title = "档案管理"


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "审核状态"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("flagged", "有待审原因"), ("clean", "无待审原因"), ("draft", "未发布")]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.exclude(review=[])
        if self.value() == "clean":
            return queryset.filter(review=[])
        if self.value() == "draft":
            return queryset.filter(published=False)
        return queryset


@admin.register(Newspaper)
class NewspaperAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "place", "issue_count"]
    search_fields = ["name", "slug", "place"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_issues=Count("issues"))

    @admin.display(description="期数", ordering="_issues")
    def issue_count(self, obj):
        return obj._issues


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "name"]
    extra = 0
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["date", "newspaper", "number", "page_count"]
    list_filter = ["newspaper", ("date", admin.DateFieldListFilter)]
    date_hierarchy = "date"
    search_fields = ["newspaper__name", "date"]
    list_select_related = ["newspaper"]
    inlines = [PageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_pages=Count("pages"))

    @admin.display(description="版数", ordering="_pages")
    def page_count(self, obj):
        return obj._pages


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["order", "kind", "kicker", "title", "subtitle", "published"]
    extra = 0
    show_change_link = True


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "number", "name", "article_count", "history_link"]
    list_filter = ["issue__newspaper", "number", ("issue__date", admin.DateFieldListFilter)]
    search_fields = ["name", "issue__newspaper__name"]
    list_select_related = ["issue__newspaper"]
    raw_id_fields = ["issue"]
    inlines = [ArticleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_articles=Count("articles"))

    @admin.display(description="文章数", ordering="_articles")
    def article_count(self, obj):
        return obj._articles

    @admin.display(description="版本历史")
    def history_link(self, obj):
        return format_html(
            '<a href="{}">版本历史</a> · <a href="{}">重新审核</a>',
            reverse("admin-page-versions", args=[obj.pk]),
            reverse("admin-page-review", args=[obj.pk]),
        )


class MentionInline(admin.TabularInline):
    model = Mention
    form = MentionAdminForm
    fields = ["person", "roles", "is_reporter", "order"]
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "display_title",
        "paper",
        "date",
        "page_number",
        "order",
        "kind",
        "published",
        "review_reasons",
    ]
    list_display_links = ["display_title"]
    list_filter = [
        "page__issue__newspaper",
        ("page__issue__date", admin.DateFieldListFilter),
        "page__number",
        "kind",
        "published",
        NeedsReviewFilter,
    ]
    search_fields = ["title", "kicker", "subtitle", "paragraphs", "mentions__person__name"]
    list_select_related = ["page__issue__newspaper"]
    raw_id_fields = ["page", "continuation"]
    readonly_fields = ["created", "updated"]
    actions = ["publish", "unpublish", "clear_review"]
    inlines = [MentionInline]
    fieldsets = [
        (None, {"fields": ["page", "order", "kind", "published", "review"]}),
        ("标题", {"fields": ["kicker", "title", "subtitle"]}),
        ("来源", {"fields": ["source", "dateline", "editor_code"]}),
        ("正文", {"fields": ["paragraphs"]}),
        (
            "转版",
            {
                "fields": [
                    ("jump_to_page", "jump_to_marker"),
                    ("jump_from_page", "jump_from_marker"),
                    "continuation",
                ]
            },
        ),
        ("时间", {"fields": ["created", "updated"]}),
    ]

    @admin.display(description="标题", ordering="title")
    def display_title(self, obj):
        return obj.display_title

    @admin.display(description="报纸", ordering="page__issue__newspaper__name")
    def paper(self, obj):
        return obj.page.issue.newspaper.name

    @admin.display(description="日期", ordering="page__issue__date")
    def date(self, obj):
        return obj.page.issue.date

    @admin.display(description="版", ordering="page__number")
    def page_number(self, obj):
        return obj.page.number

    @admin.display(description="待审原因")
    def review_reasons(self, obj):
        # Reasons come from the parser, but escape them all the same.
        return format_html_join(
            "", "<span class='review-flag'>{}</span> ", ((flags.label(r),) for r in obj.review)
        )

    @admin.action(description="发布所选文章")
    def publish(self, request, queryset):
        from archive.loading import set_published

        count = set_published(queryset, True)
        self.message_user(request, f"已发布 {count} 篇文章。")

    @admin.action(description="撤回所选文章")
    def unpublish(self, request, queryset):
        from archive.loading import set_published

        count = set_published(queryset, False)
        self.message_user(request, f"已撤回 {count} 篇文章。")

    @admin.action(description="清除所选文章的待审原因")
    def clear_review(self, request, queryset):
        from archive.loading import reindex_articles

        cleared = list(queryset.exclude(review=[]))
        for article in cleared:
            # Recorded in the admin's history of each article: who cleared which reasons.
            labels = "、".join(flags.label(code) for code in article.review)
            self.log_change(request, article, f"清除待审原因：{labels}")
        Article.objects.filter(pk__in=[a.pk for a in cleared]).update(review=[])
        for page in {a.page for a in cleared}:
            versions.record(page, user=request.user, comment="清除待审原因")
        reindex_articles([a.pk for a in cleared])
        self.message_user(request, f"已清除 {len(cleared)} 篇文章的待审原因。")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from archive.loading import reindex_articles

        reindex_articles([obj.pk])

    def save_related(self, request, form, formsets, change):
        # After the mentions: the version holds the article as staff left it.
        super().save_related(request, form, formsets, change)
        versions.record(form.instance.page, user=request.user, comment=versions.EDITED)

    def delete_model(self, request, obj):
        from archive.loading import delete_articles

        delete_articles(Article.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        from archive.loading import delete_articles

        delete_articles(queryset)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    fields = ["name", "slug", "created"]
    readonly_fields = ["name", "slug", "created"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # aliases come from merges only


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "distinction", "mention_count", "split_link"]
    search_fields = ["name", "distinction", "sort_key"]
    readonly_fields = ["sort_key", "split_link"]
    actions = ["merge_people"]
    inlines = [PersonAliasInline]

    @admin.action(description="合并所选人物（并入提及最多的一位）")
    def merge_people(self, request, queryset):
        from archive.loading import reindex_articles
        from archive.people import merge_people, most_mentioned

        people = list(queryset)
        if len(people) < 2:
            self.message_user(request, "请至少选择两位人物。", level="warning")
            return
        keep = most_mentioned(people)
        others = [p for p in people if p.pk != keep.pk]
        names = "、".join(p.name for p in others)
        touched = merge_people(keep, others)
        # Recorded in the kept person's history: who merged which names into it.
        self.log_change(request, keep, f"并入：{names}（旧网址已转向本人）")
        reindex_articles(touched)
        self.message_user(request, f"已将 {names} 并入 {keep.name}，{len(touched)} 篇文章已更新。")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_mentions=Count("mentions"))

    @admin.display(description="拆分")
    def split_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin-person-split", args=[obj.pk])
        return format_html('<a href="{}">拆分为两人…</a>', url)

    @admin.display(description="提及次数", ordering="_mentions")
    def mention_count(self, obj):
        return obj._mentions


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["person", "article", "roles", "is_reporter"]
    list_filter = ["is_reporter", "article__page__issue__newspaper"]
    search_fields = ["person__name", "article__title"]
    raw_id_fields = ["article", "person"]
    list_select_related = ["person", "article__page__issue__newspaper"]
