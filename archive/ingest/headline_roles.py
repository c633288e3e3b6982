"""Which printed headline lines are the kicker, the title and the subtitle, read by a
small linear model over what the lines say (no fonts survive the extraction).

>>> choose_roles(["田径世锦赛", "我国选手佳绩频传", "奖牌榜稳居第二"], ("田径世锦赛 我国选手佳绩频传", "奖牌榜稳居第二", ""))
('田径世锦赛', '我国选手佳绩频传', '奖牌榜稳居第二')

An item's headline lines, in order, are cut into kicker (the lines before the title),
title and subtitle (the lines after it); every cut is scored by the weights in
``headline_roles.json`` over features of the parts: their length and their length
against the title's, the number of lines, the first and last characters, a —— opening or
ending, digits, the lead-in cues of :mod:`archive.ingest.headline` (…强调, …指出, …之际)
and the statements (…召开, …举行). The weights are derived data, fitted by
``bench/training/headline_roles.py`` on the headlines of corpus articles of the fitting
dates (People's Daily 2019-10-01..20 with the e-paper's own 引题/主题/副题, PFR
1998-01-01..20); they hold feature names and numbers, no corpus text.

The reading the page gave (``current``: the rules' or the line-role model's) stands
unless the best cut beats it by :data:`MARGIN`, so headlines the layout settles keep
their reading; :func:`role_margin` says how close the call was, for review flags.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from archive.ingest.headline import KICKER_END, STATEMENT_END
from archive.ingest.word_tagger import word_tagger

__all__ = ["MARGIN", "candidates", "choose", "choose_roles", "features", "role_margin", "score"]

WEIGHTS = Path(__file__).with_name("headline_roles.json")
MARGIN = 4.0  # how much better than the current reading a cut must score to replace it
_VERB = re.compile(r"(强调|指出|表示|要求|提出|希望|寄语|勉励|号召|呼吁|说|时)$")


def _bucket(n: float, edges: tuple) -> int:
    return next((k for k, edge in enumerate(edges) if n <= edge), len(edges))


def _part(role: str, lines: list[str], title_len: int) -> list[str]:
    """Features of one part (kicker K, title T or subtitle S) from its printed lines."""
    if not lines:
        return [f"{role}:none"]
    text = "".join(lines)
    n = len(text)
    out = [
        f"{role}:lines={min(len(lines), 3)}",
        f"{role}:len={_bucket(n, (4, 6, 8, 10, 12, 15, 18, 22, 28))}",
        f"{role}:end1={text[-1]}",
        f"{role}:start1={text[0]}",
        f"{role}:start2={text[:2]}",
    ]
    if role != "T" and title_len:
        out.append(f"{role}:rel={_bucket(n / title_len, (0.4, 0.6, 0.8, 1.0, 1.3, 1.8))}")
    out += [f"{role}:{name}" for name, hit in _marks(text) if hit]
    if len(lines) > 1:
        widths = [len(x) for x in lines]
        out.append(f"{role}:even={max(widths) - min(widths) <= 2}")
    return out


def _marks(text: str) -> list[tuple[str, bool]]:
    return [
        ("dash", text.startswith(("——", "—"))),
        ("enddash", text.endswith(("——", "—"))),
        ("digit", any(ch.isdigit() for ch in text)),
        ("cue", bool(KICKER_END.search(text))),
        ("verb", bool(_VERB.search(text))),
        ("stmt", bool(STATEMENT_END.search(text))),
        ("colon", "：" in text),
        ("comma", "，" in text or "、" in text),
        ("excl", text.endswith(("！", "？"))),
        ("bracket", "（" in text),
        ("quote", "“" in text or "《" in text),
        ("space", " " in text),
    ]


def features(lines: list[str], a: int, b: int) -> list[str]:
    """Features of the cut: kicker ``lines[:a]``, title ``lines[a:b]``, subtitle the rest."""
    kicker, title, subtitle = lines[:a], lines[a:b], lines[b:]
    title_len = len("".join(title))
    shape = (
        f"shape={len(kicker) > 0},{min(len(title), 3)},{len(subtitle) > 0}|n={min(len(lines), 5)}"
    )
    out = [shape, *_part("K", kicker, title_len), *_part("T", title, title_len)]
    out += _part("S", subtitle, title_len)
    if kicker and subtitle:
        out.append("KS:both")
    return out


def candidates(n: int) -> list[tuple[int, int]]:
    """Every cut of n lines with a title of at least one line."""
    return [(a, b) for a in range(n) for b in range(a + 1, n + 1)]


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    try:
        return json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    except (OSError, ValueError, KeyError):
        return {}


def score(lines: list[str], a: int, b: int, weights: dict[str, float] | None = None) -> float:
    w = _weights() if weights is None else weights
    return sum(w.get(f, 0.0) for f in features(lines, a, b))


def _cut(lines: list[str], parts: tuple[str, str, str]) -> tuple[int, int] | None:
    """Where ``parts`` (each its lines joined by a space) cut ``lines``; None when they
    are not the lines in order."""
    kicker, title, subtitle = parts
    a = next((i for i in range(len(lines) + 1) if " ".join(lines[:i]) == kicker), None)
    if a is None:
        return None
    b = next((j for j in range(a + 1, len(lines) + 1) if " ".join(lines[a:j]) == title), None)
    if b is None or " ".join(lines[b:]) != subtitle:
        return None
    return a, b


def _ranked(lines: list[str], current: tuple[str, str, str]):
    cut = _cut(lines, current) if 0 < len(lines) <= 8 and _weights() else None
    if cut is None:
        return None, []
    scored = sorted(((score(lines, x, y), (x, y)) for x, y in candidates(len(lines))), reverse=True)
    return cut, scored


def choose_roles(
    lines: list[str], current: tuple[str, str, str], blocks: list[int] | None = None
) -> tuple[str, str, str]:
    """The (kicker, title, subtitle) the weights prefer for an item's printed headline
    ``lines``; ``current`` (the page's reading of the same lines) without weights, when
    it is no cut of them, or when it scores within :data:`MARGIN` of the best."""
    return choose(lines, current, blocks)[0]


def choose(
    lines: list[str], current: tuple[str, str, str], blocks: list[int] | None = None
) -> tuple[tuple[str, str, str], float]:
    """:func:`choose_roles` and the :func:`role_margin` of what it chose, in one pass.

    ``blocks`` gives the printed block of each line (blocks are set apart by column
    breaks): the weights may not cut a block where a word runs on from one line to the
    next (a title wrapped mid-word, …考察时指出动 / 员全社会力量…, …戴胸 / 卡上岗) unless
    ``current`` cuts there too (on seed-style dev pages the weights' changes were wrong 44
    times in 48, mostly such splits of one block).

    >>> choose(["纳扎尔巴耶夫指", "出改革为哈发展奠定基础"], ("", "纳扎尔巴耶夫指 出改革为哈发展奠定基础", ""), [0, 0])[0]
    ('', '纳扎尔巴耶夫指 出改革为哈发展奠定基础', '')
    """
    cut, scored = _ranked(lines, current)
    if not scored:
        return current, float("inf")
    if blocks:
        scored = [(v, c) for v, c in scored if c == cut or _allowed(lines, c, cut, blocks)]
    best, (a, b) = scored[0]
    own, mine = cut, score(lines, *cut)
    if (a, b) != cut and best - mine > MARGIN:
        cut, mine = (a, b), best
    others = [v for v, c in scored if c != cut]
    margin = mine - max(others) if others else float("inf")
    return (current if cut == own else _parts(lines, *cut)), margin


def _allowed(
    lines: list[str], cut: tuple[int, int], current: tuple[int, int], blocks: list[int]
) -> bool:
    """No cut point of ``cut`` splits a word inside a block where ``current`` does not cut."""
    n = len(blocks)
    return all(
        k in (0, n, *current) or blocks[k - 1] != blocks[k] or not _mid_word(lines[k - 1], lines[k])
        for k in cut
    )


def _mid_word(before: str, after: str) -> bool:
    """A word runs on from ``before`` into ``after`` (read by the word tagger on the few
    characters either side)."""
    left = before[-4:]
    at = 0
    for word, _tag in word_tagger().tag(left + after[:4]):
        if at < len(left) < at + len(word):
            return True
        at += len(word)
    return False


def _parts(lines: list[str], a: int, b: int) -> tuple[str, str, str]:
    return " ".join(lines[:a]), " ".join(lines[a:b]), " ".join(lines[b:])


def role_margin(lines: list[str], parts: tuple[str, str, str]) -> float:
    """How far the cut ``parts`` makes scores above the best other cut (inf when there is
    no other, or no weights); below zero, the weights prefer another."""
    cut, scored = _ranked(lines, parts)
    if cut is None or len(scored) < 2:
        return float("inf")
    mine = score(lines, *cut)
    return mine - max(v for v, c in scored if c != cut)
