"""Build and check interchange documents (docs/interchange.md: one issue as JSON).

>>> doc = build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [ParsedPage(number=1)])
>>> validate_issue(doc)
>>> doc["pages"][0]
{'number': 1, 'name': '', 'articles': []}

:func:`validate_issue` names the JSON path of the first problem, e.g.
``pages[0].articles[3].title: expected a string``, so a person can find it in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from archive.ingest.model import (
    KINDS,
    MAX_ISSUE_NUMBER,
    MAX_ITEMS_PER_PAGE,
    MAX_LENGTHS,
    MAX_MARKER_LENGTH,
    MAX_PAGE_NAME_LENGTH,
    MAX_PAGE_NUMBER,
    MAX_PAPER_NAME_LENGTH,
    MAX_PAPER_SLUG_LENGTH,
    MAX_PLACE_LENGTH,
    Jump,
    ParsedPage,
    PersonMention,
    fields_of_shape,
)

__all__ = ["FORMAT", "InterchangeError", "build_issue_document", "validate_issue"]

FORMAT = "newspaper-issue/1"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# NUL cannot be stored in PostgreSQL text or JSON; a lone surrogate cannot be encoded at all.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class InterchangeError(ValueError):
    """The document does not follow the interchange format; the message starts with a path."""


def build_issue_document(
    paper_name: str,
    paper_slug: str,
    date: str | dt.date,
    number: int | None,
    pages: Sequence[ParsedPage | dict[str, Any]],
) -> dict[str, Any]:
    """A full interchange document for one issue from parsed pages (or page dicts)."""
    return {
        "format": FORMAT,
        "paper": {"name": paper_name, "slug": paper_slug},
        "issue": {
            "date": date.isoformat() if isinstance(date, dt.date) else date,
            "number": number,
        },
        "pages": [p.to_dict() if isinstance(p, ParsedPage) else p for p in pages],
    }


def _fail(path: str, message: str) -> InterchangeError:
    return InterchangeError(f"{path}: {message}")


def _expect(value: Any, kind: type | tuple[type, ...], path: str, what: str) -> None:
    # bool is an int subclass; a page number of true is a mistake, not page 1.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _fail(path, f"expected {what}")
    if not isinstance(value, kind):
        raise _fail(path, f"expected {what}")


def _expect_text(value: Any, path: str, max_length: int | None = None) -> None:
    """A string the database can store: no NUL, no lone surrogate, at most `max_length`.

    >>> _expect_text("坚决打赢疫情防控阻击战" * 30, "title", 300)
    Traceback (most recent call last):
    ...
    archive.ingest.interchange.InterchangeError: title: 330 characters, at most 300 fit
    """
    _expect(value, str, path, "a string")
    bad = _UNSTORABLE.search(value)
    if bad:
        what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate (broken text)"
        raise _fail(path, f"contains {what} at position {bad.start()}")
    if max_length is not None and len(value) > max_length:
        raise _fail(path, f"{len(value)} characters, at most {max_length} fit")


def _expect_number(value: Any, path: str, lowest: int, highest: int, what: str) -> None:
    _expect(value, int, path, f"an integer from {lowest} to {highest}")
    if not lowest <= value <= highest:
        raise _fail(path, f"expected {what} from {lowest} to {highest}, got {value}")


def validate_issue(doc: Any) -> None:
    """Raise :class:`InterchangeError` naming the path of the first problem; None if valid.

    Valid means storable as it is, on SQLite and PostgreSQL alike: every string fits its
    column (model.MAX_LENGTHS) and holds no NUL or lone surrogate, every number its range.

    >>> validate_issue({"format": "newspaper-issue/2"})
    Traceback (most recent call last):
    ...
    archive.ingest.interchange.InterchangeError: format: expected "newspaper-issue/1", got 'newspaper-issue/2'
    """
    _expect(doc, dict, "(document)", "an object")
    if doc.get("format") != FORMAT:
        raise _fail("format", f'expected "{FORMAT}", got {doc.get("format")!r}')
    paper = doc.get("paper")
    _expect(paper, dict, "paper", "an object")
    _expect_text(paper.get("name"), "paper.name", MAX_PAPER_NAME_LENGTH)
    if not paper["name"].strip():
        raise _fail("paper.name", "must not be empty")
    _expect_text(paper.get("slug"), "paper.slug", MAX_PAPER_SLUG_LENGTH)
    if not _SLUG.match(paper["slug"]):
        raise _fail(
            "paper.slug", f"expected lowercase letters, digits and -, got {paper['slug']!r}"
        )
    _expect_text(paper.get("place", ""), "paper.place", MAX_PLACE_LENGTH)
    _validate_issue_head(doc.get("issue"))
    pages = doc.get("pages")
    _expect(pages, list, "pages", "a list")
    seen: set[int] = set()
    for i, page in enumerate(pages):
        _validate_page(page, f"pages[{i}]", seen)


def _validate_issue_head(issue: Any) -> None:
    _expect(issue, dict, "issue", "an object")
    date = issue.get("date")
    _expect(date, str, "issue.date", "a date string YYYY-MM-DD")
    try:
        if not _DATE.match(date):
            raise ValueError
        dt.date.fromisoformat(date)
    except ValueError:
        raise _fail("issue.date", f"expected a date YYYY-MM-DD, got {date!r}") from None
    number = issue.get("number")
    if number is not None:
        _expect_number(number, "issue.number", 0, MAX_ISSUE_NUMBER, "an issue number")


def _validate_page(page: Any, path: str, seen: set[int]) -> None:
    _expect(page, dict, path, "an object")
    number = page.get("number")
    _expect_number(number, f"{path}.number", 1, MAX_PAGE_NUMBER, "a page number")
    if number in seen:
        raise _fail(f"{path}.number", f"page {number} appears twice")
    seen.add(number)
    _expect_text(page.get("name", ""), f"{path}.name", MAX_PAGE_NAME_LENGTH)
    _validate_strings(page.get("review", []), f"{path}.review")
    articles = page.get("articles")
    _expect(articles, list, f"{path}.articles", "a list")
    if len(articles) > MAX_ITEMS_PER_PAGE:
        raise _fail(f"{path}.articles", f"{len(articles)} items, at most {MAX_ITEMS_PER_PAGE}")
    numbers: set[int] = set()
    for j, article in enumerate(articles):
        _validate_article(article, f"{path}.articles[{j}]")
        if isinstance(article, dict) and article.get("number") is not None:
            if article["number"] in numbers:
                raise _fail(f"{path}.articles[{j}].number", f"{article['number']} appears twice")
            numbers.add(article["number"])


def _validate_article(article: Any, path: str) -> None:
    _expect(article, dict, path, "an object")
    kind = article.get("kind", "article")
    if not isinstance(kind, str) or kind not in KINDS:  # KINDS is a dict: [] is unhashable
        raise _fail(f"{path}.kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
    for shape, check in _ARTICLE_CHECKS.items():
        for name in fields_of_shape(shape):
            check(article, name, f"{path}.{name}")
    if article.get("published") is not None:
        _expect(article["published"], bool, f"{path}.published", "true or false")
    if article.get("number") is not None:
        _expect_number(
            article["number"], f"{path}.number", 1, MAX_ITEMS_PER_PAGE, "an article number"
        )


def _check_text(article: dict[str, Any], name: str, path: str) -> None:
    _expect_text(article.get(name, ""), path, MAX_LENGTHS.get(name))


def _check_texts(article: dict[str, Any], name: str, path: str) -> None:
    _validate_strings(article.get(name, []), path, MAX_LENGTHS.get(name))


def _check_jump(article: dict[str, Any], name: str, path: str) -> None:
    _validate_jump(article.get(name), path)


def _check_persons(article: dict[str, Any], name: str, path: str) -> None:
    persons = article.get(name, [])
    _expect(persons, list, path, "a list")
    for k, person in enumerate(persons):
        ppath = f"{path}[{k}]"
        _expect(person, dict, ppath, "an object")
        _expect_text(person.get("name"), f"{ppath}.name", MAX_LENGTHS.get(name))
        _validate_strings(person.get("roles", []), f"{ppath}.roles")


def _check_regions(article: dict[str, Any], name: str, path: str) -> None:
    regions = article.get(name, [])
    _expect(regions, list, path, "a list of boxes [x0, y0, x1, y1]")
    for k, box in enumerate(regions):
        bpath = f"{path}[{k}]"
        _expect(box, list, bpath, "a box [x0, y0, x1, y1]")
        if len(box) != 4:
            raise _fail(bpath, f"expected 4 numbers [x0, y0, x1, y1], got {len(box)}")
        for edge in box:
            _expect(edge, (int, float), bpath, "numbers between 0 and 1")
            if not 0 <= edge <= 1:
                raise _fail(bpath, f"expected fractions of the page between 0 and 1, got {edge}")
        if box[0] > box[2] or box[1] > box[3]:
            raise _fail(bpath, "expected x0 <= x1 and y0 <= y1")


def _validate_strings(items: Any, path: str, max_length: int | None = None) -> None:
    _expect(items, list, path, "a list of strings")
    for k, item in enumerate(items):
        _expect_text(item, f"{path}[{k}]", max_length)


# One check for each shape of article field (model.ARTICLE_FIELDS), run in this order so
# the first problem named is the same whatever order the fields are listed in.
_ARTICLE_CHECKS = {
    str: _check_text,
    list[str]: _check_texts,
    Jump | None: _check_jump,
    list[PersonMention]: _check_persons,
    list[list[float]]: _check_regions,
}


def _validate_jump(jump: Any, path: str) -> None:
    if jump is None:
        return
    _expect(jump, dict, path, "an object or null")
    _expect_number(jump.get("page"), f"{path}.page", 1, MAX_PAGE_NUMBER, "a page number")
    _expect_text(jump.get("marker", ""), f"{path}.marker", MAX_MARKER_LENGTH)
