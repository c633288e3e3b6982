"""What the index holds of one article, for every engine: one field list, one searchable text.

archive.search_indexes.ArticleIndex fills the fields from the database (haystack's
``full_prepare``); ``index_document`` turns them into the engine-neutral document that each
engine translates into its own (``schema.whoosh_document``, ``elasticsearch_backend``'s
``es_document``); hits are read back through ``mirrored`` from whatever an engine stored, and
check_index compares the same fields. Django-free: the benchmark builds documents from the
corpus without a database.

    >>> doc = index_document({"django_id": 17, "text": "全民动员", "url": "/a/17/",
    ...     "kicker": "", "title": "全民动员", "subtitle": "", "paper": "jzrb",
    ...     "paper_name": "焦作日报", "date": "2020-01-27", "page": 1, "kind": "article",
    ...     "persons": ["王付举"], "reporters": []})
    >>> doc["id"], doc["month"], doc["headline"], doc["persons"]
    ('archive.article.17', '2020-01', '全民动员', ['王付举'])
"""

import hashlib

# Stored fields that mirror the article as the reader sees it: every engine stores them,
# every hit carries them (results.Hit has these fields, in this order), check_index compares
# them. ``persons`` and ``reporters`` are lists of names.
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
NAME_FIELDS = ("persons", "reporters")
# Read for the byline text (field=byline), not stored: a hit shows no byline.
BYLINE_FIELDS = ("source", "dateline")
# Raised whenever the index holds something else for the same text. 2: bigrams over every
# character class, the chars/headline_chars/byline fields (search issue 14). 3: the pairs
# across a space (analysis.bigram_terms), so quoted phrases with spaces are exact.
ANALYSIS_VERSION = 3
# A match in the headline (kicker, title, subtitle) weighs this much more than one in the body.
HEADLINE_BOOST = 4.0


def identifier(pk):
    """haystack's document id for an article: ``identifier(17) == "archive.article.17"``."""
    return f"archive.article.{pk}"


def searchable_text(
    *,
    kicker="",
    title="",
    subtitle="",
    source="",
    dateline="",
    paragraphs=(),
    reporters=(),
    persons=(),
):
    """Everything a reader can find an article by, one field or paragraph a line: what the
    article page shows (the byline's source, dateline and reporters too) and the persons.

    The one definition: ArticleIndex indexes it, and the exact-substring checks of the tests
    and bench/search_quality.py use it as their truth. Newlines separate the parts so no
    bigram spans two of them: 标题 + 正文 never forms 题正.

    >>> searchable_text(title="全民动员", paragraphs=["副市长王付举一同检查。"], persons=["王付举"])
    '全民动员\\n副市长王付举一同检查。\\n王付举'
    """
    parts = [kicker, title, subtitle, source_shown(source), dateline, *paragraphs]
    parts += [*reporters, *persons]
    return "\n".join(p for p in parts if p)


def byline_text(source="", dateline="", reporters=()):
    """The byline as the article page shows it, one part a line: what field=byline searches.

    >>> byline_text("本报", "", ["董柏生"])
    '本报讯\\n董柏生'
    """
    return "\n".join(p for p in (source_shown(source), dateline, *reporters) if p)


def source_shown(source):
    """The source as the article page prints it: 本报 files as 本报讯.

    >>> source_shown("本报"), source_shown("新华社")
    ('本报讯', '新华社')
    """
    return f"{source}讯" if source == "本报" else source


def headline_text(kicker, title, subtitle):
    """The headline field's text: the boosted clause that ranks a hit in the title higher."""
    return "\n".join(p for p in (kicker, title, subtitle) if p)


def fingerprint(text):
    """A short digest of the searchable text: ``fingerprint("全民动员")`` is 16 hex digits.

    It covers the version of the analysis too, so after a change in what the index holds for
    the same text, check_index reports every older document as stale (and --repair
    re-indexes them).
    """
    salted = f"{ANALYSIS_VERSION}\n{text}"
    return hashlib.blake2b(salted.encode("utf-8"), digest_size=8).hexdigest()


def index_document(fields):
    """The engine-neutral document of one article, from plain values.

    ``fields`` needs django_id, text and every name of MIRRORED_FIELDS (date as a date or
    "YYYY-MM-DD", persons and reporters as lists), as ``ArticleIndex.full_prepare`` gives them.
    """
    date = str(fields["date"])[:10]
    doc = {name: fields[name] for name in MIRRORED_FIELDS}
    doc.update(
        id=identifier(fields["django_id"]),
        django_ct=fields.get("django_ct", "archive.article"),
        django_id=str(fields["django_id"]),
        text=fields["text"],
        headline=headline_text(fields["kicker"], fields["title"], fields["subtitle"]),
        byline=byline_text(
            fields.get("source") or "", fields.get("dateline") or "", fields["reporters"]
        ),
        fingerprint=fingerprint(fields["text"]),
        date=date,
        year=date[:4],
        month=date[:7],
        page=int(fields["page"]),
        persons=list(fields["persons"]),
        reporters=list(fields["reporters"]),
    )
    return doc


def names(value):
    """A stored list of names as a list: Whoosh keeps "a,b" (a KEYWORD field), a cluster a list.

    >>> names("徐衣显,王付举"), names(["杨丽娜"]), names(None)
    (['徐衣显', '王付举'], ['杨丽娜'], [])
    """
    if isinstance(value, str):
        return [n for n in value.split(",") if n]
    return list(value or [])


def joined_names(value):
    """Names as one comma-separated string, a comma inside a name made a space.

    Whoosh's KEYWORD field splits at commas, so this is what it can store; check_index
    compares names in this form, so a name with a comma is not "stale" forever.

    >>> joined_names(["徐衣显", "王,付举"])
    '徐衣显,王 付举'
    """
    return ",".join(n.replace(",", " ") for n in names(value))


def mirrored(stored):
    """The MIRRORED_FIELDS of a document as an engine stored it, in one shape for any engine.

    >>> mirrored({"title": "全民动员", "date": "2020-01-27", "page": 1, "persons": "王付举"})["persons"]
    ['王付举']
    """
    values = {name: stored.get(name) or "" for name in MIRRORED_FIELDS}
    values["date"] = str(values["date"])[:10]
    values["page"] = int(values["page"] or 0)
    for name in NAME_FIELDS:
        values[name] = names(stored.get(name))
    return values
