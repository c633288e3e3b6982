"""Turn files on disk into interchange issue documents, without touching the database.

Four formats come in: raw e-paper page text (`page`), interchange JSON (`json`, one document,
a list of them, or JSON lines), the PFR tagged corpus (`pfr`) and page PDFs (`pdf`, told by
their first bytes, %PDF-, or their name). Every problem is raised as InputError with one line
naming the file and, where it can, the line or JSON path.
"""

import bz2
import gzip
import json
import lzma
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archive.ingest import DecodeError, decode_bytes, parse_page
from archive.ingest.interchange import InterchangeError, build_issue_document, validate_issue
from archive.ingest.pdf_page import PagePrint, parse_pdf
from archive.ingest.pdf_read import PdfError, page_count
from archive.sources import from_file_name, paper_identity

FORMATS = ("auto", "page", "json", "pfr", "pdf")
PFR_LINE = re.compile(rb"^\s*\d{8}-\d{2}-\d{3}-\d{3}/m\s")

# A page of e-paper text is tens of kilobytes; anything this big is not one page.
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Interchange JSON may carry a whole exported archive (ingest --max-mb changes it).
MAX_JSON_BYTES = 512 * 1024 * 1024
# A page PDF with its pictures runs to tens of megabytes.
MAX_PDF_BYTES = 64 * 1024 * 1024
# Packed files are recognised by their first bytes, whatever their name.
PACKERS = {b"\xfd7zXZ\x00": lzma.open, b"\x1f\x8b": gzip.open, b"BZh": bz2.open}
# Text and JSON shrink 3.6- to 5.4-fold under xz (the shared 1998 corpus files); a file that
# grows more than this was built to (76 KB of xz holds 500 MB of zeros). Unpacking stops here.
MAX_EXPANSION = 100
CHUNK = 1024 * 1024
# The interchange nests 9 levels (document → pages → page → articles → article → persons →
# person → roles → role); json.loads recurses once per level and fails near 1,000.
MAX_JSON_DEPTH = 32


class InputError(ValueError):
    """A file that cannot be ingested; str() is one line a person can act on."""


# Said to staff in the admin as well as by `ingest`: nothing is stored from such a file.
EMPTY_PAGE = "文件是空的（只有空白，没有版面文本），未入库。"
NO_ARTICLES = "没有读出任何文章（文本里没有文字，只有标点或符号），未入库。"


def has_readable_text(page):
    """Whether a parsed page holds any article with a letter, digit or Chinese character.

    A whitespace-only or punctuation-only page of text parses to no items or to items of
    "……"; either would publish an empty page. (A PDF without a text layer is kept all the
    same, flagged: its picture is the page.)

    >>> from archive.ingest.model import ParsedArticle, ParsedPage
    >>> has_readable_text(ParsedPage(1, "", [ParsedArticle(paragraphs=["……", "——"])]))
    False
    >>> has_readable_text(ParsedPage(1, "", [ParsedArticle(paragraphs=["本报讯 开会。"])]))
    True
    """
    return any(
        any(ch.isalnum() for part in (a.title, *a.paragraphs) for ch in part) for a in page.articles
    )


@dataclass
class Parsed:
    """Documents ready to store, the raw text of each page keyed by (date, page), and for
    pages that came as a PDF the PDF itself (a PagePrint) under the same key."""

    documents: list = field(default_factory=list)
    source_texts: dict = field(default_factory=dict)
    page_prints: dict = field(default_factory=dict)


def detect_format(path, head):
    """Guess a file's format from its name and first bytes (unpacked)."""
    name = re.sub(r"\.(xz|gz|bz2)$", "", Path(path).name.lower())
    if head.lstrip()[:5] == b"%PDF-" or name.endswith(".pdf"):
        return "pdf"
    if name.endswith((".json", ".jsonl")):
        return "json"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    if PFR_LINE.match(stripped):
        return "pfr"
    return "page"


def sniff_format(path):
    """The format of the file at ``path`` from its name and first 4 KB (unpacked)."""
    return detect_format(path, read_head(path))


