"""A layout program whose habits are drawn afresh for every page: a crowd of typesetters.

>>> from bench.layout.stories import Story
>>> s = Story("pfr", "1998-01-05", "", "春运首日客流平稳", "", "", "", "", [], ["铁路部门加开临客。"])
>>> laid = lay_out([s], random.Random(4))
>>> laid.items[0]["title"], laid.items[0]["paragraphs"]
('春运首日客流平稳', ['铁路部门加开临客。'])

The other programs each keep one set of habits; this one draws them per page, so that the
line-role model learns what stays true across typesetters rather than one of them: the
order (headlines before or after their bodies), column widths 7–30 and a column break
every 3–30 lines, the indent kept (two ideographic spaces) or lost, closing marks hung or
left to open a line, a blank line between headline lines or none, each headline part in a
block of its own or all in one, a dash before subtitles, editor codes, jumps and
continuations, stray spaces, bylines with or without 本报讯, and some items without their
headline. Written apart from the other programs and the parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from bench.layout.stories import Laid, Story, expected_item, headline_lines, is_sub, shown_names

_MARKS = "①②③④⑤⑥⑦⑧"
_CN = "一二三四五六七八九"
_HANG = set("，。、；：？！”’）》」』")
_NAMES = "周立新 郑海燕 林涛 何静 马建国 许文".split()


@dataclass
class _Habits:
    head_first: bool
    width: int
    column: int
    indent: bool
    hang: bool
    head_gap: str  # "line": a blank after every headline line; "part": between parts; ""
    gap_after: bool
    dash: float
    code: float
    jump: float
    headless: float
    sign: float

    @classmethod
    def draw(cls, rng: random.Random) -> _Habits:
        return cls(
            head_first=rng.random() < 0.35,
            width=rng.randint(7, 30),
            column=rng.randint(3, 30),
            indent=rng.random() < 0.25,
            hang=rng.random() < 0.7,
            head_gap=rng.choice(["line", "part", "part", ""]),
            gap_after=rng.random() < 0.7,
            dash=rng.random(),
            code=rng.random() * 0.6,
            jump=rng.random() * 0.2,
            headless=rng.random() * 0.1,
            sign=rng.random(),
        )


def _break(text: str, width: int, first: int, hang: bool) -> list[str]:
    out: list[str] = []
    while text:
        n = min(first if not out else width, len(text))
        while hang and n < len(text) and text[n] in _HANG:
            n += 1
        while 1 < n < len(text) and (
            " " in text[n - 1 : n + 1]
            or text[n - 1 : n + 1].isascii()
            and text[n - 1 : n + 1].isalpha()
        ):
            n -= 1
        out.append(text[:n].strip())
        text = text[n:].lstrip()
    return out


class _Page:
    def __init__(self, habits: _Habits) -> None:
        self.h = habits
        self.lines: list[str] = []
        self.roles: list[str] = []
        self.count = 0

    def add(self, line: str, role: str) -> None:
        self.lines.append(line)
        self.roles.append(role)
        if role in ("open", "body", "sub"):
            self.count += 1
            if self.count % self.h.column == 0:
                self.blank()

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
            self.roles.append("")

    def headline(self, story: Story, opens: bool) -> None:
        first = True
        for role in ("kicker", "title", "subtitle"):
            text = getattr(story, role)
            if not text:
                continue
            for line in headline_lines(text):
                self.add(line, role + "_open" if first and opens else role)
                first = False
                if self.h.head_gap == "line":
                    self.blank()
            if self.h.head_gap == "part":
                self.blank()

    def body(self, printed: list[str], subs: list[bool], opens: bool) -> None:
        for k, text in enumerate(printed):
            lead = "\u3000\u3000" if self.h.indent and not subs[k] else ""
            first = self.h.width if self.h.indent else self.h.width - 2
            for j, line in enumerate(_break(text, self.h.width, first, self.h.hang)):
                role = "open" if opens and k == 0 and j == 0 else "sub" if subs[k] else "body"
                self.add((lead if j == 0 else "") + line, role)


def lay_out(stories: list[Story], rng: random.Random, page_number: int = 2) -> Laid:
    """One page with habits of its own."""
    h = _Habits.draw(rng)
    page = _Page(h)
    items = []
    for story in stories:
        changes: dict = {}
        if story.corpus == "pfr" and not story.byline and rng.random() < h.sign:
            name = rng.choice(_NAMES)
            story = replace(story, byline=f"本报讯（记者{name}）", source="本报", reporters=[name])
        if story.subtitle and not story.subtitle.startswith("—") and rng.random() < h.dash:
            story = replace(story, subtitle="——" + story.subtitle)
        ending, opening = "", ""
        if rng.random() < h.jump and len(story.paragraphs[-1]) > 20:
            story = replace(story, paragraphs=[*story.paragraphs[:-1], story.paragraphs[-1][:12]])
            p, m = rng.randint(page_number + 1, 9), rng.choice(_MARKS)
            ending, changes["continued_to"] = (
                f"（下转第{_CN[p - 1]}版{m}）",
                {"page": p, "marker": m},
            )
        elif rng.random() < h.code and story.paragraphs[-1][-1:] in "。！？”":
            ending = changes["editor_code"] = f"{rng.choice(_MARKS)}{rng.randint(1, 9)}"
        if page_number > 1 and rng.random() < 0.05:
            m = rng.choice(_MARKS)
            opening, changes["continued_from"] = f"（上接第一版{m}）", {"page": 1, "marker": m}
        printed = list(story.paragraphs)
        printed[0] = opening + story.byline + printed[0]
        printed[-1] += ending
        subs = [is_sub(p) for p in story.paragraphs]
        subs[-1] = subs[-1] and not changes.get("continued_to")  # cut by its jump, not short
        headless = rng.random() < h.headless
        if headless:
            changes.update(kicker="", title="", subtitle="")
        if h.head_first and not headless:
            page.headline(story, opens=True)
            if h.gap_after:
                page.blank()
        page.body(printed, subs, opens=not (h.head_first and not headless))
        page.blank()
        if not h.head_first and not headless:
            page.headline(story, opens=False)
            page.blank()
        item = expected_item(story, **changes)
        item["persons"] = shown_names(story, item)
        items.append(item)
    return Laid("\n".join(page.lines) + "\n", items, page.roles + [""])
