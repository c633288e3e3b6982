"""The reader's clauses (archive.search.query) as Whoosh queries over the bigram index.

Exactness comes from the ``text`` and ``chars`` fields: a piece of two or more characters of
any kind (hanzi, digits, letters, punctuation) is the phrase of its bigrams in ``text``, one
character is a term of ``chars``, so each matches precisely the articles that contain it
(after folding). The headline and jieba word clauses only add score.

    >>> query, must = whoosh_query(parse_query("王付举"), use_words=False)
    >>> must
    Phrase('text', ['王付', '付举'], slop=1, boost=1.000000)
    >>> query.b
    Or([Phrase('headline', ['王付', '付举'], slop=1, boost=1.000000)])
"""

from whoosh import query as wq

from archive.search.analysis import bigram_terms, bigrams, jieba_words
from archive.search.budget import OutOfTime
from archive.search.query import parse_query  # noqa: F401 — the examples use it
from archive.search.whoosh_match import SpacedPhrase, segment_docnums

# The field that answers one-character pieces for each bigram field.
CHAR_FIELDS = {"text": "chars", "headline": "headline_chars", "byline": "byline_chars"}
# The reader's "search within" choice (filters["field"]) → the bigram field it searches.
WITHIN = {None: "text", "all": "text", "title": "headline", "byline": "byline"}


def piece_query(piece, fieldname="text"):
    """Exactly the documents whose ``fieldname`` contains ``piece`` (folded, no spaces).

    >>> piece_query("王付举")
    Phrase('text', ['王付', '付举'], slop=1, boost=1.000000)
    >>> piece_query("防"), piece_query("防", "headline")
    (Term('chars', '防'), Term('headline_chars', '防'))
    """
    if len(piece) == 1:
        chars = CHAR_FIELDS.get(fieldname)
        return wq.Term(chars, piece) if chars else None
    terms = bigrams(piece)
    return wq.Term(fieldname, terms[0]) if len(terms) == 1 else wq.Phrase(fieldname, terms)


def text_query(folded, fieldname="text"):
    """A Whoosh query for the documents whose ``fieldname`` contains ``folded``.

    A quoted phrase with spaces is its bigrams, and the pairs across each space, at their
    offsets in the query (analysis.bigram_terms): exact, but for the kind of space (a line
    break counts as one), one-character pieces included.

    >>> text_query("1月")
    Term('text', '1月')
    >>> text_query("防控 a")
    SpacedPhrase('text', ['防控', '控 ', ' a'], [0, 1, 2])
    """
    pieces = folded.split()
    if len(pieces) == 1:
        return piece_query(pieces[0], fieldname)
    found = list(bigram_terms(folded))
    words, offsets = [t for t, _, _ in found], [start for _, start, _ in found]
    return SpacedPhrase(fieldname, words, [o - offsets[0] for o in offsets])


def boost_query(clauses, use_words=True, keep_word=None):
    """Optional clauses that only rank: the same text in the headline, and jieba's words."""
    boosts = []
    for clause in clauses:
        if clause.exclude:
            continue
        for value in clause.alternatives:
            headline = text_query(value, "headline")
            if headline is not None:
                boosts.append(headline)
            if use_words:
                words = set(jieba_words(value))
                boosts.extend(
                    wq.Term("words", w) for w in words if keep_word is None or keep_word(w)
                )
    return wq.Or(boosts) if boosts else None


def headline_query(parsed):
    """The reader's wanted texts in the headline (any of them), or None: what ranks first
    among matches too many to score."""
    parts = [
        text_query(v, "headline") for c in parsed.clauses if not c.exclude for v in c.alternatives
    ]
    parts = [q for q in parts if q is not None]
    return wq.Or(parts) if parts else None


def exact_parts(parsed, fieldname="text"):
    """(the query every match must satisfy, or None for "everything"; the excluded queries).

    Exclusions are subtracted as sets of documents (``matching_docnums``), not through
    Whoosh's AndNot: its matcher keeps the first document of the required side when the
    excluded side's first document comes earlier (会议 NOT 北京 kept an article with both).
    """
    required, excluded = [], []
    for clause in parsed.clauses:
        alternatives = [text_query(v, fieldname) for v in clause.alternatives]
        if clause.exclude:
            excluded.extend(alternatives)
        else:
            required.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    if not required:
        return None, excluded
    return (required[0] if len(required) == 1 else wq.And(required)), excluded


