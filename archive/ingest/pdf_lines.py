"""Printed characters → lines → blocks: the first two stages of reading a page PDF.

>>> from archive.ingest.pdf_read import Char
>>> def row(text, x, baseline, size=10.0):
...     return [Char(ch, x + i * size, baseline - size, x + (i + 1) * size, baseline, size,
...                  baseline=baseline) for i, ch in enumerate(text)]
>>> chars = row("本报讯今天", 0, 20) + row("第二栏文字", 80, 20) + row("上午开会", 0, 35)
>>> [line.text for line in group_lines(chars)]
['本报讯今天', '第二栏文字', '上午开会']
>>> [[line.text for line in block.lines] for block in group_blocks(group_lines(chars))]
[['本报讯今天', '上午开会'], ['第二栏文字']]

A line is a run of characters on one baseline in one type size; a gap wider than a
character is a column gutter, so the same baseline across two columns (or two articles)
gives two lines, never one read straight across. A block is a column's run of lines in
one size, left edges aligned (a paragraph indent allowed), no rule between them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from archive.ingest.pdf_read import Box, Char

__all__ = ["TextBlock", "TextLine", "group_blocks", "group_lines"]

# A gap wider than this many type sizes ends a line: a gutter, not justification. CJK
# justification spreads a line by a fraction of a character; a gutter is a character
# or more. A narrower gap (down to NARROW_GUTTER) is a gutter too where the lines above
# and below have one at the same place: Chromium lets a closing mark hang into the
# gutter, leaving half a character between two columns.
GUTTER = 0.95
NARROW_GUTTER = 0.45
# A gap this wide inside a headline is a printed space (全民动员 人人参与); headlines are
# set solid (never justified), and a CJK font's space is a quarter of a character.
HEADLINE_SPACE = 0.2
# Lines of one block stand at most this many type sizes apart (descent to ascent).
LEADING_GAP = 1.1


@dataclass
class TextLine:
    """One printed line: its characters left to right and their joint box."""

    chars: list[Char]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        self.size = median(c.size for c in self.chars)

    @property
    def text(self) -> str:
        """The line's text; a space only where the PDF prints one between Latin words
        (justification spreads every character, digits too: 1 8日 is 18日)."""
        out = [self.chars[0].text]
        for left, right in zip(self.chars, self.chars[1:], strict=False):
            if left.space_after and _latin(left.text) and _latin(right.text):
                out.append(" ")
            out.append(right.text)
        return "".join(out)

    @property
    def spaced(self) -> str:
        """The text with a space at every printed space or wide gap, as a headline
        prints its parts (全民动员 人人参与)."""
        out = [self.chars[0].text]
        for left, right in zip(self.chars, self.chars[1:], strict=False):
            if left.space_after or _spaced(left, right, self.size):
                out.append(" ")
            out.append(right.text)
        return "".join(out)

    @property
    def bad(self) -> int:
        """How many of the line's characters cannot be trusted."""
        return sum(c.bad for c in self.chars)


@dataclass
class TextBlock:
    """Lines of one column in one type size, top to bottom."""

    lines: list[TextLine] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def size(self) -> float:
        return median(ln.size for ln in self.lines)

    @property
    def box(self) -> Box:
        return Box(self.x0, self.top, self.x1, self.bottom)

    @property
    def chars(self) -> int:
        return sum(len(ln.chars) for ln in self.lines)


def _spaced(left: Char, right: Char, size: float) -> bool:
    """A space stands between two headline characters. Hanzi stand one em apart, centre
    to centre, whatever their boxes (Chromium's boxes hug the glyph: 日 is narrower than
    子); after a Latin letter the gap counts."""
    if left.text.isascii() or right.text.isascii():
        return right.x0 - left.x1 >= HEADLINE_SPACE * size
    step = (right.x0 + right.x1) / 2 - (left.x0 + left.x1) / 2
    return step >= (1 + HEADLINE_SPACE * 0.75) * size


def _latin(text: str) -> bool:
    return text.isascii() and text.isalnum()


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.6, 0.06 * max(a, b))