def read_bytes(path, limit):
    """The file's bytes, unpacked if it is xz, gzip or bzip2; InputError past `limit` bytes
    (counted unpacked) or past MAX_EXPANSION times the packed size, before reading more."""
    path = Path(path)
    try:
        with path.open("rb") as raw:
            packer = _packer(raw)
            if packer is None:
                data = raw.read(limit + 1)
            else:
                data = _unpack(path, packer(raw), limit, path.stat().st_size)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    if len(data) > limit:
        raise InputError(f"{path}: larger than {_mb(limit)}, refused")
    return data


def expand_paths(paths):
    """The files to read: each path as given, a folder as the files in it (sorted by name,
    hidden ones left out), so a day's page PDFs can be ingested as their folder."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not inside:
                raise InputError(f"{path}: the folder holds no files")
            files += inside
        else:
            files.append(path)
    return files


def read_head(path, size=4096):
    """The first `size` bytes of the file, unpacked (for detect_format)."""
    try:
        with Path(path).open("rb") as raw:
            packer = _packer(raw)
            return packer(raw).read(size) if packer else raw.read(size)
    except (OSError, EOFError, lzma.LZMAError, zlib.error):
        return b""  # read_bytes names the problem


def _packer(raw):
    magic = raw.read(6)
    raw.seek(0)
    return next((opener for head, opener in PACKERS.items() if magic.startswith(head)), None)


def _unpack(path, stream, limit, packed_size):
    data = bytearray()
    with stream:
        while chunk := stream.read(CHUNK):
            data += chunk
            if len(data) > limit:
                raise InputError(f"{path}: unpacks to more than {_mb(limit)}, refused")
            if len(data) > max(CHUNK, MAX_EXPANSION * packed_size):
                raise InputError(
                    f"{path}: unpacks to more than {MAX_EXPANSION} times its packed size "
                    f"({packed_size:,} bytes); refused as a likely compression bomb"
                )
    return bytes(data)


def _mb(limit):
    return f"{limit / (1024 * 1024):g} MB"


def read_documents(
    path, *, fmt="auto", paper=None, date=None, page=None, known_names=(), max_bytes=None
):
    """Parse one file into interchange documents (validated), or raise InputError.

    `max_bytes` bounds a JSON or PFR file (unpacked; MAX_JSON_BYTES by default); a page is
    always bounded by MAX_PAGE_BYTES.
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"{path}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "auto":
        fmt = detect_format(path, read_head(path))
    limit = max_bytes or MAX_JSON_BYTES
    if fmt == "pfr":
        return _read_pfr(path, limit)
    if fmt == "json":
        return _read_json(path, limit)
    if fmt == "pdf":
        doc, reads, data = pdf_document(
            path, paper=paper, date=date, page=page, known_names=known_names
        )
        _validate(path, doc)
        return _pdf_parsed(doc, reads, data)
    return _read_page(path, paper=paper, date=date, page=page, known_names=known_names)


def _read_page(path, *, paper, date, page, known_names):
    doc, text = page_document(path, paper=paper, date=date, page=page, known_names=known_names)
    _validate(path, doc)
    return Parsed([doc], {(doc["issue"]["date"], doc["pages"][0]["number"]): text})


def page_document(path, *, paper=None, date=None, page=None, known_names=(), strict=True):
    """Parse one page file into an issue document holding that page; returns (doc, text).

    Paper, date and page come from the arguments, else from the file name. With
    strict=False (parse_page, which stores nothing) unknown values stay empty or null.
    """
    data = read_bytes(path, MAX_PAGE_BYTES)
    if not data.strip():
        raise InputError(f"{path}: {EMPTY_PAGE}")
    try:
        text = decode_bytes(data, filename=str(path))
    except DecodeError as exc:
        raise InputError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    if not text.strip():
        raise InputError(f"{path}: {EMPTY_PAGE}")
    paper_name, paper_slug, date, number = _identity(path, paper, date, page, strict)
    parsed = parse_page(text, page_number=number, known_names=known_names)
    if not has_readable_text(parsed):
        raise InputError(f"{path}: {NO_ARTICLES}")
    iso = date.isoformat() if date else None
    return build_issue_document(paper_name, paper_slug, iso, None, [parsed]), text


