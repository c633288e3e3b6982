"""Names announced by their context, which the tagger's tags miss.

>>> from archive.ingest.people import extract_persons
>>> [p.name for p in extract_persons(["（本报记者许立群、向兵报道）", "俄罗斯总理切尔诺梅尔金说，"])]
['许立群', '向兵', '切尔诺梅尔金']

* credits and bylines: 记者许立群报道, （新华社记者章武摄）, （夏昆山、张翔辉）;
* a paragraph that is only a name (an author line under the headline);
* a title just before a name the tagger cut or tagged otherwise: 省长|回良玉|强调;
* lists: in 王岐山、卢钟鹤、欧广源 the items between names are names too.

Transliterated and dotted names are read by :mod:`archive.ingest.name_foreign`, the wide
rules by :mod:`archive.ingest.name_wide`; both share this module's name shape and test.
"""

from __future__ import annotations

import re

from archive.ingest.candidate import Proposal
from archive.ingest.names import (
    COMPOUND_SURNAMES,
    CONTEXT_PLACE_ENDS,
    NOT_NAMES,
    SURNAMES,
    title_at_end,
)

_SUR = "(?:" + "|".join(sorted(COMPOUND_SURNAMES)) + "|[" + "".join(sorted(SURNAMES)) + "])"
_NAME = _SUR + "[\u4e00-\u9fff]{1,2}?"
# A surname and one or two characters: the shape of a Chinese name.
FULL_NAME = re.compile(_NAME)
# 记者许立群报道, 通讯员向兵、, （新华社记者章武摄）
_BYLINE = re.compile(
    r"(?:记者|通讯员|摄影|撰稿|执笔)((?:" + _NAME + r")(?:、(?:" + _NAME + r"))*)"
    r"(?=报道|摄|[、，）)\s]|$)"
)
_CREDIT = re.compile(r"[（(]([\u4e00-\u9fff、]{2,20}?)(?:摄影?|画|文|整理)?[）)]$")
# What follows a name: a verb of saying, a form of address, a title, a particle, a stop.
SAYS = ("说", "表示", "指出", "强调", "认为", "介绍", "等", "同志", "先生", "女士", "夫人", "会见")
SAYS += ("总统", "总理", "首相", "主席", "一行", "在", "称", "宣布", "对", "和", "、", "，", "。")
_ANNOTATION = re.compile(r"[（(](?:女|男)?[、，]?[\u4e00-\u9fff]{0,6}族?[）)]")
_SEPARATED = re.compile(r"[^，。；：！？“”《》（）\s,;:()]+")


def reads_as_name(name: str) -> bool:
    """Neither a known non-name nor ending like a place or a body (白庄村, 卫健委)."""
    return name not in NOT_NAMES and name[-1] not in CONTEXT_PLACE_ENDS


def context_names(
    paragraph: str, tokens: list[tuple[str, str]], starts: list[int], proposed: list[Proposal]
) -> list[Proposal]:
    """The names the context announces in one paragraph (``proposed``: what the tagger's
    tags gave, which a list grows from); the kind (byline, credit, title, list, …) is a
    feature for :mod:`archive.ingest.name_score`."""
    return (
        _author_line(paragraph)
        + _bylines(paragraph)
        + _credit(paragraph)
        + _after_titles(paragraph, tokens, starts)
        + _list_items(paragraph, set(starts), {(p.start, p.end) for p in proposed})
    )


def _author_line(paragraph: str) -> list[Proposal]:
    """A paragraph that is one name (an author line), or 2–4 names run together."""
    text = paragraph.strip()
    s = paragraph.find(text)
    if 2 <= len(text) <= 4 and FULL_NAME.fullmatch(text) and reads_as_name(text):
        return [Proposal(s, s + len(text), text, "author")]
    out = []
    if 5 <= len(text) <= 12:
        for name in _split_authors(text):  # 韩清忠罗锡亮李亚南: authors' names run together
            out.append(Proposal(s, s + len(name), name, "authors"))
            s += len(name)
    return out


def _split_authors(text: str) -> list[str]:
    """韩清忠罗锡亮 → [韩清忠, 罗锡亮]: a line of 2–4 names, three characters preferred."""
    if not re.fullmatch("[\u4e00-\u9fff]+", text):
        return []
    for sizes in ((3,), (3, 2), (2, 3)):
        parts, k = [], 0
        while k < len(text):
            n = next((n for n in sizes if k + n <= len(text) and
                      FULL_NAME.fullmatch(text[k : k + n]) and reads_as_name(text[k : k + n])), 0)  # fmt: skip
            if not n:
                break
            parts.append(text[k : k + n])
            k += n
        if k == len(text) and 2 <= len(parts) <= 4:
            return parts
    return []


