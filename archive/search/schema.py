"""The Whoosh schema of the article index, and the Whoosh document of an article.

Django-free, so the benchmark can build an index from the corpus without a database. The
fields an article has, and its searchable text, are archive.search.document's.

Fields, and why each exists:

* ``text`` — character bigrams of everything searchable (kicker, title, subtitle, source,
  dateline, reporters, body, persons). Every query must match here: this field is what makes search exact.
* ``chars`` — each distinct character of the same text once (no positions): a one-character
  query is one term here instead of a prefix over every bigram that starts with it.
* ``headline`` — bigrams of kicker + title + subtitle, boosted: only ever an optional clause,
  so a hit in the headline ranks above a single mention in the body; ``headline_chars`` the
  same for one-character queries.
* ``byline`` / ``byline_chars`` — the same for the byline (source, dateline, reporters),
  which field=byline searches alone.
* ``words`` — jieba search-mode words of the same text, optional clause for ranking only.
* the rest are stored for display or are sortable columns for filters, facets and sorting.
"""

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from archive.search.analysis import (
    BigramPositions,
    BigramTokenizer,
    CharExistence,
    CharTokenizer,
    WordFrequency,
    WordTokenizer,
)
from archive.search.document import HEADLINE_BOOST, joined_names


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
        chars=_text_field(CharTokenizer(), CharExistence, phrase=False),
        headline=_text_field(
            BigramTokenizer(), BigramPositions, phrase=True, field_boost=HEADLINE_BOOST
        ),
        headline_chars=_text_field(
            CharTokenizer(), CharExistence, phrase=False, field_boost=HEADLINE_BOOST
        ),
        byline=_text_field(BigramTokenizer(), BigramPositions, phrase=True),
        byline_chars=_text_field(CharTokenizer(), CharExistence, phrase=False),
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


# The fields that take the neutral document's value as it is; the rest are made below.
AS_GIVEN = tuple(
    name
    for name in SCHEMA.names()
    if name
    not in {
        "words",
        "chars",
        "headline_chars",
        "byline_chars",
        "persons",
        "reporters",
        "person_column",
    }
)


def whoosh_document(doc):
    """The Whoosh document of one engine-neutral document (document.index_document)."""
    whoosh = {name: doc[name] for name in AS_GIVEN}
    # The words field is the text again, analysed by jieba instead of into bigrams.
    whoosh["words"] = doc["text"]
    whoosh["chars"] = doc["text"]
    whoosh["headline_chars"] = doc["headline"]
    whoosh["byline_chars"] = doc["byline"]
    # Commas separate KEYWORD values; a comma inside a name would split it.
    whoosh["persons"] = joined_names(doc["persons"])
    whoosh["reporters"] = joined_names(doc["reporters"])
    whoosh["person_column"] = "\n".join(doc["persons"]).encode("utf-8")
    return whoosh
