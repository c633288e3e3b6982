"""What every engine's index is built from: the published articles in the database.

The database is the truth and the index is derived from it, so an engine never reads rows
itself: it asks here for the documents of the ids it must sync (``documents_for``), for every
published id when it rebuilds, and for the texts snippets are cut from.

    documents_for([17, 18, 19])   # → ([document of 17, document of 18], [19]) if 19 is a draft
"""

from haystack.exceptions import SkipDocument

from archive.models import Article
from archive.search.document import index_document
from archive.search_indexes import ArticleIndex

# SQLite refuses a query with thousands of ids in one IN (expression depth).
QUERY_CHUNK = 100


def published_ids():
    """Every published article's id, in id order."""
    return list(Article.objects.published().order_by("pk").values_list("pk", flat=True))


def published_count():
    """How many articles the index should hold."""
    return Article.objects.published().count()


def documents_for(ids):
    """(documents of the published ones among ``ids``, the ids to drop from the index)."""
    search_index = ArticleIndex()
    ids = list(ids)
    docs = []
    for i in range(0, len(ids), QUERY_CHUNK):
        articles = search_index.index_queryset().filter(pk__in=ids[i : i + QUERY_CHUNK])
        docs.extend(index_document(search_index.full_prepare(a)) for a in articles)
    found = {int(d["django_id"]) for d in docs}
    return docs, [pk for pk in ids if pk not in found]


def haystack_documents(index, objects, log):
    """Documents of the objects haystack hands a backend's update(), skips logged."""
    docs = []
    for obj in objects:
        try:
            docs.append(index_document(index.full_prepare(obj)))
        except SkipDocument:
            log.debug("Indexing for object `%s` skipped", obj)
    return docs


def load_texts(ids):
    """Article body text by id: what snippets are cut from (one query per page of hits)."""
    return {
        pk: "\n".join(paragraphs) for pk, (_, paragraphs) in Article.objects.texts_of(ids).items()
    }
