"""Open a page PDF and read what its pages hold: characters with their type and boxes, the
rules printed between articles and the picture boxes. Plain Python on pypdfium2.

>>> read_pdf(b"hello")
Traceback (most recent call last):
...
archive.ingest.pdf_read.PdfError: not a PDF file (it does not start with %PDF-)
>>> read_pdf(b"%PDF-1.4 truncated")
Traceback (most recent call last):
...
archive.ingest.pdf_read.PdfError: the PDF is damaged or truncated and cannot be read

Boxes are in PDF points with the origin at the page's TOP-left (PDF's own origin is the
bottom-left; every later stage thinks as a reader does, top to bottom). pypdfium2 reads a
typeset test page in 0.23 s where pdfplumber takes 0.92 s, the same characters on every page
(bench/pdf_text_speed.py), and it says itself when a character has no trustworthy Unicode mapping
(``FPDFText_HasUnicodeMapError``): a font without ToUnicode comes out as control codes or
accented Latin letters, which look like text but are not.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Char", "PdfError", "PdfPage", "read_pdf"]

# A page larger than this (points; 5,000 pt is 1.76 m) is no newspaper page: refuse it
# before rendering tries to allocate gigapixels.
MAX_PAGE_POINTS = 5000
MAX_PAGES = 64
# A path thinner than this is a rule; a filled box at least this big is a picture.
RULE_THICKNESS = 3.0
PICTURE_SIDE = 30.0


_EMPTY_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b")


class PdfError(ValueError):
    """A PDF that cannot be ingested; str() says why in words a person can act on."""


@dataclass
class Char:
    """One printed character: its text, box (points, origin top-left), type size and font.

    ``bad`` marks a character whose text cannot be trusted (no Unicode mapping, U+FFFD, a
    private-use or control code point).
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str = ""
    bad: bool = False
    baseline: float = 0.0  # where the glyph sits (points from the top), shared by a line
    space_after: bool = False  # the PDF prints a space character after it


@dataclass
class Box:
    """A rectangle on the page (points, origin top-left)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PdfPage:
    """One PDF page's content, ready for layout analysis."""

    index: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    pictures: list[Box] = field(default_factory=list)

    @property
    def bad_share(self) -> float:
        """The share of characters whose text cannot be trusted (0 on a page without text)."""
        return sum(c.bad for c in self.chars) / len(self.chars) if self.chars else 0.0


