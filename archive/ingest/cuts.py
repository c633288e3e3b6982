"""The rules propose, the line-role model disposes: a page's items, each with a confidence
and review flags where the reading is unsure.

>>> from archive.ingest.normalize import normalize_text
>>> from archive.ingest.segment import segment
>>> lines = normalize_text("本报讯（记者刘婧）1月24日上午，我市召开\\n会议。①3\\n\\n王小平到马村区督导\\n")
>>> [seg] = read_page(lines, segment(lines))
>>> (seg.headline, seg.flags, seg.confidence > 0.9)
([['王小平到马村区督导']], [], True)

Per line, the rules' role stands where the model gives it a fair chance for its kind (a
cut of the rules at least :data:`KEEP_CUT`, a body line of theirs the model would cut
at least :data:`KEEP_RULE`), else the model's; a headline the model puts inside what
the rules read as one body stands only if the line after it still opens an item; and what
the printed text settles overrides both (a line holding a marker, a full stop or a clause
end is never a headline; a byline opens an item). Items the rules cut alike keep the
rules' segments (with the model's headline roles where it reads them otherwise); the rest
are assembled from the roles (:mod:`archive.ingest.assemble`).

Confidence comes from the model's probability of each line's role, grouped into what
decides a cut: an item's start (``open``, ``kicker_open``, ``title_open``), body or
headline. A line whose group the model is less than :data:`CUT_SURE` sure of, or whose
group the rules and the model read apart on a bodies-first page, may be a wrong cut: the
item holding it is flagged ``cut_uncertain``, and so is the item before it when the line
starts its item (a cut touches both). A headline line whose part the model is less than
:data:`ROLE_SURE` sure of flags ``headline_uncertain``. A headless item beside headed
ones is flagged ``cut_uncertain`` however sure the model is (:func:`_headless`), and so
is an item whose printed text casts doubt on a cut (:mod:`archive.ingest.cut_doubts`). The
thresholds were chosen on dev pages of the fitting dates; the recall of wrong cuts they
give is in docs/benchmarks.md.
"""

from __future__ import annotations

from archive.ingest import flags
from archive.ingest.assemble import HEAD, groups, segments_of
from archive.ingest.cut_doubts import doubted
from archive.ingest.line_features import closes_first
from archive.ingest.line_roles import OPENING, Reading, read_roles, rule_roles
from archive.ingest.markers import (
    match_byline,
    match_continued_from,
    match_editor_code,
    match_jump_to,
)
from archive.ingest.normalize import Line
from archive.ingest.segment import Segment, take_opener

__all__ = ["read_page"]

# Chosen on dev pages (fitting dates, seeds 3 and 5): a body line of the rules' that the
# model reads as a cut stays body only at an even chance (KEEP_RULE; at 0.2, as a cut of
# the rules still needs, fields were 1–6 points lower on every dev row but typeset);
# CUT_SURE 0.9 → 0.95 raised the recall of wrong cuts from 0.73–0.84 to 0.88–1.0, for
# 7–11 points more right cuts flagged.
CUT_SURE = 0.95
_CLAUSE_END = ("，", "、", "；", "：", ",", ";")
# On a headline-first page, what a line after a jump or an editor code opens.
_AFTER_END = {"body": "open", "sub": "open", "kicker": "kicker_open", "title": "title_open"}
_CLOSED = ("。", "！", "？", "…", "”", "）")  # how a body's last line ends
KEEP_RULE = 0.5
KEEP_CUT = 0.2
_PUNCT = "。，、；：！？…”’）》」』"
# The label of a summary box that opens a body (People's Daily prints 核心阅读 over it).
_BOX = frozenset(("核心阅读", "内容提要", "提要", "阅读提示"))
ROLE_SURE = 0.8
_KINDS = {"open": OPENING, "body": ("body", "sub"), "head": HEAD}


def _kind(label: str) -> tuple[str, ...]:
    return next(kind for kind in _KINDS.values() if label in kind)


