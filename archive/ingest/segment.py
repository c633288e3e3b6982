"""Split a page's lines into items in reading order.

>>> from archive.ingest.normalize import normalize_text
>>> page = "本报讯（记者刘婧）1月24日上午，我市召开会议。①3\\n\\n王小平到马村区督导\\n检查疫情防控工作\\n"
>>> [(s.byline.reporters, s.editor_code, s.headline) for s in segment(normalize_text(page))]
[(['刘婧'], '①3', [['王小平到马村区督导', '检查疫情防控工作']])]

E-paper text prints an article as: byline + body, then a jump （下转第二版③） or an editor
code (①3) on the last line, then the article's headline (kicker, title, subtitle) *after*
the body, each headline block standing alone between column breaks. So an item opens at a
byline (本报讯（记者…）, 新华社北京1月25日电) or a continuation （上接第一版③）, its body runs to
the first jump or editor code, and the headline-like blocks after that belong to it. A
notice (敬告读者) is the exception: its title comes first and it has no byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from archive.ingest.body_end import find_body_end, merge_wrapped_markers, trim_end
from archive.ingest.headline import (
    BRACKETED,
    NOTICE,
    is_headline_block,
    is_headline_line,
    take_headline_blocks,
)
from archive.ingest.markers import (
    Byline,
    match_byline,
    match_continued_from,
    match_editor_code,
    match_jump_to,
)
from archive.ingest.model import Jump
from archive.ingest.normalize import Line
from archive.ingest.reflow import effective_width

__all__ = ["Segment", "segment"]

SENTENCE_END = re.compile(r"[。！？…][”’」』）)]*$|[”’」』][。！？]$")
# A bullet or a number opens a paragraph of a list: ●新开工竣工面积…, 1、杭州开通…
_ITEM_MARK = re.compile(r"^([●■◆▲★○□◇]|\d{1,2}[、：]|[一二三四五六七八九十]{1,3}、)")
CLOSING = "，。、；：？！”’）》」』"
# A body may also end on an attribution in brackets: …（闻力）, （新华社记者高洁摄）.
BODY_END = re.compile(SENTENCE_END.pattern + r"|[）)』」》]$")


@dataclass
class Segment:
    """One item before reflow: its body lines (blank lines = column breaks) and furniture."""

    body: list[Line] = field(default_factory=list)
    headline: list[list[str]] = field(default_factory=list)  # blocks of headline lines
    kind: str = "article"
    headline_first: bool = False
    byline: Byline | None = None
    continued_from: Jump | None = None
    continued_to: Jump | None = None
    editor_code: str = ""
    first: int = 0
    last: int = 0


def _is_opener(lines: list[Line], i: int) -> bool:
    """Line i opens an item: a byline or （上接…） where a new item can begin.

    A byline only counts at the page start, after a column break or after a line that
    closed a body, so 本报讯 quoted mid-paragraph cannot split an article.
    """
    line = lines[i]
    if line.blank:
        return False
    if match_continued_from(line.text):
        return True
    prev = next((p for p in reversed(lines[:i]) if not p.blank), None)
    if not (prev is None or lines[i - 1].blank or _closes_body(prev, lines, i)):
        return False
    return match_byline(_joined_head(lines, i)) is not None


def _is_notice_title(lines: list[Line], i: int) -> bool:
    """敬告读者 alone on a line after a column break, with its text right under it."""
    return (
        lines[i - 1].blank
        and not lines[i + 1].blank
        and len(lines[i].text) <= 8
        and bool(NOTICE.search(lines[i].text))
    )


def _closes_body(prev: Line, lines: list[Line], i: int) -> bool:
    """The line before a byline ended an item: an end marker, or a finished sentence in a
    wider box (the notice 敬告读者 runs straight into the next byline). A finished
    sentence in the same column is just a paragraph end, and a dateline there is text."""
    if match_jump_to(prev.text) or match_editor_code(prev.text):
        return True
    if not SENTENCE_END.search(prev.text):
        return False
    column = next((ln.width for ln in lines[i + 1 : i + 3] if not ln.blank), lines[i].width)
    before = [ln.width for ln in lines[max(0, i - 4) : i] if not ln.blank]
    return max(before, default=prev.width) >= column * 1.4


def _joined_head(lines: list[Line], i: int) -> str:
    """Line i and the next two text lines: a byline may wrap (…姚广 / 强）), even across a
    column break (新华社济南1月25日电 / blank / （记者董振国）…)."""
    texts = [ln.text for ln in lines[i:] if not ln.blank][:3]
    return "".join(texts)


def _trim_start(body: list[Line], count: int) -> list[Line]:
    """Drop ``count`` characters from the front of the body (a byline or 上接 marker)."""
    out = list(body)
    for i, line in enumerate(out):
        if count <= 0:
            break
        if line.blank:
            continue
        take = min(count, len(line.text))
        rest = line.text[take:]
        count -= take
        # The width stays the printed line's: a line shortened by its byline is not short.
        out[i] = replace(line, text=rest, blank=not rest)
    # A byline that used up whole lines leaves empty lines, which are not column breaks.
    while out and out[0].blank:
        out.pop(0)
    return out


def segment(lines: list[Line]) -> list[Segment]:
    """Items of the page in reading order; every non-blank line lands in exactly one item."""
    starts = [i for i in range(len(lines)) if _is_opener(lines, i)]
    # A notice's title (敬告读者) after a column break opens an item too, though it is
    # not an opener: the item before it ends there even without an end marker.
    notices = [i for i in range(1, len(lines) - 1) if _is_notice_title(lines, i)]
    cuts = sorted({*starts, *notices})
    bounds = [0, *cuts] if not cuts or cuts[0] != 0 else cuts
    segments: list[Segment] = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        region = lines[start:end]
        if any(not ln.blank for ln in region):
            segments.extend(_parse_region(region, opened=start in starts))
    return segments


def _parse_region(region: list[Line], *, opened: bool) -> list[Segment]:
    """One opener's lines: body, end marker, headline blocks, then any further items.

    Items without a byline (a notice, an unsigned article) have no opener of their own, so
    they are found inside a region: after the previous body's end marker and headline, or
    after a headline group standing between a finished sentence and a fresh paragraph.
    """
    body = merge_wrapped_markers([ln for ln in region])
    while body and body[0].blank:
        body.pop(0)
    seg = Segment(first=body[0].number, last=region[-1].number)
    leftover: list[Line] = []
    if opened:
        body = _take_opener(seg, body)
    elif body and _is_heading(body):
        seg.headline_first = True
        seg.headline = [[body[0].text]]
        seg.kind = "notice" if NOTICE.search(body[0].text) else "other"
        body, leftover = _split_text_box(body[1:])
    end = find_body_end(body)
    split = _find_headline_split(body, end[0] if end else len(body))
    if split is not None and not seg.headline_first:
        cut, headline, after = split
        seg.body, seg.headline, leftover = body[:cut], headline, body[after:] + leftover
    elif end is None:
        seg.body = body
    else:
        index, cut, jump, code = end
        seg.continued_to, seg.editor_code = jump, code
        seg.body = [*body[:index], trim_end(body[index], cut)]
        rest = body[index + 1 :]
        headline, after = take_headline_blocks(rest)
        if seg.headline_first and headline:
            after = rest  # the title came first; what follows is another item
        else:
            seg.headline = seg.headline or headline
        leftover = after + leftover
    segments = [seg]
    if any(not ln.blank for ln in leftover):
        segments.extend(_parse_region(leftover, opened=False))
    _set_last(segments, region)
    return segments


def _split_text_box(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """A title-first notice sits in its own box: it ends where a finished sentence is
    followed by lines of a clearly narrower column (the next, unsigned, article)."""
    lines = [ln for ln in body if not ln.blank]
    if len(lines) < 2:
        return body, []
    box = max(lines[0].width, lines[1].width if len(lines) > 1 else 0)
    for i, line in enumerate(body[:-1]):
        if line.blank or not SENTENCE_END.search(line.text):
            continue
        after = [n for n in body[i + 1 :] if not n.blank][:2]
        if not after or after[0].width >= box * 0.75:
            continue
        # Two narrow lines in a row are another column's, whatever the first one holds
        # (●单程运行5小时以内列车, （图表由…制作）); one narrow line must open a paragraph.
        narrow = len(after) == 2 and after[1].width < box * 0.75
        if narrow or _looks_like_start(body[i + 1 :]):
            return body[: i + 1], body[i + 1 :]
    return body, []


def _looks_like_start(lines: list[Line]) -> bool:
    """A paragraph's first line: the indent was lost, so it is shorter than the next one."""
    ahead = [ln for ln in lines if not ln.blank][:8]
    text_lines = ahead[:2]
    if not text_lines or text_lines[0].text[:1] in CLOSING:
        return False
    if len(text_lines) == 1:
        return True
    first, second = text_lines
    if _ITEM_MARK.match(first.text):
        return True
    if first.spread is not False:
        return False  # a squeezed closing mark (…“两节”，) hangs past the column
    if effective_width(first) <= effective_width(second) - 1:
        return True
    # A two-line paragraph (我第一次出外打工，是 / 在大连。): its second line is short
    # because it ends the paragraph; the first is still short of the column's full width.
    column = max((effective_width(ln) for ln in ahead[2:]), default=0)
    if len(ahead) < 5:
        return False
    if BODY_END.search(second.text) and effective_width(first) <= column - 1:
        return True
    # A short entry (荣誉：全国精神文明建 / 设标兵): the first line is a lost indent short.
    return effective_width(first) <= column - 2


