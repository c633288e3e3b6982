"""Newspaper pages as PDF through Chromium: an HTML/CSS layout (CSS columns, justified text
with a text-indent, Chromium's own line breaking and fonts) printed with Playwright's
``page.pdf``. A second producer, unlike reportlab in every way a PDF can differ: fonts
(CFF OpenType embedded by Skia), how text runs are written, where lines break.

The page is laid out by the browser; a script in the page drops the stories a stack
cannot hold and measures the gold blocks from the text's own line boxes (Range client
rects), so the gold is what was printed. Fractions of the page, origin top-left.
"""

from __future__ import annotations

import html
import random

from bench.layout.paper_plan import PagePlan
from bench.layout.pdf_stories import Story

__all__ = ["chromium_page", "page_html"]

FAMILIES = {
    "uming": "'Noto Serif CJK SC'",
    "zenhei": "'Noto Sans CJK SC'",
    "ukai": "'AR PL UKai CN'",
}
_browser = None

_STYLE = """
@page {{ size: {w}px {h}px; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
.page {{ position: relative; width: {w}px; height: {h}px; overflow: hidden; }}
.stack, .lead {{ position: absolute; }}
.story {{ margin: 0 0 {space}px; }}
.story.ruled {{ border-bottom: 0.8px solid #000; padding-bottom: {half}px; }}
header {{ text-align: {align}; font-family: {head}; margin-bottom: {gap}px; }}
header .kicker, header .subtitle {{ margin: 0; white-space: nowrap; line-height: 1.3; }}
header .kicker {{ font-size: {kicker}px; }}
header .subtitle {{ font-size: {subtitle}px; }}
header .title {{ margin: 0.1em 0; font-weight: normal; line-height: 1.2; }}
header .title > span, header span.part {{ display: block; white-space: nowrap; }}
.body {{ font-family: {body}; font-size: {size}px; line-height: {leading}; text-align: justify;
  line-break: strict; column-fill: balance; }}
.body p {{ margin: 0; text-indent: 2em; }}
.body p.byline {{ text-indent: 0; text-align: left; }}
.photo {{ margin: 0 0 {space}px; }}
.photo .pic {{ background: #c8c8c8; }}
.photo figcaption {{ font-family: {body}; font-size: {caption}px; line-height: 1.4;
  text-align: justify; margin-top: {gap}px; }}
.vrule {{ position: absolute; border-left: 0.8px solid #000; }}
"""

_SCRIPT = """
() => {
  const page = document.querySelector('.page').getBoundingClientRect();
  const frac = (r) => [(r.left - page.left) / page.width, (r.top - page.top) / page.height,
                       (r.right - page.left) / page.width, (r.bottom - page.top) / page.height]
                       .map((v) => Math.round(v * 10000) / 10000);
  const union = (rects) => rects.reduce((a, r) => a ? {left: Math.min(a.left, r.left),
      top: Math.min(a.top, r.top), right: Math.max(a.right, r.right),
      bottom: Math.max(a.bottom, r.bottom)} : {left: r.left, top: r.top, right: r.right,
      bottom: r.bottom}, null);
  const textRects = (el) => { const range = document.createRange(); const out = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { range.selectNodeContents(walk.currentNode);
      for (const r of range.getClientRects()) if (r.width > 0.5) out.push(r); }
    return out; };
  // Headline lines too wide for their stack shrink; too wide even small, they break in
  // two (and read with a space there), never shrinking to body type.
  const split = (el) => { const text = el.textContent; const half = Math.floor(text.length / 2);
    el.innerHTML = ''; for (const part of [text.slice(0, half), text.slice(half)]) {
      const span = document.createElement('span'); span.className = 'part';
      span.textContent = part; el.appendChild(span); } };
  for (const el of document.querySelectorAll('header .title span, header p')) {
    let size = parseFloat(getComputedStyle(el).fontSize);
    const story = el.closest('.story');
    const min = parseFloat(el.tagName === 'P' ? story.dataset.small : story.dataset.min);
    const wide = () => el.scrollWidth > el.parentElement.clientWidth + 0.5;
    while (wide() && size > min) { size -= 0.5; el.style.fontSize = size + 'px'; }
    if (wide()) split(el);
  }
  // A title's lines share one size, the smallest any of them needed.
  for (const title of document.querySelectorAll('header .title')) {
    const sizes = [...title.querySelectorAll(':scope > span')].map((s) =>
      parseFloat(getComputedStyle(s).fontSize));
    for (const s of title.querySelectorAll(':scope > span')) s.style.fontSize = Math.min(...sizes) + 'px';
  }
  for (const stack of document.querySelectorAll('.stack, .lead')) {
    const bottom = stack.getBoundingClientRect().top + parseFloat(stack.dataset.height);
    for (const item of [...stack.children].reverse()) {
      if (item.getBoundingClientRect().bottom > bottom) item.remove();
    }
  }
  const gold = [];
  for (const item of document.querySelectorAll('[data-story]')) {
    const regions = [];
    if (item.classList.contains('photo')) {
      regions.push(frac(item.querySelector('.pic').getBoundingClientRect()));
      regions.push(frac(union(textRects(item.querySelector('figcaption')))));
    } else {
      regions.push(frac(union(textRects(item.querySelector('header')))));
      const body = item.querySelector('.body'); const box = body.getBoundingClientRect();
      const cols = parseInt(body.dataset.columns); const gap = parseFloat(body.dataset.gap);
      const width = (box.width - gap * (cols - 1)) / cols; const byColumn = {};
      for (const r of textRects(body)) {
        const c = Math.min(cols - 1, Math.floor((r.left - box.left + 1) / (width + gap)));
        (byColumn[c] = byColumn[c] || []).push(r); }
      for (const c of Object.keys(byColumn).sort((a, b) => a - b))
        regions.push(frac(union(byColumn[c])));
    }
    const read = (sel) => { const el = item.querySelector(sel); if (!el) return '';
      const parts = el.querySelectorAll('span.part'); return parts.length ?
        [...parts].map((p) => p.textContent).join(' ') : el.textContent; };
    const title = [...item.querySelectorAll('header .title > span')].map((s) =>
      s.querySelectorAll('span.part').length ? [...s.querySelectorAll('span.part')]
        .map((p) => p.textContent).join(' ') : s.textContent);
    gold.push({index: parseInt(item.dataset.story), regions: regions, title: title.join(' '),
               kicker: read('header .kicker'), subtitle: read('header .subtitle')});
  }
  return gold;
}
"""


