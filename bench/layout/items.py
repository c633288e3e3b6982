"""What a corpus record becomes on a page: the item the parser should read, and the text
to print for it (byline, jump and continuation included), whatever the layout.

>>> record = {"paragraphs": ["副市长检查防控工作", "１月２６日，副市长王付举深入一线检查。"],
...           "persons": ["王付举"]}
>>> typesettable(record), _headline_parts(record["paragraphs"])
(True, 1)
>>> expected, paragraphs, ending = item_of(record, random.Random(3), page_number=1)
>>> expected["title"], expected["paragraphs"], [p["name"] for p in expected["persons"]]
('副市长检查防控工作', ['1月26日，副市长王付举深入一线检查。'], ['王付举'])
"""

from __future__ import annotations

import random
import re
import unicodedata

from archive.ingest.headline import KICKER_END

__all__ = ["CIRCLED", "PICTURE_NOTE", "item_of", "nfkc", "typesettable"]

CIRCLED = "①②③④⑤⑥⑦⑧"
CHINESE_PAGE = "一二三四五六七八九十"
_REPORTER_POOL = (
    "杨丽娜 姚广强 刘婧 董柏生 李新华 王晓东 张宏伟 陈静 赵明 孙丽萍 周立波 吴海燕".split()
)
_SKIP = re.compile(r"^(据|本报|新华社(?!\S{1,20}?电))|记者\S{0,12}$")
_WIRE_BYLINE = re.compile(
    r"^新华社(?P<dateline>[^（，。：]{2,20}?电)(（(?P<names>[^）]{0,8}记者[^）]{2,30})）)?"
)
# A byline opening a paragraph: where a wire story's body begins.
_BYLINE_START = re.compile(r"^(据?新华社\S{2,20}?电|本报\S{0,14}?[讯电]|据\S{2,12}?电)")
# About what one broadsheet page holds (the seed's whole page is 6,600 characters).
_PAGE_CHARS = 10_000
PICTURE_NOTE = re.compile(r"^（附图片\d+张）$")


