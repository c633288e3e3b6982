"""The roles the text gives a person: the titles before a name, or after it.

>>> roles_before("市委书记、市人大常委会主任")
['市委书记', '市人大常委会主任']
>>> find_roles(["市长徐衣显、副市长王付举出席。习近平总书记指出"], ["王付举", "习近平"])
{'王付举': ['副市长'], '习近平': ['总书记']}

A role is a title word (书记, 市长, 总指挥, …) with the office before it when that office
is a short, known one (市委, 市人大常委会, 国务院, …). A long ad-hoc office keeps only its
title: 市新型冠状病毒感染的肺炎疫情防控指挥部总指挥 gives 总指挥, since the full phrase is
a sentence, not a role a reader would search for. 中共中央总书记 and 习近平总书记 both give
总书记.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from archive.ingest.names import AFTER_TITLES, CANONICAL_ROLES, OFFICES, title_at_end


def find_roles(paragraphs: Sequence[str], names: Iterable[str]) -> dict[str, list[str]]:
    """Roles the text gives each name, in order of appearance, without repeats."""
    roles: dict[str, list[str]] = {}
    for name in names:
        found: list[str] = []
        for paragraph in paragraphs:
            for m in re.finditer(re.escape(name), paragraph):
                found += roles_before(paragraph[max(0, m.start() - 60) : m.start()])
                if after := _role_after(paragraph[m.end() : m.end() + 4]):
                    found.append(after)
        roles[name] = list(dict.fromkeys(found))
    return roles


def roles_before(text: str) -> list[str]:
    """Roles of the chain of titles that ends ``text``: 市委书记、市人大常委会主任 → both."""
    clause = re.split(r"[，。；：！？“”《》（）\s,;:()]", text)[-1]
    roles: list[str] = []
    for piece in reversed(re.split("[、兼和及]", clause)):
        role = _role(piece) if piece else None
        if role is None:
            break
        roles.insert(0, role)
    return roles


def _role(piece: str) -> str | None:
    """The role a piece of text such as 市人大常委会主任 names, or None."""
    title = title_at_end(piece)
    if not title:
        return None
    before = piece[: title.start()]
    office = next((o for o in OFFICES if before.endswith(o)), "")
    role = office + title.group()
    return CANONICAL_ROLES.get(role, role)


def _role_after(text: str) -> str | None:
    """习近平总书记: a title right after the name (同志 is no role)."""
    for title in AFTER_TITLES:
        if text.startswith(title) and title != "同志":
            return title
    return None
