"""An uploaded file kept on the server while staff fix the upload form's other fields.

A browser never refills a file input, so a form sent back with "请填写出版日期" would make
staff choose the file again. Instead the bytes wait under DATA_DIR/kept-uploads/ and the form
carries a signed token naming them; the next submit without a new file uses them. Kept
files older than KEEP_FOR are removed whenever another is kept.
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

SALT = "archive.staff.kept-upload"
KEEP_FOR = 24 * 3600  # seconds: an upload form left open overnight still finds its file


def folder():
    path = settings.DATA_DIR / "kept-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(upload):
    """Store the upload's bytes; returns the token a form sends back to get them again."""
    clean_old()
    key = secrets.token_hex(16)
    upload.seek(0)
    (folder() / key).write_bytes(upload.read())
    upload.seek(0)
    return signing.dumps({"key": key, "name": upload.name}, salt=SALT)


def name_of(token):
    """The file name a token stands for (shown as 已保留文件 X), or None for a bad token."""
    opened = _open(token)
    return opened["name"] if opened else None


def restore(token):
    """The kept file as an upload again, or None when the token is bad or the file gone."""
    opened = _open(token)
    if opened is None:
        return None
    path = folder() / opened["key"]
    if not path.is_file():
        return None
    return SimpleUploadedFile(opened["name"], path.read_bytes())


def clean_old(now=None):
    """Remove kept files older than KEEP_FOR; returns how many went."""
    cutoff = (now or time.time()) - KEEP_FOR
    removed = 0
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _open(token):
    try:
        opened = signing.loads(token or "", salt=SALT, max_age=KEEP_FOR)
    except signing.BadSignature:
        return None
    # The key names a file in our folder only: hex, as keep() made it.
    key = opened.get("key", "")
    if not (len(key) == 32 and all(c in "0123456789abcdef" for c in key)):
        return None
    return opened
