"""Render a PDF page once, at ingest: a WebP for the reader and a small thumbnail for the
issue's 版面导航. Plain Python on pypdfium2 (rendering) and Pillow (encoding).

>>> round(fit_scale(842, 1191, 1600), 4)
1.8996
>>> round(fit_scale(1000, 5000, 1600), 4)  # a long strip is held to the pixel budget
1.5492

The reader's image is 1,600 pixels wide: a broadsheet's 9-point body type comes out about
17 pixels high, readable at the page view's 2× zoom. WebP at quality 80 and encoder
method 0 keeps a full page near 0.5 MB and encodes in about a third of a second on this
machine (method 4, Pillow's default, takes twice as long for 10 % less).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

__all__ = ["Rendered", "fit_scale", "render_page"]

IMAGE_WIDTH = 1600
THUMBNAIL_WIDTH = 240
MAX_PIXELS = 12_000_000
_WEBP = {"format": "WEBP", "quality": 80, "method": 0}


@dataclass
class Rendered:
    """The encoded picture and thumbnail of one page, with the picture's size in pixels."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int


def fit_scale(width: float, height: float, target: int) -> float:
    """Pixels per point so the page is ``target`` pixels wide, within the pixel budget
    (pdfium rounds the bitmap's size up, hence the half pixel)."""
    scale = (target - 0.5) / width
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    return scale


def render_page(data: bytes, index: int) -> Rendered:
    """Render page ``index`` of the PDF in ``data`` (already checked by pdf_read)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        try:
            width, height = page.get_size()
            bitmap = page.render(scale=fit_scale(width, height, IMAGE_WIDTH))
            picture = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        document.close()
    return Rendered(_encoded(picture), _thumbnail(picture), picture.width, picture.height)


def _encoded(picture) -> bytes:
    out = io.BytesIO()
    picture.save(out, **_WEBP)
    return out.getvalue()


def _thumbnail(picture) -> bytes:
    small = picture.copy()
    small.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4))
    return _encoded(small)