def group_lines(chars: list[Char]) -> list[TextLine]:
    """Lines of the page, top to bottom and left to right."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        row = rows[-1] if rows else None
        if row and abs(char.baseline - row[0].baseline) <= 0.2 * max(char.size, row[0].size):
            row.append(char)
        else:
            rows.append([char])
    rows = [sorted(row, key=lambda c: c.x0) for row in rows]
    gutters = _gutters(rows)
    sizes = Counter(round(c.size * 2) / 2 for c in chars)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    lines = []
    for row in rows:
        lines += _split_row(row, gutters, body)
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def _gaps(row: list[Char]):
    """(left, right) of every gap in the row at least NARROW_GUTTER wide."""
    for left, right in zip(row, row[1:], strict=False):
        if right.x0 - left.x1 >= NARROW_GUTTER * max(left.size, right.size):
            yield left.x1, right.x0


def _gutters(rows: list[list[Char]]) -> set[int]:
    """Where narrow gaps are gutters: the left edges (whole points) that many lines start
    at, as every line of a column does to the point (a justified table row's gaps, or
    the space in a byline, end where few lines start)."""
    starts: dict[int, int] = {}
    for row in rows:
        for x in [row[0].x0] + [right for _, right in _gaps(row)]:
            starts[round(x)] = starts.get(round(x), 0) + 1
    return {x for x in starts if sum(starts.get(x + d, 0) for d in (-1, 0, 1)) >= 8}


def _split_row(row: list[Char], gutters: set[int], body: float) -> list[TextLine]:
    """A baseline's characters as lines: split at gutters and where the type size changes."""
    runs: list[list[Char]] = [[row[0]]]
    for char in row[1:]:
        last = runs[-1][-1]
        size = max(char.size, last.size)
        gap = char.x0 - last.x1
        # A space between Latin words is a gutter only when very wide: justification
        # stretches it (“Happy birthday！” across a narrow column).
        words = last.space_after or (_latin(last.text) and _latin(char.text))
        wide = gap > (3.0 if words else GUTTER) * size
        # A headline may end less than a character of its own big type short of the next
        # stack's, which starts at a column edge: there the body's narrow gutter counts.
        least = NARROW_GUTTER * min(size, body)
        narrow = gap >= least and round(char.x0) in gutters and not words
        if wide or narrow or not _same_size(char.size, last.size):
            runs.append([char])
        else:
            runs[-1].append(char)
    return [TextLine(run) for run in runs]


def group_blocks(lines: list[TextLine], rules: list[Box] = ()) -> list[TextBlock]:
    """Blocks of the page, ordered by their first line."""
    blocks: list[TextBlock] = []
    for line in lines:
        home = max(
            (b for b in blocks if _continues(b, line, rules)),
            key=lambda b: b.bottom,
            default=None,
        )
        if home is None:
            blocks.append(TextBlock([line]))
        else:
            home.lines.append(line)
    return blocks


def _continues(block: TextBlock, line: TextLine, rules: list[Box]) -> bool:
    """``line`` is the block's next line: same size, right under it, in its column."""
    last = block.lines[-1]
    if not _same_size(last.size, line.size):
        return False
    gap = line.top - last.bottom
    if not -0.2 * line.size <= gap <= LEADING_GAP * line.size:
        return False
    overlap = min(block.x1, line.x1) - max(block.x0, line.x0)
    # A paragraph's short last line over an indented first one, or an indented first line
    # over the rest: the left edges are an indent apart even when the lines barely overlap.
    aligned = -3 * line.size <= line.x0 - block.x0 <= 3 * line.size
    if overlap < 0.5 * min(block.x1 - block.x0, line.x1 - line.x0) and not aligned:
        return False
    # Body lines share a left edge (an indent is two characters); a headline may be centred.
    if line.x0 - block.x0 > 3 * line.size and line.x1 < block.x1 - 3 * line.size:
        if len(line.chars) > 2 and not _centred(block, line):
            return False
    return not any(_between(rule, last, line) for rule in rules)


def _centred(block: TextBlock, line: TextLine) -> bool:
    middle = (block.x0 + block.x1) / 2
    return abs((line.x0 + line.x1) / 2 - middle) <= line.size


def _between(rule: Box, upper: TextLine, lower: TextLine) -> bool:
    """A horizontal rule printed between two lines, across them."""
    if rule.width < rule.height:
        return False
    middle = (rule.top + rule.bottom) / 2
    spans = min(rule.x1, lower.x1) - max(rule.x0, lower.x0) > 0
    return upper.bottom - 1 <= middle <= lower.top + 1 and spans
