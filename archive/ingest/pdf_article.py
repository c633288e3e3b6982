"""An item's blocks → a :class:`ParsedArticle`: headline parts by type size, then the same
furniture and paragraph stages as page text (bylines, jumps, editor codes, reflow).

>>> from archive.ingest.pdf_lines import TextBlock, TextLine
>>> from archive.ingest.pdf_read import Char
>>> def line(text, x, top, size=10.0):
...     return TextLine([Char(ch, x + i * size, top, x + (i + 1) * size, top + size, size)
...                      for i, ch in enumerate(text)])
>>> head = [TextBlock([line("在检查工作时强调", 0, 0, 16)]), TextBlock([line("坚决打赢阻击战", 0, 20, 30)])]
>>> body = [TextBlock([line("本报讯（记者刘婧）今天上午，", 20, 60), line("我市召开会议。", 0, 74),
...                    line("会议要求落实。①3", 20, 88)])]
>>> a = build_article(Item(head=head, body=body))
>>> (a.kicker, a.title, a.source, a.reporters, a.paragraphs, a.editor_code)
('在检查工作时强调', '坚决打赢阻击战', '本报', ['刘婧'], ['今天上午，我市召开会议。', '会议要求落实。'], '①3')

A PDF keeps what page text loses: the paragraph indent (a first line starts two
characters in), so paragraphs are read from it; a body printed without indents goes
through the same reflow as page text. Where a line ends the body, its jump or editor
code is taken off, as for text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.ingest import review_notes
from archive.ingest.body_end import merge_wrapped_markers
from archive.ingest.headline import NOTICE
from archive.ingest.markers import (
    match_byline,
    match_continued_from,
    match_editor_code,
    match_jump_to,
)
from archive.ingest.model import ParsedArticle
from archive.ingest.normalize import Line
from archive.ingest.pdf_items import Item
from archive.ingest.pdf_lines import TextBlock, TextLine
from archive.ingest.reflow import reflow
from archive.ingest.segment import Segment

__all__ = ["build_article", "headline_parts"]

# A line starting this many type sizes right of its column's edge is indented: a new
# paragraph (the print indent is two characters).
INDENT = 1.2
_DASH = ("——", "—", "--")
_SPACES = re.compile(r"\s+")


def headline_parts(head: list[TextBlock]) -> tuple[str, str, str]:
    """(kicker, title, subtitle): the biggest type is the title, smaller type above it the
    kicker, below it the subtitle; a block opening with a dash is always a subtitle."""
    if not head:
        return "", "", ""
    texts = [_block_text(b) for b in head]
    main = max(range(len(head)), key=lambda i: (head[i].size, -i))
    kicker = " ".join(texts[:main])
    subtitle = " ".join(texts[main + 1 :])
    title = texts[main]
    if title.startswith(_DASH) and kicker and not subtitle:
        return "", kicker, title  # 主题 over a dashed 副题 printed just as big
    return kicker, title, subtitle


def _block_text(block: TextBlock) -> str:
    """A headline block's lines joined by one space (a two-line title is one title)."""
    return _SPACES.sub(" ", " ".join(ln.spaced.strip() for ln in block.lines)).strip()


def build_article(item: Item) -> ParsedArticle:
    """The interchange article an item holds."""
    if item.picture is not None:
        caption = "".join(ln.text for b in item.body for ln in b.lines)
        return ParsedArticle(kind="photo", paragraphs=[caption] if caption else [])
    kicker, title, subtitle = headline_parts(item.head)
    article = ParsedArticle(kicker=kicker, title=title, subtitle=subtitle)
    if NOTICE.search(title):
        article.kind = "notice"
    seg = Segment(kind=article.kind)
    lines = merge_wrapped_markers(body_lines(item.body))
    indented = any(ln.indent for ln in lines)
    lines = _take_ending(seg, _take_opener(seg, lines))
    article.paragraphs, review = _paragraphs(lines, indented)
    article.continued_to, article.continued_from = seg.continued_to, seg.continued_from
    article.editor_code = seg.editor_code
    if seg.byline:
        article.source, article.dateline = seg.byline.source, seg.byline.dateline
        article.reporters = list(seg.byline.reporters)
    article.review = review_notes(seg, article) + review
    return article


def body_lines(blocks: list[TextBlock]) -> list[Line]:
    """The body as page-text lines: a blank line between blocks (a column break), widths in
    character cells, ``indent`` 2 on a line printed two characters in."""
    lines: list[Line] = []
    for block in blocks:
        if lines:
            lines.append(Line(0, "", "", 0.0, True))
        left = _column_left(block, blocks)
        for printed in block.lines:
            lines.append(_line(printed, left, after_break=bool(lines) and lines[-1].blank))
    return lines


