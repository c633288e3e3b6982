"""Names the word tagger's tags give, mended where its cut splits or glues a name.

>>> import itertools
>>> from archive.ingest.word_tagger import word_tagger
>>> text = "副市长王付举一同检查督导"
>>> tokens = word_tagger().tag(text)
>>> starts = [0, *itertools.accumulate(len(w) for w, _ in tokens)]
>>> [(p.name, p.kind) for p in tagged_names(text, tokens, starts)]
[('王付举', 'namechar')]

The tagger cuts 副|市长|王付|举|一同…: 王付 is tagged a name and 举 a lone character, so the
name is 王付 with its last character (kind ``namechar``). Candidates are loose (any token
the tagger calls a name, surname-led words, 老王/小李): :mod:`archive.ingest.name_score`
decides which are names.
"""

from __future__ import annotations

import re

from archive.ingest.candidate import Proposal
from archive.ingest.names import (
    ADDRESS_WORDS,
    COMPOUND_SURNAMES,
    COUNTRIES,
    HONORIFICS,
    NOT_NAMES,
    PLACE_ENDS,
    SURNAMES,
    TITLE,
    TRANSLIT,
    title_at_end,
)

__all__ = ["addressed", "lao_xiao", "plausible_name", "tagged_names"]

_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FOREIGN = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:[·・．.][\u4e00-\u9fff]{1,12})+$")
_LIST_LEADS = ("市领导", "省领导", "县领导", "区领导", "出席的有", "出席会议的有", "参加的有")
_NAME_TAGS = ("nr", "nrfg", "nrt")
_DOTS = ("·", "・", "．")
# Characters glued to a name by the tagger: 董曼忠摄 (photo credit), 对林菱, 张林春为.
_TRAILING = set("摄绘说等为手称讲们和与同及的在是了也都就又还以摘")
_LEADING = set("对向由请让被给和与同跟字据经把将从")
# One-character words that do not end a name (王小平|说, 张北|县).
_NOT_GIVEN = set("摄的在是和与同及等说讲称道也都就又还了着过把被将从向对为于县市省区村乡镇州路街")
_GLUED = set("说为在和是等的也")
# 马村|区, 恩华|社区: a two-character "name" followed by one of these is a place.
_PLACE_AFTER = set("村区县镇乡市省州街")
_PLACES = {
    "社区",
    "小区",
    "公司",
    "大学",
    "中学",
    "小学",
    "医院",
    "集团",
    "广场",
    "大街",
    "大厦",
    "宾馆",
}
# 老王, 小李: how colleagues and neighbours are named; the gold list counts them.
_LAO_XIAO = re.compile("[老小][" + "".join(sorted(SURNAMES)) + "](?![\u4e00-\u9fff]{2})")


def addressed(name: str) -> bool:
    """陈书记, 王市长 (a surname and a title), 全中国 (a character and a country)."""
    if name[-1] == "国" and name[:-1] + "国" not in COUNTRIES and name[:-1] in COUNTRIES:
        return True  # 蒙古国
    return (name[0] in SURNAMES and name[1:] in ADDRESS_WORDS) or name[1:] in COUNTRIES