def _story_html(index: int, story: Story, plan: PagePlan, columns: int, rng) -> str:
    e = html.escape
    if story.caption:
        return (
            f'<figure class="photo" data-story="{index}"><div class="pic" style="height:'
            f'{rng.randint(120, 200)}px"></div><figcaption>{e(story.caption)}</figcaption></figure>'
        )
    size = plan.body_size
    title = round(size * rng.uniform(2.0, 3.0), 1)
    head = [f'<p class="kicker">{e(story.kicker)}</p>'] if story.kicker else []
    lines = "".join(f"<span>{e(line)}</span>" for line in story.title_lines)
    head.append(f'<h2 class="title" style="font-size:{title}px">{lines}</h2>')
    if story.subtitle:
        head.append(f'<p class="subtitle">{e(story.subtitle)}</p>')
    paragraphs = [f'<p class="byline">{e(story.byline_line)}</p>'] if story.byline_line else []
    paragraphs += [f"<p>{e(p)}</p>" for p in story.paragraphs]
    gap = plan.gutter
    ruled = " ruled" if plan.rules else ""
    return (
        f'<article class="story{ruled}" data-story="{index}" data-min="{size * 1.8}" '
        f'data-small="{size * 1.25}">'
        f"<header>{''.join(head)}</header>"
        f'<div class="body" data-columns="{columns}" data-gap="{gap}" '
        f'style="column-count:{columns};column-gap:{gap}px">{"".join(paragraphs)}</div></article>'
    )


def page_html(stories: list[Story], plan: PagePlan, rng: random.Random) -> str:
    """The page as one HTML document; each story carries its index in ``data-story``."""
    size = plan.body_size
    style = _STYLE.format(
        w=plan.width,
        h=plan.height,
        space=round(size * 1.6, 1),
        half=round(size * 0.8, 1),
        gap=round(size * 0.6, 1),
        align="center" if plan.centred else "left",
        head=FAMILIES[plan.head_font],
        body=FAMILIES[plan.body_font],
        kicker=round(size * 1.45, 1),
        subtitle=round(size * 1.3, 1),
        size=size,
        leading=plan.leading,
        caption=round(size * 0.9, 1),
    )
    parts, index, top = [], 0, plan.margin
    inner = plan.width - 2 * plan.margin
    if plan.lead_story and stories:
        wide = plan.columns if plan.columns <= 4 else plan.columns // 2
        lead = _story_html(0, stories[0], plan, wide, rng)
        parts.append(
            f'<div class="lead" data-height="{plan.height * 0.45}" style="left:{plan.margin}px;'
            f'top:{top}px;width:{inner}px">{lead}</div>'
        )
        index, top = 1, plan.height * 0.45 + plan.margin
    capacity = (plan.height - top - plan.margin) * plan.column_width / (size * size * plan.leading)
    for s, span in enumerate(plan.stacks):
        x, width = plan.stack_x(s), plan.stack_width(s)
        chosen, chars = [], 0
        while index < len(stories) and chars < capacity * span * 1.2:
            chosen.append(_story_html(index, stories[index], plan, span, rng))
            chars += stories[index].chars + 200
            index += 1
        height = plan.height - top - plan.margin
        parts.append(
            f'<div class="stack" data-height="{height}" style="left:{x}px;top:{top}px;'
            f'width:{width}px">{"".join(chosen)}</div>'
        )
        if s and plan.rules:
            parts.append(
                f'<div class="vrule" style="left:{x - plan.gutter / 2}px;top:{top}px;'
                f'height:{height}px"></div>'
            )
    body = "".join(parts)
    return (
        f'<!doctype html><meta charset="utf-8"><style>{style}</style><div class="page">{body}</div>'
    )


def chromium_page(stories: list[Story], plan: PagePlan, rng: random.Random):
    """(PDF bytes, gold items) for the stories the page holds."""
    page = _new_page(plan)
    try:
        page.set_content(page_html(stories, plan, rng))
        page.evaluate("document.fonts.ready")
        measured = page.evaluate(_SCRIPT)
        pdf = page.pdf(
            width=f"{plan.width}px",
            height=f"{plan.height}px",
            print_background=True,
            prefer_css_page_size=True,
        )
    finally:
        page.close()
    gold = []
    for item in measured:
        expected = dict(stories[item["index"]].expected)
        if expected["kind"] != "photo":
            expected.update(title=item["title"], kicker=item["kicker"], subtitle=item["subtitle"])
        gold.append({**expected, "regions": item["regions"]})
    return pdf, gold


def _new_page(plan: PagePlan):
    """A page of one Chromium kept for the whole run (started on first use)."""
    global _browser
    if _browser is None:
        import shutil

        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        _browser = playwright.chromium.launch(executable_path=chromium)
    return _browser.new_page(viewport={"width": int(plan.width), "height": int(plan.height)})
