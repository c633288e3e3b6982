"""What a page PDF prints for each corpus record, whatever program lays it out: the
headline parts, the body paragraphs as printed (byline, jump and editor code included) and
the interchange article the parser should read back (:mod:`bench.layout.items` for the
1998 corpus; here also the modern rmrb-2019-10 records and the pictures).

>>> record = {"kicker": "", "title": "习近平会见代表 同大家合影留念", "subtitle": "",
...           "paragraphs": ["新华社北京9月30日电  （记者朱基钗）中共中央总书记习近平会见代表。", "下午4时，代表步入大厅。"]}
>>> story = modern_story(record, random.Random(1), page_number=1)
>>> story.title_lines, story.expected["dateline"], story.expected["paragraphs"][0]
(['习近平会见代表', '同大家合影留念'], '北京9月30日电', '中共中央总书记习近平会见代表。')
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from archive.ingest.markers import match_byline
from bench.layout.items import CIRCLED, item_of, typesettable

__all__ = ["Story", "modern_story", "photo_story", "story_of", "usable_modern"]

_CHINESE_PAGE = "一二三四五六七八九十"
_SPACE = re.compile(r"\s+")
# The modern corpus also lists what is no article: advertisement and picture placeholders.
_NOT_ARTICLE = re.compile(r"^(广告|图片|本版责编|责编)")
# Longer bodies would fill a page alone; the layouts keep to articles a page shares.
MAX_CHARS = 2400


@dataclass
class Story:
    """One item to print: headline, body as printed, and what the parser should read."""

    expected: dict
    kicker: str = ""
    title_lines: list[str] = field(default_factory=list)
    subtitle: str = ""
    byline_line: str = ""  # 本报记者 刘婧, printed on a line of its own above the body
    paragraphs: list[str] = field(default_factory=list)
    caption: str = ""  # a photo's caption (then paragraphs is empty)

    @property
    def chars(self) -> int:
        return sum(len(p) for p in self.paragraphs) + len(self.caption)


def _expected(**fields) -> dict:
    base = {
        "kind": "article",
        "kicker": "",
        "title": "",
        "subtitle": "",
        "source": "",
        "dateline": "",
        "reporters": [],
        "paragraphs": [],
        "continued_to": None,
        "continued_from": None,
        "editor_code": "",
        "persons": [],
        "review": [],
    }
    return {**base, **fields}


def story_of(record: dict, rng: random.Random, page_number: int) -> Story | None:
    """A 1998 corpus record as a story, or None when it cannot be printed unambiguously."""
    if not typesettable(record) or sum(map(len, record["paragraphs"])) > MAX_CHARS:
        return None
    expected, paragraphs, ending = item_of(record, rng, page_number)
    paragraphs = list(paragraphs)
    paragraphs[-1] += ending
    story = Story(expected, kicker=expected["kicker"], subtitle=expected["subtitle"])
    story.title_lines = _title_lines(expected["title"])
    story.paragraphs = paragraphs
    reporters = expected["reporters"]
    own_line = f"本报讯（记者{'、'.join(reporters)}）"
    if reporters and paragraphs[0].startswith(own_line) and rng.random() < 0.3:
        # Some papers print the byline on its own line: 本报记者 杨丽娜 姚广强.
        story.byline_line = "本报记者 " + " ".join(reporters)
        story.paragraphs[0] = paragraphs[0][len(own_line) :]
    return story


def _title_lines(title: str) -> list[str]:
    """A space in a title is where its two printed lines break."""
    return [part for part in title.split(" ") if part] or [title]


def usable_modern(record: dict) -> bool:
    """A modern record that is an article a page shares: a title, a body, no placeholder."""
    body = record.get("paragraphs") or []
    text = "".join(body)
    if not record.get("title") or not body or _NOT_ARTICLE.match(record["title"]):
        return False
    return 30 <= len(text) <= MAX_CHARS and len(record["title"]) <= 40


def modern_story(record: dict, rng: random.Random, page_number: int) -> Story:
    """A rmrb-2019-10 record as a story: its own headline parts and dateline, sometimes a
    jump or an editor code after the last paragraph."""
    paragraphs = [_SPACE.sub(" ", p).strip() for p in record["paragraphs"] if p.strip()]
    body = [_SPACE.sub("", p) for p in paragraphs]
    byline = match_byline(body[0])
    expected = _expected(
        kicker=record.get("kicker", ""),
        title=" ".join(_title_lines(record["title"])),
        subtitle=record.get("subtitle", ""),
    )
    if byline:
        expected.update(source=byline.source, dateline=byline.dateline)
        expected["reporters"] = list(byline.reporters)
        body[0] = body[0][byline.length :]
    printed = list(paragraphs)
    ending = _ending(expected, body, rng, page_number)
    printed[-1] += ending
    if ending.startswith("（下转"):
        # The printed paragraph still carries the byline when it is the first one.
        kept = len(body[-1]) + (byline.length if byline and len(body) == 1 else 0)
        printed[-1] = _cut_printed(printed[-1][: -len(ending)], kept) + ending
    expected["paragraphs"] = [p for p in body if p]
    story = Story(expected, kicker=expected["kicker"], subtitle=expected["subtitle"])
    story.title_lines = _title_lines(record["title"])
    story.paragraphs = printed
    return story


def _ending(expected: dict, body: list[str], rng: random.Random, page_number: int) -> str:
    """A jump （下转第三版②） cutting the last paragraph short, or an editor code ②5."""
    if rng.random() < 0.15 and len(body[-1]) > 30:
        body[-1] = body[-1][: rng.randint(12, len(body[-1]) - 8)]
        page, marker = rng.randint(page_number + 1, page_number + 4), rng.choice(CIRCLED)
        expected["continued_to"] = {"page": page, "marker": marker}
        return f"（下转第{_CHINESE_PAGE[page - 1]}版{marker}）"
    if rng.random() < 0.3:
        expected["editor_code"] = f"{rng.choice(CIRCLED)}{rng.randint(1, 9)}"
        return expected["editor_code"]
    return ""


def _cut_printed(printed: str, kept: int) -> str:
    """The printed paragraph cut after ``kept`` characters that are not spaces."""
    count, out = 0, []
    for ch in printed:
        if count == kept:
            break
        out.append(ch)
        count += not ch.isspace()
    return "".join(out)


def photo_story(text: str, rng: random.Random) -> Story:
    """A picture and its caption: a sentence of the page's text and a photographer."""
    sentence = re.split("(?<=[。！？])", _SPACE.sub("", text))[0][:60]
    name = rng.choice(["兰红光", "李学仁", "王 晔", "刘卫兵", "黄敬文"])
    caption = f"{sentence}（新华社记者{name}摄）"
    expected = _expected(kind="photo", paragraphs=[_SPACE.sub("", caption)])
    return Story(expected, caption=caption)
