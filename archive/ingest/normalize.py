"""Take the layout spaces out of e-paper text, line by line.

>>> [ln.text for ln in normalize_text("看 望 慰 问 节 假 日\\n强） 1 月 26 日农历\\n全民动员 人人参与")]
['看望慰问节假日', '强）1月26日农历', '全民动员 人人参与']

The extraction keeps the printed line breaks and justification: a line stretched to the column
width comes out with a space between every character, digits come padded (1 月 26 日), and
some chunks begin with a stray space. Those spaces are layout. A space between two hanzi in
an ordinary line is printed meaning (a title's parts, 《中共焦作市委 焦作市人民政府关于…》),
and so is a space between Latin words; both are kept as one ASCII space. Punctuation is never
touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "is_spread_line", "normalize_line", "normalize_text", "text_width"]

_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\f\v"
_SPACE_RUN = re.compile(f"[{_SPACES}]+")
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


@dataclass
class Line:
    """One input line after normalisation.

    ``number`` is the 1-based input line; ``width`` is in character cells (see :func:`text_width`);
    ``blank`` marks an empty line, which in e-paper text is a column break; ``indent``
    records leading ideographic spaces (two of them are a printed paragraph indent).
    """

    number: int
    raw: str
    text: str
    width: float
    blank: bool
    indent: int = 0
    after_break: bool = False  # the line follows a blank line (a column break)
    spread: bool = False  # printed 看 望 慰 问: justified to the full column width


def text_width(text: str) -> float:
    """Width in cells: ``text_width("25日电 1")`` is 5.5.

    Every character takes a cell, digits included: in the seed 24日下午，市委书记、市人大常
    (two digits) is as long as the full lines around it. A kept space takes half a cell.
    """
    return sum(0.5 if ch == " " else 1.0 for ch in text)


def _is_spread(tokens: list[str]) -> bool:
    """看 望 慰 问 …: most tokens are one character, so the spaces are justification."""
    if len(tokens) >= 2 and all(len(t) == 1 for t in tokens):
        return True  # a short spread line: 谈 话 。
    if len(tokens) < 4:
        return False
    singles = sum(1 for t in tokens if len(t) == 1)
    return singles / len(tokens) >= 0.75


def _keep_space(left: str, right: str) -> bool:
    """A space between two hanzi or two Latin/digit characters carries meaning."""
    if _HANZI.match(left) and _HANZI.match(right):
        return True
    return bool(_LATIN.match(left) and _LATIN.match(right))


def is_spread_line(raw: str) -> bool:
    """``is_spread_line("看 望 慰 问 节 假 日")`` is True: the line was stretched to full width."""
    return _is_spread(_SPACE_RUN.split(raw.strip(_SPACES + "\n\r")))


def normalize_line(raw: str) -> str:
    """Remove layout spaces from one line.

    >>> normalize_line(" 本报讯（记者董柏生） 1 月")
    '本报讯（记者董柏生）1月'
    >>> normalize_line("各县 （市） 区党")
    '各县（市）区党'
    """
    stripped = raw.strip(_SPACES + "\n\r")
    if not stripped:
        return ""
    tokens = _SPACE_RUN.split(stripped)
    if _is_spread(tokens):
        return "".join(tokens)
    out = [tokens[0]]
    for token in tokens[1:]:
        if _keep_space(out[-1][-1], token[0]):
            out.append(" ")
        out.append(token)
    return "".join(out)


def normalize_text(text: str) -> list[Line]:
    """Split ``text`` into :class:`Line` objects, one per input line, blank lines included.

    >>> [(ln.number, ln.text, ln.blank) for ln in normalize_text("群\\n\\n防群控")]
    [(1, '群', False), (2, '', True), (3, '防群控', False)]
    """
    lines: list[Line] = []
    previous_blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        clean = normalize_line(raw)
        indent = len(raw) - len(raw.lstrip("\u3000")) if clean else 0
        line = Line(number, raw, clean, text_width(clean), not clean, indent, previous_blank)
        line.spread = bool(clean) and is_spread_line(raw)
        previous_blank = line.blank
        lines.append(line)
    return lines
