"""Read a headline group (printed after its body) as kicker, title and subtitle, and tell
which lines and blocks of a page can be headlines at all (:func:`is_headline_line`).

>>> split_headline([["徐衣显在检查督导城区疫情防控工作时强调"],
...                 ["全民动员 人人参与 群防群控 众志成城", "坚决打赢疫情防控阻击战"]])
('徐衣显在检查督导城区疫情防控工作时强调', '全民动员 人人参与 群防群控 众志成城 坚决打赢疫情防控阻击战', '')

Blocks are separated by column breaks in the text; lines inside a block are one headline
element wrapped over lines, so they are joined with one space (as the interchange says).

The rule: kicker (引题) or title (主题)?

* A **kicker** is a lead-in that does not stand as a headline on its own: it ends with a
  reporting or lead-in cue (…时强调, …指出, …表示, …要求, …希望, …寄语, …之际, …期间,
  在…上, 在…中, …后) and the main title follows it.
* A first line that is itself a **complete statement** (…会议召开, …举行, …开幕, …闭幕,
  …出台, …发布, or a noun phrase such as …常务委员会会议) is the **title**, and the line
  after it is the **subtitle** (副题).
* A block or line starting with a dash (——) is always a subtitle.
* Inside one block, lines that end with neither cue are one title wrapped over lines.
* Three blocks are kicker, title, subtitle.

Worked example, the seed page (焦作日报 2020-01-27 p1):

* ``徐衣显在检查督导城区疫情防控工作时强调`` / ``全民动员 … 坚决打赢疫情防控阻击战``: the
  first block ends in 强调, a lead-in: kicker + title.
* ``全省、全市…电视电话会议召开`` over ``徐衣显在焦作分会场出席会议并讲话`` (one block): the
  first line is a complete statement (…召开), so it is the title and the second the subtitle.
* ``习近平主持召开中共中央政治局常务委员会会议`` / ``研究…疫情防控工作`` (two blocks): the
  first block ends in a noun phrase, not a lead-in cue: title + subtitle.
* ``王小平到马村区督导`` / ``检查疫情防控工作`` (one block): neither cue, so one wrapped title.
"""

from __future__ import annotations

import re

from archive.ingest.markers import match_editor_code, match_jump_to
from archive.ingest.normalize import Line

__all__ = [
    "BRACKETED",
    "KICKER_END",
    "KICKER_END_IN_BLOCK",
    "NOTICE",
    "STATEMENT_END",
    "is_headline_block",
    "is_headline_line",
    "split_headline",
    "take_headline_blocks",
]

# A kicker leads in to the title: who said what, or when and where. The one-character
# cues (在…上, 在…中, …后) end many words too (中国, 上海), so inside one block, where a
# wrapped title may break anywhere, only the unambiguous cues count.
KICKER_END = re.compile(
    r"(强调|指出|表示|要求|提出|希望|寄语|勉励|号召|呼吁|说|时|之际|期间|前夕|上|中|后|之后|"
    r"以来|来临|到来)$"
)
KICKER_END_IN_BLOCK = re.compile(r"(强调|指出|表示|要求|寄语|勉励|号召|呼吁|之际|期间|前夕|时)$")
# A title on its own: something happened (a meeting took place, a rule came out).
STATEMENT_END = re.compile(r"(召开|举行|开幕|闭幕|出台|发布|举办|成立|公布|通过|会议|会谈|会见)$")
_DASH = ("——", "—", "--")
# A notice's title, printed before its text: 敬告读者, 更正.
NOTICE = re.compile(r"(敬告读者|告读者|启事|声明|公告|通告|更正|致歉|征稿|征订|讣告)$")
# Prose punctuation a headline line never ends with (titles may end with ！ or ？).
_NOT_HEADLINE_END = tuple("。，、；：,;:…")
# A line in brackets: an attribution such as （林岫）, never a headline.
BRACKETED = re.compile(r"^[（(][^（）()]*[）)]$")
# A picture note wrapped onto a headline's last line: 地震灾区写真 / （附图片3张）.
_PICTURE_NOTE = re.compile(r"^[（(]附?(图片|图表|照片)\d*张?[）)]$")


