"""The newspaper archive's data, in the newspaper's own terms.

Newspaper → Issue (one day) → Page (版) → Article; Person ←(Mention: role, reporter or not)→ Article.
"""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify


class Newspaper(models.Model):
    name = models.CharField("报名", max_length=100, unique=True)
    slug = models.SlugField("简称", max_length=40, unique=True)
    place = models.CharField("地区", max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "报纸"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:paper", args=[self.slug])


class Issue(models.Model):
    newspaper = models.ForeignKey(Newspaper, models.CASCADE, related_name="issues")
    date = models.DateField("出版日期")
    number = models.PositiveIntegerField("期号", null=True, blank=True)

    class Meta:
        ordering = ["newspaper", "-date"]
        verbose_name = verbose_name_plural = "期"
        get_latest_by = "date"
        constraints = [
            models.UniqueConstraint(fields=["newspaper", "date"], name="issue_unique_paper_date"),
        ]
        indexes = [
            # The calendar and "newest issue" queries scan dates across all papers.
            models.Index(fields=["date"], name="issue_date_idx"),
        ]

    def __str__(self):
        return f"{self.newspaper.name} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("archive:issue", args=[self.newspaper.slug, self.date.isoformat()])


class Page(models.Model):
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=50, blank=True)
    source_text = models.TextField("原始文本", blank=True)

    class Meta:
        ordering = ["issue", "number"]
        verbose_name = verbose_name_plural = "版面"
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_unique_issue_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self):
        return f"{self.issue} 第{self.number}版"

    def get_absolute_url(self):
        issue = self.issue
        return reverse(
            "archive:page", args=[issue.newspaper.slug, issue.date.isoformat(), self.number]
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_place(self):
        """Articles with their page, issue and paper, for citations and links in one query."""
        return self.select_related("page__issue__newspaper")

    def with_people(self):
        """Articles with their mentions and persons, fetched in one extra query.

        Joining the person into the mention query keeps the only IN list to the articles:
        prefetching "mentions__person" puts every person id of an issue in one IN list,
        which SQLite refuses once a big issue names a thousand people.
        """
        mentions = Mention.objects.select_related("person").order_by("order")
        return self.prefetch_related(models.Prefetch("mentions", queryset=mentions))


class Article(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "消息"
        NOTICE = "notice", "启事"
        BRIEF = "brief", "简讯"
        PHOTO = "photo", "图片新闻"
        OTHER = "other", "其他"

    page = models.ForeignKey(Page, models.CASCADE, related_name="articles")
    order = models.PositiveSmallIntegerField("版内顺序")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    kicker = models.CharField("引题", max_length=300, blank=True)
    title = models.CharField("主题", max_length=300, blank=True)
    subtitle = models.CharField("副题", max_length=300, blank=True)
    source = models.CharField("来源", max_length=50, blank=True)
    dateline = models.CharField("电头", max_length=100, blank=True)
    paragraphs = models.JSONField("正文段落", default=list)
    editor_code = models.CharField("编辑代码", max_length=20, blank=True)
    # A jump (转版): the page number and the circled marker printed in （下转第二版③）.
    jump_to_page = models.PositiveSmallIntegerField("下转版次", null=True, blank=True)
    jump_to_marker = models.CharField("下转标记", max_length=4, blank=True)
    jump_from_page = models.PositiveSmallIntegerField("上接版次", null=True, blank=True)
    jump_from_marker = models.CharField("上接标记", max_length=4, blank=True)
    continuation = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="continues",
        verbose_name="转版续文",
        help_text="本文（下转）接续的另一部分",
    )
    review = models.JSONField("待审原因", default=list, blank=True)
    published = models.BooleanField("已发布", default=False)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)
    persons = models.ManyToManyField("Person", through="Mention", related_name="articles")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["page", "order"]
        verbose_name = verbose_name_plural = "文章"
        constraints = [
            models.UniqueConstraint(fields=["page", "order"], name="article_unique_page_order"),
        ]
        indexes = [
            # The admin's review queue: unpublished or flagged articles, newest first.
            models.Index(fields=["published", "-updated"], name="article_review_idx"),
        ]

    def __str__(self):
        return f"{self.display_title} ({self.page})"

    def get_absolute_url(self):
        page = self.page
        issue = page.issue
        return reverse(
            "archive:article",
            args=[issue.newspaper.slug, issue.date.isoformat(), page.number, self.pk],
        )

    @property
    def display_title(self):
        """The headline a reader sees; articles printed without one borrow their first words."""
        if self.title:
            return self.title
        lead = self.paragraphs[0] if self.paragraphs else ""
        return (lead[:24] + "……") if len(lead) > 24 else (lead or "（无标题）")

    @property
    def text(self):
        return "\n".join(self.paragraphs)

    @property
    def needs_review(self):
        return bool(self.review)


def person_slug(name):
    """A URL slug for a person: the name itself (Django keeps Unicode slugs readable)."""
    return slugify(name, allow_unicode=True) or "person"


class Person(models.Model):
    name = models.CharField("姓名", max_length=50)
    slug = models.SlugField("网址名", max_length=80, unique=True, allow_unicode=True)
    sort_key = models.CharField("排序拼音", max_length=200, blank=True, db_index=True)

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = verbose_name_plural = "人物"
        constraints = [
            models.UniqueConstraint(fields=["name"], name="person_unique_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = person_slug(self.name)
        if not self.sort_key:
            self.sort_key = pinyin_sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:person", args=[self.slug])


def pinyin_sort_key(name):
    """王小平 → "wang xiao ping": people sort and group by pinyin, as a Chinese index does."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(name)).lower()


class Mention(models.Model):
    """A person in an article: the role the article gives them, and whether they wrote it."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, models.CASCADE, related_name="mentions")
    roles = models.JSONField("职务", default=list, blank=True)
    is_reporter = models.BooleanField("记者", default=False)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["article", "is_reporter", "order"]
        verbose_name = verbose_name_plural = "人物提及"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "is_reporter"], name="mention_unique_article_person"
            ),
        ]
        indexes = [
            # A person's page lists their articles; co-mentions join on article.
            models.Index(fields=["person", "is_reporter"], name="mention_person_idx"),
        ]

    def __str__(self):
        label = "记者" if self.is_reporter else "、".join(self.roles)
        return f"{self.person.name}（{label}）" if label else self.person.name

    def get_absolute_url(self):
        return self.person.get_absolute_url()
