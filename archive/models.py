"""The newspaper archive's data, in the newspaper's own terms.

Newspaper → Issue (one day) → Page (版) → Article; Person ←(Mention: role, reporter or not)→ Article.
The questions the reader pages ask are QuerySet methods (querysets.py).
"""

import unicodedata
from collections import Counter

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from archive.ingest.markers import render_jump
from archive.ingest.model import (
    KINDS,
    MAX_LENGTHS,
    MAX_MARKER_LENGTH,
    MAX_PAGE_NAME_LENGTH,
    MAX_PAPER_NAME_LENGTH,
    MAX_PAPER_SLUG_LENGTH,
    MAX_PLACE_LENGTH,
    Jump,
)
from archive.querysets import (
    ArticleQuerySet,
    IssueQuerySet,
    MentionQuerySet,
    PageQuerySet,
    PersonQuerySet,
)
from archive.readable_json import ReadableJSONEncoder


class Newspaper(models.Model):
    # Sizes from the interchange's table (ingest/model.py), which validation checks first.
    name = models.CharField("报名", max_length=MAX_PAPER_NAME_LENGTH, unique=True)
    slug = models.SlugField("简称", max_length=MAX_PAPER_SLUG_LENGTH, unique=True)
    place = models.CharField("地区", max_length=MAX_PLACE_LENGTH, blank=True)

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

    objects = IssueQuerySet.as_manager()

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

    def neighbours(self):
        """The same paper's previous and next visible issues, or None at either end."""
        same_paper = Issue.objects.visible().filter(newspaper=self.newspaper)
        previous = same_paper.filter(date__lt=self.date).order_by("-date").first()
        following = same_paper.filter(date__gt=self.date).order_by("date").first()
        return previous, following

    def reading_order(self, *, drafts=False):
        """Every published article of the issue (with drafts, for staff preview), page by
        page, light enough for navigation."""
        chosen = Article.objects.all() if drafts else Article.objects.published()
        articles = list(
            chosen.filter(page__issue=self)
            .select_related("page")
            .only(
                "id", "title", "paragraphs", "order", "page__id", "page__number", "page__issue_id"
            )
            .order_by("page__number", "order")
        )
        for article in articles:
            article.page.issue = self  # reuse the loaded issue: no query per link
        return articles


class Page(models.Model):
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=MAX_PAGE_NAME_LENGTH, blank=True)
    source_text = models.TextField("原始文本", blank=True)
    # The printed page, when it came as a PDF (page_prints.py stores and names the files):
    # the PDF, its rendered picture and thumbnail, and where each character stands.
    pdf = models.FileField("版面PDF", max_length=200, blank=True)
    image = models.FileField("版面图", max_length=200, blank=True)
    thumbnail = models.FileField("版面缩略图", max_length=200, blank=True)
    char_boxes = models.FileField("字符位置", max_length=200, blank=True)
    image_width = models.PositiveIntegerField("版面图宽", null=True, blank=True)
    image_height = models.PositiveIntegerField("版面图高", null=True, blank=True)
    # Flags about the page as a whole (archive/ingest/flags.py), e.g. an unreadable text layer.
    review = models.JSONField("待审原因", encoder=ReadableJSONEncoder, default=list, blank=True)

    objects = PageQuerySet.as_manager()

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


