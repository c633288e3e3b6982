"""The reader's clauses (archive.search.query) as Whoosh queries over the bigram index.

Exactness comes from the ``text`` field: a CJK run is the phrase of its bigrams there, so it
matches precisely the articles that contain that substring (after folding). The headline and
jieba word clauses only add score.

    >>> from archive.search.query import parse_query
    >>> query, must = whoosh_query(parse_query("王付举"), use_words=False)
    >>> must
    Phrase('text', ['王付', '付举'], slop=1, boost=1.000000)
    >>> query.b
    Or([Phrase('headline', ['王付', '付举'], slop=1, boost=1.000000)])
"""

from whoosh import matching
from whoosh import query as wq
from whoosh.util import make_binary_tree

from archive.search.analysis import bigram_terms, jieba_words, segments


def text_query(folded, fieldname="text"):
    """A Whoosh query matching exactly the documents whose ``fieldname`` contains ``folded``.

    The query's terms are the index's own tokens for that string. The last CJK run is the
    one place where query and text can tokenize differently: in the text it may continue
    (王付举一同 has 举一, not the lone 举), so its lone last character is dropped when the run
    has bigrams, and becomes a prefix when the run is one character (举* also matches 举一).

    >>> text_query("王付举")
    Phrase('text', ['王付', '付举'], slop=1, boost=1.000000)
    >>> text_query("防")
    Prefix('text', '防')
    """
    terms = [t for t, _, _ in bigram_terms(folded)]
    tail = None
    last_kind, last = segments(folded)[-1]
    if last_kind == "cjk":
        terms.pop()  # the run's lone last character
        if len(last) == 1:
            tail = wq.Prefix(fieldname, last)
    parts = []
    if len(terms) == 1:
        parts.append(wq.Term(fieldname, terms[0]))
    elif terms:
        parts.append(wq.Phrase(fieldname, terms))
    if tail is not None:
        parts.append(tail)
    return parts[0] if len(parts) == 1 else wq.And(parts)


def boost_query(clauses, use_words=True):
    """Optional clauses that only rank: the same text in the headline, and jieba's words."""
    boosts = []
    for clause in clauses:
        if clause.exclude:
            continue
        for value in clause.alternatives:
            boosts.append(text_query(value, "headline"))
            if use_words:
                boosts.extend(wq.Term("words", w) for w in set(jieba_words(value)))
    return wq.Or(boosts) if boosts else None


def whoosh_query(parsed, use_words=True):
    """(the ranked query, its required part alone) for a ParsedQuery that is not empty.

    The required part decides which documents match; the ranked query adds the optional
    headline and word clauses (AndMaybe), which never change that.
    """
    required, excluded = [], []
    for clause in parsed.clauses:
        alternatives = [text_query(v) for v in clause.alternatives]
        if clause.exclude:
            excluded.extend(alternatives)
        else:
            required.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    if not required:
        required = [wq.Every()]  # only exclusions: everything else
    must = required[0] if len(required) == 1 else wq.And(required)
    if excluded:
        must = wq.AndNot(must, wq.Or(excluded))
    boost = boost_query(parsed.clauses, use_words)
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


class _PhraseScore(wq.Phrase):
    """A phrase's score without its position check: the intersection of its terms.

    Whoosh scores a Phrase as the sum of its terms' scores (the span matcher wraps an
    intersection of the term matchers built exactly like this one and only filters it), so
    for a document known to contain the phrase this gives the same score, skips decoding
    positions, and allows block-quality skipping (the span matcher does not).
    """

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname]
        reader = searcher.reader()
        ms = []
        for word in self.words:
            term = (self.fieldname, field.to_bytes(word))
            if term not in reader:
                return matching.NullMatcher()
            ms.append(wq.Term(*term).matcher(searcher, context))
        m = make_binary_tree(matching.IntersectionMatcher, ms)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def ranking_query(q):
    """``q`` for ranking documents already known to match it: each phrase that every match
    must contain (not under Or, nor on the excluded side of AndNot) becomes a _PhraseScore."""
    if type(q) is wq.Phrase:
        return _PhraseScore(q.fieldname, q.words, slop=q.slop, boost=q.boost)
    if type(q) is wq.And:
        return wq.And([ranking_query(sub) for sub in q.subqueries], boost=q.boost)
    if type(q) is wq.AndNot:
        return wq.AndNot(ranking_query(q.a), q.b)
    if type(q) is wq.AndMaybe:
        return wq.AndMaybe(ranking_query(q.a), q.b)
    return q
