"""Corpus articles as stories any layout program can print: headline parts, the printed
byline and its fields, clean body paragraphs and the names a reader should find.

>>> story = rmrb_story({"date": "2019-10-11", "kicker": "", "title": "银保监会整治乱象",
...     "subtitle": "结构性存款不能按保本产品宣传", "paragraphs": [
...     "本报北京10月10日电\\u00a0\\u00a0（记者欧阳洁、曲哲涵）银保监会10日下发通知。"]})
>>> (story.byline, story.source, story.dateline, story.reporters, story.paragraphs)
('本报北京10月10日电（记者欧阳洁、曲哲涵）', '本报', '北京10月10日电', ['欧阳洁', '曲哲涵'], ['银保监会10日下发通知。'])

Two corpora, read from ../shared and never copied: the PFR corpus of 1998-01 (names tagged
/nr; fit on dates 01..20, test on 21..31) and the People's Daily e-paper of 2019-10 with its
own 引题/主题/副题 (fit on 10-01..10-20, test on 10-21..10-31; see docs/benchmarks.md).

The clean form of a text is what a reader copies from the page: layout spaces gone, one
space kept between two hanzi or two Latin letters or digits (本报记者 富子梅 靳 博), as the
e-paper shows a name padded with no-break spaces. This module knows nothing of the parser:
layout programs print stories, the benchmark compares what the parser read with them.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PFR = SHARED / "pfr_199801.gbk.txt.xz"
RMRB = SHARED / "rmrb-2019-10" / "rmrb-epaper-201910.jsonl.gz"
# Dates each corpus is fitted and tuned on; the rest is kept for testing.
FIT = {"pfr": ("1998-01-01", "1998-01-20"), "rmrb": ("2019-10-01", "2019-10-20")}
TEST = {"pfr": ("1998-01-21", "1998-01-31"), "rmrb": ("2019-10-21", "2019-10-31")}


@dataclass
class Story:
    """One article to print. ``title`` holds a space where its printed lines break."""

    corpus: str
    date: str
    kicker: str
    title: str
    subtitle: str
    byline: str  # printed at the start of the first paragraph, "" for none
    source: str
    dateline: str
    reporters: list[str]
    paragraphs: list[str]  # as printed (display form); the parser should give them clean
    names: list[str] | None = None  # the corpus's person names (PFR), None when unknown
    extra: dict = field(default_factory=dict)


_HANZI = "\u3400-\u9fff"
_KEEP = re.compile(rf"(?<=[{_HANZI}])\s+(?=[{_HANZI}])|(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")


def display(text: str) -> str:
    """The text as the e-paper prints it: full-width digits and letters as ASCII (１２月 →
    12月), spaces (no-break ones too) kept."""
    text = re.sub("[０-９Ａ-Ｚａ-ｚ％]", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return re.sub(r"(?<=\d)．(?=\d)", ".", text).strip()


def clean(text: str) -> str:
    """``clean("本报记者\\u00a0\\u00a0张\\u00a0\\u00a0枨 1 月")`` is '本报记者 张 枨1月'."""
    text = display(text)
    if len(text.split()) > 1 and all(len(t) == 1 for t in text.split()):
        return "".join(text.split())  # 姜  昆 alone on its line: a name spread to fill it
    pieces = _KEEP.split(text)
    return " ".join(re.sub(r"\s+", "", piece) for piece in pieces)


_AGENCY = "本报|新华社|中新社"
_NUM = "[0-9一二三四五六七八九十〇]{1,3}"
_BYLINE = re.compile(
    rf"^(?P<pre>据)?(?P<source>{_AGENCY})(?P<dateline>(?:[{_HANZI}·]{{0,12}}?{_NUM}月{_NUM}日)?[讯电])"
    r"\s*(?:（(?P<people>[^（）]{2,40})）)?"
)


def read_byline(paragraph: str) -> tuple[str, str, str, list[str], str]:
    """(printed byline, source, dateline, reporters, rest of the paragraph); the byline is
    "" when the paragraph does not open with one. Names in brackets count only after 记者:
    （何旭） after a dateline is body text. 据新华社北京…电 counts, 据 printed with it.

    >>> read_byline("新华社北京9月30日电  中共中央总书记")[:3]
    ('新华社北京9月30日电', '新华社', '北京9月30日电')
    """
    m = _BYLINE.match(paragraph)
    if not m or (m.group("pre") and m.group("dateline") in ("讯", "电")):
        return "", "", "", [], paragraph
    people = m.group("people") or ""
    end = m.end() if "记者" in people else m.end("dateline")
    dateline = m.group("dateline")
    dateline = "" if dateline == "讯" and m.group("source") == "本报" else dateline
    reporters = []
    if "记者" in people:
        for part in re.split("[、，]", people):
            reporters += [n for n in [re.sub(r"\s+", "", re.sub(r".*记者", "", part))] if n]
    printed = clean(paragraph[:end]).replace(" ", "")
    return printed, m.group("source"), dateline, reporters, paragraph[end:]


def _story(corpus, date, kicker, title, subtitle, paragraphs, names=None) -> Story | None:
    body = [display(p) for p in paragraphs if clean(p)]
    if not body or not title:
        return None
    printed, source, dateline, reporters, rest = read_byline(body[0])
    body[0] = display(rest)
    body = [p for p in body if clean(p)]
    if not body:
        return None
    heads = [clean(x.replace("\u00a0", " ")) for x in (kicker, title, subtitle)]
    return Story(corpus, date, *heads, printed, source, dateline, reporters, body, names)


def rmrb_story(record: dict) -> Story | None:
    """A story from one e-paper record; None for a placeholder (广告, an empty page)."""
    if record.get("title", "") in ("广告", "") or not record.get("paragraphs"):
        return None
    paras = record["paragraphs"]
    return _story("rmrb", record["date"], record["kicker"], record["title"],
                  record["subtitle"], paras)  # fmt: skip


def rmrb_stories(dates: tuple[str, str], path: Path = RMRB) -> list[Story]:
    """Stories of the e-paper between two dates (inclusive); a text listed again on a
    later page (a continued article) only once."""
    seen, out = set(), []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            key = tuple(record.get("paragraphs") or ())[:3]
            if not dates[0] <= record["date"] <= dates[1] or key in seen:
                continue
            seen.add(key)
            story = rmrb_story(record)
            if story is not None and sum(map(len, story.paragraphs)) <= 8000:
                out.append(story)
    return out


_PFR_BYLINE = re.compile(rf"^据?({_AGENCY})")


def pfr_story(record: dict) -> Story | None:
    """A story from one PFR record: the leading short paragraphs before the first one
    that reads as text are the headline (title; kicker + title when the first ends in a
    lead-in; title + subtitle otherwise; three are all three). Records holding several
    wire stories, or a bare author line, are left out: they are no one item's text."""
    paras = [display(p) for p in record["paragraphs"]]
    head = 1
    while (
        head < min(3, len(paras) - 1)
        and _heading_like(paras[head])
        and (head + 1 < len(paras) and _PFR_BYLINE.match(paras[head + 1]))
    ):
        head += 1
    parts, body = paras[:head], paras[head:]
    if not body or not 2 <= len(parts[0]) <= 40 or any(_PFR_BYLINE.match(p) for p in body[1:]):
        return None
    if len(body[0]) <= 25 and not re.search("[，。：]", body[0]):
        return None  # an author's name line
    if sum(map(len, body)) > 8000:
        return None
    kicker, title, subtitle = _roles_of(parts)
    names = [clean(n) for n in record.get("persons", [])]
    return _story("pfr", record["date"], kicker, title, subtitle, body, names)