def matching_docnums(searcher, parsed, everything, fieldname="text"):
    """The set of docnums whose ``fieldname`` matches ``parsed`` exactly; ``everything()``
    gives every live docnum (for a query of exclusions only).

    Segment by segment: when the search's time budget runs out (archive.search.budget), the
    matches of the segments read whole are returned — exact, but not all of them — and the
    deadline is marked, so the reader is told.
    """
    required, excluded = exact_parts(parsed, fieldname)
    live = everything() if required is None else None
    leaves = searcher.leaf_searchers()
    found = set()
    for n, (leaf, offset) in enumerate(leaves):
        end = leaves[n + 1][1] if n + 1 < len(leaves) else searcher.doc_count_all()
        try:
            found |= _segment_matches(leaf, offset, end, required, excluded, live)
        except OutOfTime:
            break
    return found


def _segment_matches(leaf, offset, end, required, excluded, live):
    if required is not None:
        docnums = segment_docnums(leaf, offset, required)
    else:
        docnums = {d for d in live if offset <= d < end}
    for query in excluded:
        if not docnums:
            break
        docnums -= segment_docnums(leaf, offset, query)
    return docnums


def whoosh_query(parsed, use_words=True, keep_word=None):
    """(the ranked query, its required part alone) for a ParsedQuery that is not empty.

    The required part says which documents match (exclusions as AndNot: for display and
    ranking; the exact set is ``matching_docnums``'); the ranked query adds the optional
    headline and word clauses (AndMaybe), which never change that. ``keep_word(word)``
    chooses the jieba words worth scoring.
    """
    required, excluded = exact_parts(parsed)
    must = required if required is not None else wq.Every()
    if excluded:
        must = wq.AndNot(must, wq.Or(excluded))
    boost = boost_query(parsed.clauses, use_words, keep_word)
    return (wq.AndMaybe(must, boost) if boost is not None else must), must


def filter_query(filters):
    """Whoosh filter for paper, person, kind, page, year, month and a date range (ISO strings)."""
    filters = filters or {}
    parts = []
    for key, fieldname in (("paper", "paper"), ("person", "persons"), ("kind", "kind")):
        if filters.get(key):
            parts.append(wq.Term(fieldname, filters[key]))
    for key in ("year", "month"):
        if filters.get(key):
            parts.append(wq.Term(key, str(filters[key])))
    if filters.get("page"):
        parts.append(wq.NumericRange("page", int(filters["page"]), int(filters["page"])))
    if filters.get("date_from") or filters.get("date_to"):
        start = str(filters.get("date_from") or "") or None
        end = str(filters.get("date_to") or "") or None
        parts.append(wq.TermRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def ranking_terms(parsed, keep_word=None):
    """(fieldname, text, boost) of every term that ranks the matches of ``parsed``: the
    wanted pieces' bigrams (or characters) in the text and in the headline, and jieba's
    words (those ``keep_word`` keeps; none when it is False).

    >>> ranking_terms(parse_query("王付举 -春节"), keep_word=False)
    [('text', '王付', 1.0), ('headline', '王付', 1.0), ('text', '付举', 1.0), ('headline', '付举', 1.0)]
    """
    terms = []
    for clause in parsed.clauses:
        if clause.exclude:
            continue
        for value in clause.alternatives:
            for piece in value.split():
                if len(piece) == 1:
                    terms += [("chars", piece, 1.0), ("headline_chars", piece, 1.0)]
                else:
                    terms += [(f, bg, 1.0) for bg in bigrams(piece) for f in ("text", "headline")]
            if keep_word is not False:
                words = set(jieba_words(value))
                terms += [("words", w, 1.0) for w in sorted(words) if not keep_word or keep_word(w)]
    return list(dict.fromkeys(terms))
