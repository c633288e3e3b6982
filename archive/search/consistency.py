"""Compare the search index with the database, and repair the differences.

The database is the truth; the index is derived from it. Three kinds of difference:

* missing — a published article the index does not hold (a crash between commit and index);
* stray — an index document whose article is gone or unpublished (a lost delete);
* stale — an index document that no longer matches its article (an edit not re-indexed),
  found by comparing every mirrored field and a fingerprint of the searchable text.

Works the same on every engine: it reads ``indexed_entries()`` and writes with ``apply``.

    report = compare()          # after a crash
    report.missing, report.stray, report.stale    # → [17, 18], [4], [9]
    repair(report)              # re-index 17, 18 and 9 and drop 4, in one commit
"""

from dataclasses import dataclass, field

from archive import search
from archive.search.database import documents_for, published_count, published_ids
from archive.search.document import joined_names, mirrored

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


def expected_entries(ids):
    """{article id: the document the index should hold} for the published ones among ids."""
    expected = {}
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        docs, _gone = documents_for(ids[start : start + BATCH])
        for doc in docs:
            expected[int(doc["django_id"])] = doc
    return expected


def compare():
    """Every difference between the database's published articles and the index."""
    published = set(published_ids())
    indexed = search.indexed_entries()
    report = Report(indexed=len(indexed), published=len(published))
    report.missing = sorted(published - indexed.keys())
    report.stray = sorted(indexed.keys() - published)
    expected = expected_entries(sorted(published & indexed.keys()))
    for pk, doc in sorted(expected.items()):
        if _differs(indexed[pk], doc):
            report.stale.append(pk)
    return report


def out_of_step():
    """None when the index holds as many articles as are published, else what differs.

    A count, not compare(): cheap enough for every /healthz probe. It catches a crash
    between the database commit and the index write, which leaves search without the page.
    """
    indexed, published = search.doc_count(), published_count()
    if indexed == published:
        return None
    return f"out of step: {indexed} indexed, {published} published (manage.py check_index --repair)"


def _comparable(fields):
    # Names as an engine can store them (Whoosh turns a comma inside a name into a space).
    values = mirrored(fields)
    return [joined_names(v) if isinstance(v, list) else str(v) for v in values.values()]


def _differs(entry, doc):
    if _comparable(entry) != _comparable(doc):
        return True
    stored_print = entry.get("fingerprint")
    return stored_print is not None and stored_print != doc["fingerprint"]


def repair(report):
    """Re-index missing and stale articles and remove strays, in one commit."""
    if report.missing or report.stale or report.stray:
        search.apply(syncs=report.missing + report.stale, removes=report.stray)
