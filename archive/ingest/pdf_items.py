"""Blocks → items: which blocks make one article, in what order, and which are its headline.

>>> from archive.ingest.pdf_lines import TextBlock, TextLine
>>> from archive.ingest.pdf_read import Char
>>> def block(text, x, top, size):
...     chars = [Char(ch, x + i * size, top, x + (i + 1) * size, top + size, size)
...              for i, ch in enumerate(text)]
...     return TextBlock([TextLine(chars)])
>>> blocks = [block("坚决打赢阻击战", 0, 0, 30), block("本报讯今天上午", 0, 40, 10),
...           block("我市召开会议。", 80, 40, 10)]
>>> [(len(item.head), len(item.body)) for item in find_items(blocks, [])]
[(1, 2)]

Type size says what a block is: the page's commonest size is the body; clearly bigger type
is a headline (主题 the biggest of its group, 引题 above it, 副题 below); a picture box
with the text right under it is a photo and its caption. Each body block belongs to the
nearest headline above it that spans it: a newspaper prints an article's headline across
the columns of its body. Columns are read left to right, each top to bottom; articles by
where their headline stands, top to bottom, then left to right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archive.ingest.pdf_lines import TextBlock
from archive.ingest.pdf_read import Box

__all__ = ["Item", "body_size", "find_items", "reading_order"]

# A block in type this much bigger than the body is (part of) a headline.
HEADLINE_RATIO = 1.2
# A caption stands this close under (or over) its picture, in its own type size.
CAPTION_GAP = 1.6


@dataclass
class Item:
    """One article (or photo) on the page: headline blocks top to bottom, body blocks in
    reading order, and its picture box if it is a photo."""

    head: list[TextBlock] = field(default_factory=list)
    body: list[TextBlock] = field(default_factory=list)
    picture: Box | None = None

    @property
    def anchor(self) -> tuple[float, float]:
        """Where the item stands, for ordering: its first block's top-left."""
        first = self.head[0] if self.head else (self.body[0] if self.body else None)
        box = first.box if first else self.picture
        return (box.top, box.x0)

    def boxes(self) -> list[Box]:
        """One box per block: the headline group's, each body block's, the picture's."""
        boxes = [_union([b.box for b in self.head])] if self.head else []
        if self.picture is not None:
            boxes.append(self.picture)
        return boxes + [b.box for b in self.body]


def body_size(blocks: list[TextBlock]) -> float:
    """The page's body type: the size most characters are printed in (half points)."""
    counts: Counter[float] = Counter()
    for block in blocks:
        for line in block.lines:
            counts[round(line.size * 2) / 2] += len(line.chars)
    return counts.most_common(1)[0][0] if counts else 0.0


def find_items(blocks: list[TextBlock], pictures: list[Box], rules: list[Box] = ()) -> list[Item]:
    """The page's items in reading order."""
    if not blocks:
        return []
    size = body_size(blocks)
    heads = [b for b in blocks if b.size >= size * HEADLINE_RATIO]
    head_ids = {id(b) for b in heads}
    photos, captions = _photos(blocks, pictures, head_ids)
    items = [Item(head=group) for group in _headline_groups(heads)]
    loose: list[TextBlock] = []
    for block in blocks:
        if id(block) in head_ids or id(block) in captions:
            continue
        owner = _owner(block, items)
        if owner is None:
            loose.append(block)
        else:
            owner.body.append(block)
    loose = _join_beside(loose, items, rules)
    loose = _give_bodies(loose, items)
    items += _headless(loose)
    for item in items:
        item.body = _reading_order(item.body)
    return reading_order(items + photos)


def reading_order(items: list[Item]) -> list[Item]:
    """Items as a reader takes them: cut the page where a gap runs right across it (under
    a story spanning the page), else where one runs down it (between stacks), and read
    the parts top to bottom, left to right; a part that no gap cuts, by position."""
    if len(items) < 2:
        return list(items)
    boxes = {id(item): _union(item.boxes()) for item in items}
    for horizontal in (True, False):
        parts = _cut(items, boxes, horizontal)
        if len(parts) > 1:
            return [item for part in parts for item in reading_order(part)]
    return sorted(items, key=lambda item: item.anchor)


def _cut(items: list[Item], boxes: dict, horizontal: bool) -> list[list[Item]]:
    """Runs of items separated by a gap across the page (horizontal) or down it."""
    start, end = ("top", "bottom") if horizontal else ("x0", "x1")
    ordered = sorted(items, key=lambda item: getattr(boxes[id(item)], start))
    parts: list[list[Item]] = [[ordered[0]]]
    reach = getattr(boxes[id(ordered[0])], end)
    for item in ordered[1:]:
        box = boxes[id(item)]
        if getattr(box, start) >= reach - 1:
            parts.append([item])
        else:
            parts[-1].append(item)
        reach = max(reach, getattr(box, end))
    return parts


def _photos(
    blocks: list[TextBlock], pictures: list[Box], head_ids: set[int]
) -> tuple[list[Item], set[int]]:
    """Picture boxes with a caption right under (or over) them: photo items."""
    photos, used = [], set()
    for picture in pictures:
        near = [
            b for b in blocks if id(b) not in head_ids | used and _captions(picture, b.box, b.size)
        ]
        if near:
            caption = min(near, key=lambda b: abs(b.top - picture.bottom))
            used.add(id(caption))
            photos.append(Item(body=[caption], picture=picture))
    return photos, used


def _captions(picture: Box, box: Box, size: float) -> bool:
    overlap = min(picture.x1, box.x1) - max(picture.x0, box.x0)
    if overlap < 0.6 * (box.x1 - box.x0):
        return False
    below = -size <= box.top - picture.bottom <= CAPTION_GAP * size
    above = -size <= picture.top - box.bottom <= CAPTION_GAP * size
    return below or above


