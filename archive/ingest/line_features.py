"""What the line-role model sees of each text line of a page: its shape, not its words.

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text("本报讯（记者刘婧）1月24日上\\n午，我市召开会议。①3\\n\\n王小平到马村区督导\\n")
>>> feats = page_features(lines)
>>> [f for f in feats[0] if f.startswith(("byl", "s=", "pb"))]
['s=h', 'byl', 'pb']
>>> [f for f in feats[2] if f.startswith(("e=", "p.end", "pb"))]
['e=h', 'pb', 'p.end']

Every text line (blank lines are column breaks, not items) gets a list of feature strings:
its width against the column around it (the indent a paragraph lost, the short last line,
a headline's measure), how it ends and starts (。 ， ） —— a bracket, a digit), the furniture
it holds (a byline 本报讯（记者…）, a dateline 本报北京1月7日电, 据新华社…电, a reporter's
line 本报记者 富子梅 靳 博, a lead 记者吴焰报道：, a continuation （上接…）, a jump or an
editor code, a credit …摄, a date line （二〇二〇年一月二十三日）, a salutation
同志们、朋友们！, 编者按), headline cues (…时强调, …会议召开), whether a column break stands
before or after it, its place in its run of lines, the same for its neighbours, whether
the lines after it fill the column, and the role the rule segmenter gave it. The last two
characters of a line and the first two are words, not sentences (强调, 召开, 本报).
"""

from __future__ import annotations

import re

from archive.ingest.headline import KICKER_END, KICKER_END_IN_BLOCK, NOTICE, STATEMENT_END
from archive.ingest.lead_words import vote
from archive.ingest.markers import (
    match_byline,
    match_continued_from,
    match_editor_code,
    match_jump_to,
)
from archive.ingest.normalize import Line

__all__ = ["ORDERS", "closes_first", "guess_order", "page_features", "with_order"]

# A page's order: headlines first (other papers' export) or bodies first (the seed's).
ORDERS = ("hf", "bf")

