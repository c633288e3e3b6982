"""Items from line roles: where each item starts, its headline parts, body and furniture,
and how sure the reading is.

>>> from archive.ingest.normalize import normalize_text
>>> lines = normalize_text("去年12月末\\n我国外储规模达3.1万亿美元\\n\\n本报北京1月7日电 （记者王观）国家外汇\\n管理局7日公布数据。\\n")
>>> [seg] = segments_of(lines, [0, 1, 3, 4], ["kicker_open", "title", "body", "body"])
>>> (seg.roles, seg.byline.dateline, seg.byline.reporters)
(('去年12月末', '我国外储规模达3.1万亿美元', ''), '北京1月7日电', ['王观'])

A new item starts at a line read as ``open``, ``kicker_open`` or ``title_open``, and at a
body line that follows the headline printed after an earlier body (an unsigned item after
it). A headline line after the body of an item printed headline first opens the next item.
The furniture is the rules' (markers.py): a continuation or a byline at the start of the
first body line, a jump or an editor code ending the last.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.ingest.body_end import find_body_end, merge_wrapped_markers, trim_end
from archive.ingest.headline import NOTICE
from archive.ingest.normalize import Line
from archive.ingest.segment import Segment, take_opener

__all__ = ["Group", "groups", "segments_of"]

HEAD = ("kicker", "title", "subtitle")
BODY = ("open", "body", "sub")


@dataclass
class Group:
    """One item's text lines, as positions k in the page's text lines."""

    head: list[tuple[int, str]] = field(default_factory=list)  # (k, kicker|title|subtitle)
    body: list[int] = field(default_factory=list)
    head_first: bool = False

    @property
    def start(self) -> int:
        return min([k for k, _ in self.head] + self.body)

    def shape(self) -> tuple:
        """The item's lines and which are its headline's: what two readings compare."""
        return tuple(k for k, _ in self.head), tuple(self.body)


def groups(labels: list[str], order: str = "bf") -> list[Group]:
    """The items the line roles describe, in reading order (``order``: the page's, "hf"
    when it prints headlines first)."""
    out: list[Group] = []
    phase = ""  # "head" (a headline printed first), "body", "after" (headline after body)
    for k, label in enumerate(labels):
        role = label.removesuffix("_open")
        if label.endswith("_open") or (
            role in HEAD and (not out or (out[-1].head_first and phase == "body"))
        ):
            out.append(Group(head_first=True))
            phase = "head"
        elif label == "open" or not out or (role in BODY and phase == "after"):
            out.append(Group())
            phase = "body"
        item = out[-1]
        if role in HEAD:
            item.head.append((k, role))
            phase = "head" if item.head_first else "after"
        else:
            item.body.append(k)
            phase = "body"
    return _adopt_orphans(out, order == "hf")


def _adopt_orphans(items: list[Group], headlines_first: bool) -> list[Group]:
    """A headline read as opening an item that has no body is the headline of the body
    before it, when that one has none; else, on a page printed headlines first, of the
    headless body after it (the line that opens a body under its headline, a byline or a
    summary box, started a new item), or the first lines of the headline after it (全国人大外事委员会 /
    就美国国会众议院通过…发表声明, its title read as opening an item of its own): a headline
    with nothing under it is no item."""
    out: list[Group] = []
    orphan = None
    for item in items:
        before = out[-1] if out else None
        if item.head_first and not item.body and before and not before.head and before.body:
            before.head = item.head
            continue
        if headlines_first and orphan is not None and item.body and not item.head:
            out[-1] = Group(orphan.head, item.body, head_first=True)
            orphan = None
            continue
        if headlines_first and orphan is not None and item.body and item.head_first:
            out[-1] = Group(orphan.head + item.head, item.body, head_first=True)
            orphan = None
            continue
        orphan = item if item.head_first and not item.body else None
        out.append(item)
    return out


def segments_of(
    lines: list[Line],
    index: list[int],
    labels: list[str],
    only: Group | None = None,
    order: str = "bf",
) -> list[Segment]:
    """Segments of a page from the roles of its text lines (``index[k]``: the k-th text
    line's place in ``lines``); ``only``: the segment of that one group."""
    return [_segment(lines, index, group) for group in ([only] if only else groups(labels, order))]


def _segment(lines: list[Line], index: list[int], group: Group) -> Segment:
    seg = Segment(headline_first=group.head_first)
    parts = {role: [lines[index[k]].text for k, r in group.head if r == role] for role in HEAD}
    seg.roles = tuple(" ".join(parts[role]) for role in HEAD)
    seg.headline = [parts[role] for role in HEAD if parts[role]]
    numbers = [lines[index[k]].number for k, _ in group.head] + [
        lines[index[k]].number for k in group.body
    ]
    seg.first, seg.last = min(numbers), max(numbers)
    if group.body:
        first, last = index[group.body[0]], index[group.body[-1]]
        mine = {index[k] for k in group.body}
        body = merge_wrapped_markers(
            [ln for i, ln in enumerate(lines[first : last + 1], first) if ln.blank or i in mine]
        )
        body = take_opener(seg, body)
        seg.body = _cut_end(seg, body)
    title = seg.roles[1]
    if group.head_first and seg.byline is None and NOTICE.search(title):
        seg.kind = "notice"
    return seg


def _cut_end(seg: Segment, body: list[Line]) -> list[Line]:
    """A jump or an editor code on the body's last text line goes to ``seg``."""
    last = next((i for i in range(len(body) - 1, -1, -1) if not body[i].blank), None)
    if last is None:
        return body
    end = find_body_end(body, last)
    if end is None:
        return body
    index, cut, seg.continued_to, seg.editor_code = end
    return [*body[:index], trim_end(body[index], cut)]
