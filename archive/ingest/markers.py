"""The printed furniture around an article: bylines, datelines, jumps and editor codes.

>>> b = match_byline("本报讯（记者杨丽娜、姚广强）1月26日农历正月初二")
>>> (b.source, b.dateline, b.reporters, b.length)
('本报', '', ['杨丽娜', '姚广强'], 14)
>>> match_jump_to("护等工作，（下转第二版③）")
(5, Jump(page=2, marker='③'))

Each parsed furniture item can be printed back (:func:`render_byline`, :func:`render_jump`),
which is how the tests prove that no character of a page is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.model import Jump

__all__ = [
    "Byline",
    "cn_number",
    "match_byline",
    "match_continued_from",
    "match_editor_code",
    "match_jump_to",
    "render_byline",
    "render_jump",
    "to_cn_number",
]

_DIGIT = r"[0-9０-９]"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
_AGENCIES = (
    "新华社|中新社|中新网|人民日报|人民网|新华网|光明日报|经济日报|工人日报|法制日报|河南日报"
    "|央视网|央广网|中央电视台|中央人民广播电台|中国日报|科技日报|农民日报"
)
# 本报讯, 本报北京1月25日讯, 本报长沙1月3日电, 新华社北京1月25日电, 据新华社…电 (the 据 is
# printed, so it is kept as part of the byline text and the review note carries it).
# Wire copy also dates in Chinese numerals (新华社北京一月二十五日电), and a story from
# abroad may give only the place when a reporter follows (新华社华盛顿电（记者李红旗）).
_CN_NUM = "[一二三四五六七八九十〇]{1,3}"
_DATE = rf"(?:{_DIGIT}{{1,2}}月{_DIGIT}{{1,2}}日|{_CN_NUM}月{_CN_NUM}日)"
_BYLINE = re.compile(
    rf"^(?P<pre>据)?(?P<source>本报|{_AGENCIES})"
    rf"(?P<dateline>[\u4e00-\u9fff·]{{0,12}}?{_DATE}[讯电]|讯|电"
    r"|[\u4e00-\u9fff·]{2,8}电(?=[（(](?:记者|特约记者)))"
    r"(?:[（(](?P<people>[\u4e00-\u9fff·、，, ]{2,40})[）)])?"
)
# 本报记者 张三 李四 on its own line (names separated by spaces in the raw text).
_REPORTER_LINE = re.compile(r"^本报(?:记者|通讯员)(?P<people>[\u4e00-\u9fff·、 ]{2,30})$")
_JUMP = re.compile(
    r"[（(](?P<dir>下转|上接)第(?P<page>[一二三四五六七八九十〇零两0-9０-９]{1,4})版"
    rf"(?P<marker>[{_CIRCLED}]?)[）)]"
)
# ①3 after the last sentence; the circled number is the column, the digit the editor. A body
# may also end without a full stop (a caption 图片：…比较③9, a signature ———编者⑤6); then
# the digit is required, since a lone circled number after a hanzi is text (见图②). A table's
# last figure may come right before it (…比重4%⑧9).
_EDITOR_CODE = re.compile(
    rf"(?:(?<=[。！？”’」』）…])(?P<code>[{_CIRCLED}]{_DIGIT}{{0,2}})"
    rf"|(?<=[\u4e00-\u9fff%％0-9０-９A-Za-z])(?P<bare>[{_CIRCLED}]{_DIGIT}{{1,2}}))$"
)
_ROLE_WORDS = ("记者", "通讯员", "实习生", "特约记者", "见习记者", "摄影记者")


@dataclass
class Byline:
    """A parsed byline; ``length`` is how many characters of the joined text it used."""

    source: str
    dateline: str
    reporters: list[str] = field(default_factory=list)
    length: int = 0
    printed: str = ""


def cn_number(text: str) -> int | None:
    """``cn_number("十二")`` is 12; Arabic and full-width digits work too; None if unreadable."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _CN_DIGITS[ch] if current else _CN_DIGITS[ch]
    return total + current


def to_cn_number(n: int) -> str:
    """``to_cn_number(12)`` is "十二", the way page numbers are printed in jumps.

    Zero is 零, as in counting numbers (一百零五); 〇 belongs to numbers read digit by digit,
    such as the year on the masthead (二〇二〇年).

    >>> [to_cn_number(n) for n in (0, 2, 10, 12, 20, 23, 105)]
    ['零', '二', '十', '十二', '二十', '二十三', '105']
    """
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


