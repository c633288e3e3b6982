"""Parse a page PDF into articles with their regions: read → lines → blocks → items →
articles → people, the PDF's counterpart of :func:`archive.ingest.parse_page`.

>>> from archive.ingest.pdf_read import PdfPage
>>> read = parse_pdf_page(PdfPage(index=0, width=800, height=1200), number=1)
>>> read.page.review, read.page.articles
(['pdf_no_text'], [])

A page whose text layer cannot be trusted ((cid:NNN) glyphs with no Unicode, U+FFFD,
private-use codes) or that has none (a scanned page) gets a page review flag and no
articles: its garbage is never stored as text, but its image still is (the loader keeps
the PDF and renders it). Each article keeps ``regions``: one box per block (the headline
group, each column, the picture), in fractions of the page, origin top-left.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.ingest import find_persons, flags
from archive.ingest.model import ParsedArticle, ParsedPage
from archive.ingest.pdf_article import build_article
from archive.ingest.pdf_items import Item, find_items
from archive.ingest.pdf_lines import TextLine, group_blocks, group_lines
from archive.ingest.pdf_read import Box, PdfPage, read_pdf

__all__ = ["PagePrint", "PageRead", "parse_pdf", "parse_pdf_page"]

log = logging.getLogger(__name__)

# More untrustworthy characters than this share of the page: the text layer is garbage.
# A few (one odd symbol font) are dropped and the items holding them flagged.
BAD_SHARE = 0.02
MIN_HANZI = 0.3
# Character positions are kept in 1/10,000 of the page: finer than a pixel of the image.
GRID = 10_000


@dataclass
class PageRead:
    """One PDF page read: the parsed page, its text in reading order (what staff compare
    with), the character boxes for highlighting, and the page's size in points."""

    page: ParsedPage
    text: str = ""
    char_boxes: dict = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    index: int = 0


def parse_pdf(
    data: bytes, *, first_number: int | None = None, known_names: Iterable[str] = ()
) -> list[PageRead]:
    """Every page of a PDF; pages are numbered on from ``first_number``. Raises PdfError."""
    names = list(known_names)
    reads = []
    for pdf_page in read_pdf(data):
        number = None if first_number is None else first_number + pdf_page.index
        reads.append(parse_pdf_page(pdf_page, number=number, known_names=names))
    return reads


def parse_pdf_page(
    pdf_page: PdfPage, *, number: int | None = None, known_names: Iterable[str] = ()
) -> PageRead:
    """One page's articles in reading order; never raises on a page pdf_read could read."""
    read = PageRead(ParsedPage(number=number), width=pdf_page.width, height=pdf_page.height)
    read.index = pdf_page.index
    if not pdf_page.chars:
        read.page.review.append(flags.PDF_NO_TEXT)
        return read
    if pdf_page.bad_share > BAD_SHARE or _not_chinese(pdf_page):
        read.page.review.append(flags.PDF_TEXT_UNREADABLE)
        return read
    trusted = [c for c in pdf_page.chars if not c.bad]
    lines = group_lines(trusted)
    items = find_items(group_blocks(lines, pdf_page.rules), pdf_page.pictures, pdf_page.rules)
    _build(read, items, pdf_page)
    try:
        find_persons(read.page.articles, list(known_names))
    except Exception:  # find_persons notes its own failures; never lose the page for it
        log.exception("person extraction failed on PDF page %s", number)
    if len(trusted) < len(pdf_page.chars):
        for article in read.page.articles:
            article.review.append(flags.PDF_CHARS_DROPPED)
    return read


def _not_chinese(pdf_page: PdfPage) -> bool:
    """A page of a Chinese paper whose text is mostly not Chinese: a font without a Unicode
    map whose codes pdfium passed through as Latin letters (ÄÅÇÉ…), which look like text.
    Below this share of hanzi the page is no Chinese newspaper page."""
    if len(pdf_page.chars) < 200:
        return False
    hanzi = sum(
        "\u3400" <= c.text <= "\u9fff" or "\uf900" <= c.text <= "\ufaff" for c in pdf_page.chars
    )
    return hanzi / len(pdf_page.chars) < MIN_HANZI


def _build(read: PageRead, items: list[Item], pdf_page: PdfPage) -> None:
    """Articles, the page text with each article's line range, and the character boxes."""
    text: list[str] = []
    boxes: list[list] = []
    for item in items:
        start = len(text) + 1
        try:
            article = build_article(item)
        except Exception:  # a layout bug must not stop an ingest run; keep the text
            log.exception("building an article on PDF page %s failed", read.page.number)
            article = _fallback(item)
        printed = [ln for b in item.head + item.body for ln in b.lines]
        text += [ln.spaced for ln in printed] + [""]
        boxes += [_char_row(ln, pdf_page) for ln in printed]
        article.source_lines = (start, len(text) - 1)
        article.regions = [_fraction(box, pdf_page) for box in item.boxes()]
        read.page.articles.append(article)
    read.text = "\n".join(text)
    read.char_boxes = {"grid": GRID, "lines": boxes}


def _fallback(item: Item) -> ParsedArticle:
    body = "".join(ln.text for b in item.head + item.body for ln in b.lines)
    return ParsedArticle(kind="other", paragraphs=[body], review=[flags.PARSER_ERROR])


def _fraction(box: Box, pdf_page: PdfPage) -> list[float]:
    """A box in points as [x0, y0, x1, y1] fractions of the page, origin top-left."""
    w, h = pdf_page.width, pdf_page.height
    edges = (box.x0 / w, box.top / h, box.x1 / w, box.bottom / h)
    return [round(min(1.0, max(0.0, e)), 4) for e in edges]


def _char_row(line: TextLine, pdf_page: PdfPage) -> list:
    """[text, top, bottom, [x of each character's left edge…, right edge of the last]],
    in GRID units: compact enough to keep for every line of every page."""
    w, h = pdf_page.width, pdf_page.height
    xs = [round(c.x0 / w * GRID) for c in line.chars] + [round(line.chars[-1].x1 / w * GRID)]
    text = "".join(c.text for c in line.chars)
    return [text, round(line.top / h * GRID), round(line.bottom / h * GRID), xs]


@dataclass
class PagePrint:
    """What the loader keeps of a page that came as a PDF: the file, which of its pages
    this is, and the character boxes read from it."""

    pdf: bytes
    index: int
    char_boxes: dict = field(default_factory=dict)