def _heading_like(text: str) -> bool:
    return 0 < len(text) <= 40 and not re.search("[。！？；]", text)


_LEAD_IN = re.compile(r"(强调|指出|表示|要求|时说|寄语|之际|期间|前夕|时|上|中)$")


def _roles_of(parts: list[str]) -> tuple[str, str, str]:
    if len(parts) == 1:
        return "", parts[0], ""
    if len(parts) == 2:
        return (parts[0], parts[1], "") if _LEAD_IN.search(parts[0]) else ("", *parts)
    return parts[0], parts[1], parts[2]


def pfr_stories(dates: tuple[str, str], path: Path = PFR) -> list[Story]:
    from archive.ingest.pfr import pfr_articles  # the corpus format's reader

    out = []
    for record in pfr_articles(str(path)):
        if dates[0] <= record["date"] <= dates[1]:
            story = pfr_story(record)
            if story is not None:
                out.append(story)
    return out


def headline_lines(text: str) -> list[str]:
    """The printed lines of a headline part: the e-paper marks a line break with a space,
    but a space inside brackets (（守初心 担使命）) or beside a short piece is the
    headline's own, printed on the line.

    >>> headline_lines("扛起政治责任 不折不扣整改（守初心 担使命）")
    ['扛起政治责任', '不折不扣整改（守初心 担使命）']
    """
    lines: list[str] = []
    depth = 0
    piece = ""
    for ch in text:
        depth += ch in "（(《“" and 1 or 0
        depth -= ch in "）)》”" and 1 or 0
        if ch == " " and depth <= 0 and len(piece) >= 4:
            lines.append(piece)
            piece = ""
        else:
            piece += ch
    if piece and lines and len(piece) < 4:
        lines[-1] += " " + piece
    elif piece:
        lines.append(piece)
    return lines


