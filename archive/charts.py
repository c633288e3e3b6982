"""Small bar charts drawn on the server as SVG: hits per year or month, mentions per year.

Plain data in, geometry out; the ``bar_chart`` tag (archive/templatetags/archive_fragments.py)
turns a Chart into markup. Horizontal positions are percentages of the chart's width and
vertical ones are pixels, so the chart fills any column without its text shrinking on a
phone, as a scaled viewBox would make it.

    >>> chart = bar_chart([Slot("1998", 3, "1998年：3篇", "?y=1998"), Slot("1999", 1, "1999年：1篇")])
    >>> [(b.label, b.x, b.width, b.height) for b in chart.bars]
    [('1998', 7.5, 35.0, 80), ('1999', 57.5, 35.0, 27)]
"""

import math
from dataclasses import dataclass

BAR_AREA = 80  # px from the tallest bar's top to the baseline
TOP = 18  # room above the tallest bar for its count
LABEL_ROOM = 22  # below the baseline for the labels
MIN_BAR = 3  # a slot with any hit stays visible
GAP = 0.3  # share of a slot left empty between bars
MAX_COUNTED = 16  # more bars than this: the count above the tallest only (the scale)
MAX_LABELS = 10  # more bars than this: every k-th label
SLOT_PX = 56  # a chart of a few bars is this wide per bar, not stretched over the column
FILLS_COLUMN = 12  # from this many bars on, the chart takes the column's whole width


@dataclass
class Slot:
    """One bar's data: its label under the axis, its count, its long title, its link."""

    label: str
    count: int
    title: str
    url: str = ""


@dataclass
class Bar:
    label: str
    count: int
    title: str
    url: str
    x: float  # percent of the width: the bar's left edge
    width: float  # percent
    centre: float  # percent: where its label and count are centred
    slot_x: float  # percent: the slot's left edge (the whole slot is the link's target)
    slot_width: float
    y: int  # px: the bar's top
    height: int  # px
    show_label: bool
    show_count: bool


@dataclass
class Chart:
    bars: list
    caption: str = ""
    width: str = "100%"  # the svg's width attribute: px for a few bars, else the column
    height: int = TOP + BAR_AREA + LABEL_ROOM
    baseline: int = TOP + BAR_AREA
    label_y: int = TOP + BAR_AREA + LABEL_ROOM - 5
    top: int = TOP


def _label_step(n):
    """Every k-th label so at most about MAX_LABELS show: ``_label_step(40) == 4``."""
    return 1 if n <= MAX_LABELS else math.ceil(n / MAX_LABELS)


def _labelled(i, n, step):
    """The first and last bars are labelled, and every ``step``-th between unless it would
    crowd the last: ``[i for i in range(23) if _labelled(i, 23, 3)]`` labels 0, 3 … 18, 22.

    >>> [i for i in range(23) if _labelled(i, 23, 3)]
    [0, 3, 6, 9, 12, 15, 18, 22]
    """
    if step == 1 or i == n - 1:
        return True
    return i % step == 0 and n - 1 - i >= step


def bar_chart(slots, caption=""):
    """A Chart of one bar per slot, in order, scaled to the largest count."""
    n = len(slots)
    most = max((s.count for s in slots), default=0) or 1
    step, share = _label_step(n), 100 / max(n, 1)
    bars = []
    for i, slot in enumerate(slots):
        height = round(BAR_AREA * slot.count / most)
        if slot.count:
            height = max(height, MIN_BAR)
        bars.append(
            Bar(
                label=slot.label,
                count=slot.count,
                title=slot.title,
                url=slot.url if slot.count else "",
                x=round(i * share + share * GAP / 2, 3),
                width=round(share * (1 - GAP), 3),
                centre=round((i + 0.5) * share, 3),
                slot_x=round(i * share, 3),
                slot_width=round(share, 3),
                y=TOP + BAR_AREA - height,
                height=height,
                show_label=_labelled(i, n, step),
                show_count=slot.count > 0 and (n <= MAX_COUNTED or slot.count == most),
            )
        )
    width = "100%" if n >= FILLS_COLUMN else str(n * SLOT_PX)
    return Chart(bars, caption, width)


def year_slots(counts):
    """Every year from the first to the last with hits, the years between counted as 0.

    >>> year_slots({"2001": 2, "1998": 5})
    [('1998', 5), ('1999', 0), ('2000', 0), ('2001', 2)]
    """
    years = sorted(int(y) for y in counts)
    if not years:
        return []
    return [(str(y), counts.get(str(y), 0)) for y in range(years[0], years[-1] + 1)]


def month_slots(year, counts):
    """The twelve months of ``year`` ("1998-01" …) with their counts.

    >>> month_slots("1998", {"1998-03": 4})[1:3]
    [('1998-02', 0), ('1998-03', 4)]
    """
    return [(f"{year}-{m:02d}", counts.get(f"{year}-{m:02d}", 0)) for m in range(1, 13)]


def worth_drawing(slots):
    """A chart says something only when at least two of its bars have hits.

    >>> worth_drawing([("1998", 5), ("1999", 0)]), worth_drawing([("1998", 5), ("1999", 1)])
    (False, True)
    """
    return sum(1 for _, count in slots if count) >= 2
