"""review: merging two items keeps every character and works the flags out again."""

from collections import Counter

from archive.ingest import flags
from archive.review import merge_with_previous

TEXT_FIELDS = ("kicker", "title", "subtitle", "source", "dateline")


def chars(*articles):
    counted = Counter()
    for article in articles:
        for name in TEXT_FIELDS:
            counted.update(article.get(name, "").replace(" ", ""))
        for paragraph in article.get("paragraphs", []):
            counted.update(paragraph.replace(" ", ""))
    return counted


FIRST = {
    "kicker": "全民动员 群防群控",
    "title": "坚决打赢疫情防控阻击战",
    "source": "",
    "dateline": "本报讯",
    "paragraphs": ["1月26日，市委书记王小平主持召开会议。"],
    "reporters": [],
    "review": [flags.NO_BYLINE],
}
# The parser took two body lines for the second item's headline.
SECOND = {
    "kicker": "会议强调",
    "title": "要把人民群众生命安全和身体健康放在第一位",
    "dateline": "新华社北京1月26日电",
    "paragraphs": ["各级党委和政府要压实责任。"],
    "reporters": ["王政"],
    "review": [flags.NO_HEADLINE],
}


def page(*articles):
    return {"number": 1, "articles": [dict(a) for a in articles]}


def test_a_merge_keeps_every_character():
    merged = merge_with_previous(page(FIRST, SECOND), 1)["articles"]
    assert len(merged) == 1
    assert chars(*merged) == chars(FIRST, SECOND)


def test_the_headline_lines_of_the_second_item_return_to_the_body_in_place():
    merged = merge_with_previous(page(FIRST, SECOND), 1)["articles"][0]
    assert merged["title"] == FIRST["title"] and merged["kicker"] == FIRST["kicker"]
    assert merged["paragraphs"] == [
        "1月26日，市委书记王小平主持召开会议。",
        "会议强调",
        "要把人民群众生命安全和身体健康放在第一位",
        "新华社北京1月26日电 各级党委和政府要压实责任。",
    ]


def test_staff_may_keep_the_second_items_headline():
    merged = merge_with_previous(page(FIRST, SECOND), 1, headline="second")["articles"][0]
    assert merged["title"] == SECOND["title"] and merged["kicker"] == SECOND["kicker"]
    assert merged["paragraphs"][:2] == ["全民动员 群防群控", "坚决打赢疫情防控阻击战"]
    assert chars(merged) == chars(FIRST, SECOND)


def test_a_byline_found_clears_the_byline_flag_and_a_headline_the_headline_flag():
    merged = merge_with_previous(page(FIRST, SECOND), 1)["articles"][0]
    assert merged["reporters"] == ["王政"]
    assert merged["review"] == []
