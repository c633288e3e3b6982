"""Reader for the PFR tagged corpus (人民日报标注语料库, January 1998).

The corpus is research data used only to test and benchmark the archive; nothing of it is
stored in the repository. Each non-empty line is one paragraph::

    19980101-01-001-004/m  １２月/t  ３１日/t  ，/w  中共中央/nt  总书记/n  、/w  国家/n
    主席/n  江/nr  泽民/nr  发表/v  ...

``read_pfr`` turns the file into interchange issue documents ("newspaper-issue/1"), one per
date; ``pfr_articles`` yields flat per-article records for benchmarks.
"""

from __future__ import annotations

import lzma
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import BinaryIO

from archive.ingest.model import ParsedArticle, PersonMention
from archive.ingest.names import COMPOUND_SURNAMES, SURNAMES
from archive.ingest.roles import find_roles

PAPER = {"name": "人民日报", "slug": "rmrb"}

LINE_ID = re.compile(r"^(\d{8})-(\d{2})-(\d{3})-(\d{3})/m$")


@dataclass
class _Article:
    date: str  # YYYYMMDD
    page: int
    number: int
    paragraphs: list[str] = field(default_factory=list)
    paragraph_ids: list[int] = field(default_factory=list)
    # one list of /nr tokens per run of consecutive /nr tokens, in reading order,
    # each run tagged with the index of the paragraph it came from
    nr_runs: list[tuple[int, list[str]]] = field(default_factory=list)
    nr_starts: list[int] = field(default_factory=list)  # each run's offset in its paragraph

    @property
    def id(self) -> str:
        return f"{self.date}-{self.page:02d}-{self.number:03d}"

    @property
    def iso_date(self) -> str:
        return f"{self.date[:4]}-{self.date[4:6]}-{self.date[6:]}"


