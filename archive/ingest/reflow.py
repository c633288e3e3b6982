"""Join an item's body lines into paragraphs.

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text("防控措施汇报，了解人流监测、\\n供应、物流配送等情况。\\n\\n在解放区世纪新区、\\n山阳区恩华社区、中站区怡光。")
>>> reflow(lines).paragraphs
['防控措施汇报，了解人流监测、供应、物流配送等情况。', '在解放区世纪新区、山阳区恩华社区、中站区怡光。']

Extraction keeps the printed line breaks but drops the paragraph indent, and a blank line
is only a column break (a column often ends mid-word: 群 / blank / 防群控). The cues left are
widths and punctuation: a paragraph's last line ends a sentence and is usually short; the
first line of the next paragraph is about two cells short, because the indent was lost.
Column width is estimated locally, since one item can span columns of different widths and a
wider text box (those lines are their own width class).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from archive.ingest.flags import PARAGRAPHS_UNCERTAIN
from archive.ingest.normalize import Line

__all__ = ["Reflowed", "column_widths", "reflow"]

SENTENCE_END = re.compile(r"[。！？…][”’」』）)]*$|[”’」』][。！？]$")
_WINDOW = 6  # lines each side used to estimate the local column width
_WIDE = 1.4  # a line this many times the main column's width belongs to a wider text box
UNCERTAIN = PARAGRAPHS_UNCERTAIN


@dataclass
class Reflowed:
    """Paragraph texts, and review notes about breaks the cues did not settle."""

    paragraphs: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


_HANGING = tuple("，。、；：？！”’）》」』")
_BRACKET_END = re.compile(r"[）)』」》：:]$")
_CREDIT = re.compile(r"^[（(][^（）()]+[）)]$")


def effective_width(line: Line) -> float:
    """Width without a hanging closing mark: punctuation may not open a line, so a line
    takes one extra mark at its end (…重要防 / 线。 is avoided by printing 线。 on the line
    before); counting it would make an indented first line look full.

    >>> from archive.ingest.normalize import normalize_text
    >>> effective_width(normalize_text("作为树牢“四个意识”，")[0])
    10.0
    """
    return line.width - 1 if line.text.endswith(_HANGING) else line.width


def column_widths(lines: list[Line]) -> list[float]:
    """The column width around each line: the upper quartile of nearby same-class widths.

    >>> from archive.ingest.normalize import normalize_text
    >>> column_widths(normalize_text("在解放区世纪新区、山阳区\\n恩华社区、中站区怡光小区，徐\\n衣显认真查看防控知识宣传、返"))
    [14.0, 14.0, 14.0]

    Spread lines (看 望 慰 问) were justified to full width, so they do not vote.
    """
    widths = [effective_width(ln) for ln in lines]
    voters = [w for w, ln in zip(widths, lines, strict=True) if not ln.spread] or widths or [0.0]
    # The main column is the width most lines share (within a cell): short last lines and
    # a wide box's lines both stay out of it, even on short items.
    base = _main_column(voters)
    wide = [w > base * _WIDE for w in widths]
    refs = []
    for i in range(len(lines)):
        lo, hi = max(0, i - _WINDOW), min(len(lines), i + _WINDOW + 1)
        near = [widths[j] for j in range(lo, hi) if wide[j] == wide[i] and not lines[j].spread]
        local = _upper_quartile(near) if near else widths[i]
        # Never below the item's main column: in a list (（四）妨害通信自由 / 案；) most
        # lines are short first or last lines, and a local estimate would call them full.
        refs.append(local if wide[i] else max(local, base))
    return refs


def _main_column(voters: list[float]) -> float:
    """The width with the most voters within a cell of it (the wider on a tie). Widths
    are counted once each, so a body of 100,000 lines costs no more than its distinct
    widths squared.

    >>> _main_column([14.0, 14.0, 13.0, 9.0, 28.0])
    14.0
    """
    counts = Counter(voters)
    near = {c: sum(n for v, n in counts.items() if abs(v - c) <= 1) for c in counts}
    return max(counts, key=lambda c: (near[c], c))


def _upper_quartile(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, (len(ordered) * 3) // 4)]


def _joins(left: str, right: str) -> str:
    """Lines of one paragraph join with no space, except Latin words split at a line end."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii():
        return left + " " + right
    return left + right


