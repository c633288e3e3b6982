"""The rules propose, the line-role model disposes: a page's items, each with a confidence
and review flags where the reading is unsure.

>>> from archive.ingest.normalize import normalize_text
>>> from archive.ingest.segment import segment
>>> lines = normalize_text("本报讯（记者刘婧）1月24日上午，我市召开\\n会议。①3\\n\\n王小平到马村区督导\\n")
>>> [seg] = read_page(lines, segment(lines))
>>> (seg.headline, seg.flags, seg.confidence > 0.9)
([['王小平到马村区督导']], [], True)

Where the model reads the page as the rules do (the same items, the same headline lines),
the rules' segments stand, with the model's headline roles where it reads them otherwise;
where it cuts otherwise, its own reading is assembled (:mod:`archive.ingest.assemble`).

Confidence comes from the model's probability of each line's role, grouped into what
decides a cut: an item's start (``open``, ``kicker_open``, ``title_open``), body or headline (``kicker``, ``title``, ``subtitle``). A line whose group the model
is less than :data:`CUT_SURE` sure of may be a wrong cut: the item holding it is flagged
``cut_uncertain``, and so is the item before it when the line starts its item (a cut
touches both). A headline line whose part the model is less than :data:`ROLE_SURE` sure
of flags ``headline_uncertain``. The thresholds were chosen on pages of the fitting dates
(docs/benchmarks.md) for a flag on ≥ 0.9 of the wrong cuts.
"""

from __future__ import annotations

from archive.ingest import flags
from archive.ingest.assemble import HEAD, groups, segments_of
from archive.ingest.line_roles import OPENING, Reading, read_roles, rule_roles
from archive.ingest.normalize import Line
from archive.ingest.segment import Segment

__all__ = ["read_page"]

CUT_SURE = 0.93
KEEP_RULE = 0.2
ROLE_SURE = 0.8
_KINDS = {"open": OPENING, "body": ("body",), "head": HEAD}


def _kind(label: str) -> tuple[str, ...]:
    return next(kind for kind in _KINDS.values() if label in kind)


def read_page(lines: list[Line], rule_segments: list[Segment]) -> list[Segment]:
    """The page's segments, with confidences and flags (the rules' alone without a model)."""
    rules = rule_roles(lines, rule_segments)
    reading = read_roles(lines, rules)
    if reading is None or not reading.index:
        return rule_segments
    rule_labels = [rules.get(i, "body") for i in reading.index]
    # The rules' role stands wherever the model gives it a fair chance.
    labels = [
        rule if reading.chances[k].get(rule, 0.0) >= KEEP_RULE else label
        for k, (label, rule) in enumerate(zip(reading.labels, rule_labels, strict=True))
    ]
    reading.labels = labels
    mine, theirs = groups(labels), groups(rule_labels)
    if len(theirs) != len(rule_segments):
        theirs = []  # rules and roles do not line up: the model's reading alone
    by_shape = {g.shape(): (g, seg) for g, seg in zip(theirs, rule_segments, strict=False)}
    segments = []
    for group in mine:
        if group.shape() in by_shape:
            rule_group, seg = by_shape[group.shape()]
            if group.head != rule_group.head:
                seg.roles = _roles(lines, reading, group)
            segments.append(seg)
        else:
            [seg] = segments_of(lines, reading.index, labels, only=group)
            segments.append(seg)
    _judge(segments, mine, reading)
    return segments


def _roles(lines: list[Line], reading: Reading, group) -> tuple[str, str, str]:
    text = {
        role: [lines[reading.index[k]].text for k, r in group.head if r == role] for role in HEAD
    }
    return tuple(" ".join(text[role]) for role in HEAD)


def _judge(segments: list[Segment], items: list, reading: Reading) -> None:
    """Each segment's confidence and flags from its lines' role probabilities."""
    chances, labels = reading.chances, reading.labels
    sure = [sum(chances[k][x] for x in _kind(label)) for k, label in enumerate(labels)]
    for n, (seg, group) in enumerate(zip(segments, items, strict=True)):
        ks = sorted([k for k, _ in group.head] + group.body)
        cut = min(sure[k] for k in ks)
        roles = [chances[k][role] for k, role in group.head]
        seg.confidence = round(min([cut, *roles]), 3)
        if cut < CUT_SURE:
            _flag(seg, flags.CUT_UNCERTAIN)
            if sure[ks[0]] < CUT_SURE and n:
                _flag(segments[n - 1], flags.CUT_UNCERTAIN)
        if roles and min(roles) < ROLE_SURE:
            _flag(seg, flags.HEADLINE_UNCERTAIN)


def _flag(seg: Segment, code: str) -> None:
    if code not in seg.flags:
        seg.flags.append(code)
