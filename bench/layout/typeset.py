"""Synthetic e-paper pages: the inverse of the parser, for measuring it on unseen pages.

``typeset_page`` lays out clean articles (e.g. from the PFR corpus) the way the e-paper
text export lays out a page (see the 焦作日报 2020-01-27 seed): narrow columns with hard
line breaks, paragraph indents lost (a paragraph's first line is two characters shorter),
blank lines at column breaks even mid-sentence, spread and spaced-digit lines, stray
leading spaces, the headline AFTER its body, bylines, jump markers and editor codes. It
returns the page text and, for each item, the interchange article the parser should give
(:mod:`bench.layout.items`).

What the seed shows, and so what the layout does:

* Punctuation never opens a line: the line either takes the mark (squeezed, one cell
  over) or gives its last character to the next line and is spread to full width
  (看 望 慰 问 … 一 / 线、…). Spread lines come only from this, never at random.
* A number or Latin word is never broken over two lines (moved down: a spread line).
* A jump marker or editor code stays whole on the body's last line (…首位，（下转第三版②）,
  …春节。①3); if it does not fit, the last characters move down with it.
* Digits are spaced only between hanzi or punctuation (1 月 26 日), never inside P53.
* A stray leading space opens some items (`` 本报讯…``), not lines mid-paragraph.
* Some items end in a wider text box (twice the column), some have no headline in the
  text; a headline is kicker / title (one or two lines) / subtitle, blocks split by blank
  lines, and follows headline.py's rule: kickers end in a lead-in cue (…时强调), a
  wrapped title never breaks after one, and a title that is a complete statement
  (…会议召开) may carry an undashed subtitle.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from archive.ingest.headline import KICKER_END_IN_BLOCK, STATEMENT_END
from bench.layout.items import item_of, typesettable
from bench.layout.stories import is_sub

__all__ = ["typeset_page", "typesettable"]

_NOTICES = [
    "因春节放假，本报1月28日至30日休刊三天，1月31日起恢复正常出版。",
    "本报自即日起开通新闻热线，欢迎读者提供新闻线索。",
]
_CLOSING = "，。、；：？！”）》"


_OPENING = "“‘（《「『"
_RUN = re.compile(r"[0-9A-Za-z.%]")  # a number or Latin word: never broken over lines


def _fit(text: str, size: int, rng: random.Random) -> tuple[str, str]:
    """(line, rest): at most ``size`` characters, by the seed's line-breaking rules."""
    if size >= len(text):
        return text, ""
    spread = False
    if _RUN.match(text[size - 1]) and _RUN.match(text[size]):
        start = size
        while start > 0 and _RUN.match(text[start - 1]):
            start -= 1
        if start >= size // 2:
            size, spread = start, True  # the number moves down; the line is justified
        else:
            while size < len(text) and _RUN.match(text[size]):
                size += 1  # a long Latin run overhangs
    if size < len(text) and text[size] in _CLOSING:
        if rng.random() < 0.6:
            while size < len(text) and text[size] in _CLOSING:
                size += 1  # the line takes the mark (squeezed punctuation)
        else:
            size -= 1  # the last character moves down with the mark; the line is justified
            while size > 1 and text[size] in _CLOSING:
                size -= 1
            spread = True
    if 1 < size < len(text) and text[size - 1] in _OPENING:
        size -= 1  # an opening mark never ends a line: it moves down, the line is justified
        spread = True
    line = text[:size]
    if spread:
        # Justified whatever it holds: a line that gave （女） to the next one is still
        # stretched to the column, never left three cells short like a paragraph end.
        line = " ".join(line)
    return line, text[size:]


def _wrap(text: str, width: int, rng: random.Random | None = None) -> list[str]:
    """Hard line breaks; the first line lost its two-character indent."""
    rng = rng or random.Random(0)
    lines: list[str] = []
    while text:
        line, text = _fit(text, width - 2 if not lines else width, rng)
        lines.append(line)
    return lines


def _layout(
    paragraphs: list[str], width: int, rng: random.Random, wide_from: int | None, wide: int
) -> list[str]:
    """Body lines; from line ``wide_from`` on, the text runs on in a box ``wide`` wide."""
    lines: list[str] = []
    for text in paragraphs:
        first = True
        while text:
            column = wide if wide_from is not None and len(lines) >= wide_from else width
            line, text = _fit(text, column - 2 if first else column, rng)
            lines.append(line)
            first = False
    return lines