def _open_text(source: str | os.PathLike | BinaryIO) -> str:
    """Open the corpus as text, whether GBK (the original) or UTF-8, xz-packed or not."""
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        raw = lzma.open(path, "rb") if path.endswith(".xz") else open(path, "rb")  # noqa: SIM115
    else:
        raw = source
    data = raw.read()
    if data[:6] == b"\xfd7zXZ\x00":
        data = lzma.decompress(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # GB18030 is a superset of GBK and decodes the few odd bytes GBK refuses.
        text = data.decode("gb18030")
    return text


def _split_lines(text: str) -> list[str]:
    # The original has 342 stray bare \r (e.g. "\r\r\n"): a bare \r is not a line break.
    return [line.replace("\r", "") for line in text.split("\n")]


def _parse_tokens(tokens: list[str]) -> tuple[str, list[list[str]], list[int]]:
    """Plain text of one paragraph, its runs of consecutive /nr tokens and where each
    run starts in the text.

    Brackets mark compound names, ``[中央/n  人民/n  广播/vn  电台/n]nt``: the brackets and
    the compound's tag are dropped; the words inside are kept.
    """
    words: list[str] = []
    runs: list[list[str]] = []
    run: list[str] = []
    starts: list[int] = []
    offset = 0
    for token in tokens:
        if token.startswith("[") and "/" in token:
            token = token[1:]
        if "]" in token:
            token = token[: token.rindex("]")]
        word, _, tag = token.rpartition("/")
        if not word:  # a token without a tag: keep it as text
            word, tag = token, ""
        words.append(word)
        if tag == "nr":
            if not run:
                starts.append(offset)
            run.append(word)
        elif run:
            runs.append(run)
            run = []
        offset += len(word)
    if run:
        runs.append(run)
    return "".join(words), runs, starts


def _is_surname(token: str) -> bool:
    return (len(token) == 1 and token in SURNAMES) or token in COMPOUND_SURNAMES


def merge_nr_run(run: list[str]) -> list[str]:
    """Join a run of consecutive /nr tokens into names, as the corpus README describes.

    >>> merge_nr_run(["江", "泽民"])
    ['江泽民']
    >>> merge_nr_run(["马克思", "恩格斯"])
    ['马克思', '恩格斯']
    >>> merge_nr_run(["杨", "尚昆", "万", "里", "宋", "平"])
    ['杨尚昆', '万里', '宋平']
    >>> merge_nr_run(["陈", "方", "安生"])
    ['陈方安生']
    """
    if len(run) == 1:
        return list(run)
    if len(run) == 2:
        if len(run[0]) >= 3 and len(run[1]) >= 3:
            return list(run)
        return ["".join(run)]
    names: list[str] = []
    i = 0
    while i < len(run):
        token = run[i]
        if i + 1 < len(run) and (_is_surname(token) or len(token) == 1):
            name = token + run[i + 1]
            i += 2
            # 陈|方|安生: a married woman's double surname, then the given name.
            if (
                len(run[i - 1]) == 1
                and i < len(run)
                and len(run[i]) >= 2
                and not _is_surname(run[i])
                and i + 1 == len(run)
            ):
                name += run[i]
                i += 1
            names.append(name)
        else:
            names.append(token)
            i += 1
    return names


def _iter_articles(source) -> Iterator[_Article]:
    """Articles in file order; lines of one article id are gathered even if apart."""
    articles: dict[tuple[str, int, int], _Article] = {}
    for line in _split_lines(_open_text(source)):
        # Tokens are separated by two spaces, a few by one (贵乎/v 理/n).
        parts = line.split()
        if not parts:
            continue
        match = LINE_ID.match(parts[0])
        if not match:
            continue
        date, page, number, paragraph = match.groups()
        key = (date, int(page), int(number))
        current = articles.get(key)
        if current is None:
            current = articles[key] = _Article(*key)
        # 19980127-09-001-032 appears twice with different text: both lines are kept, in
        # file order, since both are real text. 19980105-10-006 starts at paragraph 2:
        # ids are kept as read, nothing assumes they start at 1.
        plain, runs, starts = _parse_tokens(parts[1:])
        index = len(current.paragraphs)
        current.paragraphs.append(plain)
        current.paragraph_ids.append(int(paragraph))
        current.nr_runs.extend((index, run) for run in runs)
        current.nr_starts.extend(starts)
    yield from articles.values()


def pfr_articles(source) -> Iterator[dict]:
    """Flat article records: id, date, page, article, paragraphs, persons (as tagged).

    ``persons`` lists every merged /nr mention in reading order, duplicates and
    single-character names (老王's 王) included, like the corpus's derived JSONL.
    """
    for article in _iter_articles(source):
        persons = [name for _, run in article.nr_runs for name in merge_nr_run(run)]
        yield {
            "id": article.id,
            "date": article.iso_date,
            "page": article.page,
            "article": article.number,
            "paragraph_ids": article.paragraph_ids,
            "paragraphs": article.paragraphs,
            "persons": persons,
        }


def pfr_name_spans(source) -> Iterator[tuple[str, str, list[tuple[int, int]]]]:
    """(ISO date, paragraph text, [(start, end) of each merged /nr name]) of every
    paragraph: the corpus's name tags as spans, for training a character tagger."""
    for article in _iter_articles(source):
        spans: list[list[tuple[int, int]]] = [[] for _ in article.paragraphs]
        for (index, run), start in zip(article.nr_runs, article.nr_starts, strict=True):
            for name in merge_nr_run(run):
                spans[index].append((start, start + len(name)))
                start += len(name)
        for text, names in zip(article.paragraphs, spans, strict=True):
            yield article.iso_date, text, names


# 新华社北京１月１日电（记者X、Y） / 据新华社… / 本报北京１月１２日讯记者X报道： / 本报讯
_WIRE = re.compile(r"^(据)?(新华社|中新社|人民日报)(?P<dateline>[^（(，。：]{1,20}?电)")
_OWN = re.compile(r"^本报(?P<dateline>[^（(，。：讯]{0,20}?[讯电])")
_OWN_BYLINE = re.compile(r"^本报(驻\S{1,10}?)?记者")
_BRACKET_REPORTERS = re.compile(r"^[（(]记者(?P<names>[^）)]{2,30})[）)]")
_INLINE_REPORTER = re.compile(r"^记者(?P<names>[^，。：、（]{2,12}?)报道：")


def _split_names(text: str) -> list[str]:
    return [n for n in re.split(r"[、，,\s]+", text) if n]


def detect_byline(paragraph: str, names: list[str]) -> tuple[str, str, list[str]]:
    """(source, dateline, reporters) of an article's first body paragraph, where clear.

    ``names`` are the person names tagged in that paragraph; a byline paragraph such as
    本报记者余继军何伟 has no separators, so its reporters are taken from the tags.
    """
    source = dateline = ""
    reporters: list[str] = []
    rest = ""
    if m := _WIRE.match(paragraph):
        source, dateline = m.group(2), m.group("dateline").strip()
        rest = paragraph[m.end() :]
    elif m := _OWN.match(paragraph):
        source, dateline = "本报", m.group("dateline")
        if dateline == "讯":
            dateline = ""
        rest = paragraph[m.end() :]
    elif _OWN_BYLINE.match(paragraph) and len(paragraph) <= 30:
        return "本报", "", [n for n in names if len(n) > 1 and n in paragraph]
    else:
        return "", "", []
    if m := _BRACKET_REPORTERS.match(rest):
        reporters = _split_names(m.group("names").replace("记者", "、"))
    elif m := _INLINE_REPORTER.match(rest):
        reporters = _split_names(m.group("names"))
    return source, dateline, reporters


def _interchange_article(article: _Article) -> dict:
    paragraphs = article.paragraphs
    title, body = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
    merged = [(index, name) for index, run in article.nr_runs for name in merge_nr_run(run)]
    source = dateline = ""
    reporters: list[str] = []
    if body:
        first_names = [name for index, name in merged if index == 1]
        source, dateline, reporters = detect_byline(body[0], first_names)
    names: list[str] = []
    for _, name in merged:
        # A surname alone (江, 老王's 王) is not a person the archive can link to.
        if len(name) > 1 and name not in names and name not in reporters:
            names.append(name)
    roles = find_roles(paragraphs, names)
    persons = [PersonMention(name, roles.get(name, [])) for name in names]
    return ParsedArticle(
        title=title,
        source=source,
        dateline=dateline,
        reporters=reporters,
        paragraphs=body,
        persons=persons,
    ).to_dict()


def read_pfr(source) -> Iterator[dict]:
    """Interchange issue documents, one per date, in date order.

    ``source`` is a path (plain or .xz) or a binary file object holding the original GBK
    file or its UTF-8 copy. The title is the article's first paragraph, verbatim (notes
    such as （附图片１张） stay: nothing of the text is dropped). Paragraphs keep the
    dateline and byline text; ``source``/``dateline``/``reporters`` repeat what it says.
    """
    articles = sorted(_iter_articles(source), key=lambda a: (a.date, a.page, a.number))
    for date, of_date in groupby(articles, key=lambda a: a.date):
        pages = []
        for page, of_page in groupby(of_date, key=lambda a: a.page):
            pages.append(
                {
                    "number": page,
                    "name": "",
                    "articles": [_interchange_article(a) for a in of_page],
                }
            )
        yield {
            "format": "newspaper-issue/1",
            "paper": dict(PAPER),
            "issue": {"date": f"{date[:4]}-{date[4:6]}-{date[6:]}", "number": None},
            "pages": pages,
        }
