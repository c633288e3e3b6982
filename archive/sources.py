"""Where an input file's paper, date and page come from: options first, then its name.

`jzrb-2020-01-27-p1.txt` → paper jzrb, date 2020-01-27, page 1. Plain Python, no Django.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

# Papers the archive knows by their short name; others are named with --paper.
KNOWN_PAPERS = {
    "jzrb": ("焦作日报", "河南焦作"),
    "rmrb": ("人民日报", "北京"),
}

FILE_NAME = re.compile(
    r"^(?P<paper>[a-z][a-z0-9_]*)[-_](?P<date>\d{4}-\d{2}-\d{2}|\d{8})"
    r"(?:[-_]p(?:age)?(?P<page>\d{1,3}))?",
    re.IGNORECASE,
)


@dataclass
class PageSource:
    paper_slug: str | None = None
    date: datetime.date | None = None
    page: int | None = None


def from_file_name(path):
    """What a file's name says: jzrb-2020-01-27-p1.txt → PageSource('jzrb', 2020-01-27, 1)."""
    match = FILE_NAME.match(Path(path).name)
    if not match:
        return PageSource()
    raw_date = match["date"].replace("-", "")
    try:
        date = datetime.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        date = None
    page = int(match["page"]) if match["page"] else None
    return PageSource(match["paper"].lower(), date, page)


def paper_identity(value):
    """--paper accepts a short name (jzrb) or a full name (焦作日报); returns (name, slug)."""
    value = (value or "").strip()
    if value.lower() in KNOWN_PAPERS:
        return KNOWN_PAPERS[value.lower()][0], value.lower()
    for slug, (name, _place) in KNOWN_PAPERS.items():
        if name == value:
            return name, slug
    if re.fullmatch(r"[a-z][a-z0-9_-]*", value, re.IGNORECASE):
        return value, value.lower()
    return value, ""