class Article(models.Model):
    # The pipeline's list of kinds (ingest/model.py), so a kind the parser or the
    # interchange knows is always one the database accepts.
    Kind = models.TextChoices(
        "Kind", [(kind.upper(), (kind, label)) for kind, label in KINDS.items()]
    )

    page = models.ForeignKey(Page, models.CASCADE, related_name="articles")
    order = models.PositiveSmallIntegerField("版内顺序")
    # The article's number in its URL (/jzrb/2020-01-27/1/3/): given once, when the article
    # first appears on the page, and kept by every re-ingest its text survives (numbering.py).
    number = models.PositiveSmallIntegerField("文章编号", editable=False)
    kind = models.CharField(
        "类型", max_length=MAX_LENGTHS["kind"], choices=Kind.choices, default=Kind.ARTICLE
    )
    kicker = models.CharField("引题", max_length=MAX_LENGTHS["kicker"], blank=True)
    title = models.CharField("主题", max_length=MAX_LENGTHS["title"], blank=True)
    subtitle = models.CharField("副题", max_length=MAX_LENGTHS["subtitle"], blank=True)
    source = models.CharField("来源", max_length=MAX_LENGTHS["source"], blank=True)
    dateline = models.CharField("电头", max_length=MAX_LENGTHS["dateline"], blank=True)
    paragraphs = models.JSONField("正文段落", encoder=ReadableJSONEncoder, default=list)
    editor_code = models.CharField("编辑代码", max_length=MAX_LENGTHS["editor_code"], blank=True)
    # A jump (转版): the page number and the circled marker printed in （下转第二版③）.
    jump_to_page = models.PositiveSmallIntegerField("下转版次", null=True, blank=True)
    jump_to_marker = models.CharField("下转标记", max_length=MAX_MARKER_LENGTH, blank=True)
    jump_from_page = models.PositiveSmallIntegerField("上接版次", null=True, blank=True)
    jump_from_marker = models.CharField("上接标记", max_length=MAX_MARKER_LENGTH, blank=True)
    continuation = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="continues",
        verbose_name="转版续文",
        help_text="本文（下转）接续的另一部分",
    )
    review = models.JSONField("待审原因", encoder=ReadableJSONEncoder, default=list, blank=True)
    # [[x0, y0, x1, y1], …] fractions of the printed page, one box per block (热区).
    regions = models.JSONField("版面区域", encoder=ReadableJSONEncoder, default=list, blank=True)
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
            models.UniqueConstraint(fields=["page", "number"], name="article_unique_page_number"),
        ]
        indexes = [
            # The admin's review queue: unpublished or flagged articles, newest first.
            models.Index(fields=["published", "-updated"], name="article_review_idx"),
            # Is anything on this page out? Answered from the index alone, for each of
            # twenty years of issues on a paper's front door.
            models.Index(fields=["page", "published"], name="article_page_published_idx"),
        ]

    def __str__(self):
        return f"{self.display_title} ({self.page})"

    def save(self, *args, **kwargs):
        # An article added by hand (the admin, a test) is numbered after its page's others.
        if self.number is None:
            taken = Article.objects.filter(page_id=self.page_id).aggregate(n=models.Max("number"))
            self.number = max(taken["n"] or 0, self.order - 1) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        page = self.page
        issue = page.issue
        return reverse(
            "archive:article",
            args=[issue.newspaper.slug, issue.date.isoformat(), page.number, self.number],
        )

    @property
    def display_title(self):
        return display_title(self.title, self.paragraphs)

    @property
    def text(self):
        return "\n".join(self.paragraphs)

    @property
    def needs_review(self):
        return bool(self.review)

    # The jumps as the interchange names them: Jump(2, "③") for （下转第二版③）, or None.
    @property
    def continued_to(self):
        return Jump(self.jump_to_page, self.jump_to_marker) if self.jump_to_page else None

    @continued_to.setter
    def continued_to(self, jump):
        self.jump_to_page, self.jump_to_marker = (jump.page, jump.marker) if jump else (None, "")

    @property
    def continued_from(self):
        return Jump(self.jump_from_page, self.jump_from_marker) if self.jump_from_page else None

    @continued_from.setter
    def continued_from(self, jump):
        self.jump_from_page, self.jump_from_marker = (
            (jump.page, jump.marker) if jump else (None, "")
        )

    @property
    def jump_to_label(self):
        """（下转第二版③） as the paper prints it, or "" when the article does not jump."""
        return render_jump(self.continued_to, "下转")

    @property
    def jump_from_label(self):
        """（上接第一版③） as the paper prints it, or "" when the article starts here."""
        return render_jump(self.continued_from, "上接")

    def readable_continuation(self):
        """The part this article jumps to, only when a reader may see it."""
        return self._readable_part("continuation")

    def readable_beginning(self):
        """The part that jumps to this article, only when a reader may see it."""
        return self._readable_part("continues")

    def _readable_part(self, relation):
        try:
            other = getattr(self, relation)
        except Article.DoesNotExist:
            return None
        return other if other is not None and other.published else None

    def citation(self):
        """GB/T 7714 for a newspaper article: 杨丽娜, 姚广强. 题名[N]. 焦作日报, 2020-01-27(1).

        The standard lists at most three authors, then 等; an unsigned article starts at the
        title. Needs the article's place and mentions at hand (with_place, with_people).
        """
        reporters = [m.person.name for m in self.mentions.all() if m.is_reporter]
        authors = ", ".join(reporters[:3]) + (", 等" if len(reporters) > 3 else "")
        issue = self.page.issue
        where = f"{issue.newspaper.name}, {issue.date:%Y-%m-%d}({self.page.number})."
        head = f"{authors}. " if authors else ""
        return f"{head}{self.display_title}[N]. {where}"


def display_title(title, paragraphs):
    """The headline a reader sees; articles printed without one borrow their first words.

    Every page and search hit shows an article by this rule: 本报讯 briefs have no headline.
    """
    if title:
        return title
    lead = paragraphs[0] if paragraphs else ""
    return (lead[:24] + "……") if len(lead) > 24 else (lead or "（无标题）")


SORT_KEY_LENGTH = 200


def person_slug(name):
    """A URL slug for a person: the name itself (Django keeps Unicode slugs readable)."""
    return slugify(name, allow_unicode=True) or "person"


def _held_slugs(**lookup):
    """The slugs, matching ``lookup``, of persons and of merged persons' old URLs (one query)."""
    persons = Person.objects.filter(**lookup).order_by().values_list("slug", flat=True)
    aliases = PersonAlias.objects.filter(**lookup).order_by().values_list("slug", flat=True)
    return set(persons.union(aliases))


