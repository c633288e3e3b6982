"""Our own newspaper layout, for a pen that draws it (pdf_reportlab's): stories set in
justified columns with a two-character indent, headlines across their columns in bigger
type, pictures with captions, rules; the gold boxes of every block come out as it draws.

>>> def em(ch, size):
...     return size / 2 if ch.isascii() else size
>>> lines = set_lines("一二三四五六七八九十，甲乙", 40.0, 10.0, em)
>>> [(text, round(indent)) for text, indent, _ in lines]  # the comma stays on its line
[('一二', 20), ('三四五六', 0), ('七八九十，', 0), ('甲乙', 0)]
"""

from __future__ import annotations

import math
import random

from bench.layout.paper_plan import PagePlan
from bench.layout.pdf_stories import Story

__all__ = ["fill_page", "set_lines"]

CLOSING = "，。、；：？！”’）》」』…"
OPENING = "“‘（《「『"


def set_lines(text: str, width: float, size: float, measure, indent: bool = True):
    """[(text, indent in points, justified)] for one paragraph in a column ``width`` wide."""
    lines = []
    start, first = 0, True
    while start < len(text):
        shift = 2 * size if first and indent else 0.0
        end, used = start, 0.0
        while end < len(text) and used + measure(text[end], size) <= width - shift + 0.01:
            used += measure(text[end], size)
            end += 1
        end = _break(text, start, max(end, start + 1))
        lines.append((text[start:end], shift, end < len(text)))
        start, first = end, False
    return lines


def _break(text: str, start: int, end: int) -> int:
    """Where the line really ends: a closing mark stays on it (squeezed), an opening mark
    or a number never ends it."""
    if end >= len(text):
        return end
    if text[end] in CLOSING:
        while end < len(text) and text[end] in CLOSING:
            end += 1
        return end
    cut = end
    while cut > start + 1 and (text[cut - 1] in OPENING or _in_word(text, cut)):
        cut -= 1
    return cut if cut > start + (end - start) // 2 else end


def _in_word(text: str, cut: int) -> bool:
    left, right = text[cut - 1], text[cut]
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


