"""Where an item's body ends: a jump （下转第二版③） or an editor code (①3) on its last line.

>>> from archive.ingest.normalize import normalize_text
>>> lines = merge_wrapped_markers(normalize_text("康放在首位，（下转第\\n三版②）"))
>>> [ln.text for ln in lines], find_body_end(lines)[:2]
(['康放在首位，（下转第三版②）'], (0, 6))

A marker may wrap onto the next line, even over a column break (…。⑧ / 5, （下转第 /
三版②）); those pieces are joined back before the end is looked for. A short line that is
already a whole last line (（陈德生摄）③5) is left alone, so a credit paragraph is not glued
onto the sentence before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.ingest.markers import match_editor_code, match_jump_to
from archive.ingest.model import Jump
from archive.ingest.normalize import Line, text_width

__all__ = ["find_body_end", "merge_wrapped_markers", "trim_end"]


def trim_end(line: Line, cut: int) -> Line:
    """The last body line without its jump marker or editor code."""
    rest = line.text[:cut]
    return replace(line, text=rest, width=text_width(rest), blank=not rest)


def merge_wrapped_markers(lines: list[Line]) -> list[Line]:
    """Join a marker split over two lines (…。⑧ / 5, （下转第 / 三版②）) into one line."""
    out: list[Line] = []
    for line in lines:
        if _is_code_tail(out, line):
            continue
        k = len(out) - 1
        while k >= 0 and out[k].blank:
            k -= 1  # a column break may fall inside the marker
        prev = out[k] if k >= 0 else None
        if (
            prev is not None
            and not line.blank
            and len(line.text) <= 8
            and not _ends_body(prev.text)
            and not _ends_body(line.text)  # （陈德生摄）③5 is a whole last line already
            and _ends_body(prev.text + line.text)
        ):
            text = prev.text + line.text
            del out[k + 1 :]
            out[k] = replace(prev, text=text, width=text_width(text))
            continue
        out.append(line)
    return out


def _is_code_tail(out: list[Line], line: Line) -> bool:
    """…。⑤ / 7: the digit of an editor code pushed to the next line joins it (in place)."""
    k = len(out) - 1
    while k >= 0 and out[k].blank:
        k -= 1
    if k < 0 or not re.fullmatch(r"[0-9０-９]{1,2}", line.text):
        return False
    code = match_editor_code(out[k].text)
    if not code or len(code) + len(line.text) > 3:
        return False
    text = out[k].text + line.text
    del out[k + 1 :]
    out[k] = replace(out[k], text=text, width=text_width(text))
    return True


def _ends_body(text: str) -> bool:
    return bool(match_jump_to(text) or match_editor_code(text))


def find_body_end(body: list[Line], start: int = 0) -> tuple[int, int, Jump | None, str] | None:
    """The first line from ``start`` on ending with a jump or an editor code: (index, cut,
    jump, code)."""
    for i in range(start, len(body)):
        line = body[i]
        if line.blank:
            continue
        jump = match_jump_to(line.text)
        if jump:
            return i, jump[0], jump[1], ""
        code = match_editor_code(line.text)
        if code:
            return i, len(line.text) - len(code), None, code
    return None
