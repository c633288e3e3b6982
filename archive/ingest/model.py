"""Plain data the parser hands to the rest of the archive.

>>> a = ParsedArticle(title="坚决打赢疫情防控阻击战", source="本报", reporters=["杨丽娜"],
...                   continued_to=Jump(2, "③"))
>>> a.to_dict()["continued_to"]
{'page': 2, 'marker': '③'}
>>> ParsedArticle.from_dict(a.to_dict()) == a
True

:class:`ParsedArticle` is the one definition of an interchange article: its attributes are
the article fields of docs/interchange.md (shared), in that order, and :data:`ARTICLE_FIELDS`
names each with its shape for every reader and writer of the format (the loader, the export,
the API and the validator). ``id`` and ``url`` belong to database output and are not modelled
here. ``source_lines`` is parser bookkeeping and never enters the interchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_type_hints

# The kinds of item a page holds, each with the name a reader sees; the database's choices
# are built from this list.
KINDS = {
    "article": "消息",
    "notice": "启事",
    "brief": "简讯",
    "photo": "图片新闻",
    "other": "其他",
}


@dataclass
class Jump:
    """A jump between pages: （下转第二版③） is ``Jump(page=2, marker="③")``."""

    page: int
    marker: str

    def to_dict(self) -> dict[str, Any]:
        """``Jump(2, "③").to_dict()`` gives ``{"page": 2, "marker": "③"}``."""
        return {"page": self.page, "marker": self.marker}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Jump | None:
        """``Jump.from_dict({"page": 2, "marker": "③"})`` gives ``Jump(2, "③")``; None stays None."""
        if d is None:
            return None
        return cls(page=int(d["page"]), marker=str(d.get("marker", "")))


@dataclass
class PersonMention:
    """A person an article mentions: 副市长王付举 gives ``PersonMention("王付举", ["副市长"])``."""

    name: str
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"name": "王付举", "roles": ["副市长"]}``."""
        return {"name": self.name, "roles": list(self.roles)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PersonMention:
        """Inverse of :meth:`to_dict`."""
        return cls(name=str(d["name"]), roles=[str(r) for r in d.get("roles", [])])


@dataclass
class ParsedArticle:
    """One item of a page: an article, a notice, …, as the parser understood it.

    Adding an interchange field is one line here, in the place interchange.md lists it (and,
    for the database, a model field or property of the same name).
    """

    kind: str = "article"  # one of KINDS
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    source: str = ""  # "本报", "新华社", … or ""
    dateline: str = ""  # e.g. "北京1月25日电"
    reporters: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    continued_to: Jump | None = None
    continued_from: Jump | None = None
    editor_code: str = ""
    persons: list[PersonMention] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    # Where it stands on the printed page: [x0, y0, x1, y1] per block, fractions of the
    # page's width and height, origin top-left; [] for text-only pages.
    regions: list[list[float]] = field(default_factory=list)
    # 1-based inclusive input line range; bookkeeping only, NOT part of the interchange.
    source_lines: tuple[int, int] = (0, 0)
    # How sure the parser is of this item's cuts and headline roles (0–1); bookkeeping
    # too: its doubts reach staff as review flags (cut_uncertain, headline_uncertain).
    confidence: float = field(default=1.0, compare=False)
    # Whether readers may see it: written by export so that a restore keeps drafts as drafts;
    # None (a parse, or input without it) leaves the choice to whoever loads the page.
    published: bool | None = None
    # Its number on the page, the last part of its URL (/jzrb/2020-01-27/1/3/): written by
    # export so that a restore keeps every permalink; None lets the loader number it.
    number: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The interchange article (no id/url), fields in the order interchange.md lists them."""
        d = {name: _as_json(getattr(self, name)) for name in ARTICLE_FIELDS}
        if self.published is not None:
            d["published"] = self.published
        if self.number is not None:
            d["number"] = self.number
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedArticle:
        """Inverse of :meth:`to_dict`; a missing field takes its default, ``id`` and ``url``
        (database output) are ignored."""
        given = {name: shape for name, shape in ARTICLE_FIELDS.items() if name in d}
        fields = {name: _READERS[shape](d[name]) for name, shape in given.items()}
        published, number = d.get("published"), d.get("number")
        return cls(
            **fields,
            published=None if published is None else bool(published),
            number=None if number is None else int(number),
        )


def _as_json(value: Any) -> Any:
    """A field's value as JSON data: jumps and persons become objects, lists are copied."""
    if isinstance(value, Jump | PersonMention):
        return value.to_dict()
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


# The interchange article's fields in order, each with its shape (the type its JSON value
# is read into): ParsedArticle's attributes but the bookkeeping.
# ``published`` and ``number`` are optional in the interchange (only an export writes it): read and written
# by ParsedArticle itself, not with the fields every article carries.
_BOOKKEEPING = ("source_lines", "confidence", "published", "number")
ARTICLE_FIELDS: dict[str, Any] = {
    name: shape for name, shape in get_type_hints(ParsedArticle).items() if name not in _BOOKKEEPING
}
# How a JSON value of each shape is read; a new shape of field adds its reader here.
_READERS = {
    str: lambda value: value,
    list[str]: list,
    Jump | None: Jump.from_dict,
    list[PersonMention]: lambda items: [PersonMention.from_dict(p) for p in items],
    list[list[float]]: lambda boxes: [[float(edge) for edge in box] for box in boxes],
}


# The database's sizes, which every document is checked against before anything is stored
# (archive/models.py sizes its columns from these, so the two cannot drift apart). For a
# field holding a list, the longest item; for persons, the longest name. Fields missing here
# (paragraphs, review) are stored as JSON and have no size.
MAX_LENGTHS: dict[str, int] = {
    "kind": 10,
    "kicker": 300,
    "title": 300,
    "subtitle": 300,
    "source": 50,
    "dateline": 100,
    "reporters": 50,
    "editor_code": 20,
    "persons": 50,
}
# A jump's marker (③), a page's name (要闻), a paper's name, short name and place.
MAX_MARKER_LENGTH = 4
MAX_PAGE_NAME_LENGTH = 50
MAX_PAPER_NAME_LENGTH = 100
MAX_PAPER_SLUG_LENGTH = 40
MAX_PLACE_LENGTH = 100
# Page numbers, jumps and an item's place on its page are small integers in the database
# (PostgreSQL's smallint); an issue's number is an integer.
MAX_PAGE_NUMBER = 32767
MAX_ITEMS_PER_PAGE = 32767
MAX_ISSUE_NUMBER = 2**31 - 1


def fields_of_shape(shape: Any) -> list[str]:
    """``fields_of_shape(Jump | None)`` is ``["continued_to", "continued_from"]``."""
    return [name for name, of in ARTICLE_FIELDS.items() if of == shape]


@dataclass
class ParsedPage:
    """A page: its number (None when unknown), its name (要闻, …) and its items in reading order.

    ``review`` holds flags about the page as a whole (a PDF whose text layer is unreadable);
    it enters the interchange only when there is one, as text pages never have any.
    """

    number: int | None
    name: str = ""
    articles: list[ParsedArticle] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"number": 1, "name": "", "articles": [...]}`` as in the interchange."""
        page = {
            "number": self.number,
            "name": self.name,
            "articles": [a.to_dict() for a in self.articles],
        }
        if self.review:
            page["review"] = list(self.review)
        return page

    def flags(self) -> list[tuple[int, str]]:
        """Every item's review flags as (item index, flag), in page order: what a page's
        review lists before its items.

        >>> ParsedPage(1, articles=[ParsedArticle(), ParsedArticle(review=["cut_uncertain"])]).flags()
        [(1, 'cut_uncertain')]
        """
        return [(n, flag) for n, a in enumerate(self.articles) for flag in a.review]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedPage:
        """Inverse of :meth:`to_dict`."""
        number = d.get("number")
        return cls(
            number=None if number is None else int(number),
            name=d.get("name", "") or "",
            articles=[ParsedArticle.from_dict(a) for a in d.get("articles", [])],
            review=[str(flag) for flag in d.get("review", [])],
        )
