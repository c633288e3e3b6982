"""Person names as a character sequence: an averaged-perceptron tagger.

>>> tokens = [("市长", "n"), ("徐衣显", "nr"), ("说", "v")]
>>> spans("市长徐衣显说", tokens, model={})   # no weights: no names
[]
>>> [(s, e) for s, e in spans("市长徐衣显说", tokens)]   # the shipped weights
[(2, 5)]

The candidate rules of :mod:`archive.ingest.people` see words; this sees characters. Each
character gets one of four labels (BEG, MID, END: first, inner and last character of a name of
two or more characters; OUT: anything else), chosen for the whole paragraph at once by
Viterbi over features of the characters around it (single characters, pairs, the kind of
character: top surname, transliteration syllable, digit, punctuation) and of the tagger's
word that holds it (its part of speech, where the character sits in it, the words on
either side). A name it finds is one more candidate, and whether it agrees with a
candidate is one more feature for :mod:`archive.ingest.name_score`.

The weights in ``name_tagger.json.xz`` are *derived data*: fitted by
``bench/person_quality.py --train`` on the PFR corpus dates 1998-01-01..20 only, where
each ``/nr`` run marks a name; the file holds feature weights, no corpus text. The
training itself (``bench/training/tagger.py``) is tooling: the site only reads the file.
"""

from __future__ import annotations

import json
import lzma
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from archive.ingest.names import SURNAMES, TRANSLIT

MODEL = Path(__file__).with_name("name_tagger.json.xz")
BEG, MID, END, OUT = range(4)
# Which label may follow which: a name is BEG MID* END, never a bare MID or END.
ALLOWED = {
    (OUT, OUT), (OUT, BEG), (BEG, MID), (BEG, END), (MID, MID), (MID, END), (END, OUT), (END, BEG),
}  # fmt: skip
START = {OUT, BEG}
_TOP = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶")
_PUNCT = set("，。；：！？、“”‘’《》（）()〈〉—…·,.;:!?")


def _char(ch: str) -> str:
    """Full-width digits and letters as ASCII, every digit as 0 (１２月 and 12月 alike)."""
    ch = unicodedata.normalize("NFKC", ch) if "\uff00" <= ch <= "\uffef" else ch
    return "0" if ch.isdigit() else ch


def _kind(ch: str) -> str:
    if ch in _TOP:
        return "S"
    if ch in SURNAMES:
        return "s"
    if ch in TRANSLIT:
        return "T"
    if ch in _PUNCT:
        return "P"
    if ch == "0":
        return "D"
    if ch.isascii():
        return "L"
    return "H"