def open_document(data: bytes):
    """A pypdfium2 document for ``data``, or PdfError saying what is wrong with the file."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:5] == b"%PDF-":
        raise PdfError("not a PDF file (it does not start with %PDF-)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        # pdfium's own error code is global and may be left over from another file, so
        # the reason is read from the file itself.
        if b"/Encrypt" in data:
            raise PdfError("the PDF is encrypted (password protected); save it unlocked") from None
        if _EMPTY_TREE.search(data):
            raise PdfError("the PDF has no pages") from None
        raise PdfError("the PDF is damaged or truncated and cannot be read") from None
    if len(document) == 0:
        raise PdfError("the PDF has no pages")
    if len(document) > MAX_PAGES:
        raise PdfError(f"the PDF has {len(document)} pages; one file holds at most {MAX_PAGES}")
    for index in range(len(document)):
        width, height = document.get_page_size(index)
        if max(width, height) > MAX_PAGE_POINTS or min(width, height) < 1:
            raise PdfError(
                f"page {index + 1} is {width:.0f} × {height:.0f} pt, no newspaper page "
                f"(at most {MAX_PAGE_POINTS} pt a side)"
            )
    return document


def page_count(data: bytes) -> int:
    """How many pages the PDF has (PdfError if it cannot be ingested at all)."""
    document = open_document(data)
    try:
        return len(document)
    finally:
        document.close()


def read_pdf(data: bytes) -> list[PdfPage]:
    """Every page of the PDF in ``data``, or PdfError."""
    document = open_document(data)
    try:
        return [read_page(document, index) for index in range(len(document))]
    finally:
        document.close()


def read_page(document, index: int) -> PdfPage:
    """One page: characters, rules and picture boxes."""
    page = document[index]
    try:
        width, height = page.get_size()
        result = PdfPage(index=index, width=width, height=height)
        textpage = page.get_textpage()
        try:
            result.chars = _chars(textpage, height)
        finally:
            textpage.close()
        result.rules, result.pictures = _shapes(page, height)
        return result
    finally:
        page.close()


def _chars(textpage, height: float) -> list[Char]:
    """The page's printed characters; generated ones (spaces and line ends pdfium adds
    between text runs) and white space are left out: gaps are measured instead."""
    import pypdfium2.raw as raw

    chars = []
    name = ctypes.create_string_buffer(128)
    font_flags = ctypes.c_int()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage, i):
            continue  # pdfium's own guess at a space or a line end
        code = raw.FPDFText_GetUnicode(textpage, i)
        text = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if text.isspace():
            if chars and not raw.FPDFText_IsGenerated(textpage, i):
                chars[-1].space_after = True
            continue
        # The loose box spans the font's ascent to descent, the same for every glyph of a
        # line; the tight one hugs each glyph (一 is a sliver) and breaks line grouping.
        x0, bottom, x1, top = textpage.get_charbox(i, loose=True)
        raw.FPDFText_GetFontInfo(textpage, i, name, len(name), ctypes.byref(font_flags))
        bad = bool(raw.FPDFText_HasUnicodeMapError(textpage, i)) or _untrusted(text)
        # The size set in the text (Tf) times the scale it is drawn at: Chromium writes
        # 9.5 px type as Tf 9.5 under a 0.75 scale, 7.1 points on paper.
        raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
        size = raw.FPDFText_GetFontSize(textpage, i) * scale
        font = name.value.decode("latin-1", "replace")
        raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(origin_x), ctypes.byref(origin_y))
        # Vertically the box is the type size on the baseline: loose boxes come from each
        # font's bounding box, which some producers write wrong (Chromium's 一 is 0.6 pt high).
        baseline = height - origin_y.value
        char = Char(text, x0, baseline - 0.88 * size, x1, baseline + 0.12 * size, size, font, bad)
        char.baseline = baseline
        chars.append(char)
    return chars


def _untrusted(text: str) -> bool:
    """U+FFFD, a private-use, unassigned, surrogate or control code point.

    >>> [_untrusted(ch) for ch in ("中", "\\ufffd", "\\ue000", "\\x01", "①")]
    [False, True, True, True, False]
    """
    return text == "\ufffd" or unicodedata.category(text) in ("Co", "Cn", "Cs", "Cc")


def _shapes(page, height: float) -> tuple[list[Box], list[Box]]:
    """Thin paths are rules; big filled paths and images are picture boxes."""
    import pypdfium2.raw as raw

    rules, pictures = [], []
    kinds = [raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE]
    # Top-level objects only: bounds inside a form XObject are in the form's own space.
    for obj in page.get_objects(filter=kinds, max_depth=1):
        x0, y0, x1, y1 = obj.get_bounds()
        box = Box(x0, height - y1, x1, height - y0)
        thin = min(box.width, box.height) <= RULE_THICKNESS
        if thin and max(box.width, box.height) >= 20:
            rules.append(box)
        elif not thin and min(box.width, box.height) >= PICTURE_SIDE:
            pictures.append(box)
    return rules, _outermost(pictures, page.get_width() * height)


def _outermost(boxes: list[Box], page_area: float) -> list[Box]:
    """Picture boxes not inside another (a photo's frame and its image are one picture),
    without a page-sized background (Chromium paints one when backgrounds are printed)."""
    boxes = [b for b in boxes if b.width * b.height < page_area / 2]

    def covers(outer: Box, inner: Box) -> bool:
        return (
            outer.x0 - 1 <= inner.x0
            and inner.x1 <= outer.x1 + 1
            and outer.top - 1 <= inner.top
            and inner.bottom <= outer.bottom + 1
        )

    kept: list[Box] = []
    for box in sorted(boxes, key=lambda b: -b.width * b.height):
        if not any(covers(outer, box) for outer in kept):
            kept.append(box)
    return kept
