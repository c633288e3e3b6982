"""The reader's clauses (archive.search.query) as tantivy queries over the bigram streams.

The same translation as archive.search.whoosh_query, onto archive.search.tantivy_schema's
fields: a piece of two or more characters is the phrase of its bigrams (positions are
character offsets, so the phrase is the exact substring), one character is a term of the
``chars`` field. A phrase needs only the bigrams that cover every character (``cover``):
every other one and the last, each at its own offset.

    >>> piece_words("北京1月")
    [(0, '北京'), (2, '1月')]
    >>> piece_words("王付举")
    [(0, '王付'), (1, '付举')]

Headline and jieba word clauses are Should clauses: they rank and never change the matches.
Filters are Must clauses with a constant score of 0, so they never change the ranking.
"""

from tantivy import FieldType, Occur, Query

from archive.search.analysis import bigram_terms, bigrams, jieba_words
from archive.search.document import HEADLINE_BOOST
from archive.search.tantivy_schema import CHAR_FIELDS, SCHEMA, date_number
from archive.search.whoosh_match import cover

# The reader's "search within" choice (filters["field"]) → the bigram field it searches.
WITHIN = {None: "text", "all": "text", "title": "headline", "byline": "byline"}


def piece_words(piece):
    """(offset, bigram) pairs that prove ``piece`` (folded, no spaces, 2+ characters)."""
    terms = bigrams(piece)
    return [(i, terms[i]) for i in cover(len(terms))]


def _term(fieldname, text):
    return Query.term_query(SCHEMA, fieldname, text)


def _phrase(fieldname, words):
    """The phrase of (offset, bigram) pairs, or the one term when there is only one."""
    if len(words) == 1:
        return _term(fieldname, words[0][1])
    return Query.phrase_query(SCHEMA, fieldname, words)


def _all_of(queries):
    return (
        queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, q) for q in queries])
    )


def _any_of(queries):
    return (
        queries[0]
        if len(queries) == 1
        else Query.boolean_query([(Occur.Should, q) for q in queries])
    )


def piece_query(piece, fieldname="text"):
    """Exactly the documents whose ``fieldname`` contains ``piece`` (folded, no spaces)."""
    if len(piece) == 1:
        return _term(CHAR_FIELDS[fieldname], piece)
    return _phrase(fieldname, piece_words(piece))


def text_query(folded, fieldname="text"):
    """The documents whose ``fieldname`` contains ``folded``: a quoted phrase with spaces is
    its terms at their offsets in the query (analysis.bigram_terms: the bigrams and the pairs
    across each space, a line break counting as one), one-character pieces included."""
    pieces = folded.split()
    if len(pieces) == 1:
        return piece_query(pieces[0], fieldname)
    found = list(bigram_terms(folded))
    first = found[0][1]
    return _phrase(fieldname, [(start - first, t) for t, start, _ in found])


def exact_query(parsed, fieldname="text"):
    """The query whose matches are exactly the articles ``parsed`` asks for."""
    required, excluded = [], []
    for clause in parsed.clauses:
        alternatives = [q for q in (text_query(v, fieldname) for v in clause.alternatives) if q]
        if clause.exclude:
            excluded.extend(alternatives)
        elif not alternatives:
            return Query.empty_query()
        else:
            required.append(_any_of(alternatives))
    if not required:
        required = [Query.all_query()]
    if not excluded:
        return _all_of(required)
    subqueries = [(Occur.Must, q) for q in required] + [(Occur.MustNot, q) for q in excluded]
    return Query.boolean_query(subqueries)


def boost_queries(parsed, use_words=True, keep_word=None):
    """Should clauses that only rank: the wanted texts in the headline, and jieba's words."""
    boosts = []
    for clause in parsed.clauses:
        if clause.exclude:
            continue
        for value in clause.alternatives:
            headline = text_query(value, "headline")
            if headline is not None:
                boosts.append(Query.boost_query(headline, HEADLINE_BOOST))
            if use_words:
                words = sorted(set(jieba_words(value)))
                boosts.extend(_term("words", w) for w in words if keep_word is None or keep_word(w))
    return boosts


def filter_queries(filters):
    """paper, person, kind, page, year, month and a date range (ISO strings) as queries."""
    filters = filters or {}
    parts = []
    for key, fieldname in (("paper", "paper"), ("person", "persons"), ("kind", "kind")):
        if filters.get(key):
            parts.append(_term(fieldname, str(filters[key])))
    for key in ("year", "month"):
        if filters.get(key):
            parts.append(_term(key, str(filters[key])))
    if filters.get("page"):
        parts.append(Query.term_query(SCHEMA, "page", int(filters["page"])))
    if filters.get("date_from") or filters.get("date_to"):
        low = date_number(filters["date_from"]) if filters.get("date_from") else 0
        high = date_number(filters["date_to"]) if filters.get("date_to") else 99999999
        parts.append(Query.range_query(SCHEMA, "date", FieldType.Unsigned, low, high))
    return parts


def matching_query(parsed, filters=None, fieldname="text"):
    """The exact matches of ``parsed`` within ``filters``, unscored (totals and facets)."""
    parts = [exact_query(parsed, fieldname), *filter_queries(filters)]
    return _all_of(parts)


def ranked_query(parsed, filters=None, fieldname="text", use_words=True, keep_word=None):
    """The same matches, scored: BM25 of the exact clauses, plus the headline and word
    boosts; the filters at a constant 0."""
    subqueries = [(Occur.Must, exact_query(parsed, fieldname))]
    subqueries += [(Occur.Must, Query.const_score_query(q, 0.0)) for q in filter_queries(filters)]
    subqueries += [(Occur.Should, q) for q in boost_queries(parsed, use_words, keep_word)]
    return Query.boolean_query(subqueries)
