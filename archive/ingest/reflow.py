"""Join an item's body lines into paragraphs.

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text("防控措施汇报，了解人流监测、\\n供应、物流配送等情况。\\n\\n在解放区世纪新区、\\n山阳区恩华社区、中站区怡光。")
>>> reflow(lines).paragraphs
['防控措施汇报，了解人流监测、供应、物流配送等情况。', '在解放区世纪新区、山阳区恩华社区、中站区怡光。']

Extraction keeps the printed line breaks but drops the paragraph indent, and a blank line
is only a column break (a column often ends mid-word: 群 / blank / 防群控). The cues left are
widths and punctuation: a paragraph's last line ends a sentence and is usually short; the
first line of the next paragraph is about two cells short, because the indent was lost.
Column width is estimated locally, since one item can span columns of different widths and a
wider text box (those lines are their own width class).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.normalize import Line

__all__ = ["Reflowed", "column_widths", "reflow"]

SENTENCE_END = re.compile(r"[。！？…][”’」』）)]*$|[”’」』][。！？]$")
_WINDOW = 6  # lines each side used to estimate the local column width
_WIDE = 1.4  # a line this many times the main column's width belongs to a wider text box
UNCERTAIN = "paragraph break uncertain"


@dataclass
class Reflowed:
    """Paragraph texts, and review notes about breaks the cues did not settle."""

    paragraphs: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


_HANGING = tuple("，。、；：？！”’）》」』")
_BRACKET_END = re.compile(r"[）)』」》：:]$")


def effective_width(line: Line) -> float:
    """Width without a hanging closing mark: punctuation may not open a line, so a line
    takes one extra mark at its end (…重要防 / 线。 is avoided by printing 线。 on the line
    before); counting it would make an indented first line look full.

    >>> from archive.ingest.normalize import normalize_text
    >>> effective_width(normalize_text("作为树牢“四个意识”，")[0])
    10.0
    """
    return line.width - 1 if line.text.endswith(_HANGING) else line.width


def column_widths(lines: list[Line]) -> list[float]:
    """The column width around each line: the upper quartile of nearby same-class widths.

    >>> from archive.ingest.normalize import normalize_text
    >>> column_widths(normalize_text("在解放区世纪新区、山阳区\\n恩华社区、中站区怡光小区，徐\\n衣显认真查看防控知识宣传、返"))
    [14.0, 14.0, 14.0]

    Spread lines (看 望 慰 问) were justified to full width, so they do not vote.
    """
    widths = [effective_width(ln) for ln in lines]
    voters = [w for w, ln in zip(widths, lines, strict=True) if not ln.spread] or widths or [0.0]
    # The lower quartile is a full line of the main column even when a wide box or many
    # short lines are present; the median drifts into the box on short items.
    base = sorted(voters)[len(voters) // 4]
    wide = [w > base * _WIDE for w in widths]
    refs = []
    for i in range(len(lines)):
        lo, hi = max(0, i - _WINDOW), min(len(lines), i + _WINDOW + 1)
        near = [widths[j] for j in range(lo, hi) if wide[j] == wide[i] and not lines[j].spread]
        refs.append(_upper_quartile(near) if near else widths[i])
    return refs


def _upper_quartile(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, (len(ordered) * 3) // 4)]


def _joins(left: str, right: str) -> str:
    """Lines of one paragraph join with no space, except Latin words split at a line end."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii():
        return left + " " + right
    return left + right


def break_between(prev: Line, prev_ref: float, line: Line, ref: float) -> str:
    """ "yes", "no" or "uncertain": does a paragraph end between ``prev`` and ``line``?

    ``长王付举一同检查督导。`` (short, ends a sentence) → yes; a full line ending in 。 followed
    by a line two cells short that runs on (``会议传达了中央政治局常务``) → yes; a full line
    ending in 。 followed by a full line → no; a short bracketed line followed by an
    indented one (``（新华社记者高洁摄）`` / ``图②：安徽临泉县…``) → yes.
    """
    if line.indent >= 1:
        return "yes"  # a printed indent survived the extraction
    prev_width, width = effective_width(prev), effective_width(line)
    prev_short = not prev.spread and prev_width <= prev_ref - 1.5
    line_indented = not line.spread and width <= ref - 1.5
    if not SENTENCE_END.search(prev.text):
        # A short line with no full stop, then an indented line: the short line was a
        # one-line paragraph when it is bracketed or very short (a credit, 第93号);
        # otherwise it may be an indented first line over a short last one.
        if not (prev_short and line_indented):
            return "no"
        bracketed = _BRACKET_END.search(prev.text) or prev_width <= prev_ref - 4
        return "yes" if bracketed else "uncertain"
    if prev_short:
        return "yes"
    # Lost indents measure 2–4 cells short: squeezed punctuation lets neighbours run wide.
    if line_indented and not SENTENCE_END.search(line.text):
        return "yes"
    return "no"


def reflow(body: list[Line]) -> Reflowed:
    """Paragraphs of a body; blank lines are column breaks, not paragraph breaks."""
    lines = [ln for ln in body if not ln.blank]
    result = Reflowed()
    if not lines:
        return result
    refs = column_widths(lines)
    current = lines[0].text
    for i in range(1, len(lines)):
        verdict = break_between(lines[i - 1], refs[i - 1], lines[i], refs[i])
        if verdict == "uncertain" and UNCERTAIN not in result.review:
            result.review.append(UNCERTAIN)
        if verdict == "yes":
            result.paragraphs.append(current)
            current = lines[i].text
        else:
            current = _joins(current, lines[i].text)
    result.paragraphs.append(current)
    return result
