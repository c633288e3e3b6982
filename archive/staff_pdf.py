"""A page PDF uploaded in the admin: parsed for the review screens, kept in storage
meanwhile (under the name page_prints.py gives it), and attached when staff store it.

Between the screens the review state carries only the stored PDF's name; the character
boxes are read again from it when the page is stored.
"""

import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from archive.ingest.pdf_page import PagePrint, parse_pdf
from archive.page_prints import FOLDER, pdf_name

__all__ = ["is_pdf", "page_prints", "parse_upload"]

_NAME = re.compile(rf"^{FOLDER}/[0-9a-f]{{2}}/[0-9a-f]{{24}}\.pdf$")


def is_pdf(upload):
    """The uploaded file is a PDF (its first bytes say so, whatever its name)."""
    if not upload:
        return False
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return head.lstrip()[:5] == b"%PDF-"


def parse_upload(upload, page_number, known_names):
    """(parsed first page, its text in reading order, stored PDF name); PdfError if the
    file cannot be read. Only the PDF's first page is taken: one upload is one page."""
    data = upload.read()
    reads = parse_pdf(data, first_number=page_number, known_names=known_names)
    name = pdf_name(data)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return reads[0].page, reads[0].text, name


def page_prints(state):
    """{page number: PagePrint} for a review state that came from a PDF, else {}."""
    name = state.get("pdf") or ""
    if not _NAME.match(name) or not default_storage.exists(name):
        return {}
    with default_storage.open(name) as handle:
        data = handle.read()
    read = parse_pdf(data)[0]
    return {state["page"]["number"]: PagePrint(data, 0, read.char_boxes)}