def _bylines(paragraph: str) -> list[Proposal]:
    """记者许立群、向兵报道: the names after a reporter's or photographer's word."""
    out = []
    for m in _BYLINE.finditer(paragraph):
        s = m.start(1)
        for name in m.group(1).split("、"):
            if reads_as_name(name):
                out.append(Proposal(s, s + len(name), name, "byline"))
            s += len(name) + 1
    return out


def _credit(paragraph: str) -> list[Proposal]:
    """（新华社记者章武摄）, （夏昆山、张翔辉）: the names of a closing bracket."""
    m = _CREDIT.search(paragraph)
    if not m:
        return []
    out = []
    s = m.start(1) + len(re.match("(?:新华社|本报)?(?:记者|通讯员)?", m.group(1)).group())
    for name in _split_credit(m.group(1)):
        s = paragraph.find(name, s)
        if reads_as_name(name):
            out.append(Proposal(s, s + len(name), name, "credit"))
        s += len(name)
    return out


def _split_credit(text: str) -> list[str]:
    """夏昆山、张翔辉 or 夏昆山张翔辉 (two three-character names run together)."""
    parts = [p for p in re.split("、", re.sub("^(?:新华社|本报)?(?:记者|通讯员)", "", text)) if p]
    out = []
    for part in parts:
        if len(part) == 6 and FULL_NAME.fullmatch(part[:3]) and FULL_NAME.fullmatch(part[3:]):
            out += [part[:3], part[3:]]
        elif FULL_NAME.fullmatch(part):
            out.append(part)
        else:
            return []
    return out


def _after_titles(paragraph: str, tokens: list[tuple[str, str]], starts: list[int]) -> list:
    """省长|回良玉|强调: a whole name between token boundaries right after a title."""
    out = []
    bounds = set(starts)
    for k, (word, _) in enumerate(tokens[:-1]):
        if not title_at_end(word):
            continue
        s = starts[k + 1]
        for n in (3, 2):
            name = paragraph[s : s + n]
            if (
                s + n in bounds
                and FULL_NAME.fullmatch(name)
                and reads_as_name(name)
                and paragraph[s + n : s + n + 2].startswith(SAYS)
            ):
                out.append(Proposal(s, s + n, name, "title"))
                break
    return out


def _list_items(paragraph: str, bounds: set[int], proposed: set[tuple[int, int]]) -> list:
    """王岐山、卢钟鹤、欧广源: the items of a 、 list where neighbours are already names."""
    out = []
    clean = _ANNOTATION.sub(lambda m: "、" + " " * (len(m.group()) - 1), paragraph)
    for run in _SEPARATED.finditer(clean):
        items, pos = [], run.start()
        for item in run.group().split("、"):
            items.append((pos, pos + len(item), item))
            pos += len(item) + 1
        items = [it for it in items if it[2].strip()]
        kind = _list_kind(items, proposed)
        if kind is None:
            continue
        items[0] = _after_lead_in(items[0], bounds)
        for s, e, item in items:
            if (s, e) not in proposed and FULL_NAME.fullmatch(item) and reads_as_name(item):
                out.append(Proposal(s, e, item, kind))
    return out


def _list_kind(items: list[tuple[int, int, str]], proposed: set[tuple[int, int]]) -> str | None:
    """How sure a list is a list of names: half its items or more already proposed (list),
    or some proposed and most items short (list? for three or more items, else list2)."""
    hits = sum((s, e) in proposed for s, e, _ in items)
    if len(items) >= 3 and hits * 2 >= len(items):
        return "list"
    if hits and sum(len(it.strip()) <= 4 for _, _, it in items) * 3 >= 2 * len(items):
        # 顾雷、田流 or a list whose other items the tagger missed: a weaker kind.
        return "list?" if len(items) >= 3 else "list2"
    return None


def _after_lead_in(first: tuple[int, int, str], bounds: set[int]) -> tuple[int, int, str]:
    """出席的有王岐山、…: the lead-in ends with the first name, at a token boundary."""
    s, e, text = first
    for n in (3, 2):
        if len(text) > n and e - n in bounds and FULL_NAME.fullmatch(text[-n:]):
            return e - n, e, text[-n:]
    return first
