"""Print a parsed item back as the tokens the page showed, to prove nothing was lost.

>>> from archive.ingest.model import Jump, ParsedArticle
>>> a = ParsedArticle(source="本报", reporters=["刘婧"], paragraphs=["1月24日上午……"],
...                   editor_code="①3", title="王小平到马村区督导 检查疫情防控工作")
>>> covered_text(a)
'本报讯（记者刘婧）1月24日上午……①3王小平到马村区督导 检查疫情防控工作'

Order follows the printed page: an article's headline comes after its body, a notice's
title (and any title-first item's) before it. Spaces are layout and should be ignored when
comparing with the input (:func:`non_layout`).
"""

from __future__ import annotations

from archive.ingest import flags
from archive.ingest.markers import render_byline, render_jump
from archive.ingest.model import ParsedArticle, ParsedPage

__all__ = ["covered_text", "non_layout", "page_covered_text"]


def _byline(article: ParsedArticle) -> str:
    """The byline as printed: the review note's copy when the fields cannot print it."""
    for flag in article.review:
        if flags.code(flag) == flags.BYLINE_PRINTED_AS:
            return flags.payload(flag)
    return render_byline(article.source, article.dateline, article.reporters)


def covered_text(article: ParsedArticle) -> str:
    """Every printed token of one item, in page order (see the module example)."""
    headline = "".join(p for p in (article.kicker, article.title, article.subtitle) if p)
    body = "".join(
        [
            render_jump(article.continued_from, "上接"),
            _byline(article),
            *article.paragraphs,
            render_jump(article.continued_to, "下转"),
            article.editor_code,
        ]
    )
    if article.kind == "article":
        return body + headline
    return headline + body


def page_covered_text(page: ParsedPage) -> str:
    """All items' :func:`covered_text` in reading order."""
    return "".join(covered_text(a) for a in page.articles)


def non_layout(text: str) -> str:
    """The text without whitespace: ``non_layout("1 月 26 日")`` is 1月26日."""
    return "".join(text.split())
