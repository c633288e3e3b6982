"""An archive made for the search page: three years, two papers, several pages, people and
kinds, briefs printed without a headline, and more hits for 防控 than one page shows.

    build_search_archive()  # → 50 published articles indexed; 防控 finds 48 of them
"""

import datetime

from archive.models import Article
from tests.factories import make_article, make_issue, make_page, make_paper

PEOPLE = [("王小平", "市委书记"), ("徐衣显", "市长"), ("王付举", "副市长"), ("胡小平", "市领导")]
TOPICS = [
    ("全力以赴打赢疫情防控阻击战", "各地加强疫情防控，落实联防联控措施，确保群众生命安全。"),
    ("春节期间市场供应充足", "春节期间，全市商超货源充足，价格平稳，疫情防控措施落实到位。"),
    (
        "扎实做好冬季安全生产和防控工作",
        "市安委会部署冬季安全生产和森林防火防控工作，强调压实责任。",
    ),
    ("农村人居环境整治见实效", "各县区推进农村人居环境整治，同步抓好疫情防控和春耕备耕。"),
    ("全市召开防汛抗旱工作会议", "会议要求立足防大汛、抗大旱，做好防控山洪地质灾害各项准备。"),
]
BRIEF = "本报讯 {day}，市防控指挥部通报：全市新增确诊病例为零，各社区继续做好排查登记。"
DAYS = ["1998-01-12", "1998-03-05", "1998-07-20", "2019-06-15", "2019-10-08", "2020-01-26"]


def build_search_archive():
    """Published articles over 1998, 2019 and 2020 in 焦作日报 and 河南日报, all indexed."""
    papers = [make_paper(), make_paper("河南日报", "hnrb", "河南郑州")]
    made = []
    for d, day in enumerate(DAYS):
        for p, paper in enumerate(papers):
            issue = make_issue(day, paper)
            made += _day_of_articles(issue, d + p)
    made.append(
        make_article(
            make_page(3, make_issue("2020-01-27")), title="文化副刊", paragraphs=["诗歌与散文。"]
        )
    )
    made.append(
        make_article(
            title="敬告读者", kind=Article.Kind.NOTICE, paragraphs=["本报春节期间照常出版。"]
        )
    )
    made.append(make_article(title="草稿", paragraphs=["防控草稿不该出现。"], published=False))
    made.append(_roster())
    from archive.search import index_articles

    index_articles([a.pk for a in made])
    return made


def _roster():
    """A list of commended people: names under many initials, one printed in full width."""
    names = [f"{surname}{given}" for surname in SURNAMES for given in GIVEN]
    return make_article(
        make_page(4, make_issue("2020-01-27"), name="专版"),
        title="全市防控工作先进个人名单",
        paragraphs=["、".join(names)],
        persons=[(name, ["先进个人"]) for name in names + ["ＢｒｕｃｅＳｔｅｉｎｂｅｒｇ"]],
    )


SURNAMES = "安白陈邓冯郭韩黄李刘马潘钱孙唐王吴谢杨张赵周"
GIVEN = ["建国", "秀英", "志强", "丽华"]


def _day_of_articles(issue, seed):
    """Four articles on two pages: two headlined, a brief without one, and a reporter's piece."""
    date = issue.date
    day = f"{date.month}月{date.day}日"
    front, second = make_page(1, issue, name="要闻"), make_page(2, issue, name="综合")
    articles = []
    for i in range(2):
        title, body = TOPICS[(seed + i) % len(TOPICS)]
        name, role = PEOPLE[(seed + i) % len(PEOPLE)]
        articles.append(
            make_article(
                front,
                kicker=f"{name}在检查督导时强调" if i == 0 else "",
                title=title,
                subtitle="坚持人民至上 筑牢安全防线" if i == 1 else "",
                source="本报",
                paragraphs=[f"{day}，{role}{name}深入基层一线，{body}", "会议还研究了其他事项。"],
                reporters=["杨丽娜"] if i == 0 else ["董柏生", "姚广强"],
                persons=[(name, [role])],
            )
        )
    articles.append(
        make_article(second, title="", kind=Article.Kind.BRIEF, paragraphs=[BRIEF.format(day=day)])
    )
    articles.append(
        make_article(
            second,
            title=f"{date.year}年防控工作回眸"
            if date < datetime.date(2020, 1, 1)
            else "社区防控一线见闻",
            paragraphs=[f"{day}电 记者走进社区，看到志愿者们在防控卡点值守。"],
            dateline=f"郑州{day}电",
            source="新华社",
            persons=[("胡小平", ["市领导"])],
        )
    )
    return articles
