"""A broadsheet's text export: every headline printed BEFORE its body.

>>> from bench.layout.stories import Story
>>> s = Story("rmrb", "2019-10-02", "", "国庆假期 铁路客流创新高", "", "本报北京10月1日电",
...           "本报", "北京10月1日电", [], ["全国铁路1日发送旅客1700万人次。"])
>>> laid = lay_out([s], random.Random(1))
>>> [r for r in laid.roles if r]
['title_open', 'title', 'body', 'body']

Another paper's habits, written apart from the seed-style program (typeset.py) and from
the parser: one column width for the whole page (14–24), columns broken every 15–30 lines,
a closing mark may hang one cell past the column (never a justified line), the paragraph
indent kept as two ideographic spaces on some pages and lost on others, a title printed
line by line where the e-paper breaks it (and wrapped when longer than the headline
measure), kicker and subtitle on their own lines with or without a blank line between
the parts, datelines without 本报讯 (本报北京1月7日电 （记者王观）), 据新华社… openings for
1998 items that had none, subheads and short paragraphs on lines of their own, a jump
（下转第四版） now and then. No editor codes.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bench.layout.stories import Laid, Story, expected_item, headline_lines, is_sub, shown_names

_HANG = "，。、；：？！”’）》」』"
_POOL = "王观 吴焰 刘志强 张璁 丁怡婷 欧阳洁 殷新宇 李红梅 赵永新 孙秀艳".split()
_PAGES = "一二三四五六七八九十"


def _lines_of(text: str, width: int, first: int, rng: random.Random) -> list[str]:
    """Hard breaks every ``width`` cells (``first`` for the first line); a closing mark
    that would open a line hangs on the one before; a break never falls on a space."""
    out: list[str] = []
    size = first
    while text:
        cut = min(size, len(text))
        while cut < len(text) and text[cut] in _HANG:
            cut += 1
        while 1 < cut < len(text) and (" " in (text[cut], text[cut - 1]) or _latin(text, cut)):
            cut -= 1
        out.append(text[:cut].strip())
        text = text[cut:].lstrip()
        size = width
    return out


def _latin(text: str, cut: int) -> bool:
    """A cut inside a Latin word (VR, AR), which this paper never breaks."""
    return (
        text[cut - 1].isascii()
        and text[cut - 1].isalpha()
        and text[cut].isascii()
        and text[cut].isalpha()
    )


def _sign(story: Story, rng: random.Random) -> tuple[Story, str]:
    """A 1998 story without a byline is given one now and then, in this paper's style."""
    if story.byline or story.corpus != "pfr" or rng.random() < 0.5:
        return story, story.byline.replace("电（", "电 （", 1)
    day = f"{int(story.date[5:7])}月{int(story.date[8:10])}日"
    place = rng.choice(["北京", "上海", "广州", "郑州"])
    name = rng.choice(_POOL)
    if rng.random() < 0.3:
        story.source, story.dateline, story.reporters = "新华社", f"{place}{day}电", []
        return story, f"据新华社{place}{day}电"
    story.source, story.dateline, story.reporters = "本报", f"{place}{day}电", [name]
    return story, f"本报{place}{day}电 （记者{name}）"


def _is_short(paragraph: str) -> bool:
    return is_sub(paragraph)


class _Printer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.roles: list[str] = []
        self.width = rng.randint(14, 24)
        self.column = rng.randint(15, 30)
        self.indent = rng.random() < 0.3
        self.since_break = 0

    def put(self, text: str, role: str) -> None:
        self.lines.append(text)
        self.roles.append(role)
        self.since_break += 1
        if role in ("body", "sub", "open") and self.since_break >= self.column:
            self.blank()

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.roles.append("")
        self.since_break = 0

    def headline(self, story: Story) -> list[str]:
        """Each headline line as the paper breaks it (a space in the story's parts): a
        headline runs across columns, so its lines are never wrapped at the measure."""
        parts = [
            (role, headline_lines(text))
            for role, text in (
                ("kicker", story.kicker),
                ("title", story.title),
                ("subtitle", story.subtitle),
            )
            if text
        ]
        gap = self.rng.random() < 0.5
        first = True
        for role, lines in parts:
            for line in lines:
                self.put(line, role + "_open" if first else role)
                first = False
            if gap:
                self.blank()
        return [line for _, lines in parts for line in lines]

    def body(self, paragraphs: list[str], opened: bool) -> None:
        for k, text in enumerate(paragraphs):
            short = _is_short(text) and k > 0
            lead = "\u3000\u3000" if self.indent and not short else ""
            first = self.width - (0 if self.indent else 2)
            for j, line in enumerate(_lines_of(text, self.width, first, self.rng)):
                role = "sub" if short else "body"
                if not opened and k == 0 and j == 0:
                    role = "open"
                self.put((lead if j == 0 else "") + line, role)


def lay_out(stories: list[Story], rng: random.Random, page_number: int = 2) -> Laid:
    """One page of the given stories, headlines first."""
    printer = _Printer(rng)
    items = []
    for story in stories:
        story = replace(story, paragraphs=list(story.paragraphs), reporters=list(story.reporters))
        story, byline = _sign(story, rng)
        changes: dict = {}
        jump = ""
        if rng.random() < 0.06 and len(story.paragraphs[-1]) > 30:
            story.paragraphs[-1] = story.paragraphs[-1][
                : rng.randint(10, len(story.paragraphs[-1]) - 10)
            ]
            page = rng.randint(page_number + 1, 9)
            jump = f"（下转第{_PAGES[page - 1]}版）"
            changes["continued_to"] = {"page": page, "marker": ""}
        paragraphs = list(story.paragraphs)
        paragraphs[0] = byline + paragraphs[0]
        paragraphs[-1] += jump
        headless = rng.random() < 0.04
        if headless:
            changes.update(kicker="", title="", subtitle="")
        else:
            printer.headline(story)
            if rng.random() < 0.7:
                printer.blank()
        printer.body(paragraphs, opened=not headless)
        printer.blank()
        item = expected_item(story, **changes)
        item["persons"] = shown_names(story, item)
        items.append(item)
    return Laid("\n".join(printer.lines) + "\n", items, printer.roles + [""])