def free_person_slug(name, taken=()):
    """The name's slug, or the first free ``slug-2``, ``slug-3`` … after it.

    One query per name, however many namesakes: probing each candidate in turn cost a query
    per candidate (300 punctuation-only names, all "person", took 73 s after 1,500 others).
    The old slugs of merged people count as taken: /people/李贵鲜-2/ of a person merged away
    keeps leading to the one kept, never to a later namesake.
    """
    base = person_slug(name)
    used = set(taken) | _held_slugs(slug__startswith=base)
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    return slug


def free_person_slugs(names):
    """{name: a free slug} for new persons' names, looked up together rather than one by one.

    A load creates thousands of persons: a name whose slug nobody holds (the commonest case)
    takes it after one look for the whole batch; names that share a slug with each other or
    with a stored person go on to free_person_slug.
    """
    bases = {name: person_slug(name) for name in names}
    held = _held_slugs(slug__in=set(bases.values()))
    sharing = Counter(bases.values())
    slugs = {name: base for name, base in bases.items() if sharing[base] == 1 and base not in held}
    taken = set(slugs.values())
    for name in bases:
        if name not in slugs:
            slugs[name] = free_person_slug(name, taken)
            taken.add(slugs[name])
    return slugs


class Person(models.Model):
    name = models.CharField("姓名", max_length=MAX_LENGTHS["persons"])
    # Two people may share a name (李贵鲜 of 人民日报 1998 and of a 2020 city page); staff
    # tell them apart with a few words shown beside the name. Blank for most people.
    distinction = models.CharField(
        "区分说明",
        max_length=40,
        blank=True,
        default="",
        help_text="同名人物的区分，如“人民日报 1998”",
    )
    slug = models.SlugField("网址名", max_length=80, unique=True, allow_unicode=True)
    sort_key = models.CharField("排序拼音", max_length=SORT_KEY_LENGTH, blank=True, db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = verbose_name_plural = "人物"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "distinction"], name="person_unique_name_distinction"
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = free_person_slug(self.name)
        if not self.sort_key:
            self.sort_key = pinyin_sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:person", args=[self.slug])

    @property
    def label(self):
        """李贵鲜, or 李贵鲜（人民日报 1998） when namesakes are told apart: the name readers
        see in lists and the value the search's person facet and filter use."""
        return f"{self.name}（{self.distinction}）" if self.distinction else self.name


def pinyin_sort_key(name):
    """王小平 → "wang xiao ping": people sort and group by pinyin, as a Chinese index does.

    Full-width letters and digits are folded first (NFKC): ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ sorts
    under B as brucesteinberg, not after Z.
    """
    from pypinyin import lazy_pinyin

    # A 50-character name spells out to ~350 letters; the column holds 200, and sorting
    # needs no more than the first few dozen.
    folded = unicodedata.normalize("NFKC", name)
    return " ".join(lazy_pinyin(folded)).lower()[:SORT_KEY_LENGTH]


class Mention(models.Model):
    """A person in an article: the role the article gives them, and whether they wrote it."""

    # No index of its own: the constraint's and mention_article_order_idx both begin with
    # the article, and PostgreSQL preferred a bare one to the ordered, reading every name of
    # a 1,400-delegate list to keep its first twenty.
    article = models.ForeignKey(Article, models.CASCADE, related_name="mentions", db_index=False)
    person = models.ForeignKey(Person, models.CASCADE, related_name="mentions")
    roles = models.JSONField("职务", encoder=ReadableJSONEncoder, default=list, blank=True)
    is_reporter = models.BooleanField("记者", default=False)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    # The article's issue date, copied so a person's articles are found and ordered by date
    # from this table's index alone (person_months.py keeps it; save() fills it).
    date = models.DateField("出版日期", null=True, blank=True, editable=False)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "is_reporter", "order"]
        verbose_name = verbose_name_plural = "人物提及"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "is_reporter"], name="mention_unique_article_person"
            ),
        ]
        indexes = [
            # A person's page lists their articles newest first, a month at a time. Not
            # (person, is_reporter, date): SQLite reads is_reporter=False as NOT is_reporter,
            # no equality, and could not walk the dates of that index.
            models.Index(
                fields=["person", "date", "article", "is_reporter"], name="mention_person_date_idx"
            ),
            # An article's people in printed order, and its first few without reading a
            # list of 1,400 delegates (a person's companions).
            models.Index(
                fields=["article", "order", "person", "is_reporter"],
                name="mention_article_order_idx",
            ),
        ]

    def __str__(self):
        label = "记者" if self.is_reporter else "、".join(self.roles)
        return f"{self.person.name}（{label}）" if label else self.person.name

    def save(self, *args, **kwargs):
        self.date = self.article.page.issue.date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.person.get_absolute_url()


# Defined beside the people it redirects to; imported here so Django sees the app's model.
from archive.people_models import PersonAlias, PersonMonth  # noqa: E402

__all__ = [
    "Article",
    "Issue",
    "Mention",
    "Newspaper",
    "Page",
    "Person",
    "PersonAlias",
    "PersonMonth",
]
