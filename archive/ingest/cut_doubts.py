"""What puts a cut in doubt though the line-role model is sure of it: the printed text.

>>> from archive.ingest.normalize import normalize_text
>>> from archive.ingest.segment import segment
>>> from archive.ingest.cuts import read_page
>>> text = ("本报讯（记者刘婧）1月24日上午，我市召开\\n会议，部署春节期间工作。\\n"
...         "数据来源：市统计局\\n会议指出，要抓好疫情防控工作。\\n\\n王小平到马村区督导\\n")
>>> lines = normalize_text(text)
>>> [(seg.flags, seg.confidence > 0.95) for seg in read_page(lines, segment(lines))]
[(['cut_uncertain'], True)]

The model reads each line from its layout and its neighbours; what it misses most (dev
pages of the fitting dates, wrong cuts no flag touched) is an item run on into the next
where nothing in the layout marks the join. These signs in an item's text flag it
``cut_uncertain`` (:func:`doubted`):

* a credit that closes an item or a box (版式设计…, 数据来源…, …摄影报道) with more body
  after it, or a photo's (…摄) followed by a line standing alone: a photo item's title;
* a summary box's label (核心阅读) inside a body, past its first lines: it opens one;
* a body opening on （上接… that was not read as a continuation;
* a headline line that is a bracketed dateline (（本报加德满都10月15日电）): the end of a body;
* a headline of :data:`LONG_HEADLINE` lines or more: body lines taken into it;
* a body line after a finished one that the model gives at least :data:`AFTER_END_DOUBT`
  of opening an item or being a headline (half that after a signature in brackets), or
  that opens on △ (a news brief);
* on a page printed headlines first, where a headline may follow a finished body with
  nothing but a line break: a run of :data:`HEADLINE_RUN` short lines standing alone
  (read as subheads) after a finished paragraph and before more body.

Chosen on dev pages (fitting dates, seeds 3 and 5); docs/benchmarks.md, sixth round.
"""

from __future__ import annotations

import re

from archive.ingest.line_roles import Reading
from archive.ingest.normalize import Line

__all__ = ["doubted"]

AFTER_END_DOUBT = 0.02
HEADLINE_RUN = 4
LONG_HEADLINE = 5
_BOX = frozenset(("核心阅读", "内容提要", "提要", "阅读提示"))
_CLOSED = ("。", "！", "？", "…", "”", "’", "）", "」", "』")  # how a paragraph's last line ends
_CREDIT = re.compile(r"^(版式设计|数据来源)|摄影报道")
_DATELINE = re.compile(r"^（.*[电讯]）$")
_BODY = ("body", "sub")


def doubted(
    lines: list[Line], reading: Reading, items: list, segments: list, settled: set
) -> list[int]:
    """The numbers of the items whose text casts doubt on a cut (``items`` are the
    groups of :mod:`archive.ingest.assemble`, one per segment; ``settled`` the lines
    whose kind the printed text settles)."""
    texts = [lines[i].text for i in reading.index]
    out = []
    for n, (group, seg) in enumerate(zip(items, segments, strict=True)):
        body = sorted(group.body)
        if (
            _printed(texts, reading.labels, group, body, seg)
            or _after_end(texts, reading, body, settled)
            or (reading.order == "hf" and _headline_run(texts, reading.labels, body))
        ):
            out.append(n)
    return out


def _printed(texts: list[str], labels: list[str], group, body: list[int], seg) -> bool:
    """A credit, a box label, a continuation or a dateline where it does not belong, or a
    headline too long to be one."""
    head = [texts[k] for k, _ in group.head]
    return (
        any(_CREDIT.search(texts[k]) for k in body[:-1])
        or any(
            texts[k].endswith("摄") and labels[after] == "sub"
            for k, after in zip(body, body[1:], strict=False)
        )
        or any(texts[k] in _BOX for k in body[2:])
        or (bool(body) and texts[body[0]].startswith("（上接") and seg.continued_from is None)
        or any(_DATELINE.match(text) for text in head)
        or len(head) >= LONG_HEADLINE
    )


def _headline_run(texts: list[str], labels: list[str], body: list[int]) -> bool:
    """A run of at least HEADLINE_RUN lines read as subheads between a finished paragraph
    and more body (北京大兴国际机场正式投运—— / 高科技触手可及 under …目。)."""
    run = 0
    for pos, k in enumerate(body):
        run = run + 1 if labels[k] == "sub" else 0
        if run and pos + 1 < len(body) and labels[body[pos + 1]] != "sub" and run >= HEADLINE_RUN:
            start = pos - run + 1
            if start > 0 and texts[body[start - 1]].endswith(_CLOSED):
                return True
    return False


def _after_end(texts: list[str], reading: Reading, body: list[int], settled: set) -> bool:
    """A body line after a finished one that the model gives AFTER_END_DOUBT or more of
    being something else than body (an item's start, a headline); after a signature in
    brackets (…售票机。（何水根）), which ends items more often than paragraphs, half that."""
    for k in body[1:]:
        if not texts[k - 1].endswith(_CLOSED):
            continue
        if texts[k].startswith("△"):
            return True  # △ opens a news brief: an item of its own
        if k in settled:
            continue
        chances = reading.chances[k]
        doubt = 1 - sum(chances.get(x, 0.0) for x in _BODY)
        if doubt >= (AFTER_END_DOUBT / 2 if texts[k - 1].endswith("）") else AFTER_END_DOUBT):
            return True
    return False
