"""A modern e-paper's text export: the headline AFTER its body, as the People's Daily
site prints a page when its text is extracted.

>>> from bench.layout.stories import Story
>>> s = Story("rmrb", "2019-10-02", "去年12月末", "我国外储规模达3.1万亿美元", "", "",
...           "", "", [], ["国家外汇管理局公布数据。"])
>>> laid = lay_out([s], random.Random(2))
>>> [r for r in laid.roles if r]
['open', 'body', 'kicker', 'title']

Its habits, written apart from the other layout programs and from the parser: each item
in its own column width (10–18), columns broken every 6–14 lines even mid-word, a closing
mark squeezed onto the line or its last character carried down with it, digits spaced
where they meet hanzi, a stray space opening some items, an editor code (②5) or a jump
（下转第三版①） ending some bodies and some items printed without their headline; then
the kicker, title and subtitle, each part on its own lines, a blank line between parts on
some pages only. Sub-stories keep their bylines (本报记者 富子梅 靳 博, names padded with
no-break spaces), and a few bodies get what wire copy adds: a reporter's lead
(记者吴焰报道：), a closing list of reporters from several outlets, a credit.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from bench.layout.stories import Laid, Story, expected_item, headline_lines, is_sub, shown_names

_CLOSE = "，。、；：？！”’）》」』"
_CIRCLED = "①②③④⑤⑥⑦⑧"
_PAGES = "一二三四五六七八九十"
_NAMES = "吴焰 王观 富子梅 靳博 刘诗瑶 姜泓冰 韩俊杰 毛磊 贺勇 张枨".split()


def _padded(name: str) -> str:
    """靳博 as the e-paper pads a two-character name to three cells: 靳\u00a0\u00a0博."""
    return f"{name[0]}\u00a0\u00a0{name[1]}" if len(name) == 2 else name


def _wrap(text: str, width: int, rng: random.Random, first_short: bool = True) -> list[str]:
    lines, size = [], width - 2 if first_short else width
    while text:
        cut = min(size, len(text))
        if cut < len(text) and text[cut] in _CLOSE:
            if rng.random() < 0.5:
                while cut < len(text) and text[cut] in _CLOSE:
                    cut += 1  # squeezed
            elif cut > 2:
                cut -= 1  # the last character goes down with the mark
        while 1 < cut < len(text) and (" " in (text[cut], text[cut - 1]) or _in_word(text, cut)):
            cut -= 1
        lines.append(text[:cut].strip())
        text = text[cut:].lstrip()
        size = width
    return lines


def _in_word(text: str, cut: int) -> bool:
    return all(ch.isascii() and ch.isalpha() for ch in text[cut - 1 : cut + 1])


def _spaced(line: str, rng: random.Random) -> str:
    if rng.random() < 0.25:
        return re.sub(r"(?<=[\u4e00-\u9fff，。])(\d+)(?=[\u4e00-\u9fff])", r" \1 ", line)
    return line


def _additions(story: Story, rng: random.Random) -> Story:
    """What wire copy adds to some bodies, kept as body text in the expected item."""
    paragraphs = list(story.paragraphs)
    roll = rng.random()
    if roll < 0.05 and not story.byline:
        paragraphs[0] = f"记者{rng.choice(_NAMES)}报道：" + paragraphs[0]
    elif roll < 0.10:
        a, b = rng.sample(_NAMES, 2)
        paragraphs.append(f"（中央人民广播电台记者{a}、新华社记者{b}）")
    elif roll < 0.15:
        paragraphs.append(f"本报记者 {_padded(rng.choice(_NAMES))}摄")
    return replace(story, paragraphs=paragraphs)


def _headline(story: Story, rng: random.Random, gap: bool) -> tuple[list[str], list[str]]:
    lines, roles = [], []
    for role, text in (
        ("kicker", story.kicker),
        ("title", story.title),
        ("subtitle", story.subtitle),
    ):
        if not text:
            continue
        for line in headline_lines(text):  # one printed line each: headlines span columns
            lines.append(line)
            roles.append(role)
        if gap or role == "kicker":
            lines.append("")
            roles.append("")
    return lines, roles


def _body(
    paragraphs: list[str], subs: list[bool], rng: random.Random
) -> tuple[list[str], list[str], int]:
    width = rng.randint(10, 18)
    every = rng.randint(6, 14)
    lines, roles = [], []
    for k, text in enumerate(paragraphs):
        short = subs[k]
        for line in _wrap(text, width, rng, not short):
            lines.append(line if short else _spaced(line, rng))
            roles.append("sub" if short else "body")
    roles[0] = "open"
    out_lines, out_roles = [], []
    for n, (line, role) in enumerate(zip(lines, roles, strict=True), 1):
        out_lines.append(line)
        out_roles.append(role)
        if n % every == 0 and n < len(lines):
            out_lines.append("")
            out_roles.append("")
    return out_lines, out_roles, width


def lay_out(stories: list[Story], rng: random.Random, page_number: int = 1) -> Laid:
    """One page, headlines after their bodies."""
    gap = rng.random() < 0.6
    text_lines: list[str] = []
    roles: list[str] = []
    items = []
    for story in stories:
        story = _additions(story, rng)
        changes: dict = {}
        ending = ""
        last = story.paragraphs[-1]
        if rng.random() < 0.15 and len(last) > 24:
            last = last[: rng.randint(8, len(last) - 6)]
            page, marker = rng.randint(page_number + 1, 8), rng.choice(_CIRCLED)
            ending = f"（下转第{_PAGES[page - 1]}版{marker}）"
            changes["continued_to"] = {"page": page, "marker": marker}
        elif rng.random() < 0.4 and last[-1:] in "。！？”":
            ending = f"{rng.choice(_CIRCLED)}{rng.randint(1, 9)}"
            changes["editor_code"] = ending
        story = replace(story, paragraphs=[*story.paragraphs[:-1], last])
        printed = list(story.paragraphs)
        printed[0] = story.byline.replace("电（", "电 （") + printed[0]
        printed[-1] += ending
        subs = [is_sub(p) for p in story.paragraphs]
        subs[-1] = subs[-1] and not changes.get("continued_to")  # cut by its jump, not short
        lines, line_roles, _ = _body(printed, subs, rng)
        if rng.random() < 0.2:
            lines[0] = " " + lines[0]
        headless = bool(ending) and rng.random() < 0.1
        if headless:
            changes.update(kicker="", title="", subtitle="")
        head, head_roles = ([], []) if headless else _headline(story, rng, gap)
        text_lines += [*lines, "", *head]
        roles += [*line_roles, "", *head_roles]
        if not head or head[-1] != "":
            text_lines.append("")
            roles.append("")
        item = expected_item(story, **changes)
        item["persons"] = shown_names(story, item)
        items.append(item)
    return Laid("\n".join(text_lines) + "\n", items, roles + [""])
