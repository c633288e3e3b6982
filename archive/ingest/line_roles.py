"""The role of every text line of a page, read by a CRF over the line sequence.

>>> from archive.ingest.normalize import normalize_text
>>> from archive.ingest.segment import segment
>>> lines = normalize_text("本报讯（记者刘婧）1月24日上午，我市召开\\n会议。①3\\n\\n王小平到马村区督导\\n")
>>> roles = rule_roles(lines, segment(lines))
>>> [roles[i] for i in sorted(roles)]
['open', 'body', 'title']
>>> reading = read_roles(lines, roles)
>>> reading.labels
['open', 'body', 'title']

Roles (:data:`LABELS`): ``open`` is the first line of an item whose body comes first;
``body`` a line of a body and ``sub`` a line of a short paragraph inside one that only
its line breaks set apart, with no closing stop (a subhead 武汉全力防控, a sub-story's
byline 本报记者 富子梅 靳 博, a signature), body to everything after the model;
``kicker``, ``title``, ``subtitle`` the headline's parts, after
their body or after the line that opened the item; ``kicker_open`` and ``title_open`` a
headline line that opens an item printed headline first (敬告读者, other papers' order).

The model is a linear-chain CRF (CRFsuite, through python-crfsuite) over the features of
:mod:`archive.ingest.line_features`, the rule segmenter's own reading among them: on the
pages the rules were written for the model mostly agrees with them, elsewhere it has
learnt when not to. Its weights, ``line_roles.crfsuite``, are derived data: fitted by
``bench/training/segmenter.py`` on pages that several layout programs made from corpus
articles of the fitting dates; the file holds weights of layout features (and of the
first and last two characters of a line), no corpus text. Besides the best sequence the
model gives each line the probability of each role, which is how an item's confidence
and its review flags are found.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from archive.ingest.headline import split_headline
from archive.ingest.line_features import guess_order, page_features, with_order
from archive.ingest.normalize import Line

__all__ = ["LABELS", "Reading", "read_roles", "rule_roles"]

MODEL = Path(__file__).with_name("line_roles.crfsuite")
LABELS = ("open", "body", "sub", "kicker", "title", "subtitle", "kicker_open", "title_open")
HEAD = ("kicker", "title", "subtitle")
OPENING = ("open", "kicker_open", "title_open")


@dataclass
class Reading:
    """The roles of a page's text lines: ``index[k]`` is the k-th text line's place in the
    page's lines, ``labels[k]`` its role and ``chances[k]`` each role's probability."""

    index: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    chances: list[dict[str, float]] = field(default_factory=list)
    order: str = "bf"  # headlines first ("hf") or bodies first


_lock = threading.Lock()
_tagger = None


def _shipped():
    """The CRF tagger of the shipped weights (None when the file or the library is missing)."""
    global _tagger
    with _lock:
        if _tagger is None:
            try:
                import pycrfsuite
            except ImportError:
                _tagger = False
            else:
                _tagger = pycrfsuite.Tagger()
                if MODEL.exists():
                    _tagger.open(str(MODEL))
                else:
                    _tagger = False
        return _tagger or None


def read_roles(lines: list[Line], rules: dict[int, str], tagger=None) -> Reading | None:
    """The model's reading of a page (None without a model: the rules stand alone)."""
    tagger = tagger or _shipped()
    if tagger is None:
        return None
    index = [i for i, ln in enumerate(lines) if not ln.blank]
    if not index:
        return Reading()
    order = guess_order(lines, rules)
    feats = with_order(page_features(lines, rules), order)
    with _lock:  # one tagger object: its marginals belong to the last sequence tagged
        labels = tagger.tag(feats)
        chances = [_chances(tagger, label, k) for k, label in enumerate(labels)]
    return Reading(index, labels, chances, order)


def _chances(tagger, label: str, k: int) -> dict[str, float]:
    """Each role's probability at line k; where the chosen one is all but sure, that one
    alone (the rest share what is left, which no decision here turns on)."""
    sure = tagger.marginal(label, k)
    if sure >= 0.995:
        return {label: sure}
    return {x: tagger.marginal(x, k) for x in LABELS}


def rule_roles(lines: list[Line], segments: list) -> dict[int, str]:
    """The role the rule segmenter gave each text line, by its index in ``lines``."""
    roles: dict[int, str] = {}
    for seg in segments:
        body = {ln.number - 1 for ln in seg.body if not ln.blank}
        kicker, title, subtitle = split_headline(seg.headline)
        head_texts = {t for block in seg.headline for t in block}
        opened = False
        for i in range(seg.first - 1, seg.last):
            if i >= len(lines) or lines[i].blank:
                continue
            text = lines[i].text
            if i in body or text not in head_texts:
                # The item's first line opens it, though its byline may have used it up.
                role = "open" if not (seg.headline_first or opened) else "body"
                opened = True
            elif seg.headline_first and not opened:
                role, opened = "title_open", True
            elif kicker and text in kicker:
                role = "kicker"
            elif subtitle and text in subtitle and text not in title:
                role = "subtitle"
            else:
                role = "title"
            roles[i] = role
    return roles
