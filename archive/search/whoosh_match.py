"""The exact set of documents a query matches, computed as Python sets from raw postings.

Whoosh answers a phrase through span matchers that rebuild span objects for every candidate
(~0.8 ms a document here: 北京1月 at 1× took 360 ms). This module evaluates the site's own
query shapes — Term, Phrase, And, Or of them (archive.search.whoosh_query) — directly:

* a term's documents are read block by block (``_block_ids``), not one posting at a time;
* a phrase's candidates are the intersection of its terms' documents, and only there are
  positions decoded, for the fewest terms that pin the whole string down (``cover``).

    docnums_for(searcher, Phrase("text", ["北京", "京1", "1月"]))  # → {12, 57, …}
"""

import bisect
from itertools import accumulate

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

from archive.search import budget


def cover(count):
    """Indexes of the bigrams of a phrase of ``count`` bigrams whose positions prove it: every
    other one, and the last. Bigram i covers characters i and i+1, so these cover them all.

    >>> cover(1), cover(3), cover(4)
    ([0], [0, 2], [0, 2, 3])
    """
    picks = list(range(0, count, 2))
    if picks[-1] != count - 1:
        picks.append(count - 1)
    return picks


def blocks(matcher, within=None):
    """The W3 matcher positioned on each of its posting blocks in turn — only those that can
    hold a docnum of ``within`` (a set) when given. A block's header has its last id, and
    blocks are in id order, so a block holds ids after the previous block's last id."""
    wanted = sorted(within) if within is not None else None
    previous = -1
    while matcher.is_active():
        budget.check()  # a block is the smallest piece of work a search can stop after
        last = matcher._maxid
        if wanted is None:
            yield matcher
        else:
            i = bisect.bisect_right(wanted, previous)
            if i == len(wanted):
                return
            if wanted[i] <= last:
                yield matcher
        previous = last
        matcher._next_block()


def read_ids(block):
    """The docnums of the W3 block a matcher is on: Whoosh's own ``_read_ids``, with the
    gaps summed by itertools.accumulate in C instead of its generator (a step per posting:
    a tenth of a search's time at 10× the corpus)."""
    if block._ids is None:
        if block._data is None:
            block._read_data()
        ids = block._data[0]
        block._ids = ids if block._byteids else tuple(accumulate(ids))
    return block._ids


def _block_ids(matcher, within=None):
    """The docnums of a fresh postings matcher (those in ``within``, when given), one block
    at a time where Whoosh's W3 blocks allow it (the ids of a block are a tuple already)."""
    if not isinstance(matcher, W3LeafMatcher):
        ids = matcher.all_ids()
        return [d for d in ids if d in within] if within is not None else list(ids)
    ids = []
    for block in blocks(matcher, within):
        ids.extend(read_ids(block))
    return [d for d in ids if d in within] if within is not None else ids


def _raw_postings(reader, fieldname, term):
    """The postings matcher of a term without Whoosh's filter of deleted documents (which
    reads ahead on creation); the caller subtracts ``reader``'s deleted documents."""
    return reader._terms.matcher(fieldname, term, reader.schema[fieldname].format)


def _term_ids(reader, fieldname, term, within=None):
    if (fieldname, term) not in reader:
        return set()
    ids = set(_block_ids(_raw_postings(reader, fieldname, term), within))
    if reader.has_deletions():
        ids.difference_update(reader._perdoc.deleted_docs())
    return ids


def _positions(reader, fieldname, text, docnums):
    """{docnum: positions} of one term for ``docnums`` (a set, all containing it), reading
    each posting block's ids and values at once instead of skipping posting by posting."""
    matcher = _raw_postings(reader, fieldname, text)
    decode = reader.schema[fieldname].format.decoder("positions")
    found = {}
    if not isinstance(matcher, W3LeafMatcher):
        for docnum in sorted(docnums):
            matcher.skip_to(docnum)
            found[docnum] = decode(matcher.value())
        return found
    for docnum, value in block_items(matcher, docnums, "_values"):
        found[docnum] = decode(value)
    return found


