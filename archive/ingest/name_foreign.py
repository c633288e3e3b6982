"""Foreign names: transliterations next to a title or a verb of saying, Japanese names,
and names written with a middle dot or a dash.

>>> [p.name for p in clean_dotted(Proposal(0, 13, "文莱苏丹哈桑纳尔·博尔基亚", "dotted"))]
['哈桑纳尔·博尔基亚']
>>> [(p.start, p.name) for p in clean_dotted(Proposal(0, 14, "路易吉·马扎和马里诺·扎诺蒂", "dotspan"))]
[(0, '路易吉·马扎'), (7, '马里诺·扎诺蒂')]

Transliterations are spelt with a small set of characters (:data:`names.TRANSLIT`): a run
of them after a title (美国总统克林顿) or before a verb of saying (布赫说) is a candidate.
"""

from __future__ import annotations

import re

from archive.ingest.candidate import Proposal
from archive.ingest.name_context import SAYS, reads_as_name
from archive.ingest.names import JAPANESE_SURNAMES, NOT_NAMES, TRANSLIT

_PLACE_AFTER = tuple("市省州县岛港湾河湖山城国") + ("大学", "公司", "银行", "火山", "机场", "条约")
_PLACE_AFTER += ("股市", "指数", "集团", "地区", "平原", "高原", "大街", "广场", "体育", "人")
_NOT_BEFORE = ("新华社", "据", "在", "驻", "到", "前往", "抵达", "离开", "从", "于", "赴", "访问")
_FOREIGN_TITLES = re.compile(
    r"(?:总统|总理|首相|外长|外相|藏相|大臣|部长|主席|议长|大使|国王|亲王|特使|秘书长|总干事|"
    r"发言人|总书记|领导人|选手|名将|诗人|作家|教练|球星|科学家|党首|司令|委员长|副总统|代表|"
    r"会长|团长|[产务卫]相|干事长)$"
)
_JAPANESE = re.compile("|".join(sorted(JAPANESE_SURNAMES, key=len, reverse=True)))
_JAPANESE_TAIL = re.compile(
    r"[\u4e00-\u9fff]{0,3}?(?=[，。、；（）“”说表在对和与同等的会今昨为率就１-９0-9]|$)"
)
# Characters of transliterated names beyond TRANSLIT: Uyghur, Tibetan, Mongolian and
# Western names written with the middle dot (阿不都热西提, 洛桑久美, 芭芭拉).
_DOT_EXTRA = set("不都热提买吾甫依江汗古木合衣曼来孜努艾且姆洛灵智杰次仁顿珠旺堆卓措群培降央嘉")
_DOT_EXTRA |= set("久美图却增茂雍尕布本芭翰丝歇沃宾蒂埃奥伊乃尔丁力克热玛扎罗诺豪")
_DOT_CHARS = TRANSLIT | _DOT_EXTRA
# Characters that end a dotted name's outer parts: particles, verbs, prepositions.
_DOT_STOP = set("为在和与及等的说是了也将对向从于被把就已会同并到曾今昨一率称讲等、")
_DOTS = "·・•"
# 罗德—拉森, 萨希杜·丹戈—纳代伊: a single dash joins parts like a dot (a double dash —— is
# punctuation).
_JOINED = re.compile(
    r"[\u4e00-\u9fff]{1,10}(?:(?:[" + _DOTS + r"]|(?<!—)—(?!—))[\u4e00-\u9fff]{1,10})+"
)
# What the dotted-name rules sweep up around a foreign name: a title before it in the
# same run (文莱苏丹|哈桑纳尔·博尔基亚), a word after it (托马斯·萨维|为), and two names
# joined by 和 (路易吉·马扎|和|马里诺·扎诺蒂).
_DOT_LEADS = ("苏丹", "国王", "女王", "亲王", "王子", "总统", "首相", "总理", "主席", "议长")
_DOT_TAIL = set("为和在说等是的与及了将")


def foreign_names(paragraph: str, tokens: list[tuple[str, str]], starts: list[int]) -> list:
    """Every foreign-name proposal of one paragraph (``starts``: the tokens' offsets)."""
    return (
        _transliterations(paragraph, tokens, starts)
        + _japanese_names(paragraph)
        + _dotted_spans(paragraph, tokens, starts)
    )


