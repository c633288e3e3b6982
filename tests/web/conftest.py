"""Reader-page fixtures: issues of two sizes, for query bounds that hold whatever the size."""

import pytest

from tests.factories import make_article, make_issue, make_page, make_paper


def build_issue(date, pages, per_page, paper=None):
    """An issue of `pages` pages × `per_page` articles, each with a reporter and two people."""
    issue = make_issue(date, paper or make_paper())
    first = None
    for number in range(1, pages + 1):
        page = make_page(number, issue, name=f"第{number}版名")
        for order in range(1, per_page + 1):
            article = make_article(
                page,
                order=order,
                kicker=f"引题{number}-{order}",
                title=f"标题{number}-{order}",
                subtitle=f"副题{number}-{order}",
                reporters=[f"记者{order % 3}"],
                persons=[("王小平", ["市委书记"]), (f"人物{order}", ["副市长"])],
            )
            first = first or article
    return issue, first


@pytest.fixture
def small_issue(db):
    return build_issue("2020-01-26", pages=1, per_page=2)


@pytest.fixture
def big_issue(db):
    return build_issue("2020-01-27", pages=3, per_page=20)
