"""The printed page's files (page PDFs, pictures, character boxes) from the default storage.

Their names hold a digest of their content (page_prints.py), so they are served as immutable
with a year-long cache. With object storage behind STORAGES["default"] the files' URLs point
there and this view is never asked.
"""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from archive.page_prints import FOLDER

CACHE = "public, max-age=31536000, immutable"
TYPES = {".webp": "image/webp", ".pdf": "application/pdf", ".json": "application/json"}


def media_file(request, name):
    """/media/pages/0d/0d9a…-p1-w1600.webp — one stored file of a printed page."""
    if not name.startswith(f"{FOLDER}/") or ".." in name.split("/"):
        raise Http404("没有这个文件")
    try:
        handle = default_storage.open(name)
    except (OSError, SuspiciousFileOperation):
        raise Http404("没有这个文件") from None
    suffix = name[name.rfind(".") :]
    kind = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = CACHE
    if suffix == ".pdf":
        response["Content-Disposition"] = 'inline; filename="page.pdf"'
    return response