def _line(printed: TextLine, left: float, *, after_break: bool) -> Line:
    text = printed.text
    indented = printed.x0 - left >= INDENT * printed.size
    width = round((printed.x1 - printed.x0) / printed.size * 2) / 2
    return Line(0, text, text, width, False, 2 if indented else 0, after_break)


def _column_left(block: TextBlock, blocks: list[TextBlock]) -> float:
    """The column's left edge: the leftmost line start of the item's blocks in the same
    column. A column holding only an indented line (a short last paragraph) shows no edge
    of its own; the columns before it, one pitch apart, tell where it is."""
    size = block.size
    starts = [ln.x0 for b in blocks for ln in b.lines if abs(b.x0 - block.x0) <= 3 * size]
    left = min(starts, default=block.x0)
    # Only columns of several lines show their edge (a one-line column may be indented).
    lefts = sorted({round(min(ln.x0 for ln in b.lines), 1) for b in blocks if len(b.lines) > 1})
    before = [x for x in lefts if x < left - 3 * size]
    if len(before) >= 2:
        pitch = before[-1] - before[-2]
        expected = before[-1] + pitch
        if size <= left - expected <= 3 * size:
            return expected
    return left


def _take_opener(seg: Segment, lines: list[Line]) -> list[Line]:
    """（上接第一版③） and the byline off the front of the body, into ``seg``."""
    text_lines = [ln for ln in lines if not ln.blank]
    if not text_lines:
        return lines
    cont = match_continued_from(_head_text(text_lines, 12))
    if cont:
        seg.continued_from = cont[1]
        lines = _trim_start(lines, cont[0])
        text_lines = [ln for ln in lines if not ln.blank]
    if not text_lines:
        return lines
    # 本报记者 刘婧 on a line of its own, else 本报讯（记者…） running into the text.
    alone = match_byline(text_lines[0].text)
    joined = match_byline(_head_text(text_lines))
    byline = joined if joined and (alone is None or joined.length > alone.length) else alone
    if byline:
        seg.byline = byline
        lines = _trim_start(lines, byline.length)
    return lines


def _head_text(lines: list[Line], enough: int = 48) -> str:
    """The body's first lines joined, as much as a byline can run to: a narrow column
    wraps 新华社北京10月22日电（记者梅世雄） over four lines."""
    text = ""
    for line in lines:
        text += line.text
        if len(text) >= enough:
            break
    return text


def _trim_start(lines: list[Line], count: int) -> list[Line]:
    """The body without its first ``count`` characters; lines used up are dropped."""
    out = []
    for line in lines:
        if count > 0 and not line.blank:
            take = min(count, len(line.text))
            count -= take
            rest = line.text[take:]
            if not rest:
                continue
            line = replace(line, raw=rest, text=rest)
        out.append(line)
    while out and out[0].blank:
        out.pop(0)
    return out


def _take_ending(seg: Segment, lines: list[Line]) -> list[Line]:
    """A jump （下转第二版③） or an editor code ending the body's last line, into ``seg``."""
    index = next((i for i in range(len(lines) - 1, -1, -1) if not lines[i].blank), None)
    if index is None:
        return lines
    last = lines[index].text
    jump = match_jump_to(last)
    code = "" if jump else match_editor_code(last)
    if jump:
        seg.continued_to, cut = jump[1], jump[0]
    elif code:
        seg.editor_code, cut = code, len(last) - len(code)
    else:
        return lines
    rest = last[:cut]
    kept = lines[:index] + ([replace(lines[index], raw=rest, text=rest)] if rest else [])
    return kept


def _paragraphs(lines: list[Line], indented: bool) -> tuple[list[str], list[str]]:
    """Paragraphs from the printed indents; without any, from widths (reflow).

    A body printed with indents shows them (its first line at least, before a byline is
    taken off it); one without any has only widths and punctuation, like page text.
    """
    text_lines = [ln for ln in lines if not ln.blank]
    if not text_lines:
        return [], []
    if not indented and len(text_lines) > 2:
        flowed = reflow(lines)
        return flowed.paragraphs, flowed.review
    paragraphs: list[str] = []
    for line in text_lines:
        if line.indent and paragraphs and paragraphs[-1]:
            paragraphs.append(line.text)
        elif paragraphs:
            paragraphs[-1] = _joined(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
    return [p for p in paragraphs if p], []


def _joined(left: str, right: str) -> str:
    """Lines of a paragraph join without a space, but Latin words split at a line end."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return left + " " + right
    return left + right
