"""Synthetic e-paper pages: the inverse of the parser, for measuring it on unseen pages.

``typeset_page`` lays out clean articles (e.g. from the PFR corpus) the way the e-paper
text export lays out a page (see the 焦作日报 2020-01-27 seed): narrow columns with hard
line breaks, paragraph indents lost (a paragraph's first line is two characters shorter),
blank lines at column breaks even mid-sentence, spread and spaced-digit lines, stray
leading spaces, the headline AFTER its body, bylines, jump markers and editor codes. It
returns the page text and, for each item, the interchange article the parser should give.

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
import unicodedata
from collections.abc import Sequence

from archive.ingest.headline import KICKER_END, KICKER_END_IN_BLOCK, STATEMENT_END

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
    r"^新华社(?P<dateline>[^（，。：]{2,20}?电)(（(?P<names>[^）]{0,8}记者[^）]{2,30})）)?"
)


# A byline opening a paragraph: where a wire story's body begins.
_BYLINE_START = re.compile(r"^(据?新华社\S{2,20}?电|本报\S{0,14}?[讯电]|据\S{2,12}?电)")
# About what one broadsheet page holds (the seed's whole page is 6,600 characters).
_PAGE_CHARS = 10_000
_PICTURE_NOTE = re.compile(r"^（附图片\d+张）$")


def _headline_parts(paragraphs: list[str]) -> int:
    """How many leading paragraphs are the headline: the title and any picture note after
    it (（附图片1张）), plus up to two more parts when the corpus splits a headline over
    paragraphs (kicker / title / subtitle) before the byline, as in ``于永波会见…时指出`` /
    ``用先进典型推动部队全面建设`` / ``据新华社北京…电…``. A short unpunctuated paragraph is a
    headline part only when a byline follows it: without one it may as well be a one-line
    body paragraph, so the record keeps the title alone."""
    texts = [_nfkc(p).strip() for p in paragraphs]
    k = 1
    while k < len(texts) and _PICTURE_NOTE.match(texts[k]):
        k += 1
    for j in range(k + 1, min(len(texts), k + 4)):
        parts = [t for t in texts[k:j] if not _PICTURE_NOTE.match(t)]
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
    if any(_BYLINE_START.match(_nfkc(p)) for p in paragraphs[head + 1 :]):
        return False
    # An author line (郑剑, 潘继明王燕, 武汉大学世界经济系教授周茂荣) is a byline the
    # parser cannot know as one: it reads as the previous item's headline.
    first = _nfkc(paragraphs[head]).strip()
    if re.search(r"[，。、：（）“”《》]", first):
        return True
    names = [n for n in record.get("persons", []) if len(n) > 1]
    return not (len(first) <= 12 or (len(first) <= 25 and first.endswith(tuple(names))))


def _body_text(text: str) -> str:
    # the parser removes spaces as layout, so expected paragraphs have none
    return re.sub(r"\s+", "", _nfkc(text))


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


def _headline_fields(parts: list[str], rng: random.Random) -> tuple[str, str, str]:
    """(kicker, title, subtitle) from the corpus's headline paragraphs, read by
    headline.py's rule: of two parts the first is a kicker only when it ends in a lead-in
    cue (…时指出 / 用先进典型推动部队全面建设), else title over subtitle; three parts are
    kicker, title, subtitle. A picture note (（附图片1张）) stays with the part before it.
    Some subtitles are printed after a dash (——…), as real 副题 often are."""
    merged: list[str] = []
    for part in (p.strip() for p in parts):
        if merged and _PICTURE_NOTE.match(part):
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


def _article(record: dict, rng: random.Random, page_number: int):
    """(expected interchange dict, body text lines before wrapping) for one record."""
    paragraphs = [_nfkc(p) for p in record["paragraphs"]]
    head = _headline_parts(record["paragraphs"])
    kicker, title, subtitle = _headline_fields(paragraphs[:head], rng)
    body = [_body_text(p) for p in paragraphs[head:] if _body_text(p)]
    names = [_nfkc(n) for n in record.get("persons", [])]
    source, dateline, reporters, byline = "", "", [], ""
    if wire := _WIRE_BYLINE.match(body[0]):
        byline, source, dateline = wire.group(), "新华社", wire.group("dateline")
        # （记者卢劲）, （解放军报记者王文杰、新华社记者罗玉文）: the names after each 记者
        credits = re.split("[、，]", wire.group("names") or "")
        reporters = [name for c in credits if (name := re.sub(".*记者", "", c))]
        body[0] = body[0][len(byline) :]
    elif rng.random() < 0.6:
        reporters = rng.sample(_REPORTER_POOL, rng.choice((1, 1, 2)))
        source = "本报"
        byline = f"本报讯（记者{'、'.join(reporters)}）"
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
    gold_people = [n for n in dict.fromkeys(names) if len(n) > 1 and n not in reporters]
    # A synthetic kicker names someone the story is about: not a photographer or author
    # named only inside brackets (（新华社记者兰红光摄）), who never leads a headline.
    unbracketed = re.sub(r"（[^（）]*）", "", "".join(body))
    actors = [n for n in gold_people if n in unbracketed]
    if actors and not kicker and rng.random() < 0.2:
        expected["kicker"] = f"{actors[0]}在调研时强调"
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
    expected["persons"] = [
        {"name": n, "roles": []}
        for n in gold_people
        if n in "".join([title, expected["kicker"], expected["subtitle"], *body])
    ]
    return expected, text_paragraphs, ending


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
) -> tuple[str, list[dict]]:
    """Lay out ``articles`` (records with ``paragraphs`` whose first one is the headline,
    and ``persons``) as one page of e-paper text; return (text, expected articles)."""
    lines: list[str] = []
    expected: list[dict] = []
    pending: list[str] = []  # the previous item's headline, printed once we know the next
    for record in articles:
        if not typesettable(record):
            continue
        item, paragraphs, ending = _article(record, rng, page_number)
        opens = item["source"] or item["continued_from"]
        if pending and expected[-1]["_headless"] and opens:
            previous = expected[-1]
            for key in ("kicker", "title", "subtitle"):
                previous[key] = ""  # a headline not in the text (the seed's 2nd and 9th)
            # Gold persons are the names shown on the page: one only in that headline is not.
            shown = "".join(previous["paragraphs"])
            previous["persons"] = [p for p in previous["persons"] if p["name"] in shown]
            lines += [] if expected[-1]["_wide"] else [""]
        else:
            lines += pending
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
        for n, line in enumerate(body_lines, 1):
            lines.append(_dress(line, rng))
            in_box = wide_from is not None and n > wide_from
            if n % break_every == 0 and n < len(body_lines) and not in_box:
                lines.append("")  # a column break, even mid-sentence
        pending = ["", *_headline_lines(item, rng)]
        item["_headless"] = bool(ending) and rng.random() < 0.12
        item["_wide"] = in_wide
        expected.append(item)
        if rng.random() < notice_rate:
            lines += pending
            pending = []
            notice = rng.choice(_NOTICES)
            lines += ["敬告读者", *_wrap(notice, 26, rng)]
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
    lines += pending
    for item in expected:
        item.pop("_headless", None)
        item.pop("_wide", None)
    return "\n".join(lines) + "\n", expected