def _find_headline_split(body: list[Line], limit: int) -> tuple[int, list[list[str]], int] | None:
    """A headline group after a finished sentence and before a fresh paragraph.

    Returns (body end, headline blocks, index where the next item starts) or None. The
    group must be followed by a paragraph start (a line shorter than the next, since the
    indent was lost), which tells it from a short column fragment mid-article (医院是疫情
    防控的重要防 / 线。在市第二人民医院…).
    """
    # The block holding the end line counts too: a headline may stand right before an
    # unsigned item that is one short paragraph ending in its code (（马东生）②6).
    spans = _block_spans(body[: limit + 1])
    for b in range(1, len(spans)):
        c = b
        while c < len(spans) and is_headline_block(body[spans[c][0] : spans[c][1]]):
            c += 1
        if c == b:
            continue
        # A headline group closing the region (the next item's byline or notice follows)
        # ends the item even after a list line without a stop (●…城际高 / 速列车); so
        # does one before a chunk that opens with a stray space, which only an item's
        # first line has (after a table's last figures: …82116668793 / 上周股市概览).
        closing = limit == len(body) and c == len(spans)
        fresh = c < len(spans) and _opens_chunk(body[spans[c][0]])
        if not (_ends_item(body, spans[b - 1]) or closing or fresh):
            continue
        at_end = c == len(spans) and limit == len(body)
        # A spread first line (贯 通 渭 北 1 5 个 乡) hides its indent; after a finished
        # sentence and a headline group it opens the next item all the same.
        starts = c < len(spans) and (
            fresh or body[spans[c][0]].spread or _looks_like_start(body[spans[c][0] :])
        )
        if at_end or starts or _is_credit_item(body, spans, c, limit):
            blocks = [[ln.text for ln in body[s:e]] for s, e in spans[b:c]]
            after = spans[c][0] if c < len(spans) else len(body)
            return spans[b - 1][1], blocks, after
    return None


