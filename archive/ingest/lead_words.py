"""A page's order read off its words: a headline shares words with the lead of its own body.

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text(
...     "中蒙建交70周年招待会在京举行\\n中国人民对外友好协会与蒙古国驻华使馆16日在京举行招待会，\\n"
...     "庆祝两国建交70周年。\\n\\n格兰仕发布家电物联网芯片\\n家电企业格兰仕近日正式发布家电物联网芯片。\\n")
>>> vote(lines, {0: "title", 4: "title"})
'hf'

Layout alone cannot always tell a page printed headlines first from one printed bodies
first: a headline stands between the end of one body and the start of the next either
way, and a page that opens on a headless item, or ends on one, looks like the other order
at its edges. But a headline says what its own item is about, in the words of the item's
lead: 丁石孙同志遗体在京火化 over …丁石孙同志的遗体，17日在北京八宝山革命公墓火化. So for
every run of lines the rule segmenter reads as headline, the two-character sequences it
shares with the start of the body after it and with the start of the body before it (the
body that the headline would close on a bodies-first page) are compared; each run votes
for the side it shares more with. Only a clear majority decides (at least two votes more
and twice the other side's); otherwise :func:`vote` gives None and the layout cues of
:func:`archive.ingest.line_features.guess_order` decide. On dev pages of the fitting dates
(seeds 3 and 5, 40 pages each of every layout program and corpus: 720 pages) no clear vote
went against the printed order, and it set right 19 of the 27 pages whose order the layout
cues misread (docs/benchmarks.md, issue 13, fifth round).
"""

from __future__ import annotations

from archive.ingest.normalize import Line

__all__ = ["vote"]

_HEADS = frozenset(("kicker", "title", "subtitle", "title_open", "kicker_open"))
LEAD = 120  # characters of a body's start a headline is compared with


def _grams(text: str) -> set[str]:
    kept = "".join(ch for ch in text if ch.isalnum())
    return {kept[i : i + 2] for i in range(len(kept) - 1)}


def vote(lines: list[Line], rules: dict[int, str]) -> str | None:
    """``hf`` or ``bf`` when the page's headline runs clearly say so, else None."""
    runs: list[tuple[bool, list[str]]] = []  # (headline?, texts) of consecutive text lines
    for i, line in enumerate(lines):
        if line.blank:
            continue
        head = rules.get(i, "body") in _HEADS
        if runs and runs[-1][0] == head:
            runs[-1][1].append(line.text)
        else:
            runs.append((head, [line.text]))
    leads = [_grams("".join(texts)[:LEAD]) if not head else None for head, texts in runs]
    # The nearest body lead on each side of every run, in two passes (a page of many
    # thousand lines stays linear).
    before, after, last = [], [None] * len(runs), set()
    for lead in leads:
        before.append(last)
        last = lead if lead is not None else last
    last = set()
    for n in range(len(runs) - 1, -1, -1):
        after[n] = last
        last = leads[n] if leads[n] is not None else last
    first = second = 0  # votes for headlines first, for bodies first
    for n, (head, texts) in enumerate(runs):
        if not head:
            continue
        words = _grams("".join(texts))
        ahead, behind = len(words & after[n]), len(words & before[n])
        first += ahead > behind
        second += behind > ahead
    if first >= second + 2 and first >= 2 * second:
        return "hf"
    if second >= first + 2 and second >= 2 * first:
        return "bf"
    return None