def nfkc(text: str) -> str:
    """Full-width digits and letters to ASCII (１２月 → 12月), as the e-paper prints them;
    Chinese punctuation stays full-width."""
    text = re.sub("[０-９Ａ-Ｚａ-ｚ％]", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return re.sub(r"(?<=\d)．(?=\d)", ".", text).replace("\u3000", " ")


def _headline_parts(paragraphs: list[str]) -> int:
    """How many leading paragraphs are the headline: the title and any picture note after
    it (（附图片1张）), plus up to two more parts when the corpus splits a headline over
    paragraphs (kicker / title / subtitle) before the byline, as in ``于永波会见…时指出`` /
    ``用先进典型推动部队全面建设`` / ``据新华社北京…电…``. A short unpunctuated paragraph is a
    headline part only when a byline follows it: without one it may as well be a one-line
    body paragraph, so the record keeps the title alone."""
    texts = [nfkc(p).strip() for p in paragraphs]
    k = 1
    while k < len(texts) and PICTURE_NOTE.match(texts[k]):
        k += 1
    for j in range(k + 1, min(len(texts), k + 4)):
        parts = [t for t in texts[k:j] if not PICTURE_NOTE.match(t)]
        if len(parts) > 2 or any(len(t) > 40 or re.search("[。！？]", t) for t in parts):
            break
        if _BYLINE_START.match(texts[j]):
            return j
    return k


def typesettable(record: dict) -> bool:
    """Articles the generator can lay out with an unambiguous expected byline: a title,
    a body, and no bare byline paragraph (新华社记者X本报记者Y) or 据新华社… opening.

    Records holding several wire stories (a byline again mid-body: ``…。`` / ``新华社波恩
    …电…``) are left out too: on a real page each story is its own item with its own
    headline, so the record's paragraphs are no single item's expected output.
    """
    paragraphs = record["paragraphs"]
    if sum(map(len, paragraphs)) > _PAGE_CHARS:
        return False  # more than a page holds (a 2,191-name roster): never one item of many
    head = _headline_parts(paragraphs)
    if len(paragraphs) < head + 1 or not 2 <= len(paragraphs[0]) <= 40:
        return False
    if _SKIP.search(paragraphs[head][:40]):
        return False
    if any(_BYLINE_START.match(nfkc(p)) for p in paragraphs[head + 1 :]):
        return False
    # An author line (郑剑, 潘继明王燕, 武汉大学世界经济系教授周茂荣) is a byline the
    # parser cannot know as one: it reads as the previous item's headline.
    first = nfkc(paragraphs[head]).strip()
    if re.search(r"[，。、：（）“”《》]", first):
        return True
    names = [n for n in record.get("persons", []) if len(n) > 1]
    return not (len(first) <= 12 or (len(first) <= 25 and first.endswith(tuple(names))))


def _body_text(text: str) -> str:
    # the parser removes spaces as layout, so expected paragraphs have none
    return re.sub(r"\s+", "", nfkc(text))


def _headline_fields(parts: list[str], rng: random.Random) -> tuple[str, str, str]:
    """(kicker, title, subtitle) from the corpus's headline paragraphs, read by
    headline.py's rule: of two parts the first is a kicker only when it ends in a lead-in
    cue (…时指出 / 用先进典型推动部队全面建设), else title over subtitle; three parts are
    kicker, title, subtitle. A picture note (（附图片1张）) stays with the part before it.
    Some subtitles are printed after a dash (——…), as real 副题 often are."""
    merged: list[str] = []
    for part in (p.strip() for p in parts):
        if merged and PICTURE_NOTE.match(part):
            merged[-1] += part
        else:
            merged.append(part)
    if len(merged) == 1:
        return "", merged[0], ""
    if len(merged) == 2 and KICKER_END.search(merged[0]):
        return merged[0], merged[1], ""
    kicker, title, subtitle = ("", *merged) if len(merged) == 2 else merged
    if not subtitle.startswith("—") and rng.random() < 0.3:
        subtitle = "——" + subtitle
    return kicker, title, subtitle


def item_of(record: dict, rng: random.Random, page_number: int) -> tuple[dict, list[str], str]:
    """(expected interchange dict, text paragraphs to print, end marker) for one record."""
    paragraphs = [nfkc(p) for p in record["paragraphs"]]
    head = _headline_parts(record["paragraphs"])
    kicker, title, subtitle = _headline_fields(paragraphs[:head], rng)
    body = [_body_text(p) for p in paragraphs[head:] if _body_text(p)]
    source, dateline, reporters, byline = _byline(body, rng)
    body = [p for p in body if p]
    expected = {
        "kind": "article",
        "kicker": kicker,
        "title": title,
        "subtitle": subtitle,
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
    names = [nfkc(n) for n in record.get("persons", [])]
    gold_people = [n for n in dict.fromkeys(names) if len(n) > 1 and n not in reporters]
    _add_kicker(expected, gold_people, rng)
    opening, ending = _jumps(expected, rng, page_number)
    text_paragraphs = list(body)
    text_paragraphs[0] = opening + byline + text_paragraphs[0]
    shown = "".join([title, expected["kicker"], expected["subtitle"], *body])
    expected["persons"] = [{"name": n, "roles": []} for n in gold_people if n in shown]
    return expected, text_paragraphs, ending


def _byline(body: list[str], rng: random.Random) -> tuple[str, str, list[str], str]:
    """(source, dateline, reporters, printed byline): the record's own wire byline, cut
    from its first paragraph, or most often a 本报讯 byline with reporters drawn."""
    if wire := _WIRE_BYLINE.match(body[0]):
        byline = wire.group()
        # （记者卢劲）, （解放军报记者王文杰、新华社记者罗玉文）: the names after each 记者
        credits = re.split("[、，]", wire.group("names") or "")
        reporters = [name for c in credits if (name := re.sub(".*记者", "", c))]
        body[0] = body[0][len(byline) :]
        return "新华社", wire.group("dateline"), reporters, byline
    if rng.random() < 0.6:
        reporters = rng.sample(_REPORTER_POOL, rng.choice((1, 1, 2)))
        return "本报", "", reporters, f"本报讯（记者{'、'.join(reporters)}）"
    return "", "", [], ""


def _add_kicker(expected: dict, gold_people: list[str], rng: random.Random) -> None:
    """A synthetic kicker names someone the story is about: not a photographer or author
    named only inside brackets (（新华社记者兰红光摄）), who never leads a headline."""
    unbracketed = re.sub(r"（[^（）]*）", "", "".join(expected["paragraphs"]))
    actors = [n for n in gold_people if n in unbracketed]
    if actors and not expected["kicker"] and rng.random() < 0.2:
        expected["kicker"] = f"{actors[0]}在调研时强调"


def _jumps(expected: dict, rng: random.Random, page_number: int) -> tuple[str, str]:
    """(opening, ending) printed around the body: a continuation （上接…）, and a jump
    （下转…, the body cut short) or an editor code."""
    body = expected["paragraphs"]
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
    return opening, ending