def read_page(lines: list[Line], rule_segments: list[Segment]) -> list[Segment]:
    """The page's segments, with confidences and flags (the rules' alone without a model)."""
    rules = rule_roles(lines, rule_segments)
    reading = read_roles(lines, rules)
    if reading is None or not reading.index:
        return rule_segments
    rule_labels = [rules.get(i, "body") for i in reading.index]
    # The rules' role stands wherever the model gives it a fair chance (the rules know
    # no sub: a line the model reads as one is body to them); the model finds the cuts
    # the rules miss more often than it misses theirs, so a body line needs more.
    labels = [
        label
        if _kind(label) == _kind(rule)
        else rule
        if sum(reading.chances[k].get(x, 0.0) for x in _kind(rule))
        >= (KEEP_RULE if _kind(rule) == _KINDS["body"] else KEEP_CUT)
        else label
        for k, (label, rule) in enumerate(zip(reading.labels, rule_labels, strict=True))
    ]
    model = list(reading.labels)
    _keep_whole(labels, model, rule_labels)
    settled = _furniture(lines, reading.index, labels, reading.order)
    reading.labels = labels
    mine, theirs = groups(labels, reading.order), groups(rule_labels)
    if len(theirs) != len(rule_segments):
        theirs = []  # rules and roles do not line up: the model's reading alone
    by_shape = {g.shape(): (g, seg) for g, seg in zip(theirs, rule_segments, strict=False)}
    segments = []
    for group in mine:
        if group.shape() in by_shape:
            rule_group, seg = by_shape[group.shape()]
            if group.head != rule_group.head:
                seg.roles = _roles(lines, reading, group)
            if seg.headline_first and seg.byline is None and seg.body:
                seg.body = take_opener(seg, seg.body)  # the rules read a notice's title first
            segments.append(seg)
        else:
            [seg] = segments_of(lines, reading.index, labels, only=group)
            segments.append(seg)
    # The rules read bodies-first pages only: there, where they and the model part ways,
    # the cut is in doubt; on a headlines-first page they are always wrong.
    bodies_first = reading.order == "bf"
    disputed = [
        bodies_first and _kind(m) != _kind(r) for m, r in zip(model, rule_labels, strict=True)
    ]
    _judge(segments, mine, reading, disputed, settled)
    _headless(segments)
    for n in doubted(lines, reading, mine, segments, settled):
        _flag(segments[n], flags.CUT_UNCERTAIN)
    subheads = {
        lines[i].number: reading.chances[k].get("sub", 0.0)
        for k, (i, label) in enumerate(zip(reading.index, labels, strict=True))
        if label == "sub"
    }
    for seg in segments:
        seg.subheads = {ln.number: subheads[ln.number] for ln in seg.body if ln.number in subheads}
    return segments


def _keep_whole(labels: list[str], model: list[str], rules: list[str]) -> None:
    """A cut is taken whole or not at all: a headline line the model put inside what the
    rules read as one body stands only if the line after it still opens an item (the
    model's own reading always opens one there; where the rules' role came back for that
    line, the headline line goes back to the rules too)."""
    for k in range(len(labels) - 2, -1, -1):
        if labels[k] in HEAD and rules[k] not in HEAD and labels[k + 1] in ("body", "sub"):
            if model[k + 1] not in ("body", "sub"):
                labels[k] = rules[k]


def _furniture(lines: list[Line], index: list[int], labels: list[str], order: str) -> set[int]:
    """What the printed text settles, whatever the model read: a line ending in a jump or
    an editor code is a body's last, and a line holding a full stop or ending a clause
    (…。, …，) is body text: never a headline, nor is a line inside a bracket a body line
    opened (…记者阳 / 娜、马晓冬）) or a bracketed note broken over lines; （上接…） opens an
    item, and so does a byline read as a headline or right after a line that ended a body
    with its marker, and a summary box's label (核心阅读) on a bodies-first page; on a page
    printed headlines first that label is its headline's body, or opens an item after a
    body's last line (…。); there, the line after a jump or an editor code opens an item.

    Returns the lines whose kind is beyond doubt: those above a word's carried-over tail
    (…重要防 / 线。在…) are body, since no item ends mid-word."""
    previous, in_body, settled = "", False, set()
    for k, i in enumerate(index):
        text = lines[i].text
        if k + 1 < len(index) and _tail(lines[index[k + 1]].text) and labels[k] not in HEAD:
            settled.add(k)
        head = labels[k] in HEAD or labels[k] in ("kicker_open", "title_open")
        byline = text[:1] in "本新据中人" and match_byline(text) is not None
        if match_continued_from(text) or (byline and (head or _ends(previous))):
            labels[k] = "open"
        elif head and (_ends(text) or "。" in text or text.endswith(_CLAUSE_END)):
            labels[k] = "body"
        elif head and in_body and _unclosed(previous) and closes_first(text):
            labels[k] = "body"  # （据新华社电 记者阳 / 娜、马晓冬）: the bracket goes on
        elif head and text[:1] == "（" and _unclosed(text):
            labels[k] = "body"  # （相关报道见第十 / 三版）: a note wrapped, not a headline
        elif head and text in _BOX and order == "bf":
            labels[k] = "open"  # 核心阅读 opens its item's body, never a headline
        elif text in _BOX and order == "hf" and labels[k] not in OPENING:
            # Under its headline the box opens the body; after a body it opens an item.
            labels[k] = "open" if in_body and previous.endswith(_CLOSED) else "body"
        elif order == "hf" and in_body and _ends(previous) and labels[k] in _AFTER_END:
            labels[k] = _AFTER_END[labels[k]]  # a jump or a code ends its item: the next opens
        previous, in_body = text, labels[k] not in HEAD and not labels[k].endswith("_open")
    return settled