_WINDOW = 6
LEXICAL = False  # the first and last two characters of a line (they overfit: see benchmarks)
_SENTENCE = set("。！？…")
_CLAUSE = set("，、；,;")
_CLOSE = set("）)】」』》")
_QUOTE = set('”’"')
_OPEN = set("（(【「『《")
_PUNCT = _SENTENCE | _CLAUSE | _CLOSE | _QUOTE
_DATELINE = re.compile(
    r"^(据)?(本报|新华社|中新社)?[\u4e00-\u9fff·]{2,8}[0-9一二三四五六七八九十]{1,3}月"
)
_LEAD = re.compile(r"^[\u4e00-\u9fff]{0,10}记者[\u4e00-\u9fff ]{2,10}报道[：:]")
_DATE_LINE = re.compile(
    r"^[（(][〇零一二三四五六七八九十0-9]{4}年[〇零一二三四五六七八九十0-9]{1,3}月"
)
_SALUTATION = re.compile(r"(同志们|朋友们|女士们|先生们|各位)")
_REPORTER = re.compile(r"^(本报|新华社)?(特约)?(记者|通讯员)[ \u4e00-\u9fff·、]{2,30}$")
_CREDIT = re.compile(r"摄[）)]?$|^[（(].{0,20}(记者|摄|制图|供图).{0,20}[）)]$")
_FURNITURE_START = set("据本新中人光经工法河央科农特记通")
_MARKER_END = set("0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_LIST_START = set("●■◆▲★○□◇一二三四五六七八九十（(")
_SENTENCE_RE = re.compile("[。！？…]")
# What opens a body before its text: an editor's note, a summary box (核心阅读, 内容提要).
_EDITORIAL = ("编者按", "【编者按】", "编者的话", "核心阅读", "内容提要", "提要", "阅读提示")
_LIST = re.compile(
    r"^([●■◆▲★○□◇]|\d{1,2}[、．.]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,2}[）)])"
)


def _end(text: str) -> str:
    last = text[-1]
    if last in _SENTENCE:
        return "s"
    if last in _CLAUSE:
        return "c"
    if last in "：:":
        return "k"
    if last in _CLOSE:
        return "b" + ("s" if len(text) > 1 and text[-2] in _SENTENCE else "")
    if last in _QUOTE:
        return "q" + ("s" if len(text) > 1 and text[-2] in _SENTENCE else "")
    if last in "—-":
        return "d"
    if last.isdigit():
        return "9"
    return "a" if last.isascii() else "h"


def _start(text: str) -> str:
    first = text[0]
    if len(text) > 1 and text[1] in _SENTENCE | _CLAUSE and first not in _PUNCT:
        return "w"  # 线。在…: a word's last character carried over a line or column break
    if text.startswith(("——", "—")):
        return "d"
    if first in _OPEN:
        return "o"
    if first in "“‘":
        return "q"
    if first in _SENTENCE or first in _CLAUSE or first in _CLOSE or first in _QUOTE:
        return "p"
    if first.isdigit():
        return "9"
    return "a" if first.isascii() else "h"


def _ratio(width: float, column: float) -> str:
    r = width / column if column else 1.0
    for limit, name in ((0.35, "xs"), (0.6, "s"), (0.8, "m"), (0.93, "l"), (1.08, "f"), (1.4, "o")):
        if r < limit:
            return name
    return "w"


def _length(n: int) -> str:
    for limit, name in ((4, "4"), (8, "8"), (12, "12"), (18, "18"), (26, "26")):
        if n <= limit:
            return name
    return "L"


def _columns(texts: list[Line]) -> list[float]:
    """The column width around each text line: the upper quartile of its neighbours'."""
    widths = [ln.width for ln in texts]
    out = []
    for i in range(len(widths)):
        near = sorted(widths[max(0, i - _WINDOW) : i + _WINDOW + 1])
        out.append(near[(len(near) * 3) // 4] if near else 1.0)
    return out


def _own(line: Line, head: str) -> list[str]:
    """The features of one line alone (``head``: it and the next two lines joined)."""
    text = line.text
    f = ["e=" + _end(text), "s=" + _start(text), "n=" + _length(len(text))]
    if LEXICAL:
        f += ["l2=" + text[-2:], "f2=" + text[:2], "l1=" + text[-1]]
    # Each costly look is tried only where it can hit (a byline opens with 本报, 新华社 or
    # 据; a cue ends the line in two characters): features are read for every line.
    first, last, tail = text[0], text[-1], text[-4:]
    furniture = first in _FURNITURE_START
    marker = last in _MARKER_END
    checks = (
        ("byl", furniture and match_byline(head) is not None),
        ("cont", first in "（(" and match_continued_from(text) is not None),
        ("jump", last in "）)" and match_jump_to(text) is not None),
        ("code", marker and bool(match_editor_code(text))),
        ("dl", furniture and bool(_DATELINE.match(text))),
        ("ju", first == "据"),
        ("lead", "报道" in text and bool(_LEAD.match(text))),
        ("rep", furniture and bool(_REPORTER.match(text))),
        ("credit", last in "摄）)" and bool(_CREDIT.search(text))),
        ("date", first in "（(" and bool(_DATE_LINE.match(text))),
        ("salute", len(text) <= 20 and ("们" in text or "各位" in text)),
        ("ed", first in "编【核内提阅" and text.startswith(_EDITORIAL)),
        ("ob", text.count("（") > text.count("）")),
        ("cb", closes_first(text)),
        ("notice", bool(NOTICE.search(tail))),
        ("kcue", bool(KICKER_END.search(tail))),
        ("kcue2", bool(KICKER_END_IN_BLOCK.search(tail))),
        ("stmt", bool(STATEMENT_END.search(tail))),
        ("list", (first in _LIST_START or first.isdigit()) and bool(_LIST.match(text))),
        ("sp", " " in text),
        ("spread", line.spread),
        ("stray", line.raw[:1] == " " and line.raw[1:2] not in (" ", "")),
        ("ind", line.indent >= 1),
        ("sent", _SENTENCE_RE.search(text, 0, len(text) - 1) is not None),
    )
    return f + [name for name, hit in checks if hit]


def closes_first(text: str) -> bool:
    """The line closes a bracket it did not open (…记者毛磊）): the tail of a line above."""
    close, open_ = text.find("）"), text.find("（")
    return close >= 0 and (open_ < 0 or close < open_)


def with_order(features: list[list[str]], order: str) -> list[list[str]]:
    """The features of :func:`page_features` read for a page of the given order: every
    ``pg|…`` template gets the order filled in."""
    key = "pg|" + order
    return [
        [*line[: line.start], *[key + t for t in line[line.start :]], "pg=" + order]
        for line in features
    ]


class _Features(list):
    """One line's features; from ``start`` on, the templates that take the page's order."""

    start = 0


def guess_order(lines: list[Line], rules: dict[int, str] | None = None) -> str:
    """With the rules' roles (``rules``), what the headlines' words say
    (:func:`archive.ingest.lead_words.vote`) where they clearly say it; else ``hf`` when the page opens on a headline: a headline printed after its body can
    never be a page's first text, so a first run of lines that reads as one (up to four
    lines, no sentence punctuation, no byline), or bare lines over a byline or over an
    indented line, or a bare first line well short of the lines under it, says the page
    prints headlines first.

    >>> from archive.ingest.normalize import normalize_text
    >>> guess_order(normalize_text("去年12月末\\n我国外储规模达3.1万亿美元\\n\\n本报北京1月7日电 （记者王观）国家\\n外汇管理局7日公布。\\n"))
    'hf'
    >>> guess_order(normalize_text("移动的“海上城市”\\n10月4日，一艘满载集装箱的货轮缓缓驶离上\\n海洋山深水港码头。船身与装载的集装箱倒影映照在\\n"))
    'hf'
    """
    voted = vote(lines, rules) if rules is not None else None
    if voted is not None:
        return voted
    texts = [ln for ln in lines if not ln.blank]
    if len(texts) < 2 or _furniture("".join(ln.text for ln in texts[:3])):
        return "bf"
    if texts[0].text.startswith("（") and "）" in texts[0].text[:16]:
        return "bf"  # （王有政）: the credit that ends a picture's item, then its title
    start = next(i for i, ln in enumerate(lines) if not ln.blank)
    block: list[Line] = []
    for line in lines[start:]:
        if line.blank:
            break
        block.append(line)
    words = [ln.text for ln in block]
    if len(block) <= 4 and len(block) < len(texts) and all(_bare(t) for t in words):
        return "hf"
    first = block[0]
    if (
        first.indent
        or not _bare(first.text)
        or _LIST.match(first.text)
        or first.text.startswith(_EDITORIAL)
    ):
        return "bf"  # an opening line: indented, running on, a list's entry, 核心阅读
    # No column break under the headline: bare lines, then the body's byline or indent.
    for lead in range(1, min(5, len(block))):
        if _furniture("".join(words[lead : lead + 3])):
            return "hf"
        if block[lead].indent:
            break
        if not _bare(words[lead]):
            break
    # Weaker cues, where the page also ends on a body's last line (a page printed bodies
    # first ends on a headline): an indent under bare lines, or a headline's own measure,
    # well short of the column under it (a label such as 开栏的话 is short too).
    last = texts[-1].text
    if _bare(last) and not last.endswith(("）", ")")) and "：" not in last:
        return "bf"  # (a credit, a dateline in brackets or a jump may end either)
    if any(ln.indent for ln in block[1:5]):
        return "hf"
    under = sorted(ln.width for ln in block[1:7])
    return "hf" if under and first.width <= under[(len(under) * 3) // 4] - 4 else "bf"


def _bare(text: str) -> bool:
    return not any(ch in _SENTENCE for ch in text) and text[-1] not in "，、；：,;:"


def _furniture(text: str) -> bool:
    return bool(match_byline(text) or match_continued_from(text) or _REPORTER.match(text))


def page_features(lines: list[Line], rule_roles: dict[int, str] | None = None) -> list[list[str]]:
    """The features of every text line of a page, in order (blank lines skipped);
    ``rule_roles`` maps a line's index in ``lines`` to the role the rules gave it. Those
    that depend on the page's order are templates (``pg|…``): see :func:`with_order`."""
    index = [i for i, ln in enumerate(lines) if not ln.blank]
    texts = [lines[i] for i in index]
    if not texts:
        return []
    columns = _columns(texts)
    heads = [ln.text for ln in texts]
    joined = ["".join(heads[k : k + 3]) for k in range(len(heads))]
    own = [_own(ln, joined[k]) for k, ln in enumerate(texts)]
    marks = [set(f) for f in own]
    ratio = [_ratio(ln.width, c) for ln, c in zip(texts, columns, strict=True)]
    ends = [_end(t) for t in heads]
    starts = [_start(t) for t in heads]
    before = [i == 0 or lines[i - 1].blank for i in index]
    after = [i + 1 >= len(lines) or lines[i + 1].blank for i in index]
    block = _blocks(before, after)
    out = []
    for k in range(len(texts)):
        f = _Features(own[k])
        f += ["r=" + ratio[k], "bk=" + block[k]]
        f += ["r|e=" + ratio[k] + ends[k], "bk|r=" + block[k] + ratio[k]]
        if before[k]:
            f.append("pb")
        if after[k]:
            f.append("nb")
        f += _around(k, ratio, ends, starts, marks, heads)
        rule = rule_roles.get(index[k], "?") if rule_roles is not None else None
        if rule:
            f += ["rule=" + rule, "rule|r=" + rule + ratio[k], "rule|bk=" + rule + block[k]]
        f.start = len(f)
        f += ["|r|e=" + ratio[k] + ends[k], "|bk=" + block[k]]
        if k:
            f.append("|p.e|pb=" + ends[k - 1] + ("b" if before[k] else ""))
        if rule:
            f.append("|rule=" + rule)
        out.append(f)
    return out


def _headlike(k: int, ratio: list[str], ends: list[str], own: list[list[str]]) -> bool:
    return (
        ratio[k] in ("xs", "s", "m")
        and ends[k] in ("h", "a", "q", "b", "9")
        and not ("byl" in own[k] or "jump" in own[k] or "code" in own[k] or "cont" in own[k])
    )


def _blocks(before: list[bool], after: list[bool]) -> list[str]:
    """Each line's place in its run of lines and the run's size: 1, 2, 3 or more."""
    out, k = [], 0
    while k < len(before):
        j = k
        while j + 1 < len(before) and not before[j + 1]:
            j += 1
        size = str(min(j - k + 1, 4))
        for m in range(k, j + 1):
            place = "o" if k == j else "f" if m == k else "l" if m == j else "m"
            out.append(size + place)
        k = j + 1
    return out


def _pair(a: str, b: str) -> str:
    """How two lines' lengths compare: a title broken in two is often two parallel
    phrases (兴学强国 / 风华正茂), a kicker over its title seldom."""
    d = abs(len(a) - len(b))
    return "=" if d == 0 else "~" if d <= 2 else "<" if len(a) < len(b) else ">"


def _around(k, ratio, ends, starts, own, heads) -> list[str]:
    """Features of the neighbours: what ended before this line, what follows it."""
    n = len(ratio)
    f = []
    if k:
        f.append("p.len" + _pair(heads[k - 1], heads[k]))
    if k + 1 < n:
        f.append("n.len" + _pair(heads[k], heads[k + 1]))
    if k:
        f += ["p.r=" + ratio[k - 1], "p.e=" + ends[k - 1], "p.e|r=" + ends[k - 1] + ratio[k]]
        if "jump" in own[k - 1] or "code" in own[k - 1]:
            f.append("p.end")
        if "byl" in own[k - 1]:
            f.append("p.byl")
        if "ob" in own[k - 1]:
            f.append("p.ob" + ("|cb" if "cb" in own[k] else ""))
    else:
        f.append("bos")
    if k + 1 < n:
        f += ["n.r=" + ratio[k + 1], "n.e=" + ends[k + 1], "n.s=" + starts[k + 1]]
        f.append("r|n.r=" + ratio[k] + ratio[k + 1])
        if "byl" in own[k + 1] or "cont" in own[k + 1]:
            f.append("n.byl")
        if k + 2 < n and ratio[k + 1] in ("f", "o") and ratio[k + 2] in ("f", "o"):
            f.append("n.fill")
    else:
        f.append("eos")
    if k > 1:
        f.append("pp.e=" + ends[k - 2])
    return f