def _opens_chunk(line: Line) -> bool:
    """The line opens a text chunk: extraction put a stray space before its first
    character (`` 本报讯…``, `` 衣：北京设计师…``), which a line inside a paragraph never has."""
    return line.raw[:1] == " " and line.raw[1:2] not in (" ", "")


def _ends_item(body: list[Line], span: tuple[int, int]) -> bool:
    """The block ``span`` can close an item: its last line ends a sentence or a bracket,
    or one or two short unpunctuated lines follow such a line, as a signature under an
    essay (…大为好转。 / 乌鲁木齐石油化工总厂邓本金) or a caption note (…影响。 / 图片： /
    漫画). Short means not as wide as the block's widest line: a full line without a stop
    is mid-paragraph."""
    start, end = span
    column = max(ln.width for ln in body[start:end])
    for back in range(3):
        i = end - 1 - back
        if i < start:
            return False
        if BODY_END.search(body[i].text):
            tail = body[i + 1 : end]  # a signature may wrap: 乌鲁木齐石油化工总 / 厂邓本金
            short = not tail or tail[-1].width < column - 1
            return short and all(is_headline_like(ln.text) for ln in tail)
    return False


def is_headline_like(text: str) -> bool:
    """No clause punctuation at the end: a signature, a caption label (图片：) or a name."""
    return not text.endswith(("，", "、", "；", ",")) and "。" not in text


def _is_credit_item(body: list[Line], spans: list[tuple[int, int]], c: int, limit: int) -> bool:
    """Block ``c`` is a whole item of one bracketed line and its end marker: the artist
    under a picture, ``（牛沛岩）④8`` before its title ``虎（中国画）``. After a headline
    group that line cannot be the earlier item's text, which never ends in a bracket line
    with a code of its own."""
    if c != len(spans) - 1 or spans[c] != (limit, limit + 1) or limit >= len(body):
        return False
    line = body[limit].text
    end = find_body_end([body[limit]])
    return end is not None and bool(BRACKETED.match(line[: end[1]]))


def _block_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) index pairs of runs of non-blank lines."""
    spans, start = [], None
    for i, line in enumerate(lines):
        if line.blank and start is not None:
            spans.append((start, i))
            start = None
        elif not line.blank and start is None:
            start = i
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _set_last(segments: list[Segment], region: list[Line]) -> None:
    """Line ranges: each item runs to the line before the next one starts."""
    numbers = [ln.number for ln in region if not ln.blank]
    for seg, nxt in zip(segments, segments[1:], strict=False):
        seg.last = max((n for n in numbers if n < nxt.first), default=seg.first)
    segments[-1].last = numbers[-1] if numbers else segments[-1].first


def _take_opener(seg: Segment, body: list[Line]) -> list[Line]:
    """Strip （上接…） and/or the byline from the front of the body into ``seg``."""
    cont = match_continued_from(body[0].text)
    if cont:
        seg.continued_from = cont[1]
        body = _trim_start(body, cont[0])
        if not body:
            return body
    head = _joined_head(body, 0)
    byline = match_byline(head)
    if byline:
        seg.byline = byline
        body = _trim_start(body, byline.length)
    return body


def _is_heading(body: list[Line]) -> bool:
    """A title printed first: a short headline-like line with prose under it (敬告读者)."""
    first = body[0]
    rest = [ln for ln in body[1:] if not ln.blank]
    if not rest or not is_headline_line(first.text):
        return False
    if NOTICE.search(first.text):
        return True
    return not body[1].blank and first.width * 2 <= rest[0].width
