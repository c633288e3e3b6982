"""The small page PDFs the tests read (tests/data/pdf/), made from our own invented text
(never corpus text) by the reportlab producer, with their gold beside them:

    .venv/bin/python -m bench.layout.fixture_pdfs tests/data/pdf

``demo-2020-02-03-p1.pdf`` is one page: a kicker over a title over a subtitle, 本报讯 and
wire bylines, a byline on its own line, a jump, an editor code, a picture with its caption,
rules between stacks and articles. ``demo-2020-02-03-p1.json`` holds each printed item's
expected article and its block boxes (``regions``).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from bench.layout.paper_plan import PagePlan
from bench.layout.pdf_reportlab import reportlab_page
from bench.layout.pdf_stories import Story

__all__ = ["demo_page", "demo_stories"]


def _article(title_lines, paragraphs, *, kicker="", subtitle="", printed_first="", **extra):
    expected = {
        "kind": "article",
        "kicker": kicker,
        "title": " ".join(title_lines),
        "subtitle": subtitle,
        "source": "",
        "dateline": "",
        "reporters": [],
        "paragraphs": list(paragraphs),
        "continued_to": None,
        "continued_from": None,
        "editor_code": "",
        "persons": [],
        "review": [],
        **extra,
    }
    printed = list(paragraphs)
    if printed_first:
        printed[0] = printed_first + printed[0]
    return Story(
        expected,
        kicker=kicker,
        title_lines=list(title_lines),
        subtitle=subtitle,
        paragraphs=printed,
    )


def demo_stories() -> list[Story]:
    """Four articles and a picture, all invented for the tests."""
    first = _article(
        ["河畔新区完成首批老旧小区改造"],
        [
            "记者日前从市住房和城乡建设局获悉，河畔新区首批十二个老旧小区的改造工程已经全部完工，"
            "两千三百多户居民用上了新的供水管网和天然气，小区里新添了停车位和健身场地。",
            "据介绍，改造前，工作人员挨家挨户征求意见，把居民最关心的楼道照明、屋顶防水和无障碍"
            "通道列为优先项目。施工期间，各小区设立了意见箱，问题当天记录、三日内答复。",
            "今年，全市还将启动第二批三十个小区的改造，重点解决加装电梯和雨污分流等难题。",
        ],
        kicker="让居民住得更舒心",
        subtitle="——两千余户居民用上新管网",
        printed_first="本报讯（记者林晓云）",
        source="本报",
        reporters=["林晓云"],
        editor_code="①2",
    )
    first.paragraphs[-1] += "①2"
    second = _article(
        ["东山茶园迎来采摘季"],
        [
            "清明前后，东山脚下的万亩茶园进入采摘旺季。天刚亮，茶农们就背着竹篓上山，指尖翻飞，"
            "一芽一叶落入篓中。今年春季雨水充足，新茶品质比往年更好，收购价格也稳中有升。",
            "当地合作社负责人说，合作社今年新建了两条清洁化生产线，并在网上开设了直播间，",
        ],
        continued_to={"page": 2, "marker": "③"},
    )
    second.byline_line = "本报记者 周明远"
    second.expected.update(source="本报", reporters=["周明远"])
    second.paragraphs[-1] += "（下转第二版③）"
    third = _article(
        ["全市中小学开展防溺水安全教育"],
        [
            "市教育局近日下发通知，要求各中小学在暑假前开展防溺水专题教育，通过主题班会、"
            "应急演练和致家长的一封信等形式，提醒学生不私自下水游泳。",
        ],
        printed_first="新华社北京6月2日电（记者陈思远）",
        source="新华社",
        dateline="北京6月2日电",
        reporters=["陈思远"],
    )
    photo = Story(
        {
            **third.expected,
            "kind": "photo",
            "title": "",
            "source": "",
            "dateline": "",
            "reporters": [],
            "paragraphs": ["游客在新开放的湿地公园栈道上观赏荷花。（本报记者周明远摄）"],
        },
        caption="游客在新开放的湿地公园栈道上观赏荷花。（本报记者周明远摄）",
    )
    fourth = _article(
        ["图书馆延长夏季开放时间"],
        [
            "从下月起，市图书馆每天开放到晚上九点，周末增设亲子阅读专区，读者凭身份证即可免费办证。",
        ],
    )
    return [first, second, photo, third, fourth]


def demo_page() -> tuple[bytes, list[dict]]:
    """The demo page PDF and its gold."""
    plan = PagePlan(
        width=595,
        height=842,
        margin=30,
        columns=4,
        gutter=12,
        stacks=(2, 2),
        body_size=9.5,
        leading=1.6,
        body_font="uming",
        head_font="zenhei",
        lead_story=True,
        rules=True,
        centred=False,
        photos=True,
    )
    return reportlab_page(demo_stories(), plan, random.Random(4))


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/pdf")
    folder.mkdir(parents=True, exist_ok=True)
    pdf, gold = demo_page()
    (folder / "demo-2020-02-03-p1.pdf").write_bytes(pdf)
    text = json.dumps(gold, ensure_ascii=False, indent=1)
    (folder / "demo-2020-02-03-p1.json").write_text(text + "\n", encoding="utf-8")
    print(f"{folder}: {len(pdf)} bytes, {len(gold)} items")


if __name__ == "__main__":
    main()