def is_headline_line(text: str) -> bool:
    """A line that could be (part of) a headline: no sentence punctuation in or at its end.

    >>> is_headline_line("全民动员 人人参与 群防群控 众志成城"), is_headline_line("铜墙铁壁。")
    (True, False)
    """
    if _PICTURE_NOTE.match(text):
        return True
    if match_editor_code(text) or match_jump_to(text) or BRACKETED.match(text):
        return False  # a body's last line, or an attribution line such as （林岫）
    if text.startswith("——"):
        return True  # a subtitle quotes freely: ——张家口地震灾区，
    return bool(text) and "。" not in text and not text.endswith(_NOT_HEADLINE_END)


def is_headline_block(block: list[Line]) -> bool:
    """A headline block is 1–3 headline-like lines that are not a heading over its text.

    敬告读者 over the notice's first line is a heading with its text under it; so is a very
    short line over one three times as long (a title wraps far more evenly).
    """
    if len(block) > 3 or not all(is_headline_line(ln.text) for ln in block):
        return False
    if len(block) == 1:
        return True
    if NOTICE.search(block[0].text):
        return False
    return all(ln.width <= block[0].width * 3 for ln in block[1:])


def take_headline_blocks(
    rest: list[Line], start: int = 0, stop: int | None = None
) -> tuple[list[list[str]], int]:
    """Headline blocks in ``rest[start:stop]`` after a body end, and the index where the
    lines left over (another item's) begin."""
    headline: list[list[str]] = []
    stop = len(rest) if stop is None else stop
    i = start
    while i < stop:
        if rest[i].blank:
            i += 1
            continue
        j = i
        while j < stop and not rest[j].blank:
            j += 1
        block = rest[i:j]
        if not is_headline_block(block):
            break
        headline.append([ln.text for ln in block])
        i = j
    return headline, i


def _join(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _is_kicker(text: str) -> bool:
    return bool(KICKER_END.search(text.strip()))


def split_headline(blocks: list[list[str]]) -> tuple[str, str, str]:
    """(kicker, title, subtitle) from headline blocks; see the module notes for the rules.

    >>> split_headline([["全省、全市新型冠状病毒感染的肺炎疫情防控工作电视电话会议召开",
    ...                  "徐衣显在焦作分会场出席会议并讲话"]])
    ('', '全省、全市新型冠状病毒感染的肺炎疫情防控工作电视电话会议召开', '徐衣显在焦作分会场出席会议并讲话')
    >>> split_headline([["习近平主持召开中共中央政治局常务委员会会议"],
    ...                 ["研究新型冠状病毒感染的肺炎疫情防控工作"]])
    ('', '习近平主持召开中共中央政治局常务委员会会议', '研究新型冠状病毒感染的肺炎疫情防控工作')
    """
    blocks = [[ln for ln in b if ln.strip()] for b in blocks]
    blocks = [b for b in blocks if b]
    if not blocks:
        return "", "", ""
    subtitle = ""
    if len(blocks) > 1 and blocks[-1][0].startswith(_DASH):
        subtitle = _join(blocks.pop())
    elif len(blocks[-1]) > 1 and blocks[-1][-1].startswith(_DASH):
        subtitle = blocks[-1].pop()
    if len(blocks) >= 2:
        first = _join(blocks[0])
        if len(blocks) == 2 and not subtitle and not _is_kicker(first):
            return "", first, _join(blocks[1])  # title over its subtitle
        rest = [_join(b) for b in blocks[2:]] + ([subtitle] if subtitle else [])
        return first, _join(blocks[1]), _join(rest)
    lines = blocks[0]
    if len(lines) >= 2 and KICKER_END_IN_BLOCK.search(lines[0]):
        return lines[0], _join(lines[1:]), subtitle
    if len(lines) >= 2 and not subtitle and STATEMENT_END.search(lines[0]):
        return "", lines[0], _join(lines[1:])
    return "", _join(lines), subtitle