def _identity(path, paper, date, page, strict, default_page=None):
    """(paper name, slug, date, first page number) from the options, else the file name."""
    named = from_file_name(path)
    paper_name, paper_slug = paper_identity(paper or named.paper_slug or "")
    date = date or named.date
    number = page or named.page or default_page
    if strict and not paper_name:
        raise InputError(
            f"{path}: which paper? pass --paper, or name the file like jzrb-2020-01-27-p1.txt"
        )
    if strict and date is None:
        raise InputError(
            f"{path}: which date? pass --date YYYY-MM-DD, or name the file like "
            "jzrb-2020-01-27-p1.txt"
        )
    if strict and number is None:
        raise InputError(f"{path}: which page? pass --page N, or end the file name with -p1")
    return paper_name, paper_slug, date, number


def pdf_document(path, *, paper=None, date=None, page=None, known_names=(), strict=True):
    """Parse a page PDF into an issue document; returns (doc, page reads, PDF bytes).

    Each PDF page is one newspaper page, numbered on from --page (or the file name); a
    PDF of several pages without either starts at page 1.
    """
    data = read_bytes(path, MAX_PDF_BYTES)
    try:
        pages = page_count(data)
        paper_name, slug, date, number = _identity(
            path, paper, date, page, strict, default_page=1 if pages > 1 else None
        )
        reads = parse_pdf(data, first_number=number, known_names=known_names)
    except PdfError as exc:
        raise InputError(f"{path}: {exc}") from None
    if number is not None and number + len(reads) - 1 > 999:
        raise InputError(f"{path}: {len(reads)} pages from page {number} run past page 999")
    iso = date.isoformat() if date else None
    doc = build_issue_document(paper_name, slug, iso, None, [r.page for r in reads])
    return doc, reads, data


def _pdf_parsed(doc, reads, data):
    date = doc["issue"]["date"]
    parsed = Parsed([doc])
    for read in reads:
        key = (date, read.page.number)
        parsed.source_texts[key] = read.text
        parsed.page_prints[key] = PagePrint(data, read.index, read.char_boxes)
    return parsed


def _read_json(path, limit):
    data = read_bytes(path, limit)
    try:
        text = decode_bytes(data, filename=str(path))
    except DecodeError as exc:
        raise InputError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty (no JSON)")
    documents = []
    stripped = text.lstrip()
    if stripped.startswith("{") and "\n{" in stripped.rstrip():
        # JSON lines: one issue per line.
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                documents.append(_loads(path, line, line_offset=number))
    else:
        loaded = _loads(path, text)
        documents = loaded if isinstance(loaded, list) else [loaded]
    for index, doc in enumerate(documents):
        _validate(path, doc, prefix=f"[{index}]" if len(documents) > 1 else "")
    return Parsed(documents, {})


def _loads(path, text, line_offset=None):
    _check_depth(path, text, line_offset)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = line_offset if line_offset is not None else exc.lineno
        raise InputError(f"{path}: line {line}: malformed JSON ({exc.msg})") from None


# A JSON string (skipped whole, escapes and all) or a bracket; possessive, so a long string
# costs one step. Scanning takes about as long as json.loads itself.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def _check_depth(path, text, line_offset=None):
    """InputError for JSON nested deeper than MAX_JSON_DEPTH, before json.loads recurses."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = line_offset or text.count("\n", 0, match.start()) + 1
                raise InputError(
                    f"{path}: line {line}: JSON nested deeper than {MAX_JSON_DEPTH} levels, refused"
                )
        elif token in "]}":
            depth -= 1


def _validate(path, doc, prefix=""):
    try:
        validate_issue(doc)
    except InterchangeError as exc:
        raise InputError(f"{path}: {prefix}{exc}") from None


def _read_pfr(path, limit):
    import io

    from archive.ingest.pfr import read_pfr

    data = read_bytes(path, limit)  # unpacked here, within the limit
    if _packer(io.BytesIO(data)):
        raise InputError(f"{path}: packed twice; unpack it once first")
    try:
        documents = list(read_pfr(io.BytesIO(data)))
    except (ValueError, UnicodeDecodeError, OSError, lzma.LZMAError) as exc:
        raise InputError(f"{path}: not a readable PFR corpus file ({exc})") from None
    if not documents:
        raise InputError(f"{path}: no PFR paragraphs found")
    for index, doc in enumerate(documents):
        _validate(path, doc, prefix=f"[{index}]")
    return Parsed(documents, {})


def dumps(data):
    """JSON as the archive writes it: UTF-8 Chinese, not \\u escapes."""
    return json.dumps(data, ensure_ascii=False, indent=2)
