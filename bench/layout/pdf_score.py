"""Scoring a parsed PDF page against its gold: which parsed item is which printed one, the
fields right, and how well each item's regions cover its printed blocks (IoU).

>>> area([[0, 0, 0.5, 0.5], [0.25, 0.25, 0.75, 0.75]])
0.4375
>>> round(iou([[0, 0, 0.5, 0.5]], [[0, 0, 0.5, 0.4]]), 2)
0.8

IoU is taken between the unions of an item's boxes, so one box for two blocks or two for
one count the same: what matters is the printed area the item claims.
"""

from __future__ import annotations

import re

__all__ = ["FIELDS", "area", "iou", "match_items", "same"]

# The fields the acceptance counts; the body is the paragraphs' text without the breaks.
FIELDS = ("kicker", "title", "subtitle", "body", "paragraphs")
_SPACE = re.compile(r"\s+")


def _clip(a: list[float], b: list[float]) -> list[float] | None:
    box = [max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])]
    return box if box[0] < box[2] and box[1] < box[3] else None


def area(boxes: list[list[float]]) -> float:
    """The area the boxes cover together (overlaps counted once)."""
    xs = sorted({x for b in boxes for x in (b[0], b[2])})
    total = 0.0
    for left, right in zip(xs, xs[1:], strict=False):
        spans = sorted((b[1], b[3]) for b in boxes if b[0] <= left and b[2] >= right)
        covered, reach = 0.0, None
        for top, bottom in spans:
            if reach is None or top > reach:
                covered += bottom - top
                reach = bottom
            elif bottom > reach:
                covered += bottom - reach
                reach = bottom
        total += covered * (right - left)
    return total


def iou(found: list[list[float]], gold: list[list[float]]) -> float:
    """Intersection over union of two sets of boxes."""
    if not found or not gold:
        return 0.0
    both = [c for a in found for b in gold if (c := _clip(a, b))]
    inter = area(both)
    union = area(found) + area(gold) - inter
    return inter / union if union else 0.0


def match_items(gold: list[dict], found: list[dict]) -> list[dict | None]:
    """For each gold item the parsed item claiming most of its area (IoU ≥ 0.2), each
    parsed item used once."""
    pairs = sorted(
        (
            (iou(f.get("regions", []), g["regions"]), gi, fi)
            for gi, g in enumerate(gold)
            for fi, f in enumerate(found)
        ),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, fi in pairs:
        if score < 0.2:
            break
        if gi not in chosen and fi not in used:
            chosen[gi] = fi
            used.add(fi)
    return [found[chosen[gi]] if gi in chosen else None for gi in range(len(gold))]


def _flat(text: str) -> str:
    return _SPACE.sub("", text)


def same(name: str, want: dict, got: dict | None) -> bool:
    """Whether the parsed item has field ``name`` right. Printed spaces are layout, but
    a headline's one space where its lines break is kept (and compared collapsed)."""
    if got is None:
        return False
    if name == "body":
        return _flat("".join(want["paragraphs"])) == _flat("".join(got["paragraphs"]))
    if name == "paragraphs":
        return [_flat(p) for p in want["paragraphs"]] == [_flat(p) for p in got["paragraphs"]]
    return _SPACE.sub(" ", want[name]).strip() == _SPACE.sub(" ", got[name]).strip()
