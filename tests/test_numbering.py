"""numbering: which old article each item of a new parse continues, and its number."""

from archive.numbering import assign_numbers

MEETING = "全市召开疫情防控电视电话会议，市委书记王小平出席并讲话，要求各级各部门坚决打赢阻击战"
VISIT = "1月26日，市委副书记、市长徐衣显深入城区一线，督导检查新型冠状病毒感染的肺炎疫情防控工作"
BRIEF = "本报讯 市图书馆即日起暂停开放，恢复时间另行通知"


def test_a_page_parsed_the_same_keeps_every_number():
    assert assign_numbers([(1, MEETING), (2, VISIT)], [MEETING, VISIT]) == [1, 2]


def test_an_item_added_above_gets_a_fresh_number_and_the_others_keep_theirs():
    assert assign_numbers([(1, MEETING), (2, VISIT)], [BRIEF, MEETING, VISIT]) == [3, 1, 2]


def test_a_corrected_text_keeps_its_number():
    fixed = VISIT.replace("城区一线", "城区一线和乡镇") + "。"
    assert assign_numbers([(1, MEETING), (2, VISIT)], [fixed, MEETING]) == [2, 1]


def test_of_two_halves_of_a_split_article_the_larger_keeps_the_number():
    whole = MEETING + VISIT
    assert assign_numbers([(4, whole)], [MEETING[:12], whole[:-12]]) == [5, 4]


def test_a_removed_articles_number_is_not_given_to_a_different_story():
    assert assign_numbers([(1, MEETING), (2, VISIT)], [MEETING, BRIEF]) == [1, 3]


def test_a_first_parse_numbers_in_page_order():
    assert assign_numbers([], [MEETING, VISIT, BRIEF]) == [1, 2, 3]
