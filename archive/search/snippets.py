"""The passage around the first matches, matches in <mark>, everything else HTML-escaped.

Matches are found by looking for the folded query strings in the folded stored text (a plain
``str.find``), then mapped back to the original characters, so the reader sees the text as
printed (鄭州 stays 鄭州 even when the query was 郑州). No article is re-analysed.

    >>> make_snippet("副市长王付举一同检查督导。<b>", ["王付举"])
    '副市长<mark>王付举</mark>一同检查督导。&lt;b&gt;'

A longer text is cut to about ``width`` characters, a quarter of them before the first match:

    >>> make_snippet("焦作日报讯 副市长王付举一同检查督导疫情防控工作。", ["王付举"], width=12)
    '…副市长<mark>王付举</mark>一同检查督导…'

haystack's Highlighter strips tags instead of escaping them and lets ``x<img onerror=…>``
through, so it is never used for output.
"""

from html import escape

from archive.search.analysis import find_spans, fold_with_offsets, segments

DEFAULT_WIDTH = 120


# Folding is most of a snippet's cost (~100 ns a character: 1.5 ms for a result page at 10×
# the corpus), and the passage is near the first match, which a plain find of the query as
# typed usually places: the text is folded only as far as the passage can reach, with MARGIN
# characters to spare.
MARGIN = 8


def _needles(folded_part, terms, whole):
    """The terms to mark: each whole, or its pieces when it does not occur whole. None when
    that cannot be told from this part of the text (a term of several pieces not in it).

    "防控 工作" (a quoted phrase with a space) is found in 防控，工作 as 防控 and 工作.
    """
    needles = []
    for term in terms:
        pieces = [piece for _, piece in segments(term)]
        if pieces == [term] or term in folded_part:
            needles.append(term)
        elif whole:
            needles.extend(pieces)
        else:
            return None
    return needles


def _spans(text, terms, width):
    """(start, end) in ``text`` of the matches, at least all of those the passage shows.

    Folding is per character, so the fold of a prefix is a prefix of the fold. A term found
    unfolded at p is (folded terms fold to themselves) a match there, so the first match is
    at p or before and the passage around it ends before p + width; that is checked, and
    where it fails, or no term is found unfolded, all of the text is folded.
    """
    longest = max(map(len, terms), default=0)
    found = [p for p in (text.find(term) for term in terms) if p != -1]
    if found and min(found) + width + longest + MARGIN < len(text):
        reach = min(found) + width + longest + MARGIN
        spans = _spans_in(text[:reach], terms, whole=False)
        if spans and _window(spans, len(text), width)[1] + longest + MARGIN <= reach:
            return spans
    return _spans_in(text, terms, whole=True)


def _spans_in(part, terms, whole):
    """The match spans in ``part`` (a prefix of the text, or all of it), in its characters;
    None when the needles cannot be told from a prefix."""
    folded, offsets = fold_with_offsets(part)
    needles = _needles(folded, terms, whole)
    if needles is None:
        return None
    # offsets[end - 1] + 1: a character that NFKC widened (㈠ → (一)) is marked whole.
    return [(offsets[start], offsets[end - 1] + 1) for start, end in find_spans(folded, needles)]


def _window(spans, length, width):
    """Start and end of a passage of about ``width`` characters showing the first matches."""
    if not spans:
        return 0, min(length, width)
    first = spans[0][0]
    start = max(0, first - width // 4)
    end = min(length, start + width)
    start = max(0, end - width)
    return start, end


def make_snippet(text, terms, width=DEFAULT_WIDTH):
    """Escaped HTML: about ``width`` characters of ``text`` around the first match.

    ``terms`` are folded strings (as ``ParsedQuery.highlight`` gives them). Without a match,
    the passage is the start of the text.
    """
    text = text or ""
    spans = _spans(text, [term.strip() for term in terms if term.strip()], width)
    start, end = _window(spans, len(text), width)
    out, cursor = [], start
    if start > 0:
        out.append("…")
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).replace("\n", " ")