def _transliterations(paragraph: str, tokens: list[tuple[str, str]], starts: list[int]) -> list:
    """美国总统克林顿, 布赫说: a run of transliteration tokens after a title, or a name
    of three characters or more before a verb of saying."""
    out = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and all(ch in TRANSLIT for ch in tokens[j][0])
            and tokens[j][1] not in ("uj", "p", "c", "d", "r", "m", "x")
        ):
            j += 1
        if j == i:
            i += 1
            continue
        s, e = starts[i], starts[j]
        named = any(t in ("nr", "nrt", "nrfg") for _, t in tokens[i:j])
        if _announced(paragraph, s, e, named):
            out.append(Proposal(s, e, paragraph[s:e], "foreign"))
        i = j
    return out


def _announced(paragraph: str, s: int, e: int, named: bool) -> bool:
    """The run ``paragraph[s:e]`` is announced as a name by a title or a verb after it,
    and is not a place (伦敦市) or a place's name after 在, 赴 (在|巴黎)."""
    name = paragraph[s:e]
    before, after = paragraph[max(0, s - 6) : s], paragraph[e : e + 4]
    titled = bool(_FOREIGN_TITLES.search(before))
    return (
        (len(name) >= 3 or (titled and after.startswith(SAYS)))
        and (titled or (named and len(name) >= 3 and after.startswith(SAYS)))
        and len(name) <= 10
        and not after.startswith(_PLACE_AFTER)
        and not before.endswith(_NOT_BEFORE)
        and reads_as_name(name)
    )


def _japanese_names(paragraph: str) -> list[Proposal]:
    """日本首相桥本龙太郎, 桥本首相: a Japanese surname and up to three characters."""
    out = []
    for m in _JAPANESE.finditer(paragraph):
        s = m.start()
        before = paragraph[max(0, s - 8) : s]
        sure = bool(_FOREIGN_TITLES.search(before) and "日本" in paragraph)
        tail = _JAPANESE_TAIL.match(paragraph[m.end() :])
        if tail and (sure or 1 <= len(tail.group()) <= 2):
            # 濑田裕子 with no 日本 in the paragraph: a weaker kind, the scorer decides.
            kind = "japanese" if sure else "jp?"
            out.append(Proposal(s, m.end() + tail.end(), m.group() + tail.group(), kind))
    return out


def _dotted_spans(paragraph: str, tokens: list[tuple[str, str]], starts: list[int]) -> list:
    """芭芭拉·卡斯蒂约·哥斯达, 海里且姆·斯拉木: CJK parts joined by middle dots, the outer
    parts stretched over transliteration characters (or characters of a token the tagger
    calls a name) up to a particle or any other character."""
    named = [False] * (len(paragraph) + 1)
    for (_, tag), s, e in zip(tokens, starts, starts[1:], strict=False):
        if tag in ("nr", "nrt", "nrfg", "nz"):
            for k in range(s, e):
                named[k] = True

    def ok(k: int) -> bool:
        ch = paragraph[k]
        return "\u4e00" <= ch <= "\u9fff" and ch not in _DOT_STOP and (ch in _DOT_CHARS or named[k])

    out = []
    for m in _JOINED.finditer(paragraph):
        s, e = m.start(), m.end()
        marks = [k for k in range(s, e) if paragraph[k] in _DOTS + "—"]
        first, last = marks[0], marks[-1] + 1
        a = first
        while a > s and first - a < 8 and ok(a - 1):
            a -= 1
        b = last
        while b < e and b - last < 8 and ok(b):
            b += 1
        if a < first and b > last:
            name = re.sub("[" + _DOTS + "]", "·", paragraph[a:b])
            if "—" in name and not all(ok(k) or paragraph[k] in _DOTS + "—" for k in range(a, b)):
                continue
            if name not in NOT_NAMES:
                out.append(Proposal(a, b, name, "dashspan" if "—" in name else "dotspan"))
    return out


def clean_dotted(proposal: Proposal) -> list[Proposal]:
    """The proposal of a dotted foreign name without what its rule swept up with it; any
    other proposal as it is."""
    if "·" not in proposal.name:
        return [proposal]
    out = []
    offset = 0
    for piece in re.split("(和|与|及)", proposal.name):
        start, offset = offset, offset + len(piece)
        if piece in ("和", "与", "及") or "·" not in piece:
            continue
        first = piece.split("·")[0]
        cut = max(
            (first.rfind(lead) + len(lead) for lead in _DOT_LEADS if lead in first), default=0
        )
        piece, start = piece[cut:], start + cut
        while piece[-1] in _DOT_TAIL and len(piece.split("·")[-1]) > 2:
            piece = piece[:-1]
        begin = proposal.start + start
        out.append(Proposal(begin, begin + len(piece), piece, proposal.kind))
    return out