class _Layout:
    """Lays stories into one stack (or across the page) and keeps their gold."""

    def __init__(self, pen, plan: PagePlan, rng: random.Random, body_font: str, head_font: str):
        self.pen, self.plan, self.rng = pen, plan, rng
        self.body_font, self.head_font = body_font, head_font
        self.gold: list[dict] = []

    def fraction(self, box) -> list[float]:
        x0, top, x1, bottom = box
        w, h = self.plan.width, self.plan.height
        return [round(x0 / w, 4), round(top / h, 4), round(x1 / w, 4), round(bottom / h, 4)]

    def draw_line(self, x, top, line, size, font, width=None, centred=False):
        """Draw (text, indent, justified) at x/top; returns its box."""
        text, indent, justified = line
        measure = self.pen.measure(font)
        natural = sum(measure(ch, size) for ch in text)
        space = 0.0
        room = None if width is None else width - indent
        if room is not None and len(text) > 1 and (justified or natural > room):
            space = (room - natural) / (len(text) - 1)  # justified, or a mark squeezed in
        left = x + indent + ((width - natural) / 2 if centred and width else 0.0)
        self.pen.text(left, top, text, size, font, space)
        return (left, top, left + natural + space * (len(text) - 1), top + size)

    def headline(self, story: Story, x: float, top: float, width: float, draw: bool):
        """Draw (or measure) the headline; returns (its box or None, the top below it)."""
        body = self.plan.body_size
        parts = []
        title_size = round(body * self.rng_title, 1)
        lines = list(story.title_lines)
        for line in lines:
            title_size = min(title_size, self._fit(line, width, self.head_font))
        if title_size < body * 1.6 and len(lines) == 1 and len(lines[0]) > 6:
            half = len(lines[0]) // 2
            lines = [lines[0][:half], lines[0][half:]]
            title_size = min(self._fit(line, width, self.head_font) for line in lines)
            title_size = min(title_size, round(body * self.rng_title, 1))
        story.expected["title"] = " ".join(lines)  # a broken title reads with a space
        parts += [(line, title_size) for line in lines]
        if story.subtitle:
            parts += self._small_part(story, "subtitle", body * 1.3, width)
        if story.kicker:
            parts = self._small_part(story, "kicker", body * 1.45, width) + parts
        boxes = []
        for text, size in parts:
            if draw:
                line = (text, 0.0, False)
                boxes.append(
                    self.draw_line(x, top, line, size, self.head_font, width, self.plan.centred)
                )
            top += size * 1.25
        return (_union(boxes) if boxes else None), top + body * 0.8

    def _small_part(self, story: Story, name: str, size: float, width: float):
        """A kicker or subtitle: shrunk to fit, but never to body type (it would read as
        text); too long even then, it breaks over lines, which read with a space."""
        text = story.expected[name].replace(" ", "")
        fit = self._fit(text, width, self.head_font)
        least = round(self.plan.body_size * 1.25, 1)
        if fit >= least:
            story.expected[name] = text
            return [(text, min(round(size, 1), fit))]
        for count in range(2, 6):
            step = -(-len(text) // count)
            lines = [text[i : i + step] for i in range(0, len(text), step)]
            fit = min(self._fit(line, width, self.head_font) for line in lines)
            if fit >= least:
                break
        story.expected[name] = " ".join(lines)
        return [(line, min(round(size, 1), fit)) for line in lines]

    def _fit(self, text: str, width: float, font: str) -> float:
        """The biggest size at which ``text`` fits ``width`` on one line."""
        measure = self.pen.measure(font)
        natural = sum(measure(ch, 10.0) for ch in text)
        return math.floor(10.0 * width / natural * 10) / 10 if natural else 99.0

    def story(self, story: Story, x: float, top: float, width: float, columns: int, bottom):
        """Lay out one story in ``columns`` columns; False if it does not fit above bottom."""
        if story.caption:
            return self.photo(story, x, top, width, bottom)
        self.rng_title = self.rng.uniform(2.0, 3.0)
        _, body_top = self.headline(story, x, top, width, draw=False)
        gutter = self.plan.gutter
        col = (width - gutter * (columns - 1)) / columns
        size, pitch = self.plan.body_size, self.plan.body_size * self.plan.leading
        measure = self.pen.measure(self.body_font)
        lines = [(story.byline_line, 0.0, False)] if story.byline_line else []
        for paragraph in story.paragraphs:
            lines += set_lines(paragraph, col, size, measure)
        per_column = math.ceil(len(lines) / columns)
        height = body_top - top + per_column * pitch
        if top + height > bottom or per_column > 90:
            return None
        head_box, _ = self.headline(story, x, top, width, draw=True)
        regions = [self.fraction(head_box)]
        for c in range(columns):
            chunk = lines[c * per_column : (c + 1) * per_column]
            if not chunk:
                continue
            cx = x + c * (col + gutter)
            boxes = [
                self.draw_line(cx, body_top + i * pitch, line, size, self.body_font, col)
                for i, line in enumerate(chunk)
            ]
            regions.append(self.fraction(_union(boxes)))
        self.gold.append({**story.expected, "regions": regions})
        return top + height

    def photo(self, story: Story, x: float, top: float, width: float, bottom):
        """A picture box the stack's width and its caption under it."""
        size = round(self.plan.body_size * 0.9, 1)
        picture = (x, top, x + width, top + width * 0.6)
        measure = self.pen.measure(self.body_font)
        lines = set_lines(story.caption, width, size, measure, indent=False)
        pitch = size * 1.4
        caption_top = picture[3] + size * 0.6
        end = caption_top + len(lines) * pitch
        if end > bottom:
            return None
        self.pen.picture(picture)
        boxes = [
            self.draw_line(x, caption_top + i * pitch, line, size, self.body_font, width)
            for i, line in enumerate(lines)
        ]
        regions = [self.fraction(picture), self.fraction(_union(boxes))]
        self.gold.append({**story.expected, "regions": regions})
        return end


def _union(boxes):
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def fill_page(pen, stories: list[Story], plan: PagePlan, rng: random.Random, body_font, head_font):
    """Lay out stories in order until the page is full; returns the gold items."""
    layout = _Layout(pen, plan, rng, body_font, head_font)
    queue = list(stories)
    bottom = plan.height - plan.margin
    space = plan.body_size * 1.6
    top = plan.margin
    if plan.lead_story and queue:
        story = queue.pop(0)
        wide = plan.columns if plan.columns <= 4 else plan.columns // 2
        end = layout.story(
            story, plan.margin, top, plan.width - 2 * plan.margin, wide, bottom * 0.5
        )
        if end is not None:
            top = end + space
            _rule(pen, plan, plan.margin, top - space / 2, plan.width - plan.margin)
    for index, span in enumerate(plan.stacks):
        x, width, y = plan.stack_x(index), plan.stack_width(index), top
        if index and plan.rules:
            rx = x - plan.gutter / 2
            pen.rule(rx, top, rx, bottom)
        misses = 0
        while queue and misses < 3:
            end = layout.story(queue[0], x, y, width, span, bottom)
            if end is None:
                queue.append(queue.pop(0))  # try a shorter one
                misses += 1
                continue
            queue.pop(0)
            y = end + space
            if plan.rules:
                _rule(pen, plan, x, y - space / 2, x + width)
    return layout.gold


def _rule(pen, plan: PagePlan, x0: float, y: float, x1: float) -> None:
    if plan.rules:
        pen.rule(x0, y, x1, y)
