"""The plan of a printed newspaper page, shared by the PDF layout programs: page size,
the grid of columns, how the columns are grouped into stacks of articles, and the type.

>>> plan = plan_page(random.Random(2), PRESETS["train"])
>>> sum(plan.stacks) == plan.columns, plan.body_size in PRESETS["train"].body_sizes
(True, True)
>>> round(plan.stack_x(0), 1), round(plan.stack_width(0), 1) == round(plan.column_width * plan.stacks[0] + plan.gutter * (plan.stacks[0] - 1), 1)
(36.0, True)

Settings come in named presets, so a parser tuned on one can be measured on another it
never saw ("train" against "heldout": other page sizes, grids, type sizes and fonts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["PRESETS", "PagePlan", "Preset", "plan_page"]


@dataclass(frozen=True)
class Preset:
    """The ranges a page plan is drawn from."""

    sizes: tuple[tuple[float, float], ...]  # page width, height in points
    grids: tuple[tuple[int, ...], ...]  # stacks of columns, left to right
    body_sizes: tuple[float, ...]
    leadings: tuple[float, ...]  # line pitch as a multiple of the body size
    body_fonts: tuple[str, ...]
    head_fonts: tuple[str, ...]
    lead_story: float = 0.5  # chance of a story across the whole page at the top
    rules: float = 0.6  # chance of rules between stacks and articles
    centred: float = 0.5  # chance of centred headlines
    photos: float = 0.6  # chance of a picture on the page


PRESETS = {
    "train": Preset(
        sizes=((842, 1191), (800, 1150)),
        grids=((3, 3), (2, 2, 2), (4, 2), (2, 4)),
        body_sizes=(9.0, 9.5, 10.0),
        leadings=(1.5, 1.6),
        body_fonts=("uming", "zenhei"),
        head_fonts=("zenhei", "ukai"),
    ),
    "heldout": Preset(
        # Eight columns need a broadsheet's width: a column holds 10 to 13 characters.
        sizes=((1000, 1400), (920, 1300)),
        grids=((2, 3, 3), (3, 5), (5, 3), (2, 2, 4), (4, 4)),
        body_sizes=(8.5, 10.5, 11.0),
        leadings=(1.45, 1.7, 1.8),
        body_fonts=("ukai", "zenhei", "uming"),
        head_fonts=("uming", "zenhei"),
        lead_story=0.7,
        rules=0.4,
        centred=0.3,
    ),
}


@dataclass
class PagePlan:
    """One page: its size, margins, the grid and stacks, and its type."""

    width: float
    height: float
    margin: float
    columns: int
    gutter: float
    stacks: tuple[int, ...]
    body_size: float
    leading: float
    body_font: str
    head_font: str
    lead_story: bool
    rules: bool
    centred: bool
    photos: bool

    @property
    def column_width(self) -> float:
        inner = self.width - 2 * self.margin
        return (inner - self.gutter * (self.columns - 1)) / self.columns

    def stack_x(self, index: int) -> float:
        """Left edge of stack ``index``."""
        before = sum(self.stacks[:index])
        return self.margin + before * (self.column_width + self.gutter)

    def stack_width(self, index: int) -> float:
        span = self.stacks[index]
        return span * self.column_width + (span - 1) * self.gutter


def plan_page(rng: random.Random, preset: Preset) -> PagePlan:
    """A page plan drawn from ``preset``."""
    width, height = rng.choice(preset.sizes)
    stacks = rng.choice(preset.grids)
    body = rng.choice(preset.body_sizes)
    return PagePlan(
        width=width,
        height=height,
        margin=36.0,
        columns=sum(stacks),
        gutter=round(body * rng.choice((1.2, 1.5, 2.0)), 1),
        stacks=tuple(stacks),
        body_size=body,
        leading=rng.choice(preset.leadings),
        body_font=rng.choice(preset.body_fonts),
        head_font=rng.choice(preset.head_fonts),
        lead_story=rng.random() < preset.lead_story,
        rules=rng.random() < preset.rules,
        centred=rng.random() < preset.centred,
        photos=rng.random() < preset.photos,
    )