def stories(corpus: str, split: str) -> list[Story]:
    """``stories("rmrb", "fit")``: the stories of one corpus's fit or test dates."""
    dates = (FIT if split == "fit" else TEST)[corpus]
    return rmrb_stories(dates) if corpus == "rmrb" else pfr_stories(dates)


def expected_item(story: Story, **changes) -> dict:
    """The interchange article the parser should read for a printed story."""
    item = {
        "kind": "article",
        "kicker": story.kicker,
        "title": story.title,
        "subtitle": story.subtitle,
        "source": story.source,
        "dateline": story.dateline,
        "reporters": list(story.reporters),
        "paragraphs": [clean(p) for p in story.paragraphs],
        "continued_to": None,
        "continued_from": None,
        "editor_code": "",
        "persons": [],
        "review": [],
    }
    item.update(changes)
    return item


def shown_names(story: Story, item: dict) -> list[dict]:
    """Gold persons: the corpus's names of two or more characters that the page shows in
    the item, reporters left out (None for a corpus without names)."""
    if story.names is None:
        return []
    shown = "".join([item["kicker"], item["title"], item["subtitle"], *item["paragraphs"]])
    names = dict.fromkeys(n for n in story.names if len(n) > 1 and n not in item["reporters"])
    return [{"name": n, "roles": []} for n in names if n in shown.replace(" ", "")]


def iter_batches(items: list, rng, low: int, high: int) -> Iterator[list]:
    """Consecutive random-sized batches of ``items`` (a page's worth each)."""
    at = 0
    while at < len(items):
        size = rng.randint(low, high)
        yield items[at : at + size]
        at += size


@dataclass
class Laid:
    """A printed page: its text, the items the parser should read, and each text line's
    role (LABELS; "" for a blank line), which is what the line-role model learns from."""

    text: str
    items: list[dict]
    roles: list[str]


# A paragraph ends in one of these, or it is a short one of its own (a subhead, a byline,
# a signature) that only its line breaks set apart: the model calls its lines "sub".
_ENDS = tuple("。！？…”’」』）)》：:；;")


def is_sub(paragraph: str) -> bool:
    """``is_sub("探索生态修复：以个案警示震慑非法捕捞")`` is True."""
    return not paragraph.rstrip().endswith(_ENDS)


# The roles a printed line can have: the first line of an item whose body comes first,
# a body line, a short paragraph inside a body (subhead, salutation, sub-story byline,
# credit, closing date), a headline line after its body (or after the line that opened
# the headline), and a headline line that opens an item printed headline first.
LABELS = ("open", "body", "sub", "kicker", "title", "subtitle", "kicker_open", "title_open")
