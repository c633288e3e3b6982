"""Compare the search index with the database, and repair the differences.

The database is the truth; the index is derived from it. Three kinds of difference:

* missing — a published article the index does not hold (a crash between commit and index);
* stray — an index document whose article is gone or unpublished (a lost delete);
* stale — an index document that no longer matches its article (an edit not re-indexed),
  found by comparing every stored field and a fingerprint of the searchable text.

    >>> report = compare()          # after a crash
    >>> report.missing, report.stray, report.stale
    ([17, 18], [4], [9])
    >>> repair(report)              # re-index 17, 18 and 9; drop 4
"""

from dataclasses import dataclass, field

from archive.search.backends import cluster, using_elasticsearch
from archive.search.schema import MIRRORED_FIELDS, fingerprint

# Fields stored in the index that mirror the article; a difference in any means stale.
COMPARED = MIRRORED_FIELDS
BATCH = 400


@dataclass
class Report:
    missing: list = field(default_factory=list)
    stray: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    indexed: int = 0
    published: int = 0

    @property
    def clean(self):
        return not (self.missing or self.stray or self.stale)


def indexed_entries(path=None):
    """{article id: stored fields} for every article document in the index."""
    if using_elasticsearch():
        return cluster().indexed_entries()
    from archive.search.indexing import open_index

    entries = {}
    with open_index(path).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields.get("django_ct") == "archive.article":
                entries[int(fields["django_id"])] = fields
    return entries


def expected_entries(ids):
    """{article id: the document the index should hold} for the published ones among ids."""
    from archive.search.indexing import documents_for

    expected = {}
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        docs, _gone = documents_for(ids[start : start + BATCH])
        for doc in docs:
            expected[int(doc["django_id"])] = doc
    return expected


def compare(path=None):
    """Every difference between the database's published articles and the index."""
    from archive.models import Article

    published = set(Article.objects.published().values_list("pk", flat=True))
    indexed = indexed_entries(path)
    report = Report(indexed=len(indexed), published=len(published))
    report.missing = sorted(published - indexed.keys())
    report.stray = sorted(indexed.keys() - published)
    expected = expected_entries(sorted(published & indexed.keys()))
    for pk, doc in sorted(expected.items()):
        if _differs(indexed[pk], doc):
            report.stale.append(pk)
    return report


def _differs(stored, doc):
    for name in COMPARED:
        if str(stored.get(name, "")) != str(doc.get(name, "")):
            return True
    stored_print = stored.get("fingerprint")
    return stored_print is not None and stored_print != fingerprint(doc["text"])


def repair(report, path=None):
    """Re-index missing and stale articles, remove strays; one writer each."""
    from archive.search.indexing import index_articles, remove_articles

    if report.stray:
        remove_articles(report.stray, path=path)
    if report.missing or report.stale:
        index_articles(report.missing + report.stale, path=path)