_ROLE_SPLIT = re.compile("|".join(sorted(_ROLE_WORDS, key=len, reverse=True)))


def _split_people(people: str) -> list[str]:
    """记者杨丽娜、姚广强 → [杨丽娜, 姚广强]; role words (记者, 通讯员) are dropped, and so is
    the paper a role word follows: 解放军报记者王文杰 → 王文杰."""
    names = []
    for part in re.split(r"[、，,\s]+", people):
        pieces = _ROLE_SPLIT.split(part)
        names.extend(p for p in (pieces[1:] if len(pieces) > 1 else pieces) if p)
    return names


def match_byline(text: str) -> Byline | None:
    """Parse a byline at the start of ``text`` (the first body lines joined).

    >>> b = match_byline("新华社北京1月25日电1月25日农历正月初一")
    >>> (b.source, b.dateline, b.reporters, b.printed)
    ('新华社', '北京1月25日电', [], '新华社北京1月25日电')
    >>> match_byline("新华社北京一月二十一日电（记者卢劲）国家副主席").dateline
    '北京一月二十一日电'
    >>> b = match_byline("新华社华盛顿电（记者李红旗）在中华民族的传统节日")
    >>> (b.dateline, b.reporters)
    ('华盛顿电', ['李红旗'])
    >>> match_byline("新华社北京1月15日电（解放军报记者王文杰、新华社记者罗玉文）座谈会").reporters
    ['王文杰', '罗玉文']
    """
    m = _BYLINE.match(text)
    if m:
        dateline = m.group("dateline")
        if dateline == "讯" and m.group("source") == "本报":
            dateline = ""  # plain 本报讯 has no place or date
        people = m.group("people")
        if people and not any(role in people for role in _ROLE_WORDS):
            # （林峰） after a dateline names no reporter role: it is body text.
            end = m.start("people") - 1
            return Byline(m.group("source"), dateline, [], end, text[:end])
        reporters = _split_people(people) if people else []
        return Byline(m.group("source"), dateline, reporters, m.end(), m.group(0))
    m = _REPORTER_LINE.match(text)
    if m:
        return Byline("本报", "", _split_people(m.group("people")), m.end(), m.group(0))
    return None


def render_byline(source: str, dateline: str, reporters: list[str]) -> str:
    """Print a byline the house way: ``render_byline("本报", "", ["刘婧"])`` is 本报讯（记者刘婧）."""
    if not source:
        return ""
    text = source + (dateline or "讯")
    if reporters:
        text += "（记者" + "、".join(reporters) + "）"
    return text


def match_jump_to(line: str) -> tuple[int, Jump] | None:
    """A （下转第二版③） ending ``line``: returns (start offset, Jump), else None."""
    for m in _JUMP.finditer(line):
        if m.group("dir") == "下转" and m.end() == len(line):
            return _checked_jump(m, "下转", m.start())
    return None


def _checked_jump(m: re.Match[str], direction: str, offset: int) -> tuple[int, Jump] | None:
    """Accept a jump only if its fields print it back exactly (（下转第2版） stays text)."""
    page = cn_number(m.group("page"))
    if page is None or page < 1:  # pages are numbered from 1: （下转第零版） is text
        return None
    jump = Jump(page, m.group("marker"))
    return (offset, jump) if render_jump(jump, direction) == m.group(0) else None


def match_continued_from(line: str) -> tuple[int, Jump] | None:
    """A （上接第一版③） opening ``line``: returns (its length, Jump), else None."""
    m = _JUMP.match(line)
    if m and m.group("dir") == "上接":
        return _checked_jump(m, "上接", m.end())
    return None


def render_jump(jump: Jump | None, direction: str) -> str:
    """``render_jump(Jump(2, "③"), "下转")`` is （下转第二版③）; "" for no jump."""
    if jump is None:
        return ""
    return f"（{direction}第{to_cn_number(jump.page)}版{jump.marker}）"


def match_editor_code(line: str) -> str:
    """The editor code ending the body: ``match_editor_code("春节。①3")`` is ①3.

    >>> match_editor_code("———编者⑤6"), match_editor_code("如图②"), match_editor_code("第①")
    ('⑤6', '', '')
    """
    m = _EDITOR_CODE.search(line)
    return (m.group("code") or m.group("bare")) if m else ""
