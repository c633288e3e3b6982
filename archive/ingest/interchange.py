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

from archive.ingest.model import KINDS, Jump, ParsedPage, PersonMention, fields_of_shape

__all__ = ["FORMAT", "InterchangeError", "build_issue_document", "validate_issue"]

FORMAT = "newspaper-issue/1"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def validate_issue(doc: Any) -> None:
    """Raise :class:`InterchangeError` naming the path of the first problem; None if valid.

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
    _expect(paper.get("name"), str, "paper.name", "a string")
    if not paper["name"].strip():
        raise _fail("paper.name", "must not be empty")
    _expect(paper.get("slug"), str, "paper.slug", "a string")
    if not _SLUG.match(paper["slug"]):
        raise _fail(
            "paper.slug", f"expected lowercase letters, digits and -, got {paper['slug']!r}"
        )
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
        _expect(number, int, "issue.number", "an integer or null")


def _validate_page(page: Any, path: str, seen: set[int]) -> None:
    _expect(page, dict, path, "an object")
    number = page.get("number")
    if number is not None:
        _expect(number, int, f"{path}.number", "an integer or null")
        if number < 1:
            raise _fail(f"{path}.number", f"expected a page number from 1, got {number}")
        if number in seen:
            raise _fail(f"{path}.number", f"page {number} appears twice")
        seen.add(number)
    _expect(page.get("name", ""), str, f"{path}.name", "a string")
    _validate_strings(page.get("review", []), f"{path}.review")
    articles = page.get("articles")
    _expect(articles, list, f"{path}.articles", "a list")
    for j, article in enumerate(articles):
        _validate_article(article, f"{path}.articles[{j}]")


def _validate_article(article: Any, path: str) -> None:
    _expect(article, dict, path, "an object")
    kind = article.get("kind", "article")
    if not isinstance(kind, str) or kind not in KINDS:  # KINDS is a dict: [] is unhashable
        raise _fail(f"{path}.kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
    for shape, check in _ARTICLE_CHECKS.items():
        for name in fields_of_shape(shape):
            check(article, name, f"{path}.{name}")


def _check_text(article: dict[str, Any], name: str, path: str) -> None:
    _expect(article.get(name, ""), str, path, "a string")


def _check_texts(article: dict[str, Any], name: str, path: str) -> None:
    _validate_strings(article.get(name, []), path)


def _check_jump(article: dict[str, Any], name: str, path: str) -> None:
    _validate_jump(article.get(name), path)


def _check_persons(article: dict[str, Any], name: str, path: str) -> None:
    persons = article.get(name, [])
    _expect(persons, list, path, "a list")
    for k, person in enumerate(persons):
        ppath = f"{path}[{k}]"
        _expect(person, dict, ppath, "an object")
        _expect(person.get("name"), str, f"{ppath}.name", "a string")
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


def _validate_strings(items: Any, path: str) -> None:
    _expect(items, list, path, "a list of strings")
    for k, item in enumerate(items):
        _expect(item, str, f"{path}[{k}]", "a string")


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
    _expect(jump.get("page"), int, f"{path}.page", "an integer")
    if jump["page"] < 1:
        raise _fail(f"{path}.page", f"expected a page number from 1, got {jump['page']}")
    _expect(jump.get("marker", ""), str, f"{path}.marker", "a string")