def block_items(matcher, docnums, kind):
    """(docnum, stored item) for the docnums of ``docnums`` in a W3 matcher's blocks, where
    ``kind`` is "_values" (positions) or "_weights"; a block's items are decoded only when
    it holds one of them."""
    read = {"_values": "_read_values", "_weights": "_read_weights"}[kind]
    for block in blocks(matcher, docnums):
        items = None
        for j, docnum in enumerate(read_ids(block)):
            if docnum in docnums:
                if items is None:
                    getattr(block, read)()
                    items = getattr(block, kind)
                yield docnum, items[j]


class SpacedPhrase(wq.Phrase):
    """Bigrams at given character offsets: a quoted phrase with spaces, whose pieces must sit
    exactly as far apart as in the query ("防控 工作" is 防控 at 0 and 工作 at 3).

    Only this module evaluates it exactly (Whoosh's own matcher would ask for adjacency).
    """

    def __init__(self, fieldname, words, offsets, **kwargs):
        super().__init__(fieldname, words, **kwargs)
        self.offsets = list(offsets)

    def __eq__(self, other):
        return super().__eq__(other) and self.offsets == getattr(other, "offsets", None)

    __hash__ = wq.Phrase.__hash__

    def __repr__(self):
        return f"SpacedPhrase({self.fieldname!r}, {self.words!r}, {self.offsets!r})"


def _phrase_ids(reader, fieldname, words, offsets=None):
    terms = [reader.schema[fieldname].to_bytes(w) for w in words]
    candidates = None
    # The rarest term first; the others are read only in blocks that can hold its documents.
    for term in sorted(set(terms), key=lambda t: reader.doc_frequency(fieldname, t)):
        candidates = _term_ids(reader, fieldname, term, candidates)
        if not candidates:
            return set()
    if len(terms) == 1:
        return candidates
    # Each bigram i sits at offset i of a run; a spaced phrase's sit where the query puts them.
    picks = [(i, i) for i in cover(len(terms))] if offsets is None else enumerate(offsets)
    starts = None
    for n, i in picks:
        budget.check()
        positions = _positions(reader, fieldname, terms[n], candidates)
        if starts is None:
            starts = {d: {p - i for p in ps} for d, ps in positions.items()}
        else:
            kept = ((d, s.intersection(p - i for p in positions[d])) for d, s in starts.items())
            starts = {d: s for d, s in kept if s}
        candidates = set(starts)
        if not candidates:
            return set()
    return candidates


KNOWN = (wq.Term, wq.Phrase, SpacedPhrase, wq.And, wq.Or)


def known(q):
    """True for the query shapes this module evaluates (Term, Phrase, And/Or of them)."""
    if isinstance(q, wq.Term | wq.Phrase):
        return type(q) in KNOWN
    return type(q) in (wq.And, wq.Or) and all(known(sub) for sub in q.subqueries)


def _leaf_ids(reader, q):
    if isinstance(q, wq.Term):
        return _term_ids(reader, q.fieldname, reader.schema[q.fieldname].to_bytes(q.text))
    if isinstance(q, wq.Phrase):
        return _phrase_ids(reader, q.fieldname, q.words, getattr(q, "offsets", None))
    if isinstance(q, wq.And):
        result = None
        for sub in q.subqueries:
            budget.check()
            ids = _leaf_ids(reader, sub)
            result = ids if result is None else result & ids
            if not result:
                return set()
        return result
    result = set()
    for sub in q.subqueries:
        result |= _leaf_ids(reader, sub)
    return result


def docnums_for(searcher, q):
    """The set of (searcher-wide) docnums matching ``q`` exactly; Whoosh's own
    docs_for_query for any query shape this module does not know."""
    if not known(q):
        return set(searcher.docs_for_query(q))
    result = set()
    for leaf, offset in searcher.leaf_searchers():
        ids = _leaf_ids(leaf.reader(), q)
        result.update((d + offset for d in ids) if offset else ids)
    return result


def segment_docnums(leaf, offset, q):
    """The searcher-wide docnums of one segment (``leaf``, its first docnum ``offset``) that
    match ``q``: a search under a time budget reads the index one segment at a time, so the
    segments read whole give exact matches when the budget runs out in the next one."""
    ids = _leaf_ids(leaf.reader(), q) if known(q) else set(leaf.docs_for_query(q))
    return {d + offset for d in ids} if offset else ids