def _tail(text: str) -> bool:
    """线。在…, 导。: a line opening on one character and a stop goes on the line above."""
    return len(text) > 1 and text[1] in "。，、；！？" and text[0] not in _PUNCT


def _unclosed(text: str) -> bool:
    return text.rfind("（") > text.rfind("）")


def _ends(text: str) -> bool:
    return bool(text) and (match_jump_to(text) is not None or bool(match_editor_code(text)))


def _roles(lines: list[Line], reading: Reading, group) -> tuple[str, str, str]:
    text = {
        role: [lines[reading.index[k]].text for k, r in group.head if r == role] for role in HEAD
    }
    return tuple(" ".join(text[role]) for role in HEAD)


def _judge(
    segments: list[Segment], items: list, reading: Reading, disputed: list[bool], settled: set
) -> None:
    """Each segment's confidence and flags from its lines' role probabilities; a line
    whose kind the rules and the model read apart (``disputed``) is as unsure as can be,
    one the printed text settles (``settled``) as sure."""
    chances, labels = reading.chances, reading.labels
    sure = [
        1.0
        if k in settled
        else 0.0
        if disputed[k]
        else sum(chances[k].get(x, 0.0) for x in _kind(label))
        for k, label in enumerate(labels)
    ]
    for n, (seg, group) in enumerate(zip(segments, items, strict=True)):
        ks = sorted([k for k, _ in group.head] + group.body)
        cut = min(sure[k] for k in ks)
        roles = [chances[k].get(labels[k], 0.0) for k, _ in group.head]
        seg.confidence = round(min([cut, *roles]), 3)
        if cut < CUT_SURE:
            _flag(seg, flags.CUT_UNCERTAIN)
            if sure[ks[0]] < CUT_SURE and n:
                _flag(segments[n - 1], flags.CUT_UNCERTAIN)
        if roles and min(roles) < ROLE_SURE:
            _flag(seg, flags.HEADLINE_UNCERTAIN)


def _headless(segments: list[Segment]) -> None:
    """An item with no headline on a page whose other items have one is where a headline
    was most often taken by its neighbour (dev pages: about 55 % of such items touch a wrong
    cut), however sure the model is: ``cut_uncertain``, unless the printed furniture
    closes it (an editor code or a jump ends it, a continuation opens it: the seed's two
    headless items end on ①3). When such an item opens or closes the page, its order may
    be misread (headlines first read as bodies first, or the reverse): every headline may
    have gone to the wrong body, so every item is flagged."""
    if not any(seg.headline for seg in segments):
        return
    open_ = [seg for seg in segments if _unclosed_headless(seg)]
    if open_ and (open_[0] is segments[0] or open_[-1] is segments[-1]):
        open_ = segments
    for seg in open_:
        _flag(seg, flags.CUT_UNCERTAIN)


def _unclosed_headless(seg: Segment) -> bool:
    return not (seg.headline or seg.kind != "article" or seg.editor_code) and (
        seg.continued_from is None and seg.continued_to is None
    )


def _flag(seg: Segment, code: str) -> None:
    if code not in seg.flags:
        seg.flags.append(code)
