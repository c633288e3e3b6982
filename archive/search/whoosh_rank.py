"""BM25 scores for a known set of matching documents, read straight from the postings.

Whoosh ranks by running the whole query again over every posting list (an intersection of
all of a phrase's bigrams across every segment), which at 10× the corpus cost ~150 ms for
a dateline that 110 articles contain. The matches are already known exactly
(archive.search.whoosh_match), so this module only adds up, for those documents, the BM25
weight of each ranking term: the query's bigrams (or characters) in the text, the same in
the boosted headline, and jieba's words.

    best(searcher, {3, 17, 40}, [("text", "北京", 1.0), ("headline", "北京", 1.0)], limit=2)
    # → [(17, 7.2), (3, 5.9)]
"""

import heapq
import math

from whoosh.codec.whoosh3 import W3LeafMatcher

from archive.search.whoosh_match import block_items

# Whoosh's BM25F defaults, so scores keep their familiar scale.
K1, B = 1.2, 0.75


def _weights(reader, fieldname, term, docnums):
    """{docnum: weight} of one term for the local ``docnums`` that contain it."""
    if (fieldname, term) not in reader:
        return {}
    matcher = reader._terms.matcher(fieldname, term, reader.schema[fieldname].format)
    found = {}
    if not isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher.id() in docnums:
                found[matcher.id()] = matcher.weight()
            matcher.next()
        return found
    found.update(block_items(matcher, docnums, "_weights"))
    return found


def scores(searcher, docnums, terms):
    """{docnum: BM25 sum} over ``terms`` ((fieldname, text, boost)) for ``docnums``."""
    total = dict.fromkeys(docnums, 0.0)
    count = max(searcher.doc_count_all(), 1)
    weighted = []  # (fieldname, term bytes, boost × idf, scorable, average length)
    for fieldname, text, boost in terms:
        field = searcher.schema[fieldname]
        term = field.to_bytes(text)
        df = searcher.doc_frequency(fieldname, term)
        if df:
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            avgdl = (searcher.avg_field_length(fieldname) or 1.0) if field.scorable else 1.0
            weighted.append((fieldname, term, boost * idf, field.scorable, avgdl))
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        local = {d - offset for d in docnums if offset <= d < offset + reader.doc_count_all()}
        if not local:
            continue
        for fieldname, term, factor, scorable, avgdl in weighted:
            for docnum, weight in _weights(reader, fieldname, term, local).items():
                length = reader.doc_field_length(docnum, fieldname, 1) if scorable else 1.0
                norm = K1 * (1 - B + B * length / avgdl)
                total[docnum + offset] += factor * weight * (K1 + 1) / (weight + norm)
    return total


def best(searcher, docnums, terms, limit):
    """The ``limit`` best (docnum, score) of ``docnums``, ties in docnum order."""
    scored = scores(searcher, docnums, terms)
    return heapq.nsmallest(limit, scored.items(), key=lambda item: (-item[1], item[0]))