def features(text: str, tokens: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The feature strings of every character of ``text`` (tokens: the tagger's cut)."""
    chars = ["^2", "^1", *(_char(ch) for ch in text), "$1", "$2"]
    kinds = ["^", "^", *(_kind(ch) for ch in chars[2:-2]), "$", "$"]
    where, word_of = _words_around(text, tokens)
    left, right = _transliteration_reach(kinds, len(text))
    out = []
    for i in range(len(text)):
        p = i + 2
        c2, c1, c0, n1, n2 = chars[p - 2], chars[p - 1], chars[p], chars[p + 1], chars[p + 2]
        tag, place, before, after = where[i]
        f = [
            "b", "0" + c0, "-1" + c1, "+1" + n1, "-2" + c2, "+2" + n2,
            "01" + c0 + n1, "-10" + c1 + c0, "-21" + c2 + c1, "12" + n1 + n2, "-1+1" + c1 + n1,
            "k" + kinds[p - 1] + kinds[p] + kinds[p + 1],
            "k2" + kinds[p - 2] + kinds[p - 1] + kinds[p] + kinds[p + 1] + kinds[p + 2],
            "t" + tag + place, "tc" + tag + place + c0, "w" + place + word_of[i],
        ]  # fmt: skip
        if kinds[p] == "T":
            f.append(f"tr{min(left[i], 3)}{min(right[i], 3)}")
        if place in ("B", "S"):
            f.append("pw" + before)
        if place in ("E", "S"):
            f.append("nw" + after)
        out.append(f)
    return out


def _words_around(text: str, tokens: Sequence[tuple[str, str]]) -> tuple[list, list[str]]:
    """For each character, the tagger's word around it: (its tag, the character's place in
    it, the words before and after it: 市长|徐衣显, 徐衣显|说), and the word itself (… when
    longer than four)."""
    where: list[tuple[str, str, str, str]] = []
    word_of: list[str] = []
    words = [w for w, _ in tokens]
    for k, (word, tag) in enumerate(tokens):
        before = words[k - 1] if k else "^"
        after = words[k + 1] if k + 1 < len(words) else "$"
        for j in range(len(word)):
            place = "S" if len(word) == 1 else "B" if j == 0 else "E" if j == len(word) - 1 else "M"
            where.append((tag, place, before, after))
            word_of.append(word if len(word) <= 4 else "…")
    where += [("-", "S", "^", "$")] * (len(text) - len(where))
    word_of += [""] * (len(text) - len(word_of))
    return where, word_of


def _transliteration_reach(kinds: list[str], length: int) -> tuple[list[int], list[int]]:
    """How far a run of transliteration syllables reaches on each side (斯考克罗夫特)."""
    left, right = [0] * length, [0] * length
    for i in range(length):
        left[i] = left[i - 1] + 1 if i and kinds[i + 1] == "T" else 0
    for i in range(length - 1, -1, -1):
        right[i] = right[i + 1] + 1 if i + 1 < length and kinds[i + 3] == "T" else 0
    return left, right


# For each label, the labels that may come before it.
_BEFORE = [[a for a in range(4) if (a, t) in ALLOWED] for t in range(4)]


def best_labels(scores: list[Sequence[float]], trans: Sequence[float]) -> list[int]:
    """The best label sequence; ``trans[a * 4 + b]`` scores label b after label a."""
    n = len(scores)
    if not n:
        return []
    neg = float("-inf")
    best = [scores[0][t] if t in START else neg for t in range(4)]
    back: list[list[int]] = []
    for i in range(1, n):
        row, ptr = [], []
        for t in range(4):
            top, arg = neg, OUT
            for a in _BEFORE[t]:
                v = best[a] + trans[a * 4 + t]
                if v > top:
                    top, arg = v, a
            row.append(top + scores[i][t])
            ptr.append(arg)
        best = row
        back.append(ptr)
    # A name cannot be left open at the paragraph's end.
    last = max((t for t in (OUT, END)), key=lambda t: best[t])
    path = [last]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return path[::-1]


def _spans(labels: list[int]) -> list[tuple[int, int]]:
    out, start = [], None
    for i, t in enumerate(labels):
        if t == BEG:
            start = i
        elif t == END and start is not None:
            out.append((start, i + 1))
            start = None
        elif t == OUT:
            start = None
    return out


_lock = threading.Lock()
_model: dict | None = None


def shipped_model() -> dict:
    """The fitted weights of ``name_tagger.json.xz`` ({} when it is missing)."""
    global _model
    with _lock:
        if _model is None:
            if MODEL.exists():
                with lzma.open(MODEL, "rt", encoding="utf-8") as f:
                    _model = json.load(f)
            else:
                _model = {}
        return _model


def spans(text: str, tokens: Sequence[tuple[str, str]], model: dict | None = None) -> list:
    """(start, end) of every name the tagger reads in ``text``, by ``model`` or the
    shipped one."""
    model = shipped_model() if model is None else model
    weights = model.get("weights")
    if not weights or not text:
        return []
    get = weights.get
    nothing = (0.0, 0.0, 0.0, 0.0)
    scores = []
    for f in features(text, tokens):
        # Most character pairs were never seen in training: their lookups give None. The
        # sums run left to right, as a loop adding each weight in turn would, in C.
        hits = [w for w in map(get, f) if w is not None]
        scores.append(tuple(map(sum, zip(*hits, strict=True))) if hits else nothing)
    return _spans(best_labels(scores, model["transitions"]))
