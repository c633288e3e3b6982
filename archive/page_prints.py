"""The printed page's files: a page PDF kept, rendered once and stored through Django's
storage API (FileSystemStorage under DATA_DIR/media by default; any STORAGES["default"]
backend, such as object storage, works the same).

Every name carries a digest of the content it was made from (the PDF's for the PDF, its
picture and thumbnail; the boxes' own for the character boxes), so a name never changes
meaning: the files are served with a year-long cache, and a page ingested again from
the same PDF reuses what is stored instead of rendering it again.
"""

import hashlib
import io
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from archive.ingest.pdf_page import PagePrint
from archive.ingest.pdf_render import IMAGE_WIDTH, THUMBNAIL_WIDTH, render_page

__all__ = ["PagePrint", "store_print"]

FOLDER = "pages"


def _digest(data):
    return hashlib.sha256(data).hexdigest()[:24]


def pdf_name(data):
    """Where a PDF is kept: its digest names it."""
    digest = _digest(data)
    return f"{FOLDER}/{digest[:2]}/{digest}.pdf"


def _names(printed):
    base = pdf_name(printed.pdf).removesuffix(".pdf")
    page = f"{base}-p{printed.index + 1}"
    boxes = json.dumps(printed.char_boxes, ensure_ascii=False, separators=(",", ":"))
    return (
        {
            "pdf": f"{base}.pdf",  # the same as pdf_name()
            "image": f"{page}-w{IMAGE_WIDTH}.webp",
            "thumbnail": f"{page}-w{THUMBNAIL_WIDTH}.webp",
            "char_boxes": f"{page}-chars-{_digest(boxes.encode())[:12]}.json",
        },
        boxes.encode(),
    )


def _save(name, data):
    if not default_storage.exists(name):
        stored = default_storage.save(name, ContentFile(data))
        if stored != name:  # another ingest stored the same content a moment ago
            default_storage.delete(stored)


def _image_size(name):
    from PIL import Image

    with default_storage.open(name) as handle, Image.open(io.BytesIO(handle.read())) as image:
        return image.size


def store_print(page, printed):
    """Keep the PDF, render the page (unless stored already) and point the row at them."""
    names, boxes = _names(printed)
    _save(names["pdf"], printed.pdf)
    if default_storage.exists(names["image"]) and default_storage.exists(names["thumbnail"]):
        width, height = _image_size(names["image"])
    else:
        rendered = render_page(printed.pdf, printed.index)
        _save(names["image"], rendered.image)
        _save(names["thumbnail"], rendered.thumbnail)
        width, height = rendered.width, rendered.height
    _save(names["char_boxes"], boxes)
    for field, name in names.items():
        setattr(page, field, name)
    page.image_width, page.image_height = width, height
    page.save(update_fields=[*names, "image_width", "image_height"])


def char_boxes(page):
    """The page's character boxes as stored at ingest, or None for a text-only page."""
    if not page.char_boxes:
        return None
    try:
        with default_storage.open(page.char_boxes.name) as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None
