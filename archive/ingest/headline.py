"""Read a headline group (printed after its body) as kicker, title and subtitle.

>>> split_headline([["徐衣显在检查督导城区疫情防控工作时强调"],
...                 ["全民动员 人人参与 群防群控 众志成城", "坚决打赢疫情防控阻击战"]])
('徐衣显在检查督导城区疫情防控工作时强调', '全民动员 人人参与 群防群控 众志成城 坚决打赢疫情防控阻击战', '')

Blocks are separated by column breaks in the text; lines inside a block are one headline
element wrapped over lines, so they are joined with one space (as the interchange says).

Decisions, from how Chinese papers set headlines:

* A block or line starting with a dash (——) is a subtitle (副题).
* With two or more blocks the first is the kicker (引题): e.g. "X在…时强调" over the title,
  or "习近平主持召开…会议" over "研究…工作". Three blocks are kicker, title, subtitle.
* Inside a single block, the first line is the kicker when it ends with a reporting or
  meeting verb (强调, 指出, 召开, …): "全省…电视电话会议召开" over "徐衣显在焦作分会场出席会议
  并讲话" reads as 引题 "the meeting took place" + 主题 "who spoke", which is how local
  papers lead with their own official. A wrapped title (王小平到马村区督导 / 检查疫情防控工作)
  breaks mid-phrase and ends with no such verb, so it stays one title.
* A single block of three or more lines: the first is the kicker.
"""

from __future__ import annotations

import re

__all__ = ["KICKER_END", "split_headline"]

# A kicker reports who said what, or that a meeting happened; it ends with the verb.
KICKER_END = re.compile(r"(强调|指出|表示|要求|提出|时|召开|举行|开幕|闭幕|说)$")
_DASH = ("——", "—", "--")


def _join(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def split_headline(blocks: list[list[str]]) -> tuple[str, str, str]:
    """(kicker, title, subtitle) from headline blocks; see the module notes for the rules.

    >>> split_headline([["全省、全市新型冠状病毒感染的肺炎疫情防控工作电视电话会议召开",
    ...                  "徐衣显在焦作分会场出席会议并讲话"]])[:2]
    ('全省、全市新型冠状病毒感染的肺炎疫情防控工作电视电话会议召开', '徐衣显在焦作分会场出席会议并讲话')
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
        kicker, title = _join(blocks[0]), _join(blocks[1])
        if len(blocks) > 2:
            subtitle = _join([_join(b) for b in blocks[2:]] + ([subtitle] if subtitle else []))
        return kicker, title, subtitle
    lines = blocks[0]
    if len(lines) >= 3 or (len(lines) == 2 and KICKER_END.search(lines[0])):
        return lines[0], _join(lines[1:]), subtitle
    return "", _join(lines), subtitle
