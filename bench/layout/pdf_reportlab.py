"""Newspaper pages as PDF through reportlab, typeset by our own rules: justified columns
with a two-character paragraph indent, closing punctuation never opening a line, headlines
across the article's columns in bigger type (引题 / 主题 / 副题), bylines, jump markers,
picture boxes with captions, rules between stacks and articles.

The column and headline layout is :mod:`bench.layout.pdf_columns`; this module draws it.
Returns the PDF and the gold: each story's expected article with its ``regions`` (one box
per printed block, fractions of the page, origin top-left). reportlab embeds TrueType
fonts only; the Debian packages fonts-wqy-zenhei and fonts-arphic-uming/-ukai supply them.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from bench.layout.paper_plan import PagePlan
from bench.layout.pdf_columns import fill_page
from bench.layout.pdf_stories import Story

__all__ = ["FONTS", "reportlab_page"]

FONTS = {
    "zenhei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
}


def measure(font: str):
    """Character widths in ``font`` (registered with reportlab)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cache: dict[tuple[str, float], float] = {}

    def width(ch: str, size: float) -> float:
        key = (ch, size)
        if key not in cache:
            cache[key] = stringWidth(ch, font, size)
        return cache[key]

    return width


@dataclass
class _Pen:
    """Draws on a reportlab canvas in top-left points, as pdf_columns lays a page out."""

    plan: PagePlan
    canvas: object
    measures: dict = field(default_factory=dict)

    def measure(self, font: str):
        if font not in self.measures:
            self.measures[font] = measure(font)
        return self.measures[font]

    def text(self, x, top, text, size, font, char_space=0.0):
        """One line of text whose top is ``top``."""
        obj = self.canvas.beginText()
        obj.setFont(font, size)
        obj.setCharSpace(char_space)
        obj.setTextOrigin(x, self.plan.height - top - 0.88 * size)
        obj.textOut(text)
        self.canvas.drawText(obj)

    def picture(self, box):
        x0, top, x1, bottom = box
        self.canvas.setFillGray(0.82)
        self.canvas.rect(x0, self.plan.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.canvas.setFillGray(0.0)

    def rule(self, x0, top, x1, bottom):
        self.canvas.setLineWidth(0.6)
        self.canvas.line(x0, self.plan.height - top, x1, self.plan.height - bottom)


def _register(plan: PagePlan) -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for key in (plan.body_font, plan.head_font):
        if key not in pdfmetrics.getRegisteredFontNames():
            path, index = FONTS[key]
            pdfmetrics.registerFont(TTFont(key, path, subfontIndex=index))
        names.append(key)
    return names[0], names[1]


def reportlab_page(stories: list[Story], plan: PagePlan, rng: random.Random):
    """(PDF bytes, gold items) for as many of ``stories`` as the page holds, in order."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(plan.width, plan.height), invariant=1)
    canvas.setTitle("typeset page")
    body_font, head_font = _register(plan)
    pen = _Pen(plan, canvas)
    gold = fill_page(pen, stories, plan, rng, body_font, head_font)
    canvas.showPage()
    canvas.save()
    return out.getvalue(), gold
