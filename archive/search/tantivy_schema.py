"""The tantivy schema of the article index, and the tantivy document of an article.

Tantivy gets the archive's own analysis (archive.search.analysis), not its own: each text
field is handed a string of tokens already made here, joined by SEP (U+001F, whitespace to
the analysis, so never inside a run) and split only there (the ``archive_tokens`` tokenizer,
no lower-casing, no length cut): a token may hold the space of a pair across two runs.
So the terms are the same bigrams, characters and jieba words the Whoosh index holds.

Tantivy numbers a field's tokens 0, 1, 2 …; the bigram fields need their positions to be
character offsets, so that a phrase of bigrams is the exact substring and cannot span a
space or a line break. ``bigram_stream`` therefore emits one token for every character of
the folded text: the term analysis.bigram_terms puts there (a run's bigram, or the pair of a
run's edge with one space), or FILLER where none starts. FILLER is one character and every
term two, so no query ever looks it up.

    >>> bigram_stream("防控 工作").split(SEP)
    ['防控', '控 ', ' 工', '工作', '_']

Fields, and why each exists (as archive.search.schema's for Whoosh):

* ``text`` / ``headline`` / ``byline`` — bigram streams with positions (exact matching,
  BM25 for ranking; the headline boosted at query time);
* ``chars`` / ``headline_chars`` / ``byline_chars`` — each distinct character once;
* ``words`` — jieba's search-mode words, ranking only;
* ``django_id``, ``date`` (yyyymmdd), ``page`` — numbers: deletion, ranges, sorting;
* ``year``, ``month``, ``paper``, ``kind``, ``persons`` — raw terms, fast fields for facets;
* ``stored`` — the mirrored fields and the fingerprint as one JSON blob, for hits.
"""

import json

import tantivy

from archive.search.analysis import bigram_terms, distinct_chars, fold, jieba_words
from archive.search.document import MIRRORED_FIELDS

TOKENIZER = "archive_tokens"
SEP = "\x1f"
FILLER = "_"
BIGRAM_FIELDS = ("text", "headline", "byline")
CHAR_FIELDS = {"text": "chars", "headline": "headline_chars", "byline": "byline_chars"}
FACET_FIELDS = ("year", "month", "paper", "kind", "persons")


def build_schema():
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("django_id", stored=True, indexed=True, fast=True)
    for name in BIGRAM_FIELDS:
        builder.add_text_field(name, tokenizer_name=TOKENIZER, index_option="position")
        builder.add_text_field(CHAR_FIELDS[name], tokenizer_name=TOKENIZER, index_option="freq")
    builder.add_text_field("words", tokenizer_name=TOKENIZER, index_option="freq")
    for name in FACET_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("date", indexed=True, fast=True)
    builder.add_unsigned_field("page", indexed=True, fast=True)
    builder.add_bytes_field("stored", stored=True)
    return builder.build()


SCHEMA = build_schema()


def analyzer():
    """The tokenizer every text field uses: split at SEP, nothing else."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex("[^\\x1f]+")).build()


def bigram_stream(folded):
    """One token per character of folded text: the term that starts there, else FILLER.

    >>> bigram_stream("1998年").split(SEP)
    ['19', '99', '98', '8年', '_']
    >>> bigram_stream("a\\n\\nbc").split(SEP)
    ['a ', '_', ' b', 'bc', '_']
    """
    tokens = [FILLER] * len(folded)
    for term, start, _ in bigram_terms(folded):
        tokens[start] = term
    # Trailing whitespace holds no term; the stream ends with the text's last term or filler.
    return SEP.join(tokens)


def joined(terms):
    """Terms as one field value for the archive_tokens tokenizer (whitespace-only ones out)."""
    return SEP.join(t for t in terms if t.strip())


def date_number(date):
    """An ISO date as the number the index sorts and ranges by: 2020-01-27 → 20200127."""
    digits = str(date or "")[:10].replace("-", "")
    return int(digits) if digits.isdigit() else 0


def stored_fields(doc):
    """The JSON kept for each hit: the mirrored fields, django_id and the fingerprint."""
    kept = {name: doc[name] for name in MIRRORED_FIELDS}
    kept.update(django_id=str(doc["django_id"]), fingerprint=doc["fingerprint"])
    return json.dumps(kept, ensure_ascii=False).encode("utf-8")


def tantivy_document(doc):
    """The tantivy document of one engine-neutral document (document.index_document)."""
    out = tantivy.Document()
    out.add_unsigned("django_id", int(doc["django_id"]))
    for name in BIGRAM_FIELDS:
        folded = fold(doc[name] or "")
        out.add_text(name, bigram_stream(folded))
        out.add_text(CHAR_FIELDS[name], joined(distinct_chars(folded)))
    out.add_text("words", joined(jieba_words(fold(doc["text"] or ""))))
    for name in ("year", "month", "paper", "kind"):
        if doc[name]:
            out.add_text(name, str(doc[name]))
    for person in dict.fromkeys(doc["persons"]):
        out.add_text("persons", person)
    out.add_unsigned("date", date_number(doc["date"]))
    out.add_unsigned("page", int(doc["page"] or 0))
    out.add_bytes("stored", stored_fields(doc))
    return out
