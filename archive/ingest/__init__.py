"""Parse e-paper page text into articles: normalize → segment → reflow → people.

>>> page = parse_page("本报讯（记者刘婧）1月24日上午，我市召开会议。①3\\n\\n王小平到马村区督导\\n检查疫情防控工作\\n")
>>> a = page.articles[0]
>>> (a.source, a.reporters, a.title, a.paragraphs, a.editor_code)
('本报', ['刘婧'], '王小平到马村区督导 检查疫情防控工作', ['1月24日上午，我市召开会议。'], '①3')

Plain Python with no Django imports, so it runs in tests, management commands and scripts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from archive.ingest import flags, headline_roles
from archive.ingest.cuts import read_page
from archive.ingest.decode import DecodeError, decode_bytes
from archive.ingest.headline import split_headline
from archive.ingest.markers import match_byline, render_byline
from archive.ingest.model import Jump, ParsedArticle, ParsedPage, PersonMention
from archive.ingest.normalize import normalize_text
from archive.ingest.reflow import reflow
from archive.ingest.segment import Segment, segment

__all__ = [
    "DecodeError",
    "Jump",
    "ParsedArticle",
    "ParsedPage",
    "PersonMention",
    "decode_bytes",
    "parse_page",
]

log = logging.getLogger(__name__)

# A headline whose kicker / title / subtitle the weights chose by less than this over the
# next best cut is flagged headline_uncertain (chosen on dev pages, fitting dates).
ROLE_MARGIN = 6.0


def parse_page(
    text: str, *, page_number: int | None = None, known_names: Iterable[str] = ()
) -> ParsedPage:
    """Parse one page's text; never raises on any ``str`` (a failure becomes a review note)."""
    names = list(known_names)
    page = ParsedPage(number=page_number)
    try:
        lines = normalize_text(str(text).replace("\r\n", "\n").replace("\r", "\n"))
        segments = read_page(lines, segment(lines))
    except Exception:  # a parser bug must not stop an ingest run; keep the text instead
        log.exception("segmenting page %s failed", page_number)
        return _fallback_page(page, str(text))
    for seg in segments:
        try:
            page.articles.append(_article(seg))
        except Exception:
            log.exception("building an article on page %s failed", page_number)
            page.articles.append(_fallback_article(seg))
    _find_persons(page.articles, names)
    return page


def _article(seg: Segment) -> ParsedArticle:
    """A :class:`ParsedArticle` from a segment: headline split, body reflowed."""
    head_lines = [line for block in seg.headline for line in block]
    blocks = [n for n, block in enumerate(seg.headline) for _ in block]
    current = seg.roles or split_headline(seg.headline)
    # The printed block of each headline line: the weights may not cut one mid-word.
    (kicker, title, subtitle), margin = headline_roles.choose(head_lines, current, blocks)
    flowed = reflow(seg.body, seg.subheads)
    article = ParsedArticle(
        kind=seg.kind,
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        paragraphs=flowed.paragraphs,
        continued_to=seg.continued_to,
        continued_from=seg.continued_from,
        editor_code=seg.editor_code,
        source_lines=(seg.first, seg.last),
        confidence=seg.confidence,
    )
    if seg.byline:
        article.source = seg.byline.source
        article.dateline = seg.byline.dateline
        article.reporters = list(seg.byline.reporters)
    article.review = _review(seg, article) + seg.flags + flowed.review
    if margin < ROLE_MARGIN and not flags.has(article.review, flags.HEADLINE_UNCERTAIN):
        article.review.append(flags.HEADLINE_UNCERTAIN)
    if _byline_inside(article.paragraphs) and not flags.has(article.review, flags.CUT_UNCERTAIN):
        article.review.append(flags.CUT_UNCERTAIN)
    return article


def _byline_inside(paragraphs: list[str]) -> bool:
    """A paragraph after the first opens with a dated byline (本报广州1月14日电…) or a
    news opener (本报讯…): another item's start, most likely, that the cut missed (a
    sub-story's byline, 本报记者 富子梅, has neither)."""
    for text in paragraphs[1:]:
        byline = match_byline(text[:80])
        if byline and (byline.dateline or byline.printed.split("（")[0].endswith("讯")):
            return True
    return False


def _review(seg: Segment, article: ParsedArticle) -> list[str]:
    """Why a person should look at this item before it is published."""
    notes = []
    if not article.title:
        notes.append(flags.NO_HEADLINE)
    if seg.byline is None and seg.continued_from is None and seg.kind == "article":
        notes.append(flags.NO_BYLINE)
    if seg.byline:
        printed = seg.byline.printed.replace(" ", "")
        if printed != render_byline(article.source, article.dateline, article.reporters):
            # The fields cannot print this byline back (通讯员, 据…, spaces); keep it here.
            notes.append(flags.make(flags.BYLINE_PRINTED_AS, seg.byline.printed))
    return notes


# A headline's lines are joined with a space, which may fall inside a name (…人大主任吴 /
# 亦侠当选…): between two hanzi it goes before the names are looked for.
_HANZI_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")


def _headline_lines(article: ParsedArticle) -> list[str]:
    """The headline parts as person extraction reads them (see _HANZI_SPACE)."""
    parts = (article.kicker, article.title, article.subtitle)
    return [_HANZI_SPACE.sub("", part) for part in parts if part]


_PAGE_ITEMS = 60


def _find_persons(articles: list[ParsedArticle], known_names: list[str]) -> None:
    """People each item mentions, read as one page (see people.page_persons); reporters
    named in a byline are left out. A failure is noted on the items, never raised."""
    from archive.ingest.people import extract_persons, page_persons

    # A name printed only in the headline is mentioned all the same.
    items = [
        ([*_headline_lines(a), *a.paragraphs], a.reporters, a.continued_to is not None)
        for a in articles
    ]
    try:
        # A page is read as one in runs of _PAGE_ITEMS items: a real page holds far fewer,
        # and a 5 MB upload of thousands of items stays linear in its length.
        for at in range(0, len(items), _PAGE_ITEMS):
            window = items[at : at + _PAGE_ITEMS]
            found = page_persons(window, known_names)
            for article, persons in zip(articles[at : at + _PAGE_ITEMS], found, strict=True):
                article.persons = persons
        return
    except Exception:
        log.exception("person extraction failed on a page; trying item by item")
    for article, (lines, reporters, cut) in zip(articles, items, strict=True):
        try:
            article.persons = extract_persons(
                lines, reporters=reporters, known_names=known_names, cut_short=cut
            )
        except Exception:
            log.exception("person extraction failed")
            article.review.append(flags.PERSONS_FAILED)
            article.persons = []


# The page-PDF reader (pdf_page.py) finishes its items with these same stages.
review_notes = _review
find_persons = _find_persons


def _fallback_article(seg: Segment) -> ParsedArticle:
    """Keep every character of a segment when building its article failed."""
    lines = [ln.text for ln in seg.body if not ln.blank]
    lines += [t for block in seg.headline for t in block]
    return ParsedArticle(
        kind="other",
        paragraphs=["".join(lines)] if lines else [],
        review=[flags.PARSER_ERROR],
        source_lines=(seg.first, seg.last),
    )


def _fallback_page(page: ParsedPage, text: str) -> ParsedPage:
    """The whole page as one unparsed item, so nothing is lost."""
    body = "".join(text.split())
    if body:
        page.articles.append(
            ParsedArticle(kind="other", paragraphs=[body], review=[flags.PARSER_ERROR])
        )
    return page
