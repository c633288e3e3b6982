"""Synthetic e-paper pages: the inverse of the parser, for measuring it on unseen pages.

``typeset_page`` lays out clean articles (e.g. from the PFR corpus) the way the e-paper
text export lays out a page (see the 焦作日报 2020-01-27 seed): narrow columns with hard
line breaks, paragraph indents lost (a paragraph's first line is two characters shorter),
blank lines at column breaks even mid-sentence, spread and spaced-digit lines, stray
leading spaces, the headline AFTER its body, bylines, jump markers and editor codes. It
returns the page text and, for each item, the interchange article the parser should give.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence

CIRCLED = "①②③④⑤⑥⑦⑧"
CHINESE_PAGE = "一二三四五六七八九十"
_REPORTER_POOL = (
    "杨丽娜 姚广强 刘婧 董柏生 李新华 王晓东 张宏伟 陈静 赵明 孙丽萍 周立波 吴海燕".split()
)
_NOTICES = [
    "因春节放假，本报1月28日至30日休刊三天，1月31日起恢复正常出版。",
    "本报自即日起开通新闻热线，欢迎读者提供新闻线索。",
]


def _nfkc(text: str) -> str:
    """Full-width digits and letters to ASCII (１２月 → 12月), as the e-paper prints them;
    Chinese punctuation stays full-width."""
    text = re.sub("[０-９Ａ-Ｚａ-ｚ％]", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return re.sub(r"(?<=\d)．(?=\d)", ".", text).replace("\u3000", " ")


_CLOSING = "，。、；：？！”）》"
_SKIP = re.compile(r"^(据|本报|新华社(?!\S{1,20}?电))|记者\S{0,12}$")
_WIRE_BYLINE = re.compile(
    r"^新华社(?P<dateline>[^（，。：]{2,20}?电)(（记者(?P<names>[^）]{2,20})）)?"
)


def typesettable(record: dict) -> bool:
    """Articles the generator can lay out with an unambiguous expected byline: a title,
    a body, and no bare byline paragraph (新华社记者X本报记者Y) or 据新华社… opening."""
    paragraphs = record["paragraphs"]
    if len(paragraphs) < 2 or not 2 <= len(paragraphs[0]) <= 40:
        return False
    if _SKIP.search(paragraphs[1][:40]):
        return False
    # an author line (郑剑, 潘继明王燕) is a byline the parser cannot know as one
    return not (len(paragraphs[1]) <= 12 and not re.search(r"[，。、：（）]", paragraphs[1]))


def _body_text(text: str) -> str:
    # the parser removes spaces as layout, so expected paragraphs have none
    return re.sub(r"\s+", "", _nfkc(text))


def _wrap(text: str, width: int) -> list[str]:
    """Hard line breaks; the first line lost its two-character indent."""
    lines, first = [], width - 2
    while text:
        size = first if not lines else width
        # punctuation never opens a line: the line takes one more character
        while size < len(text) and text[size] in _CLOSING:
            size += 1
        lines.append(text[:size])
        text = text[size:]
    return lines


def _dress(line: str, rng: random.Random) -> str:
    """Layout noise on one line: spread characters, spaced digits, stray leading space."""
    roll = rng.random()
    if roll < 0.03 and not re.search(r"[（）()]", line):
        line = " ".join(line)
    elif roll < 0.25:
        line = re.sub(r"(?<=\D)(\d+)(?=\D)", r" \1 ", line)
    if rng.random() < 0.03:
        line = " " + line
    return line


def _split_title(title: str, rng: random.Random) -> list[str]:
    if len(title) > 12 and rng.random() < 0.5:
        cut = rng.randint(len(title) // 3, 2 * len(title) // 3)
        return [title[:cut], title[cut:]]
    return [title]


def _article(record: dict, rng: random.Random, page_number: int):
    """(expected interchange dict, body text lines before wrapping) for one record."""
    paragraphs = [_nfkc(p) for p in record["paragraphs"]]
    title = paragraphs[0].strip()
    body = [_body_text(p) for p in paragraphs[1:] if _body_text(p)]
    names = [_nfkc(n) for n in record.get("persons", [])]
    source, dateline, reporters, byline = "", "", [], ""
    if wire := _WIRE_BYLINE.match(body[0]):
        byline, source, dateline = wire.group(), "新华社", wire.group("dateline")
        reporters = re.split("[、，]", wire.group("names")) if wire.group("names") else []
        body[0] = body[0][len(byline) :]
    elif rng.random() < 0.6:
        reporters = rng.sample(_REPORTER_POOL, rng.choice((1, 1, 2)))
        source = "本报"
        byline = f"本报讯（记者{'、'.join(reporters)}）"
    body = [p for p in body if p]
    expected = {
        "kind": "article",
        "kicker": "",
        "title": title,
        "subtitle": "",
        "source": source,
        "dateline": dateline,
        "reporters": reporters,
        "paragraphs": body,
        "continued_to": None,
        "continued_from": None,
        "editor_code": "",
        "persons": [],
        "review": [],
    }
    gold_people = [n for n in dict.fromkeys(names) if len(n) > 1 and n not in reporters]
    if gold_people and rng.random() < 0.2:
        expected["kicker"] = f"{gold_people[0]}在调研时强调"
    if rng.random() < 0.1:
        expected["subtitle"] = "——" + body[-1][:10]
    opening = ""
    if rng.random() < 0.1:
        page, marker = (
            rng.randint(1, page_number - 1 or 1) if page_number > 1 else 1,
            rng.choice(CIRCLED),
        )
        expected["continued_from"] = {"page": page, "marker": marker}
        opening = f"（上接第{CHINESE_PAGE[page - 1]}版{marker}）"
    ending = ""
    if rng.random() < 0.25 and len(body[-1]) > 20:
        cut = rng.randint(10, len(body[-1]) - 5)
        body[-1] = body[-1][:cut]
        page, marker = rng.randint(page_number + 1, page_number + 4), rng.choice(CIRCLED)
        expected["continued_to"] = {"page": page, "marker": marker}
        ending = f"（下转第{CHINESE_PAGE[page - 1]}版{marker}）"
    elif rng.random() < 0.5:
        expected["editor_code"] = f"{rng.choice(CIRCLED)}{rng.randint(1, 9)}"
        ending = expected["editor_code"]
    text_paragraphs = list(body)
    text_paragraphs[0] = opening + byline + text_paragraphs[0]
    text_paragraphs[-1] += ending
    expected["persons"] = [
        {"name": n, "roles": []}
        for n in gold_people
        if n in "".join([title, expected["kicker"], expected["subtitle"], *body])
    ]
    return expected, text_paragraphs


def typeset_page(
    articles: Sequence[dict],
    *,
    rng: random.Random,
    page_number: int = 1,
    notice_rate: float = 0.1,
) -> tuple[str, list[dict]]:
    """Lay out ``articles`` (records with ``paragraphs`` whose first one is the headline,
    and ``persons``) as one page of e-paper text; return (text, expected articles)."""
    lines: list[str] = []
    expected: list[dict] = []
    for record in articles:
        if not typesettable(record):
            continue
        item, paragraphs = _article(record, rng, page_number)
        width = rng.randint(11, 16)
        break_every = rng.randint(7, 12)
        body_lines = [line for p in paragraphs for line in _wrap(p, width)]
        for n, line in enumerate(body_lines, 1):
            lines.append(_dress(line, rng))
            if n % break_every == 0 and n < len(body_lines):
                lines.append("")  # a column break, even mid-sentence
        lines.append("")
        if item["kicker"]:
            lines += [item["kicker"], ""]
        title_lines = _split_title(item["title"], rng)
        item["title"] = " ".join(title_lines)
        lines += title_lines
        if item["subtitle"]:
            lines.append(item["subtitle"])
        lines.append("")
        expected.append(item)
        if rng.random() < notice_rate:
            notice = rng.choice(_NOTICES)
            lines += ["敬告读者", *_wrap(notice, 26)]
            expected.append(
                {
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
            )
    return "\n".join(lines) + "\n", expected
