"""haystack's view of an article, so update_index, rebuild_index and clear_index work.

Its ``text`` is archive.search.document.searchable_text of the article (``article_text``),
the one definition the tests and benchmarks check; the other fields are
document.MIRRORED_FIELDS. archive.search.document.index_document turns the prepared values
into the engine-neutral document each engine indexes.
"""

from django.db.models import Prefetch
from haystack import indexes

from archive.models import Article, Mention
from archive.search.document import searchable_text


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    url = indexes.CharField(indexed=False)
    kicker = indexes.CharField(model_attr="kicker", indexed=False)
    title = indexes.CharField(model_attr="title")
    subtitle = indexes.CharField(model_attr="subtitle", indexed=False)
    source = indexes.CharField(model_attr="source", indexed=False)
    dateline = indexes.CharField(model_attr="dateline", indexed=False)
    paper = indexes.CharField(faceted=True)
    paper_name = indexes.CharField(indexed=False)
    date = indexes.DateField(faceted=True)
    page = indexes.IntegerField(faceted=True)
    kind = indexes.CharField(model_attr="kind", faceted=True)
    persons = indexes.MultiValueField(faceted=True)
    reporters = indexes.MultiValueField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # Only published articles are searchable; mentions prefetched for the names.
        # A join for the person, not a second prefetch: that one lists every person id in
        # one query, which SQLite rejects past ~1,000 persons ("Expression tree is too large").
        mentions = Prefetch("mentions", queryset=Mention.objects.select_related("person"))
        return Article.objects.published().with_place().prefetch_related(mentions).order_by("pk")

    def read_queryset(self, using=None):
        return Article.objects.with_place()

    def prepare_text(self, obj):
        return article_text(obj)

    def prepare_url(self, obj):
        return obj.get_absolute_url()

    def prepare_paper(self, obj):
        return obj.page.issue.newspaper.slug

    def prepare_paper_name(self, obj):
        return obj.page.issue.newspaper.name

    def prepare_date(self, obj):
        return obj.page.issue.date

    def prepare_page(self, obj):
        return obj.page.number

    def prepare_persons(self, obj):
        # The facet and the person filter tell namesakes apart: 李贵鲜（人民日报 1998）.
        return [m.person.label for m in _mentions(obj, reporter=False)]

    def prepare_reporters(self, obj):
        return _names(obj, reporter=True)


def article_text(article):
    """The searchable text of a stored article (its mentions with persons prefetched)."""
    return searchable_text(
        kicker=article.kicker,
        title=article.title,
        subtitle=article.subtitle,
        source=article.source,
        dateline=article.dateline,
        paragraphs=article.paragraphs,
        reporters=_names(article, reporter=True),
        persons=_names(article, reporter=False),
    )


def _names(article, reporter):
    return [m.person.name for m in _mentions(article, reporter)]


def _mentions(article, reporter):
    mentions = sorted(article.mentions.all(), key=lambda m: m.order)
    return [m for m in mentions if m.is_reporter == reporter]
