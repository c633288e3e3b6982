"""Page PDFs for the tests: the committed demo page (tests/data/pdf, invented text) and odd
PDFs made from it or by reportlab on the spot."""

import io
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "pdf"
DEMO = DATA / "demo-2020-02-03-p1.pdf"


def demo_bytes():
    return DEMO.read_bytes()


def demo_gold():
    return json.loads(DEMO.with_suffix(".json").read_text(encoding="utf-8"))


def broken_text_layer():
    """The demo page with its fonts' ToUnicode maps gone: text extracts as garbage."""
    return demo_bytes().replace(b"/ToUnicode", b"/ToUnicodX")


def truncated():
    return demo_bytes()[:2000]


def _canvas(pagesize=(595, 842), **options):
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    return out, Canvas(out, pagesize=pagesize, invariant=1, **options)


def scanned():
    """A page with a picture and no text at all, as a scanner makes it."""
    out, canvas = _canvas()
    canvas.setFillGray(0.6)
    canvas.rect(40, 40, 515, 760, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def encrypted():
    out, canvas = _canvas(encrypt="secret")
    canvas.drawString(100, 700, "locked")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def huge_page():
    out, canvas = _canvas(pagesize=(20000, 20000))
    canvas.drawString(100, 700, "poster")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def zero_pages():
    """A well-formed PDF whose page tree is empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def ingest_demo(settings, tmp_path):
    """The demo page ingested through the command, its files in a media folder of its own."""
    from django.core.management import call_command

    from archive.models import Page

    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "jzrb-2020-02-03-p1.pdf"
    path.write_bytes(demo_bytes())
    call_command("ingest", str(path), stdout=io.StringIO())
    return Page.objects.get()
