"""How likely a candidate name is a person: a small logistic-regression scorer.

>>> name = Candidate(0, 2, 11, "舍拉利·海鲁拉耶夫", {"dotted", "tag"})
>>> tokens = Tokens({2: (5, "nrt"), 6: (11, "nrt")})
>>> feats = features("外长舍拉利·海鲁拉耶夫说", name, tokens, NameFacts(count=1, in_dictionary=False))
>>> "dot" in feats and "b:title" in feats and "a:says" in feats
True
>>> probability(feats) > 0.5
True

Every candidate (from the tagger, the context rules of :mod:`archive.ingest.name_context`
or the gazetteer of known names) is described by a few dozen binary features: where it
came from, its length, surname, dictionary status, the tagger's tag, the characters around
it and how often it recurs in the article. The weights in ``name_weights.json`` are
*derived data*: they were fitted by ``bench/person_quality.py --train`` on the PFR corpus
dates 1998-01-01..20 only (the benchmark reports 21..31), and hold no corpus text. Which of
the likely candidates are kept is :mod:`archive.ingest.name_choice`'s to say.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from archive.ingest.candidate import WIDE_KINDS, Candidate, NameFacts, Tokens
from archive.ingest.names import (
    COMPOUND_SURNAMES,
    EDGE_CHARACTERS,
    JAPANESE_SURNAMES,
    PLACE_ENDS_WEIGHED,
    SURNAMES,
    TRANSLIT,
    title_at_end,
)

__all__ = ["features", "nesting", "probability", "shipped_model", "threshold"]

WEIGHTS = Path(__file__).with_name("name_weights.json")
# The 40 commonest Chinese surnames: a name starting with one is likelier than 覃/冶.
_TOP = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶")
_PUNCT = set("，。；：！？、“”‘’《》（）()〈〉—…·,.;:!? \u3000")
_AFTER_WORDS = ("说", "表示", "指出", "强调", "认为", "介绍", "宣布", "称", "会见", "会谈")
_AFTER_WORDS += ("同志", "先生", "女士", "夫人", "一行", "等", "的", "在", "和", "是", "为")
_AFTER_WORDS += ("总统", "总理", "主席", "首相", "书记", "委员长", "部长", "教授", "老人")
_AFTER_WORDS += ("理论", "思想", "时代", "纪念", "故居", "路", "街", "村", "镇", "县", "牌", "杯")
_AFTER_WORDS += ("社区", "小区", "公司", "大学", "中学", "小学", "医院", "集团", "广场", "大街")
_BEFORE_WORDS = ("记者", "通讯员", "同志", "名叫", "会见", "会见了", "和", "与", "同", "对")
_BEFORE_WORDS += ("新华社", "本报", "中新社", "据", "在", "到", "赴", "访问", "由", "给")


def features(paragraph: str, candidate: Candidate, tokens: Tokens, facts: NameFacts) -> list[str]:
    """Binary features of ``candidate`` in ``paragraph``, as strings (see module doc)."""
    name, s, e = candidate.name, candidate.start, candidate.end
    n = min(len(name), 5)
    sur = _surname_kind(name)
    token = tokens.by_start.get(s)
    tag = token[1] if token and token[0] == e else "-"
    before, after = paragraph[max(0, s - 12) : s], paragraph[e : e + 4]
    left = "start" if not before else "punct" if before[-1] in _PUNCT else "char"
    right = "end" if not after else "punct" if after[0] in _PUNCT else "char"
    f = _sources(candidate.kinds, n, facts.count)
    f += _spelling(name, n, sur)
    f += _dictionary(facts, n)
    f += [f"tag:{tag}", f"tag:{tag}:{n}"] if tag != "-" else [_cut(s, e, tokens)]
    f += _edges(name)
    f += _surroundings(paragraph, name, before, after, left, right)
    # The name's shape: length × surname × dictionary × tag, which no single feature says.
    f.append(f"shape:{n}|{sur}|{int(facts.in_dictionary)}|{tag}")
    f += _characters(name, n, sur)
    f += _neighbour_words(paragraph, s, e, tokens)
    f += [f"kc:{k}|{left}|{right}" for k in candidate.kinds]
    return f + _reading(s, e, tokens, n, tag)


def _surname_kind(name: str) -> str:
    if name[:2] in COMPOUND_SURNAMES:
        return "compound"
    if name[0] in SURNAMES:
        return "top" if name[0] in _TOP else "rare"
    return "none"


def _sources(kinds: set[str], n: int, count: int) -> list[str]:
    """Which rules proposed it, its length and how often the article repeats it."""
    f = ["bias", f"len:{n}", f"cnt:{min(count, 3)}", f"nk:{min(len(kinds), 3)}"]
    return f + [f"k:{k}" for k in kinds] + [f"k:{k}:{n}" for k in kinds]


def _spelling(name: str, n: int, sur: str) -> list[str]:
    """Dotted or ending like a place; its surname; a Japanese surname; transliteration."""
    f = []
    if "·" in name:
        f.append("dot")
    elif len(name) == 3 and name[-1] in PLACE_ENDS_WEIGHED:
        f.append("placeend")
    f.append(f"sur:{sur}:{n}")
    if any(name.startswith(j) for j in JAPANESE_SURNAMES):
        f.append("jp")
    letters = name.replace("·", "")
    share = sum(ch in TRANSLIT for ch in letters)
    f.append(
        "tr:all" if share == len(letters) else "tr:most" if share >= len(letters) - 1 else "tr:no"
    )
    return f


def _dictionary(facts: NameFacts, n: int) -> list[str]:
    f = ["dict", f"dict:{n}"] if facts.in_dictionary else []
    # 明显|的, 和|显著: a word plus a character is a word in context, not a name; saying so
    # keeps the blame off the name's characters (显 is a given name's in 徐衣显).
    if facts.head_in_dictionary:
        f.append(f"headword:{n}")
    if facts.tail_in_dictionary:
        f.append(f"tailword:{n}")
    return f


def _cut(s: int, e: int, tokens: Tokens) -> str:
    """Whether the tagger's cut falls at the candidate's start and end (no one token)."""
    return f"cut:{int(s in tokens.ends or s in tokens.by_start)}{int(e in tokens.ends)}"


def _edges(name: str) -> list[str]:
    f = [f"first:{name[0]}"] if name[0] in EDGE_CHARACTERS else []
    return f + ([f"last:{name[-1]}"] if name[-1] in EDGE_CHARACTERS else [])


def _surroundings(
    paragraph: str, name: str, before: str, after: str, left: str, right: str
) -> list[str]:
    """What stands before and after it: punctuation, a title, a verb of saying, …"""
    f = ["alone"] if paragraph.strip() == name else []
    f += [f"b:{left}", f"a:{right}", f"lr:{left}|{right}"]
    if before and title_at_end(before):
        f.append("b:title")
    f += [f"b:{w}" for w in _BEFORE_WORDS if before.endswith(w)][:1]
    f += [f"a:{w}" for w in _AFTER_WORDS if after.startswith(w)][:1]
    if after[:1] in ("、", "（", "）"):
        f.append(f"a:{after[0]}")
    if after.startswith(("说", "表示", "指出", "强调", "认为", "介绍", "宣布")):
        f.append("a:says")
    # The characters right around the name, one by one (的, 在, 向, …).
    return f + [f"b1:{before[-1:]}", f"a1:{after[:1]}", f"a2:{after[:2]}", f"last1:{name[-1]}"]


def _characters(name: str, n: int, sur: str) -> list[str]:
    """The characters of the name itself: given names draw on a small set (华, 明, 国),
    words the tagger mistakes for names do not (德 of 道德, 部 of 全部, 章 of 纪念章)."""
    if "·" in name or n > 4:
        return []
    given = name[2:] if sur == "compound" else name[1:]
    f = [f"s:{name[0]}", *(f"g:{ch}" for ch in given)]
    return f + ([f"g{len(given)}:{given[0]}"] if given else [])


def _neighbour_words(paragraph: str, s: int, e: int, tokens: Tokens) -> list[str]:
    """The words the tagger cut on either side (代表|全部|当选, 艺术家|杨贵国|在)."""
    f = []
    if (start := tokens.by_end.get(s)) is not None:
        f.append(f"pw:{paragraph[start:s]}")
    if (nxt := tokens.by_start.get(e)) is not None:
        f.append(f"nw:{paragraph[e : nxt[0]]}")
    return f


def _reading(s: int, e: int, tokens: Tokens, n: int, tag: str) -> list[str]:
    """What the character tagger read here: this very name, a longer or shorter one, or none."""
    rel = "none"
    for s2, e2 in tokens.read:
        if (s2, e2) == (s, e):
            rel = "same"
            break
        if s2 < e and s < e2:
            rel = "holds" if s <= s2 and e2 <= e else "inside" if s2 <= s and e <= e2 else "cross"
    return [f"q:{rel}", f"q:{rel}:{n}", f"q:{rel}|{tag}"]


def nesting(candidate: Candidate, others: list[Candidate]) -> list[str]:
    """Which rules proposed a longer candidate around this one (王付 in 王付举: in:namechar)
    or a shorter one inside it (和李鹏 around 李鹏: hold:tag), in the same paragraph."""
    s, e = candidate.start, candidate.end
    out = set()
    for other in others:
        s2, e2 = other.start, other.end
        if (s2, e2) == (s, e):
            continue
        if s2 <= s and e <= e2:
            out |= {f"in:{kind}" for kind in other.kinds - WIDE_KINDS}
        elif s <= s2 and e2 <= e:
            out |= {f"hold:{kind}" for kind in other.kinds - WIDE_KINDS}
    return sorted(out)


_shipped: dict | None = None  # {"threshold": float, "weights": {feature: weight}}


def shipped_model() -> dict:
    """The fitted weights and threshold of ``name_weights.json`` ({} when it is missing)."""
    global _shipped
    if _shipped is None:
        _shipped = json.loads(WEIGHTS.read_text("utf-8")) if WEIGHTS.exists() else {}
    return _shipped


def threshold(model: dict | None = None) -> float:
    """The probability a candidate needs to be kept (chosen on the dev split); ``model``:
    weights and threshold to use instead of the shipped ones (benchmarks, tests)."""
    return (shipped_model() if model is None else model).get("threshold", 0.5)


def probability(feats: list[str], model: dict | None = None) -> float:
    """How likely a candidate with ``feats`` is a name, by ``model`` or the shipped one."""
    w = (shipped_model() if model is None else model).get("weights")
    if not w:  # no weights fitted yet: every candidate passes (training collects them)
        return 1.0
    z = sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