# Line roles: first line of a paragraph (indent lost), middle, last, one-line paragraph.
_F, _M, _L, _S = range(4)
_NEXT = {_F: (_M, _L), _M: (_M, _L), _L: (_F, _S), _S: (_F, _S)}
_BREAK_COST = 0.8  # a small prior for fewer paragraphs
# A line this many cells short and not justified is a paragraph's end even without a full
# stop; on dev pages (seeds 11-13) such a line is mostly a one-line paragraph (a sub-head,
# 十一、开庭审判, a list clause), so the cue lowers the one-line cost (2.0 → 0.5) and leaves
# the last-line cost as it was (lowering that too measured no better).
_SHORT = 3
_FORCED = 50.0  # a subhead run's edges are paragraph breaks whatever the widths say
# Below this chance a subhead's end costs _SUB_END × the chance to carry over (chosen on
# dev pages, fitting dates, seed 3: epaper and mixer rmrb paragraphs).
_SUB_SURE, _SUB_END = 0.9, 2.0


def _ends(text: str) -> bool:
    return bool(SENTENCE_END.search(text) or _BRACKET_END.search(text))


def _role_costs(line: Line, ref: float, listed: bool = False, sub: bool = False) -> list[float]:
    """How badly each role fits the line: widths (deficit from the column) and endings.

    A first line is two cells short (lost indent), a middle line full, a last line ends a
    sentence, a one-line paragraph both. A spread line was justified to the full width,
    so its width says nothing, but a paragraph's last line is never justified. A line of
    a subhead (``sub``) ends its paragraph without a stop.
    """
    ends = sub or _ends(line.text)
    if line.spread:
        first, middle, last, single = 0.5, 0.0, 3.0, 3.0
    else:
        d = ref - effective_width(line)
        middle = 0.0 if d <= 1 else (2.0 if d <= 2.5 else 5.0)
        # A subhead is printed without an indent: its first line may be full.
        first = 0.0 if 1 <= d <= 3.5 or (sub and d < 1) else (3.0 if d < 1 else 2.5)
        last = 0.0 if d >= 2 else (0.4 if d >= 1 else 0.8)
        single = 0.5 if d >= 1.5 else 3.5  # one-line paragraphs are rare
    if line.indent >= 1:  # a printed indent survived the extraction
        middle, last = middle + 9, last + 9
    if _CREDIT.match(line.text):  # （新华社记者高洁摄）: a credit stands alone
        single, middle = 0.0, middle + 1.0
    if line.text.startswith(_HANGING):  # punctuation never opens a paragraph
        first, single = first + 9, single + 9
    # A line well short of the column that was not justified ends a paragraph even
    # without a full stop (案；, 八、期间和办案期限): a line broken mid-paragraph is
    # stretched to the column.
    short = not line.spread and ref - effective_width(line) >= _SHORT
    # （三）制定…, 第四章…, 二、…, ●… after a clause's end opens a paragraph of a list.
    if listed:
        first, single = max(0.0, first - 1.5), max(0.0, single - 1.5)
        middle, last = middle + 2.0, last + 2.0
    first += 1.0 if ends and not sub else 0.0
    middle += 0.7 if ends and not sub else 0.0
    last += 0.0 if ends else 2.5
    single += 0.0 if ends else (0.5 if short else 2.0)
    return [first, middle, last, single]


_LIST_MARK = re.compile(
    r"^([（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十百\d]{1,4}[章节条]"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.]|[●■◆▲★○□◇])"
)


def _opens_list_entry(prev: Line, line: Line) -> bool:
    """``line`` starts with a list mark right after a clause ended (…；/ （三）…)."""
    return bool(_LIST_MARK.match(line.text)) and prev.text.endswith(("。", "；", "：", ";", ":"))


