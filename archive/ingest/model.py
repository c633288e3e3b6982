"""Plain data the parser hands to the rest of the archive.

>>> a = ParsedArticle(title="坚决打赢疫情防控阻击战", source="本报", reporters=["杨丽娜"],
...                   continued_to=Jump(2, "③"))
>>> a.to_dict()["continued_to"]
{'page': 2, 'marker': '③'}
>>> ParsedArticle.from_dict(a.to_dict()) == a
True

Field names and their order follow docs/interchange.md (shared); ``id`` and ``url`` belong
to database output and are not modelled here. ``source_lines`` is parser bookkeeping and
never enters the interchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("article", "notice", "brief", "photo", "other")


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
    """One item of a page: an article, a notice, …, as the parser understood it."""

    kind: str = "article"  # article | notice | brief | photo | other
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
    # 1-based inclusive input line range; bookkeeping only, NOT part of the interchange.
    source_lines: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        """The interchange article (no id/url), fields in the order interchange.md lists them."""
        return {
            "kind": self.kind,
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "source": self.source,
            "dateline": self.dateline,
            "reporters": list(self.reporters),
            "paragraphs": list(self.paragraphs),
            "continued_to": self.continued_to.to_dict() if self.continued_to else None,
            "continued_from": self.continued_from.to_dict() if self.continued_from else None,
            "editor_code": self.editor_code,
            "persons": [p.to_dict() for p in self.persons],
            "review": list(self.review),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedArticle:
        """Inverse of :meth:`to_dict`; ``id`` and ``url`` (database output) are ignored."""
        return cls(
            kind=d.get("kind", "article"),
            kicker=d.get("kicker", ""),
            title=d.get("title", ""),
            subtitle=d.get("subtitle", ""),
            source=d.get("source", ""),
            dateline=d.get("dateline", ""),
            reporters=list(d.get("reporters", [])),
            paragraphs=list(d.get("paragraphs", [])),
            continued_to=Jump.from_dict(d.get("continued_to")),
            continued_from=Jump.from_dict(d.get("continued_from")),
            editor_code=d.get("editor_code", ""),
            persons=[PersonMention.from_dict(p) for p in d.get("persons", [])],
            review=list(d.get("review", [])),
        )


@dataclass
class ParsedPage:
    """A page: its number (None when unknown), its name (要闻, …) and its items in reading order."""

    number: int | None
    name: str = ""
    articles: list[ParsedArticle] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"number": 1, "name": "", "articles": [...]}`` as in the interchange."""
        return {
            "number": self.number,
            "name": self.name,
            "articles": [a.to_dict() for a in self.articles],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParsedPage:
        """Inverse of :meth:`to_dict`."""
        number = d.get("number")
        return cls(
            number=None if number is None else int(number),
            name=d.get("name", "") or "",
            articles=[ParsedArticle.from_dict(a) for a in d.get("articles", [])],
        )
