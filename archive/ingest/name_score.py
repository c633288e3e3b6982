"""How likely a candidate name is a person: a small logistic-regression scorer.

>>> feats = features("外长舍拉利·海鲁拉耶夫说", 2, 11, "舍拉利·海鲁拉耶夫", {"dotted", "tag"},
...                  Tokens({2: (5, "nrt"), 6: (11, "nrt")}), count=1, in_dictionary=False)
>>> "dot" in feats and "b:title" in feats and "a:says" in feats
True
>>> probability(feats) > 0.5
True

Every candidate (from the tagger, the context rules of :mod:`archive.ingest.name_context`
or the gazetteer of known names) is described by a few dozen binary features: where it
came from, its length, surname, dictionary status, the tagger's tag, the characters around
it and how often it recurs in the article. The weights in ``name_weights.json`` are
*derived data*: they were fitted by ``bench/person_quality.py --train`` on the PFR corpus
dates 1998-01-01..20 only (the benchmark reports 21..31), and hold no corpus text.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from archive.ingest.names import COMPOUND_SURNAMES, JAPANESE_SURNAMES, SURNAMES, TRANSLIT

WEIGHTS = Path(__file__).with_name("name_weights.json")
# The 40 commonest Chinese surnames: a name starting with one is likelier than 覃/冶.
_TOP = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶")
_PUNCT = set("，。；：！？、“”‘’《》（）()〈〉—…·,.;:!? \u3000")
# Characters whose presence at a name's edge usually means the tagger glued a word on
# (和李鹏, 宋健在): their weights are learnt one by one.
_EDGE = set("和与同及对向由请让被给跟据经把将从在是了也都就又还以摘说等为称讲们的摄时获有")
_AFTER_WORDS = ("说", "表示", "指出", "强调", "认为", "介绍", "宣布", "称", "会见", "会谈")
_AFTER_WORDS += ("同志", "先生", "女士", "夫人", "一行", "等", "的", "在", "和", "是", "为")
_AFTER_WORDS += ("总统", "总理", "主席", "首相", "书记", "委员长", "部长", "教授", "老人")
_AFTER_WORDS += ("理论", "思想", "时代", "纪念", "故居", "路", "街", "村", "镇", "县", "牌", "杯")
_AFTER_WORDS += ("社区", "小区", "公司", "大学", "中学", "小学", "医院", "集团", "广场", "大街")
# Last characters of places and bodies the tagger calls names (白庄村, 卫健委, 马村区).
_PLACE_ENDS = set("坝村庄委区县镇乡市省店厂局部院站路街港湾山河湖桥门寺园州城岛队")
_BEFORE_WORDS = ("记者", "通讯员", "同志", "名叫", "会见", "会见了", "和", "与", "同", "对")
_BEFORE_WORDS += ("新华社", "本报", "中新社", "据", "在", "到", "赴", "访问", "由", "给")


class Tokens:
    """The tagger's tokens of one paragraph, by start offset: start → (end, tag), and the
    (start, end) of the names the character tagger read in it."""

    def __init__(self, by_start: dict[int, tuple[int, str]], read: list = ()) -> None:
        self.by_start = by_start
        self.read = read
        self.ends = {e for e, _ in by_start.values()} | {0}
        self.by_end = {e: s for s, (e, _) in by_start.items()}


def features(
    paragraph: str,
    s: int,
    e: int,
    name: str,
    kinds: set[str],
    tokens: Tokens,
    *,
    count: int,
    in_dictionary: bool,
    parts_in_dictionary: tuple[bool, bool] = (False, False),
) -> list[str]:
    """Binary features of ``name`` at ``paragraph[s:e]``, as strings (see module doc)."""
    from archive.ingest.people import _title_at_end

    n = min(len(name), 5)
    f = ["bias", f"len:{n}", f"cnt:{min(count, 3)}", f"nk:{min(len(kinds), 3)}"]
    f += [f"k:{k}" for k in kinds] + [f"k:{k}:{n}" for k in kinds]
    if "·" in name:
        f.append("dot")
    elif len(name) == 3 and name[-1] in _PLACE_ENDS:
        f.append("placeend")
    if name[:2] in COMPOUND_SURNAMES:
        sur = "compound"
    elif name[0] in SURNAMES:
        sur = "top" if name[0] in _TOP else "rare"
    else:
        sur = "none"
    f.append(f"sur:{sur}:{n}")
    if any(name.startswith(j) for j in JAPANESE_SURNAMES):
        f.append("jp")
    letters = name.replace("·", "")
    share = sum(ch in TRANSLIT for ch in letters)
    f.append(
        "tr:all" if share == len(letters) else "tr:most" if share >= len(letters) - 1 else "tr:no"
    )
    if in_dictionary:
        f += ["dict", f"dict:{n}"]
    # 明显|的, 和|显著: a word plus a character is a word in context, not a name; saying so
    # keeps the blame off the name's characters (显 is a given name's in 徐衣显).
    if parts_in_dictionary[0]:
        f.append(f"headword:{n}")
    if parts_in_dictionary[1]:
        f.append(f"tailword:{n}")
    token = tokens.by_start.get(s)
    tag = token[1] if token and token[0] == e else "-"
    if tag != "-":
        f += [f"tag:{tag}", f"tag:{tag}:{n}"]
    else:
        f.append(f"cut:{int(s in tokens.ends or s in tokens.by_start)}{int(e in tokens.ends)}")
    if name[0] in _EDGE:
        f.append(f"first:{name[0]}")
    if name[-1] in _EDGE:
        f.append(f"last:{name[-1]}")
    before, after = paragraph[max(0, s - 12) : s], paragraph[e : e + 4]
    if paragraph.strip() == name:
        f.append("alone")
    left = "start" if not before else "punct" if before[-1] in _PUNCT else "char"
    right = "end" if not after else "punct" if after[0] in _PUNCT else "char"
    f += [f"b:{left}", f"a:{right}", f"lr:{left}|{right}"]
    if before and _title_at_end(before):
        f.append("b:title")
    f += [f"b:{w}" for w in _BEFORE_WORDS if before.endswith(w)][:1]
    f += [f"a:{w}" for w in _AFTER_WORDS if after.startswith(w)][:1]
    if after[:1] in ("、", "（", "）"):
        f.append(f"a:{after[0]}")
    if after.startswith(("说", "表示", "指出", "强调", "认为", "介绍", "宣布")):
        f.append("a:says")
    # The characters right around the name, one by one (的, 在, 向, …), and the name's
    # shape: length × surname × dictionary × tag, which no single feature says.
    f += [f"b1:{before[-1:]}", f"a1:{after[:1]}", f"a2:{after[:2]}", f"last1:{name[-1]}"]
    f.append(f"shape:{n}|{sur}|{int(in_dictionary)}|{tag}")
    # The characters of the name itself: given names draw on a small set (华, 明, 国),
    # words the tagger mistakes for names do not (德 of 道德, 部 of 全部, 章 of 纪念章).
    if "·" not in name and n <= 4:
        given = name[2:] if sur == "compound" else name[1:]
        f += [f"s:{name[0]}", *(f"g:{ch}" for ch in given)]
        f += [f"g{len(given)}:{given[0]}"] if given else []
    # The words the tagger cut on either side (代表|全部|当选, 艺术家|杨贵国|在).
    if (start := tokens.by_end.get(s)) is not None:
        f.append(f"pw:{paragraph[start:s]}")
    if (nxt := tokens.by_start.get(e)) is not None:
        f.append(f"nw:{paragraph[e : nxt[0]]}")
    f += [f"kc:{k}|{left}|{right}" for k in kinds]
    # What the character tagger read here: this very name, a longer or shorter one, or none.
    rel = "none"
    for s2, e2 in tokens.read:
        if (s2, e2) == (s, e):
            rel = "same"
            break
        if s2 < e and s < e2:
            rel = "holds" if s <= s2 and e2 <= e else "inside" if s2 <= s and e <= e2 else "cross"
    f += [f"q:{rel}", f"q:{rel}:{n}", f"q:{rel}|{tag}"]
    return f


_model: dict | None = None  # {"threshold": float, "weights": {feature: weight}}


def _load() -> dict:
    global _model
    if _model is None:
        _model = json.loads(WEIGHTS.read_text("utf-8")) if WEIGHTS.exists() else {}
    return _model


def set_model(model: dict | None) -> None:
    """Use ``model`` instead of the shipped file (training); None reloads the file."""
    global _model
    _model = model


def threshold() -> float:
    """The probability a candidate needs to be kept (chosen on the dev split)."""
    return _load().get("threshold", 0.5)


def probability(feats: list[str]) -> float:
    w = _load().get("weights")
    if not w:  # no weights fitted yet: every candidate passes (training collects them)
        return 1.0
    z = sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_SPLIT = ("cut:00", "cut:01", "cut:10")


def choose(candidates: list, threshold: float) -> list[tuple[int, int, str]]:
    """(paragraph, start, name) of the candidates kept: likely enough, and where two
    overlap (和李鹏 / 李鹏, 舍拉利 / 舍拉利·海鲁拉耶夫), the likelier one."""
    taken: dict[int, list[tuple[int, int]]] = {}
    kept = []
    # A known name that the tagger's cut does not split (苏来|衣曼 for 苏来衣曼, not 李明
    # inside 李明华) wins over what overlaps it: the archive already holds it as a person.
    scored = [
        (probability(f), "k:known" in f and not any(x in f for x in _SPLIT), k, s, e, n)
        for k, s, e, n, f in candidates
    ]
    passing = [x for x in scored if x[0] >= threshold]
    # Of two likely candidates where one holds the other (于明涛 / 明涛, 范罗斯特 / 罗斯特,
    # 迪尔德丽·恩赖特 / 恩赖特), the whole one is the name: the part is the tagger's cut.
    read = {(k, s, e) for k, s, e, _, f in candidates if "q:same" in f}
    names = {(k, s, e): n for _, _, k, s, e, n in passing}
    losers = {_loser(w, p, names, read) for w in names for p in names if _nested(w, p)}
    passing = [x for x in passing if tuple(x[2:5]) not in losers]
    for _p, _, k, s, e, n in sorted(passing, key=lambda x: (-x[1], -x[0], x[3] - x[4])):
        if all(e <= s2 or s >= e2 for s2, e2 in taken.get(k, ())):
            taken.setdefault(k, []).append((s, e))
            kept.append((k, s, n))
    kept += _list_members(candidates, scored, taken)
    return sorted(_whole_names(kept, candidates))


def _whole_names(kept: list, candidates: list) -> list[tuple[int, int, str]]:
    """One name, one reading per article: where a part was kept (王付) inside a candidate
    that is kept as a whole elsewhere in the article or is a known name (王付举), the
    whole is meant."""
    names = {n for _, _, n in kept}
    out = []
    for k, s, n in kept:
        wholes = [
            (s2, n2) for k2, s2, e2, n2, f in candidates
            if k2 == k and s2 <= s and s + len(n) <= e2 and n2 != n
            and (n2 in names or "k:known" in f)
        ]  # fmt: skip
        out.append((k, *max(wholes, key=lambda x: len(x[1]))) if wholes else (k, s, n))
    return list(dict.fromkeys(out))


def _nested(whole: tuple, part: tuple) -> bool:
    (k, s, e), (k2, s2, e2) = whole, part
    return k == k2 and s <= s2 and e2 <= e and e - s > e2 - s2


def _loser(whole: tuple, part: tuple, names: dict, read: set) -> tuple:
    """Of two likely candidates (paragraph, start, end), one inside the other, the one
    that is not the name: the part, usually."""
    k, s, e = whole
    _, s2, e2 = part
    # The character tagger read the part and not the whole, and the whole is the part
    # with a word's character glued on: 朱训|和, 赖斌|说 (not 王付|举).
    if part in read and whole not in read and _glued(names[whole], names[part]):
        return whole
    # Two likely names side by side (韩清忠|罗锡亮) are two people, not one.
    if (e2 == e and (k, s, s2) in names) or (s2 == s and (k, e2, e) in names):
        return whole
    return part


def _glued(whole: str, part: str) -> bool:
    """``whole`` is ``part`` with one edge character such as 和 or 说 on either side."""
    extra = whole.replace(part, "", 1)
    return len(extra) == 1 and extra in _EDGE


LIST_FLOOR = 0.05
_NAME_SHAPES = ("sur:top:2", "sur:top:3", "sur:rare:2", "sur:rare:3", "sur:compound:3")


def _list_members(candidates: list, scored: list, taken: dict) -> list[tuple[int, int, str]]:
    """王建修、胡小平、宫松奇、王付举出席: a Chinese name in a 、 list next to a kept name is
    one of the list's people, however weak its own cues (the scorer sees no title before
    the fourth). Grown from the kept names outwards, one neighbour at a time."""
    extra = []
    pending = [
        (k, s, e, n, f)
        for (k, s, e, n, f), (p, *_) in zip(candidates, scored, strict=True)
        if p >= LIST_FLOOR and any(x in f for x in _NAME_SHAPES) and not any(x in f for x in _SPLIT)
    ]
    grown = True
    while grown:
        grown = False
        for candidate in list(pending):
            k, s, e, n, f = candidate
            spans = taken.setdefault(k, [])
            if any(not (e <= s2 or s >= e2) for s2, e2 in spans):
                pending.remove(candidate)
                continue
            after_kept = "b1:、" in f and any(e2 == s - 1 for _, e2 in spans)
            before_kept = "a1:、" in f and any(s2 == e + 1 for s2, _ in spans)
            if after_kept or before_kept:
                spans.append((s, e))
                extra.append((k, s, n))
                pending.remove(candidate)
                grown = True
    return extra


def _standalone(text: str, part: str, whole: str) -> bool:
    """Whether ``part`` occurs in ``text`` somewhere other than inside ``whole``."""
    return text.replace(whole, "\0").count(part) > 0


def short_forms(names: list[str], text: str, japanese: frozenset[str] = frozenset()) -> list[str]:
    """Names written short elsewhere in the article, which count as mentions of their own:
    萨维 for 托马斯·萨维 and 桥本 for 桥本龙太郎 when the text also uses them alone."""
    out = list(names)
    for name in names:
        if "·" in name:
            parts = [p for p in name.split("·") if len(p) >= 2]
        else:
            parts = [j for j in japanese if name.startswith(j) and len(name) > len(j) + 1]
        for part in parts:
            if part not in out and _standalone(text, part, name):
                out.append(part)
    return out


# The name's own characters (s:, g:, g1:, g2:) are many features with little evidence
# each: a stronger L2 keeps one common word (明显的) from branding a character as no
# given name's, which would drop 徐衣显 or 王付举 whatever their context says.
_CHAR_FEATURES = ("s:", "g:", "g1:", "g2:", "g3:")
CHAR_L2 = 5e-3


def _l2(feature: str, l2: float) -> float:
    return max(l2, CHAR_L2) if feature.startswith(_CHAR_FEATURES) else l2


def fit(
    samples: list[tuple[list[str], int]],
    *,
    l2: float = 1e-3,
    epochs: int = 30,
    min_count: int = 5,
) -> dict[str, float]:
    """Logistic regression by Adagrad over (features, label) pairs; plain Python.

    Features seen in fewer than ``min_count`` training candidates are dropped first: a
    weight learnt from a handful of rows (one rare character after one name) fits those
    rows, not the next article. Identical feature vectors are merged (most candidates
    share one), which makes a pass over ~50,000 candidates take well under a second.
    """
    seen: dict[str, int] = {}
    for feats, _ in samples:
        for x in set(feats):
            seen[x] = seen.get(x, 0) + 1
    merged: dict[tuple[str, ...], list[int]] = {}
    for feats, label in samples:
        feats = [x for x in feats if seen[x] >= min_count]
        merged.setdefault(tuple(sorted(set(feats))), [0, 0])[label] += 1
    rows = list(merged.items())
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    for _ in range(epochs):
        for feats, (neg, pos) in rows:
            z = sum(w.get(x, 0.0) for x in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad = p * (neg + pos) - pos  # summed gradient of the merged rows
            for x in feats:
                g = grad + _l2(x, l2) * (neg + pos) * w.get(x, 0.0)
                g2[x] = g2.get(x, 0.0) + g * g
                w[x] = w.get(x, 0.0) - 0.5 * g / math.sqrt(g2[x] + 1e-8)
    return {k: round(v, 3) for k, v in sorted(w.items()) if abs(v) >= 0.02}
