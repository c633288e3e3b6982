"""What the reader views show of a printed page: the picture with each article's region
(热区) as a link, the marks of a searched string, and an article's clip of the page.

Coordinates are the picture's pixels, so the templates draw them as SVG attributes (the
site's Content-Security-Policy allows no inline style); regions are stored as fractions.
"""

from archive import highlight
from archive.page_prints import char_boxes

__all__ = ["article_clip", "page_print"]

# An article's clip shows this much of the page around its regions (fraction of the page).
CLIP_MARGIN = 0.01


def _pixels(box, width, height):
    x0, y0, x1, y1 = box
    return {
        "x": round(x0 * width, 1),
        "y": round(y0 * height, 1),
        "width": round((x1 - x0) * width, 1),
        "height": round((y1 - y0) * height, 1),
    }


def _marks(page, query, regions=None):
    if not query:
        return []
    found = highlight.find(char_boxes(page), query)
    return highlight.inside(found, regions) if regions is not None else found


def page_print(page, articles, query=""):
    """The printed page for the page view, or None for a page that came as text."""
    if not page.image or not page.image_width:
        return None
    width, height = page.image_width, page.image_height
    spots = [
        {"article": a, "boxes": [_pixels(r, width, height) for r in a.regions]}
        for a in articles
        if a.regions
    ]
    return {
        "image": page.image.url,
        "pdf": page.pdf.url if page.pdf else "",
        "thumbnail": page.thumbnail.url if page.thumbnail else "",
        "width": width,
        "height": height,
        "spots": spots,
        "marks": [_pixels(m, width, height) for m in _marks(page, query)],
        "query": query,
    }


def article_clip(article, query=""):
    """The article's part of the printed page: an SVG view box over the page picture."""
    page = article.page
    if not article.regions or not page.image or not page.image_width:
        return None
    width, height = page.image_width, page.image_height
    x0 = max(0.0, min(r[0] for r in article.regions) - CLIP_MARGIN)
    y0 = max(0.0, min(r[1] for r in article.regions) - CLIP_MARGIN)
    x1 = min(1.0, max(r[2] for r in article.regions) + CLIP_MARGIN)
    y1 = min(1.0, max(r[3] for r in article.regions) + CLIP_MARGIN)
    view = _pixels((x0, y0, x1, y1), width, height)
    marks = _marks(page, query, article.regions)
    return {
        "image": page.image.url,
        "width": width,
        "height": height,
        "viewbox": f"{view['x']} {view['y']} {view['width']} {view['height']}",
        "boxes": [_pixels(r, width, height) for r in article.regions],
        "marks": [_pixels(m, width, height) for m in marks],
        "query": query,
    }
