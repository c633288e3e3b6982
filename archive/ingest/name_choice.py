"""Which of an article's scored candidates are its names.

>>> likely = {"weights": {"bias": 5.0}}
>>> choose([Candidate(0, 0, 3, "于明涛", features=["bias"]),
...         Candidate(0, 1, 3, "明涛", features=["bias"])], 0.5, likely)
[(0, 0, '于明涛')]

Kept are the candidates likely enough (:func:`archive.ingest.name_score.probability`);
where kept candidates overlap, a known name the tokens do not split wins, then the
likelier (和李鹏 loses to 李鹏), and of two where one holds the other, the whole one. A
name written short elsewhere in the article (萨维 for 托马斯·萨维, 桥本 for 桥本龙太郎) is a
mention too, as the archive's gold lists count each form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.ingest.candidate import Candidate
from archive.ingest.name_score import probability
from archive.ingest.names import EDGE_CHARACTERS, JAPANESE_SURNAMES

_SPLIT = ("cut:00", "cut:01", "cut:10")
LIST_FLOOR = 0.05
_NAME_SHAPES = ("sur:top:2", "sur:top:3", "sur:rare:2", "sur:rare:3", "sur:compound:3")
# 徐衣显在检查督导城区疫情防控工作时强调: a kicker's subject, before 在…时 and a reporting verb.
_KICKER_SUBJECT = re.compile(
    r"^(?P<name>[\u4e00-\u9fff·]{2,10}?)在[^，。！？、]{1,40}?时(强调|指出|表示|要求|提出)[：:]?$"
)

Kept = tuple[int, int, str]  # (paragraph, start, name)


def chosen_names(
    paragraphs: Sequence[str],
    candidates: list[Candidate],
    threshold: float,
    reporters: Sequence[str] = (),
    *,
    cut_short: bool = False,
    model: dict | None = None,
) -> list[str]:
    """The names kept of an article's scored candidates, first mention first; ``model``:
    the scorer's weights to use instead of the shipped ones."""
    kept = choose(candidates, threshold, model)
    if cut_short:
        kept = _uncut_names(kept, paragraphs)
    excluded = set(reporters)
    names: list[str] = []
    for _, _, name in sorted(kept + _kicker_subjects(paragraphs, candidates, kept)):
        if name not in excluded and name not in names:
            names.append(name)
    # 萨维 after 托马斯·萨维, 桥本 after 桥本龙太郎: short forms are mentions too.
    names = short_forms(names, "\n".join(paragraphs), JAPANESE_SURNAMES)
    return [n for n in names if n not in excluded]


def choose(candidates: list[Candidate], threshold: float, model: dict | None = None) -> list[Kept]:
    """(paragraph, start, name) of the candidates kept: likely enough, and where two
    overlap (和李鹏 / 李鹏, 舍拉利 / 舍拉利·海鲁拉耶夫), the likelier one."""
    # A known name that the tagger's cut does not split (苏来|衣曼 for 苏来衣曼, not 李明
    # inside 李明华) wins over what overlaps it: the archive already holds it as a person.
    scored = [(probability(c.features, model), _known_whole(c), c) for c in candidates]
    passing = [x for x in scored if x[0] >= threshold]
    # Of two likely candidates where one holds the other (于明涛 / 明涛, 范罗斯特 / 罗斯特,
    # 迪尔德丽·恩赖特 / 恩赖特), the whole one is the name: the part is the tagger's cut.
    read = {c.span for c in candidates if "q:same" in c.features}
    names = {c.span: c.name for _, _, c in passing}
    losers = {_loser(w, p, names, read) for w in names for p in names if _nested(w, p)}
    passing = [x for x in passing if x[2].span not in losers]
    taken: dict[int, list[tuple[int, int]]] = {}
    kept = []
    for _, _, c in sorted(passing, key=lambda x: (-x[1], -x[0], x[2].start - x[2].end)):
        if all(c.end <= s2 or c.start >= e2 for s2, e2 in taken.get(c.paragraph, ())):
            taken.setdefault(c.paragraph, []).append((c.start, c.end))
            kept.append((c.paragraph, c.start, c.name))
    kept += _list_members(candidates, [p for p, _, _ in scored], taken)
    return sorted(_whole_names(kept, candidates))


def _known_whole(candidate: Candidate) -> bool:
    return "k:known" in candidate.features and not any(x in candidate.features for x in _SPLIT)


def _whole_names(kept: list[Kept], candidates: list[Candidate]) -> list[Kept]:
    """One name, one reading per article: where a part was kept (王付) inside a candidate
    that is kept as a whole elsewhere in the article or is a known name (王付举), the
    whole is meant."""
    names = {n for _, _, n in kept}
    out = []
    for k, s, n in kept:
        wholes = [
            (c.start, c.name) for c in candidates
            if c.paragraph == k and c.start <= s and s + len(n) <= c.end and c.name != n
            and (c.name in names or "k:known" in c.features)
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
    return len(extra) == 1 and extra in EDGE_CHARACTERS


def _list_members(
    candidates: list[Candidate], probabilities: list[float], taken: dict
) -> list[Kept]:
    """王建修、胡小平、宫松奇、王付举出席: a Chinese name in a 、 list next to a kept name is
    one of the list's people, however weak its own cues (the scorer sees no title before
    the fourth). Grown from the kept names outwards, one neighbour at a time."""
    extra = []
    pending = [
        c
        for c, p in zip(candidates, probabilities, strict=True)
        if p >= LIST_FLOOR
        and any(x in c.features for x in _NAME_SHAPES)
        and not any(x in c.features for x in _SPLIT)
    ]
    grown = True
    while grown:
        grown = False
        for c in list(pending):
            spans = taken.setdefault(c.paragraph, [])
            if any(not (c.end <= s2 or c.start >= e2) for s2, e2 in spans):
                pending.remove(c)
                continue
            after_kept = "b1:、" in c.features and any(e2 == c.start - 1 for _, e2 in spans)
            before_kept = "a1:、" in c.features and any(s2 == c.end + 1 for s2, _ in spans)
            if after_kept or before_kept:
                spans.append((c.start, c.end))
                extra.append((c.paragraph, c.start, c.name))
                pending.remove(c)
                grown = True
    return extra


def _kicker_subjects(
    paragraphs: Sequence[str], candidates: list[Candidate], kept: list[Kept]
) -> list[Kept]:
    """The subject of a kicker such as 徐衣显在…时强调 is a person: the line says who spoke,
    however weak the name's own cues (the scorer never saw this layout in training). Only
    a name some rule proposed, and only where nothing kept overlaps it."""
    out = []
    for k, paragraph in enumerate(paragraphs):
        match = _KICKER_SUBJECT.match(paragraph)
        if not match or any(k2 == k and s < match.end("name") for k2, s, _ in kept):
            continue
        name = match.group("name")
        if any((c.paragraph, c.start, c.name) == (k, 0, name) for c in candidates):
            out.append((k, 0, name))
    return out


def _uncut_names(kept: list[Kept], paragraphs: Sequence[str]) -> list[Kept]:
    """The kept names less those read only at the very end of a text cut short by a jump:
    …安平生、郭锋、李尔（下转第二版①） may be 李尔重 on the next page, and half a name is no
    name."""
    last = len(paragraphs) - 1
    end = len(paragraphs[last].rstrip()) if paragraphs else 0

    def at_end(k: int, s: int, name: str) -> bool:
        return k == last and s + len(name) == end

    cut = {n for k, s, n in kept if at_end(k, s, n)} - {
        n for k, s, n in kept if not at_end(k, s, n)
    }
    return [x for x in kept if x[2] not in cut]


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
