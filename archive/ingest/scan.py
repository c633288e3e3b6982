"""Reading a page's lines from a position on, each line looked at once: the helpers that
keep the segmenter linear in the page's length (a 5 MB upload is allowed).

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text("一\\n\\n二\\n三\\n\\n四。①3\\n")
>>> skip_blanks(lines, 1), [ln.text for ln in ahead(lines, 1, 2)], Spans(lines, 0, 6)[1]
(2, ['二', '三'], (2, 4))
>>> Ends(lines).first(0, 6)[0]
5
"""

from __future__ import annotations

import itertools

from archive.ingest.body_end import find_body_end
from archive.ingest.model import Jump
from archive.ingest.normalize import Line

__all__ = ["Ends", "Spans", "ahead", "skip_blanks"]


def skip_blanks(lines: list[Line], pos: int) -> int:
    """The first text line at or after ``pos`` (``len(lines)`` when none)."""
    while pos < len(lines) and lines[pos].blank:
        pos += 1
    return pos


class Ends:
    """The first line at or after a position that ends a body (a jump or an editor code),
    remembered, so that items cut before that line do not look through it again."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.searched_from = len(lines) + 1
        self.found: tuple[int, int, Jump | None, str] | None = None

    def first(self, pos: int, stop: int) -> tuple[int, int, Jump | None, str] | None:
        stale = pos < self.searched_from or (self.found is not None and self.found[0] < pos)
        if stale:
            self.searched_from, self.found = pos, find_body_end(self.lines, pos)
        return self.found if self.found is not None and self.found[0] < stop else None


def ahead(lines: list[Line], pos: int, count: int) -> list[Line]:
    """The next ``count`` text lines from ``pos`` on (fewer at the end)."""
    found: list[Line] = []
    for line in itertools.islice(lines, pos, None):
        if not line.blank:
            found.append(line)
            if len(found) == count:
                break
    return found


class Spans:
    """(start, end) index pairs of the runs of non-blank lines in ``lines[pos:stop]``, found
    as far as they are asked for."""

    def __init__(self, lines: list[Line], pos: int, stop: int) -> None:
        self.lines, self.pos, self.stop = lines, pos, stop
        self.spans: list[tuple[int, int]] = []

    def has(self, k: int) -> bool:
        """Whether run ``k`` exists (finding the runs up to it)."""
        while len(self.spans) <= k:
            start = skip_blanks(self.lines, self.pos)
            if start >= self.stop:
                return False
            end = start
            while end < self.stop and not self.lines[end].blank:
                end += 1
            self.spans.append((start, end))
            self.pos = end
        return True

    def __getitem__(self, k: int) -> tuple[int, int]:
        self.has(k)
        return self.spans[k]
