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

import bisect
import itertools
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
from archive.ingest.scan import Ends, Spans, ahead, skip_blanks

__all__ = ["Segment", "segment", "take_opener"]

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
    # Headline parts (kicker, title, subtitle) read by the line-role model; None: split
    # ``headline`` by headline.py's rules.
    roles: tuple[str, str, str] | None = None
    # The body lines the line-role model read as a subhead, by line number, with its
    # chance (reflow sets them apart as paragraphs of their own).
    subheads: dict[int, float] = field(default_factory=dict)
    confidence: float = 1.0  # how sure the reading of this item's cuts and roles is
    flags: list[str] = field(default_factory=list)  # review flags the reading raised


def _is_opener(lines: list[Line], i: int, prev: Line | None) -> bool:
    """Line i opens an item: a byline or （上接…） where a new item can begin; ``prev`` is
    the text line before it (None at the page start).

    A byline only counts at the page start, after a column break or after a line that
    closed a body, so 本报讯 quoted mid-paragraph cannot split an article.
    """
    line = lines[i]
    if line.blank:
        return False
    if match_continued_from(line.text):
        return True
    if not (prev is None or lines[i - 1].blank or _closes_body(prev, lines, i)):
        return False
    return match_byline(_joined_head(lines, i)) is not None


def _openers(lines: list[Line]) -> list[int]:
    """Indexes of the lines that open an item, in one pass over the page."""
    starts, prev = [], None
    for i, line in enumerate(lines):
        if _is_opener(lines, i, prev):
            starts.append(i)
        if not line.blank:
            prev = line
    return starts


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
    """Line i and the next text lines, as many as a byline may fill (at least three, up
    to 60 characters or 8 lines): it may wrap (…姚广 / 强）) across a column break, and
    over five narrow lines (新华社北京1月1 / 5日电（中央人民广 / … / 韩振军）…)."""
    texts: list[str] = []
    for line in itertools.islice(lines, i, None):
        if not line.blank:
            texts.append(line.text)
            if len(texts) >= 8 or (len(texts) >= 3 and sum(map(len, texts)) >= 60):
                break
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
    starts = _openers(lines)
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
    Each item takes the lines from a position on, so a region is read once from start to
    end, however many items it holds (a 5 MB upload parses in linear time).
    """
    lines = merge_wrapped_markers(region)
    ends = Ends(lines)
    segments: list[Segment] = []
    pos = skip_blanks(lines, 0)
    while pos < len(lines):
        seg = Segment(first=lines[pos].number, last=region[-1].number)
        if opened and not segments:
            lines = [*lines[:pos], *take_opener(seg, lines[pos:])]
            ends = Ends(lines)
        first_item = opened and not segments
        pos = _parse_item(seg, lines, skip_blanks(lines, pos), ends, opened=first_item)
        segments.append(seg)
        pos = skip_blanks(lines, pos)
    _set_last(segments, region)
    return segments


def _parse_item(seg: Segment, lines: list[Line], pos: int, ends: Ends, *, opened: bool) -> int:
    """Fill ``seg`` with the item whose text starts at ``pos``; return where the next starts."""
    stop = len(lines)
    if not opened and pos < stop and _is_heading(lines, pos):
        seg.headline_first = True
        seg.headline = [[lines[pos].text]]
        seg.kind = "notice" if NOTICE.search(lines[pos].text) else "other"
        pos += 1
        stop = _text_box_end(lines, pos)
    end = ends.first(pos, stop)
    limit = end[0] if end else stop
    split = None if seg.headline_first else _find_headline_split(lines, pos, limit, stop)
    if split is not None:
        cut, seg.headline, after = split
        seg.body = lines[pos:cut]
        return after
    if end is None:
        seg.body = lines[pos:stop]
        return stop
    index, cut, seg.continued_to, seg.editor_code = end
    seg.body = [*lines[pos:index], trim_end(lines[index], cut)]
    headline, after = take_headline_blocks(lines, index + 1, stop)
    if seg.headline_first and headline:
        return index + 1  # the title came first; what follows is another item
    seg.headline = seg.headline or headline
    return after


def _text_box_end(lines: list[Line], pos: int) -> int:
    """A title-first notice sits in its own box: it ends where a finished sentence is
    followed by lines of a clearly narrower column (the next, unsigned, article)."""
    first = ahead(lines, pos, 2)
    if len(first) < 2:
        return len(lines)
    box = max(first[0].width, first[1].width)
    for i in range(pos, len(lines) - 1):
        line = lines[i]
        if line.blank or not SENTENCE_END.search(line.text):
            continue
        after = ahead(lines, i + 1, 2)
        if not after or after[0].width >= box * 0.75:
            continue
        # Two narrow lines in a row are another column's, whatever the first one holds
        # (●单程运行5小时以内列车, （图表由…制作）); one narrow line must open a paragraph.
        narrow = len(after) == 2 and after[1].width < box * 0.75
        if narrow or _looks_like_start(lines, i + 1):
            return i + 1
    return len(lines)


def _looks_like_start(lines: list[Line], pos: int) -> bool:
    """Line ``pos`` is a paragraph's first: the indent was lost, so it is shorter than the
    next one."""
    near = ahead(lines, pos, 8)
    text_lines = near[:2]
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
    column = max((effective_width(ln) for ln in near[2:]), default=0)
    if len(near) < 5:
        return False
    if BODY_END.search(second.text) and effective_width(first) <= column - 1:
        return True
    # A short entry (荣誉：全国精神文明建 / 设标兵): the first line is a lost indent short.
    return effective_width(first) <= column - 2


def _find_headline_split(
    body: list[Line], pos: int, limit: int, stop: int
) -> tuple[int, list[list[str]], int] | None:
    """A headline group after a finished sentence and before a fresh paragraph, in the
    item that starts at ``pos`` and ends by ``limit`` (its end marker) or ``stop``.

    Returns (body end, headline blocks, index where the next item starts) or None. The
    group must be followed by a paragraph start (a line shorter than the next, since the
    indent was lost), which tells it from a short column fragment mid-article (医院是疫情
    防控的重要防 / 线。在市第二人民医院…).
    """
    # The block holding the end line counts too: a headline may stand right before an
    # unsigned item that is one short paragraph ending in its code (（马东生）②6).
    spans = Spans(body, pos, min(limit + 1, stop))
    b = 1
    while spans.has(b):
        c = b
        while spans.has(c) and is_headline_block(body[spans[c][0] : spans[c][1]]):
            c += 1
        if c == b:
            b += 1
            continue
        # A headline group closing the region (the next item's byline or notice follows)
        # ends the item even after a list line without a stop (●…城际高 / 速列车); so
        # does one before a chunk that opens with a stray space, which only an item's
        # first line has (after a table's last figures: …82116668793 / 上周股市概览).
        closing = limit == stop and not spans.has(c)
        fresh = spans.has(c) and _opens_chunk(body[spans[c][0]])
        if not (_ends_item(body, spans[b - 1]) or closing or fresh):
            b += 1
            continue
        # A spread first line (贯 通 渭 北 1 5 个 乡) hides its indent; after a finished
        # sentence and a headline group it opens the next item all the same.
        starts = spans.has(c) and (
            fresh or body[spans[c][0]].spread or _looks_like_start(body, spans[c][0])
        )
        if closing or starts or _is_credit_item(body, spans, c, limit, stop):
            blocks = [[ln.text for ln in body[spans[k][0] : spans[k][1]]] for k in range(b, c)]
            after = spans[c][0] if spans.has(c) else stop
            return spans[b - 1][1], blocks, after
        b += 1
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


def _is_credit_item(body: list[Line], spans: Spans, c: int, limit: int, stop: int) -> bool:
    """Block ``c`` is a whole item of one bracketed line and its end marker: the artist
    under a picture, ``（牛沛岩）④8`` before its title ``虎（中国画）``. After a headline
    group that line cannot be the earlier item's text, which never ends in a bracket line
    with a code of its own."""
    if not spans.has(c) or spans.has(c + 1) or spans[c] != (limit, limit + 1) or limit >= stop:
        return False
    line = body[limit].text
    end = find_body_end([body[limit]])
    return end is not None and bool(BRACKETED.match(line[: end[1]]))


def _set_last(segments: list[Segment], region: list[Line]) -> None:
    """Line ranges: each item runs to the line before the next one starts."""
    numbers = [ln.number for ln in region if not ln.blank]
    for seg, nxt in zip(segments, segments[1:], strict=False):
        before = bisect.bisect_left(numbers, nxt.first)
        seg.last = numbers[before - 1] if before else seg.first
    segments[-1].last = numbers[-1] if numbers else segments[-1].first


def take_opener(seg: Segment, body: list[Line]) -> list[Line]:
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


def _is_heading(lines: list[Line], pos: int) -> bool:
    """Line ``pos`` is a title printed first: a short headline-like line with prose under
    it (敬告读者)."""
    first = lines[pos]
    rest = ahead(lines, pos + 1, 1)
    if not rest or not is_headline_line(first.text):
        return False
    if NOTICE.search(first.text):
        return True
    return not lines[pos + 1].blank and first.width * 2 <= rest[0].width