def _add_ending(lines: list[str], ending: str, width: int) -> None:
    """The marker stays whole on the last line. If it does not fit, it opens a line of its
    own; when the last line is full, its last characters move down with the marker and
    the line left behind is justified (spread), as the seed's “治”。（下转第二版②）."""
    if not ending:
        return
    last = lines[-1]
    if len(last) + len(ending) <= width + (1 if len(ending) <= 3 else 0):
        lines[-1] = last + ending
    elif len(last) < width - 1 or len(last) < 4 or " " in last:
        lines.append(ending)
    else:
        carry = 2
        while carry < len(last) - 2 and last[-carry] in _CLOSING:
            carry += 1
        lines[-1:] = [" ".join(last[:-carry]), last[-carry:] + ending]


def _dress(line: str, rng: random.Random) -> str:
    """Layout noise on one line: digits spaced where they meet hanzi or punctuation."""
    if rng.random() < 0.22 and " " not in line:
        line = re.sub(r"(?<=[^\x00-\x7f])(\d+)(?=[^\x00-\x7f])", r" \1 ", line)
    return line


def _split_title(title: str, rng: random.Random) -> list[str]:
    """One line, or two broken where the first does not read as a kicker or a statement
    (headline.py would take it as kicker or title + subtitle)."""
    if len(title) > 12 and rng.random() < 0.5:
        cuts = [
            c
            for c in range(len(title) // 3, 2 * len(title) // 3 + 1)
            if not KICKER_END_IN_BLOCK.search(title[:c])
            and not STATEMENT_END.search(title[:c])
            and title[c] not in _CLOSING
            and not title[c:].startswith(("—", "-"))
        ]
        if cuts:
            cut = rng.choice(cuts)
            return [title[:cut], title[cut:]]
    return [title]


def _headline_lines(item: dict, rng: random.Random) -> list[str]:
    """Kicker block, title lines, subtitle (in the title's block or its own)."""
    lines = [item["kicker"], ""] if item["kicker"] else []
    title_lines = _split_title(item["title"], rng)
    item["title"] = " ".join(title_lines)
    lines += title_lines
    if subtitle := item["subtitle"]:
        # A dashed subtitle reads as one in the title's block; an undashed one only under
        # a one-line statement title with no kicker (…会议召开 / 副题), else it needs its own.
        shares = subtitle.startswith("—") or (
            len(title_lines) == 1 and not item["kicker"] and STATEMENT_END.search(title_lines[0])
        )
        lines += [subtitle] if shares and rng.random() < 0.5 else ["", subtitle]
    return [*lines, ""]


def typeset_page(
    articles: Sequence[dict],
    *,
    rng: random.Random,
    page_number: int = 1,
    notice_rate: float = 0.1,
    roles: list[str] | None = None,
) -> tuple[str, list[dict]]:
    """Lay out ``articles`` (records with ``paragraphs`` whose first one is the headline,
    and ``persons``) as one page of e-paper text; return (text, expected articles).

    A list given as ``roles`` is filled with each line's role (stories.LABELS, "" for a
    blank line), for the line-role model to learn from."""
    lines: list[str] = []
    marks: list[str] = []  # each line's role, kept beside it
    expected: list[dict] = []
    pending: list[str] = []  # the previous item's headline, printed once we know the next
    pending_marks: list[str] = []
    for record in articles:
        if not typesettable(record):
            continue
        item, paragraphs, ending = item_of(record, rng, page_number)
        opens = item["source"] or item["continued_from"]
        if pending and expected[-1]["_headless"] and opens:
            _leave_headline_out(expected[-1])
            gap = [] if expected[-1]["_wide"] else [""]
            lines, marks = lines + gap, marks + gap
        else:
            lines, marks = lines + pending, marks + pending_marks
        body_lines, item["_wide"] = _body(paragraphs, ending, rng)
        lines += body_lines
        marks += _body_roles(body_lines, paragraphs, cut=bool(item["continued_to"]))
        pending = ["", *_headline_lines(item, rng)]
        pending_marks = _headline_roles(pending, item)
        item["_headless"] = bool(ending) and rng.random() < 0.12
        expected.append(item)
        if rng.random() < notice_rate:
            lines, marks = lines + pending, marks + pending_marks
            pending, pending_marks = [], []
            notice = rng.choice(_NOTICES)
            notice_lines = _wrap(notice, 26, rng)
            lines += ["敬告读者", *notice_lines]
            marks += ["title_open", *["body"] * len(notice_lines)]
            expected.append(_notice(item, notice))
    lines, marks = lines + pending, marks + pending_marks
    for item in expected:
        item.pop("_headless", None)
        item.pop("_wide", None)
    if roles is not None:
        roles[:] = [*marks, ""]
    return "\n".join(lines) + "\n", expected


def _body_roles(body_lines: list[str], paragraphs: list[str], cut: bool) -> list[str]:
    """open for the first line, sub for the lines of a paragraph set apart by its line
    breaks alone (stories.is_sub; never the one a jump cuts), body for the rest;
    paragraphs are found again by counting their characters down the lines."""
    marks, k, left = [], 0, len(paragraphs[0]) if paragraphs else 0
    for line in body_lines:
        if not line:
            marks.append("")
            continue
        sub = (
            k < len(paragraphs) and is_sub(paragraphs[k]) and not (cut and k == len(paragraphs) - 1)
        )
        marks.append("sub" if sub else "body")
        left -= len(line.replace(" ", ""))
        while left <= 0 and k + 1 < len(paragraphs):
            k += 1
            left += len(paragraphs[k])
    marks[marks.index(next(m for m in marks if m))] = "open"
    return marks


def _headline_roles(lines: list[str], item: dict) -> list[str]:
    """kicker, title or subtitle for each headline line ("" for the blank ones)."""
    marks = []
    for line in lines:
        if not line:
            marks.append("")
        elif item["kicker"] and line == item["kicker"]:
            marks.append("kicker")
        elif item["subtitle"] and line == item["subtitle"]:
            marks.append("subtitle")
        else:
            marks.append("title")
    return marks


def _leave_headline_out(previous: dict) -> None:
    """A headline not in the text (the seed's 2nd and 9th): the item expects none, and
    gold persons are the names shown on the page, so one only in that headline goes."""
    for key in ("kicker", "title", "subtitle"):
        previous[key] = ""
    shown = "".join(previous["paragraphs"])
    previous["persons"] = [p for p in previous["persons"] if p["name"] in shown]


def _body(paragraphs: list[str], ending: str, rng: random.Random) -> tuple[list[str], bool]:
    """The printed lines of a body in a column 11–16 wide, with column breaks every 7–12
    lines, the end marker, sometimes a wider box at the end and a stray opening space;
    and whether the body ended in the wider box."""
    width = rng.randint(11, 16)
    break_every = rng.randint(7, 12)
    narrow = _layout(paragraphs, width, random.Random(rng.random()), None, width)
    wide_from = None
    if len(narrow) >= 10 and rng.random() < 0.08:
        wide_from = len(narrow) - rng.randint(3, 6)  # the item ends in a wider box
    wide = 2 * width + rng.randint(-1, 2)
    body_lines = _layout(paragraphs, width, rng, wide_from, wide)
    in_wide = wide_from is not None and len(body_lines) > wide_from
    _add_ending(body_lines, ending, wide if in_wide else width)
    if rng.random() < 0.2:
        body_lines[0] = " " + body_lines[0]  # a stray space opens the chunk
    lines = []
    for n, line in enumerate(body_lines, 1):
        lines.append(_dress(line, rng))
        in_box = wide_from is not None and n > wide_from
        if n % break_every == 0 and n < len(body_lines) and not in_box:
            lines.append("")  # a column break, even mid-sentence
    return lines, in_wide


def _notice(item: dict, notice: str) -> dict:
    """The expected item of a 敬告读者 notice printed after ``item``."""
    return {
        **item,
        "kind": "notice",
        "kicker": "",
        "title": "敬告读者",
        "subtitle": "",
        "source": "",
        "dateline": "",
        "reporters": [],
        "paragraphs": [notice],
        "continued_to": None,
        "continued_from": None,
        "editor_code": "",
        "persons": [],
    }