def _headline_groups(heads: list[TextBlock]) -> list[list[TextBlock]]:
    """Headline blocks stacked right over each other (引题, 主题, 副题) are one headline."""
    groups: list[list[TextBlock]] = []
    for block in sorted(heads, key=lambda b: (b.top, b.x0)):
        for group in groups:
            last = group[-1]
            overlap = min(last.x1, block.x1) - max(last.x0, block.x0)
            gap = block.top - last.bottom
            spans = overlap >= 0.3 * min(last.x1 - last.x0, block.x1 - block.x0)
            if spans and -2 <= gap <= 1.3 * max(last.size, block.size):
                group.append(block)
                break
        else:
            groups.append([block])
    return groups


def _owner(block: TextBlock, items: list[Item]) -> Item | None:
    """The item whose headline stands nearest above the block, over it.

    A headline of another article between them, under the same headline, cuts the view:
    a short centred headline stands over only part of its first and last columns, and
    those must not fall to the wider headline of the article above.
    """
    heads = [(item, _union([b.box for b in item.head])) for item in items]
    best, best_bottom = None, None
    for item, head in heads:
        overlap = min(head.x1, block.x1) - max(head.x0, block.x0)
        if overlap < min(2 * block.size, 0.5 * (block.x1 - block.x0)):
            continue
        if head.bottom > block.top + 1 or any(_cuts(other, head, block) for _, other in heads):
            continue
        if best_bottom is None or head.bottom > best_bottom:
            best, best_bottom = item, head.bottom
    return best


def _cuts(other: Box, head: Box, block: TextBlock) -> bool:
    """``other`` stands between ``head`` and the block, under ``head``."""
    between = head.bottom <= other.top and other.bottom <= block.top + 1
    return between and min(head.x1, other.x1) - max(head.x0, other.x0) > 0


def _join_beside(loose: list[TextBlock], items: list[Item], rules: list[Box]) -> list[TextBlock]:
    """A short headline does not reach over all its columns: a column starting level with
    one of an article's, right beside it with no rule between, is the article's too (the
    most level one's, when two articles' columns stand either side)."""
    loose = sorted(loose, key=lambda b: b.x0)
    joined = True
    while joined:
        joined = False
        for block in list(loose):
            level = [
                (abs(b.top - block.top), n)
                for n, item in enumerate(items)
                if item.head
                for b in item.body
                if _neighbours(b, block, rules)
            ]
            if level:
                items[min(level)[1]].body.append(block)
                loose.remove(block)
                joined = True
    return loose


def _give_bodies(loose: list[TextBlock], items: list[Item]) -> list[TextBlock]:
    """A headline with no text under it takes the loose block just below it: the artist's
    name under a picture's title (（夏湘平）, set to the right, clear of the title)."""
    for item in items:
        if item.body or not loose:
            continue
        head = _union([b.box for b in item.head])
        near = [
            b
            for b in loose
            if head.bottom - 1 <= b.top <= head.bottom + 3 * b.size
            and max(b.x0 - head.x1, head.x0 - b.x1) <= head.x1 - head.x0
        ]
        if near:
            block = min(near, key=lambda b: b.top)
            item.body.append(block)
            loose.remove(block)
    return loose


def _neighbours(owned: TextBlock, block: TextBlock, rules: list[Box]) -> bool:
    """Columns side by side, level at the top, no rule between them."""
    if _beside(owned, block):
        return not _ruled(owned, block, rules)
    return _beside(block, owned) and not _ruled(block, owned, rules)


def _ruled(left: TextBlock, right: TextBlock, rules: list[Box]) -> bool:
    """A vertical rule stands in the gutter between two blocks."""
    return any(
        r.height > r.width
        and left.x1 - 1 <= (r.x0 + r.x1) / 2 <= right.x0 + 1
        and r.top <= right.bottom
        and r.bottom >= right.top
        for r in rules
    )


def _headless(blocks: list[TextBlock]) -> list[Item]:
    """Blocks under no headline: each run of neighbouring columns is one item."""
    items: list[Item] = []
    for block in sorted(blocks, key=lambda b: (b.x0, b.top)):
        home = next((item for item in items if _beside(item.body[-1], block)), None)
        if home is None:
            items.append(Item(body=[block]))
        else:
            home.body.append(block)
    return items


def _beside(left: TextBlock, right: TextBlock) -> bool:
    """``right`` is the next column of ``left``: just right of it, starting level with it."""
    gap = right.x0 - left.x1
    return -1 <= gap <= 4 * left.size and abs(right.top - left.top) <= 0.5 * left.size


def _reading_order(blocks: list[TextBlock]) -> list[TextBlock]:
    """Columns left to right (blocks overlapping in x are one column), each top to bottom."""
    columns: list[list[TextBlock]] = []
    for block in sorted(blocks, key=lambda b: b.x0):
        column = next((c for c in columns if _same_column(c, block)), None)
        if column is None:
            columns.append([block])
        else:
            column.append(block)
    ordered = []
    for column in sorted(columns, key=lambda c: min(b.x0 for b in c)):
        ordered += sorted(column, key=lambda b: b.top)
    return ordered


def _same_column(column: list[TextBlock], block: TextBlock) -> bool:
    x0, x1 = min(b.x0 for b in column), max(b.x1 for b in column)
    overlap = min(x1, block.x1) - max(x0, block.x0)
    return overlap >= 0.5 * min(x1 - x0, block.x1 - block.x0)


def _union(boxes: list[Box]) -> Box:
    return Box(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )
