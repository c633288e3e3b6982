"""A tabloid's text export, kept OUT of the line-role model's training: figures on its
pages measure how the parser does on a layout program it never learnt from.

>>> from bench.layout.stories import Story
>>> s = Story("pfr", "1998-01-22", "", "春运首日客流平稳", "", "", "", "", [],
...           ["铁路部门加开临客。", "旅客有序进站。"])
>>> laid = lay_out([s], random.Random(0))
>>> laid.items[0]["title"], laid.items[0]["paragraphs"]
('春运首日客流平稳', ['铁路部门加开临客。', '旅客有序进站。'])

Its author's habits differ from every other program's: narrow columns (8–13 cells) broken
every 4–9 lines; on some pages the paragraph indent survives as two ideographic spaces,
on others it is lost; a cheap typesetter that lets a closing mark open a line on some
pages; each headline line in a block of its own (a three-line title is three blocks); a
subtitle dashed (——) half the time; items apart by two blank lines; continuations
（上接第一版②） opening some items and editor codes closing others; 1998 items unsigned or
signed 本报讯（记者…）.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bench.layout.stories import Laid, Story, expected_item, headline_lines, is_sub, shown_names

_NAMES = "李新华 王晓东 张宏伟 陈静 赵明 孙丽萍".split()
_CIRCLED = "①②③④⑤⑥"


def _cut(text: str, width: int, crude: bool, first: int | None = None) -> list[str]:
    out: list[str] = []
    while text:
        n = min(first if first is not None and not out else width, len(text))
        if not crude:
            while n < len(text) and text[n] in "，。、；：？！”’）》":
                n += 1
        while 1 < n < len(text) and (
            " " in (text[n], text[n - 1])
            or (text[n - 1] + text[n]).isascii()
            and (text[n - 1] + text[n]).isalpha()
        ):
            n -= 1
        out.append(text[:n].strip())
        text = text[n:].lstrip()
    return out


def lay_out(stories: list[Story], rng: random.Random, page_number: int = 3) -> Laid:
    """One page, headlines after bodies, one block per headline line."""
    width, every = rng.randint(8, 13), rng.randint(4, 9)
    indent, crude = rng.random() < 0.5, rng.random() < 0.4
    lines: list[str] = []
    roles: list[str] = []
    items = []
    for story in stories:
        changes: dict = {}
        if story.corpus == "pfr" and not story.byline and rng.random() < 0.5:
            name = rng.choice(_NAMES)
            story = replace(story, byline=f"本报讯（记者{name}）", source="本报", reporters=[name])
        opening = ""
        if page_number > 1 and rng.random() < 0.1:
            mark = rng.choice(_CIRCLED)
            opening = f"（上接第一版{mark}）"
            changes["continued_from"] = {"page": 1, "marker": mark}
        ending = ""
        if rng.random() < 0.3:
            ending = f"{rng.choice(_CIRCLED)}{rng.randint(1, 9)}"
            changes["editor_code"] = ending
        if story.subtitle and not story.subtitle.startswith("—") and rng.random() < 0.5:
            story = replace(story, subtitle="——" + story.subtitle)
        paragraphs = list(story.paragraphs)
        paragraphs[0] = opening + story.byline + paragraphs[0]
        paragraphs[-1] += ending
        count = 0
        for k, text in enumerate(paragraphs):
            first_width = width if indent else width - 2
            for j, line in enumerate(_cut(text, width, crude, first_width)):
                lines.append(("\u3000\u3000" if indent and j == 0 else "") + line)
                roles.append(
                    "open"
                    if k == 0 and j == 0
                    else "sub"
                    if is_sub(story.paragraphs[k])
                    else "body"
                )
                count += 1
                if count % every == 0:
                    lines.append("")
                    roles.append("")
        for role in ("kicker", "title", "subtitle"):
            text = getattr(story, role)
            for line in headline_lines(text) if text else []:
                lines += ["", line]
                roles += ["", role]
        lines += ["", ""]
        roles += ["", ""]
        item = expected_item(story, **changes)
        item["persons"] = shown_names(story, item)
        items.append(item)
    return Laid("\n".join(lines) + "\n", items, roles + [""])
