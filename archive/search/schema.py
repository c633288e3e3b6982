"""The Whoosh schema of the article index, and the one function that fills it.

Django-free, so the benchmark can build an index from the corpus without a database.

Fields, and why each exists:

* ``text`` — character bigrams of everything searchable (kicker, title, subtitle, body,
  reporters, persons). Every query must match here: this field is what makes search exact.
* ``headline`` — bigrams of kicker + title + subtitle, boosted: only ever an optional clause,
  so a hit in the headline ranks above a single mention in the body.
* ``words`` — jieba search-mode words of the same text, optional clause for ranking only.
* the rest are stored for display or are sortable columns for filters, facets and sorting.
"""

import hashlib

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from archive.search.analysis import BigramPositions, BigramTokenizer, WordFrequency, WordTokenizer

HEADLINE_BOOST = 4.0


def _text_field(analyzer, format_class, **options):
    """A TEXT field whose postings format fills itself without Token objects (same bytes)."""
    field = TEXT(analyzer=analyzer, **options)
    field.format = format_class(field_boost=field.format.field_boost)
    return field


def build_schema():
    return Schema(
        # haystack's own keys, so update_index / clear_index keep working.
        id=ID(stored=True, unique=True),
        django_ct=ID(stored=True),
        django_id=ID(stored=True),
        text=_text_field(BigramTokenizer(), BigramPositions, phrase=True),
        headline=_text_field(
            BigramTokenizer(), BigramPositions, phrase=True, field_boost=HEADLINE_BOOST
        ),
        words=_text_field(WordTokenizer(), WordFrequency, phrase=False),
        url=STORED(),
        # A digest of the searchable text, so check_index notices an edited body.
        fingerprint=STORED(),
        kicker=STORED(),
        title=STORED(),
        subtitle=STORED(),
        paper=ID(stored=True, sortable=True),
        paper_name=STORED(),
        date=ID(stored=True, sortable=True),
        year=ID(sortable=True),
        month=ID(sortable=True),
        page=NUMERIC(int, stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        persons=KEYWORD(stored=True, commas=True, lowercase=False),
        reporters=KEYWORD(stored=True, commas=True, lowercase=False),
        # The person facet counts names per matching document from this column: Whoosh's
        # overlapping facet on the KEYWORD field cost ~110 ms a query at 3k documents.
        person_column=COLUMN(VarBytesColumn()),
    )


SCHEMA = build_schema()


def identifier(pk):
    """haystack's document id for an article: ``identifier(17) == "archive.article.17"``."""
    return f"archive.article.{pk}"


def searchable_text(*, kicker="", title="", subtitle="", paragraphs=(), reporters=(), persons=()):
    """Everything a reader can find an article by, one field or paragraph a line.

    Newlines separate the parts so no bigram spans two of them: 标题 + 正文 never forms 题正.
    The exact-substring truth checks use this same text.

    >>> searchable_text(title="全民动员", paragraphs=["副市长王付举一同检查。"])
    '全民动员\\n副市长王付举一同检查。'
    """
    parts = [kicker, title, subtitle, *paragraphs, *reporters, *persons]
    return "\n".join(p for p in parts if p)


# Stored fields that mirror the article as the reader sees it; check_index compares them.
MIRRORED_FIELDS = (
    "url",
    "kicker",
    "title",
    "subtitle",
    "paper",
    "paper_name",
    "date",
    "page",
    "kind",
    "persons",
    "reporters",
)


def fingerprint(text):
    """A short digest of the searchable text: ``fingerprint("全民动员")`` is 16 hex digits."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def whoosh_document(fields):
    """One Whoosh document from plain values (as ``ArticleIndex.full_prepare`` returns them).

    ``fields`` needs: id, django_ct, django_id, text, url, kicker, title, subtitle, paper,
    paper_name, date (a date or "YYYY-MM-DD"), page, kind, persons, reporters (lists).
    """
    date = str(fields["date"])[:10]
    headline = "\n".join(p for p in (fields["kicker"], fields["title"], fields["subtitle"]) if p)
    return {
        "id": fields["id"],
        "django_ct": fields.get("django_ct", "archive.article"),
        "django_id": str(fields["django_id"]),
        "text": fields["text"],
        "headline": headline,
        "words": fields["text"],
        "url": fields["url"],
        "kicker": fields["kicker"],
        "title": fields["title"],
        "subtitle": fields["subtitle"],
        "paper": fields["paper"],
        "paper_name": fields["paper_name"],
        "date": date,
        "year": date[:4],
        "month": date[:7],
        "page": int(fields["page"]),
        "kind": fields["kind"],
        # Commas separate KEYWORD values; a comma inside a name would split it.
        "persons": ",".join(n.replace(",", " ") for n in fields["persons"]),
        "reporters": ",".join(n.replace(",", " ") for n in fields["reporters"]),
        "person_column": "\n".join(fields["persons"]).encode("utf-8"),
        "fingerprint": fingerprint(fields["text"]),
    }
