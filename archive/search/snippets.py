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

from django.utils.html import escape

from archive.search.analysis import find_spans, fold_with_offsets, segments

DEFAULT_WIDTH = 120


def _needles(folded_text, terms):
    """The terms to mark: each whole, or its pieces when it does not occur whole.

    "防控 工作" (a quoted phrase with a space) is found in 防控，工作 as 防控 and 工作.
    """
    needles = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        if term in folded_text:
            needles.append(term)
        else:
            needles.extend(piece for _, piece in segments(term))
    return needles


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
    folded, offsets = fold_with_offsets(text)
    # offsets[end - 1] + 1: a character that NFKC widened (㈠ → (一)) is marked whole.
    spans = [
        (offsets[start], offsets[end - 1] + 1)
        for start, end in find_spans(folded, _needles(folded, terms))
    ]
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