def _roles(lines: list[Line], refs: list[float], subs: list[bool], sure: list[float]) -> list[int]:
    """The cheapest sequence of roles (Viterbi over the four line roles); a run of subhead
    lines (``subs``) is paragraphs of its own: it starts and ends one."""
    costs = [
        _role_costs(ln, ref, k > 0 and _opens_list_entry(lines[k - 1], ln), subs[k])
        for k, (ln, ref) in enumerate(zip(lines, refs, strict=True))
    ]
    for k, cost in enumerate(costs):
        # A subhead after a paragraph's end starts one; after the item's unfinished first
        # line it goes on that line's paragraph (a lead printed without a stop).
        if subs[k] and k > 0 and not subs[k - 1] and _ends(lines[k - 1].text):
            cost[_M] += _FORCED
            cost[_L] += _FORCED
        if subs[k] and k + 1 < len(lines) and not subs[k + 1]:
            # Where the model is unsure, widths may still carry the paragraph on (it
            # reads an item's last sentence as a subhead now and then).
            end = _FORCED if sure[k] >= _SUB_SURE else _SUB_END * sure[k]
            cost[_F] += end
            cost[_M] += end
    # A body may start mid-paragraph (上接…) or be cut mid-paragraph (下转…), at a price.
    best = [costs[0][r] + (0.0 if r in (_F, _S) else 3.0) for r in range(4)]
    back: list[list[int]] = []
    for i in range(1, len(lines)):
        new, ptr = [], []
        for r in range(4):
            options = [
                (best[q] + (_BREAK_COST if r in (_F, _S) else 0.0), q)
                for q in range(4)
                if r in _NEXT[q]
            ]
            score, q = min(options)
            new.append(score + costs[i][r])
            ptr.append(q)
        best = new
        back.append(ptr)
    final = [best[r] + (0.0 if r in (_L, _S) else 1.5) for r in range(4)]
    role = min(range(4), key=lambda r: final[r])
    roles = [role]
    for ptr in reversed(back):
        role = ptr[role]
        roles.append(role)
    return roles[::-1]


def reflow(body: list[Line], subheads: Mapping[int, float] | Collection[int] = ()) -> Reflowed:
    """Paragraphs of a body; blank lines are column breaks, not paragraph breaks.

    ``subheads``: the numbers of lines the line-role model read as a subhead (a short
    paragraph with no closing stop, 政策保障  民间参与): each run of them is set apart as
    paragraphs, though the subhead fills its line and the next paragraph's lost indent
    alone would read as a wrapped line.

    >>> from archive.ingest.normalize import normalize_text
    >>> lines = normalize_text("工，才成就了澳门爱老\\n敬老护老的佳话。\\n政策保障  民间参与\\n"
    ...                        "10月5日，澳门\\n特别行政区长者日庆祝\\n活动综艺汇演如期在澳")
    >>> reflow(lines).paragraphs
    ['工，才成就了澳门爱老敬老护老的佳话。', '政策保障 民间参与10月5日，澳门特别行政区长者日庆祝活动综艺汇演如期在澳']
    >>> reflow(lines, subheads={3}).paragraphs
    ['工，才成就了澳门爱老敬老护老的佳话。', '政策保障 民间参与', '10月5日，澳门特别行政区长者日庆祝活动综艺汇演如期在澳']
    """
    lines = [ln for ln in body if not ln.blank]
    result = Reflowed()
    if not lines:
        return result
    refs = column_widths(lines)
    subs = [ln.number in subheads for ln in lines]
    chance = subheads if isinstance(subheads, Mapping) else dict.fromkeys(subheads, 1.0)
    roles = _roles(lines, refs, subs, [chance.get(ln.number, 0.0) for ln in lines])
    current = lines[0].text
    for i in range(1, len(lines)):
        if roles[i] in (_F, _S):
            unsure = not (subs[i] or subs[i - 1])
            if (
                unsure
                and not SENTENCE_END.search(lines[i - 1].text)
                and UNCERTAIN not in result.review
            ):
                if not _BRACKET_END.search(lines[i - 1].text):
                    result.review.append(UNCERTAIN)  # a break after an unfinished line
            result.paragraphs.append(current)
            current = lines[i].text
        else:
            current = _joins(current, lines[i].text)
    result.paragraphs.append(current)
    return result
