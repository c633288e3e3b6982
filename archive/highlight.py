"""Where a searched string stands on a printed page, from the character boxes kept at
ingest (pdf_page.py): one box per line the match runs over, fractions of the page.

>>> boxes = {"grid": 100, "lines": [["疫情防控", 10, 12, [0, 2, 4, 6, 8]],
...                                 ["工作会议", 13, 15, [0, 2, 4, 6, 8]]]}
>>> find(boxes, "防控工作")
[[0.04, 0.1, 0.08, 0.12], [0.0, 0.13, 0.04, 0.15]]
>>> find(boxes, "疫 议"), find(boxes, ""), find(None, "疫情")
([[0.0, 0.1, 0.02, 0.12], [0.06, 0.13, 0.08, 0.15]], [], [])

Plain Python, no Django. A match may run from one line into the next (the page's lines
are kept in reading order); the terms of a query with spaces are found one by one, as
the search finds them.
"""

from __future__ import annotations

__all__ = ["find", "inside"]

MAX_MARKS = 200


def find(boxes: dict | None, query: str) -> list[list[float]]:
    """Boxes of every occurrence of ``query`` (each term of a spaced query alone too)."""
    if not boxes or not query.strip():
        return []
    lines = boxes.get("lines", [])
    text = "".join(line[0] for line in lines)
    where = [(n, i) for n, line in enumerate(lines) for i in range(len(line[0]))]
    marks: list[list[float]] = []
    for term in dict.fromkeys(query.split()):
        start = text.find(term)
        while start >= 0 and len(marks) < MAX_MARKS:
            marks += _boxes(lines, where[start : start + len(term)], boxes.get("grid", 10_000))
            start = text.find(term, start + len(term))
    return marks


def _boxes(lines: list, spots: list[tuple[int, int]], grid: int) -> list[list[float]]:
    """One box per line over the matched characters ``spots`` (line, index)."""
    out = []
    for n in dict.fromkeys(line for line, _ in spots):
        indexes = [i for line, i in spots if line == n]
        _text, top, bottom, xs = lines[n]
        left, right = xs[indexes[0]], xs[indexes[-1] + 1]
        out.append([round(v / grid, 4) for v in (left, top, right, bottom)])
    return out


def inside(marks: list[list[float]], regions: list[list[float]]) -> list[list[float]]:
    """The marks standing in one of ``regions`` (an article's own matches)."""

    def within(mark, region):
        cx, cy = (mark[0] + mark[2]) / 2, (mark[1] + mark[3]) / 2
        return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]

    return [m for m in marks if any(within(m, r) for r in regions)]