def _has_surname(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[0] in SURNAMES


def _never_a_name(name: str) -> bool:
    """A word on the list of non-names, a title, an honorific or a form of address."""
    if name in NOT_NAMES or re.fullmatch(TITLE, name) or name.endswith(HONORIFICS):
        return True
    return addressed(name)


def plausible_name(name: str) -> bool:
    """A word a name rule may propose: a dotted foreign name, or two to four hanzi led by
    a surname (four only with a compound one) and not ending like a place."""
    if _never_a_name(name):
        return False
    if len(name) == 3 and name[-1] in PLACE_ENDS:
        return False
    if _FOREIGN.match(name):
        return True
    if not _NAME_CHARS.match(name):
        return False
    if len(name) == 4:  # 欧阳中石, 陈方安生; four-character words are mostly idioms
        return name[:2] in COMPOUND_SURNAMES
    return _has_surname(name)


def _plausible_tagged(name: str) -> bool:
    """A word the tagger calls a name: Chinese with a surname, or a 3+ character
    transliteration (克林顿, 布莱尔)."""
    if _never_a_name(name):
        return False
    if _FOREIGN.match(name):
        return True
    # 洪秉明 (a surname missing from the table), 董范园 (ends like a place), 孔夫子: the
    # scorer weighs surname, ending and transliteration share.
    return name not in NOT_NAMES and bool(re.fullmatch("[\u4e00-\u9fff]{2,8}", name))


def lao_xiao(paragraph: str) -> list[Proposal]:
    """老王, 小李 in ``paragraph``."""
    return [
        Proposal(m.start(), m.end(), m.group(), "laoxiao") for m in _LAO_XIAO.finditer(paragraph)
    ]


def tagged_names(
    paragraph: str, tokens: list[tuple[str, str]], starts: list[int]
) -> list[Proposal]:
    """The names the tagger's tags give, in reading order (``starts``: each token's
    offset, then the paragraph's end). Candidates only: the scorer decides."""
    proposals = []
    i = 0
    while i < len(tokens):
        if foreign := _join_foreign(tokens, i):
            name, end = foreign
            # 华金|·|阿尔穆尼亚 is tagged nz|x|ns: still a candidate, with a weaker kind.
            named = any(t in _NAME_TAGS for _, t in tokens[i:end])
            proposals.append(Proposal(starts[i], starts[end], name, "dotted" if named else "dot?"))
            i = end
            continue
        read = _read_at(tokens, i)
        if read and (proposal := _placed(paragraph, starts[i], read[0], read[1])):
            proposals.append(proposal)
        i += 1 + (read[2] if read else 0)
    return proposals


def _read_at(tokens: list[tuple[str, str]], i: int) -> tuple[str, str, int] | None:
    """(name, kind, how many more tokens it takes) of the name read at token ``i``; the
    first rule that applies decides, even when it finds no name."""
    word, tag = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
    prev = tokens[i - 1][0] if i else ""
    if _surname_then_given(word, tag, nxt, prev):
        # 由|房龙 (p|nr): the next token is a name of its own too, so it is not skipped.
        skip = tag == "nr" or nxt[1] not in _NAME_TAGS
        return word + nxt[0], "surgiven" if tag == "nr" else f"sg:{tag}", int(skip)
    if len(word) == 2 and tag in _NAME_TAGS and (mended := _last_character(word, nxt)):
        return mended
    if tag in _NAME_TAGS:
        name = _trim(word)
        return (name, "tag" if name == word else "trim", 0) if _plausible_tagged(name) else None
    if (title_at_end(prev) or prev in _LIST_LEADS) and len(word) in (2, 3) and plausible_name(word):
        return word, "aftertitle", 0  # 副市长|王付举 when the tagger gave the name another tag
    if len(word) == 3 and plausible_name(word):
        return word, "surword", 0  # 周恩来 is a dictionary word tagged t
    return None


def _surname_then_given(word: str, tag: str, nxt: tuple[str, str], prev: str) -> bool:
    """郭|俊秀, 周|新华: a surname the tagger calls a name, then the given name; also
    韩|卫国 (j|ns), 张|明远 (q|a), weighed by the scorer through the kind sg:<tag>."""
    return (
        len(word) == 1
        and word in SURNAMES
        and (
            tag == "nr"
            or nxt[1] in _NAME_TAGS  # 表弟路|传俊 (n|nr)
            or (prev[-1:] in "、，：（" or bool(title_at_end(prev)))
        )
        and 1 <= len(nxt[0]) <= 2
        and nxt[1] not in ("x", "uj", "p", "c", "ul", "r", "d", "m")
        and not title_at_end(nxt[0])
        and plausible_name(word + nxt[0])
    )


def _last_character(word: str, nxt: tuple[str, str]) -> tuple[str, str, int] | None:
    """A two-character name token and the name's last character, which the tagger left
    alone (徐殿|举, 朱语|今: kind namechar) or glued to 说/为/在 (李炳|文说, 徐衍|东为: glued)."""
    following, following_tag = nxt
    if (
        len(following) == 1
        and following not in _NOT_GIVEN
        and following_tag in ("zg", "ng", "tg", "vg", "ag", "v", "a", "n", "nr", "m")
        and plausible_name(word + following)
    ):
        return word + following, "namechar", 1
    if (
        len(following) == 2
        and following[1] in _GLUED
        and _has_surname(word)
        and plausible_name(word + following[0])
    ):
        return word + following[0], "glued", 0
    return None


def _placed(paragraph: str, offset: int, name: str, kind: str) -> Proposal | None:
    """The proposal of ``name`` found from ``offset`` on, unless a place word follows."""
    start = paragraph.find(name, offset)
    after = paragraph[start + len(name) : start + len(name) + 2]
    if len(name) == 2 and (after[:1] in _PLACE_AFTER or after in _PLACES):
        return None
    if name in NOT_NAMES:
        return None
    return Proposal(start, start + len(name), name, kind)


def _trim(word: str) -> str:
    if len(word) >= 3 and word[-1] in _TRAILING and plausible_name(word[:-1]):
        word = word[:-1]
    if len(word) >= 3 and word[0] in _LEADING and plausible_name(word[1:]):
        word = word[1:]
    return word


def _join_foreign(tokens: list[tuple[str, str]], i: int) -> tuple[str, int] | None:
    """诺罗敦|·|西哈努克: a transliterated name written with the middle dot."""
    if i + 2 >= len(tokens) or tokens[i + 1][0] not in _DOTS:
        return None
    parts, j = [tokens[i][0]], i + 1
    while j + 1 < len(tokens) and tokens[j][0] in _DOTS:
        if not re.fullmatch("[\u4e00-\u9fff]+", tokens[j + 1][0]):
            break
        parts.append(tokens[j + 1][0])
        j += 2
        # 彼特·加纳|维奇: the tagger splits the part after the dot too.
        while j < len(tokens) and tokens[j][1] in _NAME_TAGS and len(tokens[j][0]) <= 3:
            parts[-1] += tokens[j][0]
            j += 1
    if len(parts) < 2 or not re.fullmatch("[\u4e00-\u9fff]+", parts[0]):
        return None
    # 大张·惠利佳马村店 is a shop: every part must look like a transliteration.
    tagged = {w for w, t in tokens[i:j] if t in _NAME_TAGS}
    if not all(
        part in tagged or sum(ch in TRANSLIT for ch in part) >= len(part) - 1 for part in parts
    ):
        return None
    return "·".join(parts), j
