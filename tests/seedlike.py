"""The demo issue for reader-page tests: the real seed page when ingestion can parse it,
else rows built with factories that imitate it (焦作日报 2020-01-27, 第1版 要闻, with the
（下转第二版③） story continued on page 2, and the two days before for the calendar)."""

import datetime

from archive.models import Article
from tests.conftest import SEED
from tests.factories import make_article, make_issue, make_page, make_paper

PAPER = {"name": "焦作日报", "slug": "jzrb"}
DATE = datetime.date(2020, 1, 27)

LEAD_TITLE = "全民动员 人人参与 群防群控 众志成城 坚决打赢疫情防控阻击战"
LEAD_PARAGRAPHS = [
    "1月26日农历正月初二，市委副书记、市长徐衣显深入城区一线，对疫情防控工作进行再检查、"
    "再督导。他强调，疫情防控，人人有责、人人参与，要动员社会各方力量，传导压实责任，"
    "落实落细各项防控措施，群防群控、联防联控，众志成城筑牢“防控墙”、守住“输入关”，"
    "坚决打赢疫情防控阻击战。副市长王付举一同检查督导。",
    "在解放区世纪新区、山阳区恩华社区、中站区怡光小区，徐衣显认真查看防控知识宣传、"
    "返乡人员排查等情况，详细了解疫情防控措施。",
]


def load_seed_issue():
    """The seed page through the real parser and loader, with a page 2 and a day before.

    The seed is page 1 only; page 2 here carries the （上接第一版③） half of the lead story
    so the loader links the jump, and 2020-01-26 gives the calendar a second day.
    """
    try:
        from archive.ingest import parse_page
        from archive.ingest.interchange import build_issue_document
    except ImportError:
        return None
    from archive.loading import load_issue

    front = parse_page(SEED.read_text(encoding="utf-8"), page_number=1).to_dict()
    front["name"] = "要闻"
    pages = [front, {"number": 2, "name": "要闻", "articles": [PAGE_TWO_REST]}]
    load_issue(build_issue_document(PAPER["name"], PAPER["slug"], DATE, None, pages))
    day_before = {"number": 1, "name": "要闻", "articles": [DAY_BEFORE]}
    load_issue(build_issue_document(PAPER["name"], PAPER["slug"], "2020-01-26", None, [day_before]))
    return Article.objects.get(page__issue__date=DATE, page__number=1, title=LEAD_TITLE)


PAGE_TWO_REST = {
    "kind": "article",
    "paragraphs": ["加强通风换气和消毒，确保群众生命安全和身体健康。"],
    "continued_from": {"page": 1, "marker": "③"},
    "persons": [{"name": "徐衣显", "roles": ["市长"]}],
}
DAY_BEFORE = {
    "kind": "article",
    "kicker": "徐衣显在检查督导疫情防控和烟花爆竹管控工作时强调",
    "title": "全市春节期间疫情防控工作部署",
    "source": "本报",
    "reporters": ["杨丽娜"],
    "paragraphs": ["1月25日农历正月初一下午，市委副书记、市长徐衣显深入一线检查督导。"],
    "persons": [{"name": "徐衣显", "roles": ["市委副书记", "市长"]}],
}


def build_seed_like_issue():
    """Rows shaped like the seed page, for when the parser is not there yet."""
    paper = make_paper()
    for day, title in (
        ("2020-01-25", "全市春节期间疫情防控工作部署"),
        ("2020-01-26", "迅速落实一级应急响应措施"),
    ):
        page = make_page(1, make_issue(day, paper))
        make_article(
            page,
            kicker="徐衣显在检查督导疫情防控工作时强调",
            title=title,
            source="本报",
            reporters=["杨丽娜"],
            persons=[("徐衣显", ["市委副书记", "市长"]), ("王付举", ["副市长"])],
        )
    issue = make_issue("2020-01-27", paper)
    front = make_page(1, issue, name="要闻")
    lead = make_article(
        front,
        kicker="徐衣显在检查督导城区疫情防控工作时强调",
        title=LEAD_TITLE,
        source="本报",
        paragraphs=LEAD_PARAGRAPHS,
        jump_to_page=2,
        jump_to_marker="③",
        reporters=["杨丽娜", "姚广强"],
        persons=[("徐衣显", ["市委副书记", "市长"]), ("王付举", ["副市长"])],
    )
    make_article(
        front,
        kicker="王小平在调研指导新型肺炎疫情防控工作时强调",
        title="加强监测监督监管 严阵以待严密防范",
        subtitle="全力以赴打赢新型肺炎疫情防控阻击战",
        source="本报",
        paragraphs=[
            "1月26日下午，市委书记、市人大常委会主任王小平到马村区，督导检查新型冠状病毒感染的肺炎疫情防控工作。"
        ],
        reporters=["董柏生"],
        persons=[("王小平", ["市委书记", "市人大常委会主任"]), ("胡小平", ["市领导"])],
    )
    make_article(
        front,
        kind=Article.Kind.NOTICE,
        title="敬告读者",
        paragraphs=[
            "本报1月27日（农历正月初三）至30日（农历正月初六），每天增出一期报纸。1月31日起恢复正常。"
        ],
    )
    make_article(
        front,
        title="习近平主持召开中共中央政治局常务委员会会议",
        subtitle="研究新型冠状病毒感染的肺炎疫情防控工作",
        source="新华社",
        dateline="北京1月25日电",
        paragraphs=["1月25日农历正月初一，中共中央政治局常务委员会召开会议。"],
        persons=[("习近平", ["中共中央总书记"])],
    )
    second = make_page(2, issue, name="要闻")
    rest = make_article(
        second,
        title="",
        paragraphs=["加强通风换气，确保群众生命安全和身体健康。"],
        jump_from_page=1,
        jump_from_marker="③",
        persons=[("徐衣显", ["市长"])],
    )
    lead.continuation = rest
    lead.save(update_fields=["continuation"])
    make_article(second, title="我市各医院开设发热门诊", paragraphs=["各医院开设发热门诊。"])
    _index(Article.objects.values_list("pk", flat=True))
    return lead


def _index(ids):
    from archive.search import index_articles

    index_articles(list(ids))


def demo_issue():
    """The lead article of 2020-01-27 p1, whichever way the issue could be built."""
    return load_seed_issue() or build_seed_like_issue()
