"""Properties over arbitrary text: parse_page never raises and never loses a character."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest import parse_page
from archive.ingest.render import non_layout, page_covered_text

# Pieces of real page furniture, so generated pages hit the interesting paths.
PIECES = [
    "本报讯（记者杨丽娜、姚广", "强） 1 月 26 日", "新华社北京1月25日电 ", "（下转第二版③）",
    "（上接第一版③）", "①3", "敬告读者", "徐衣显在检查督导时强调", "看 望 慰 问", "。", "，",
    "”", "（", "）", "\u3000\u3000", " ", "\n", "\n\n", "\r\n", "——", "本报记者 张三 李四",
    "据新华社伦敦9月9日电（记者毛磊）", "本报讯（记者张三 通讯员李四）", "（林峰）", "⑤", "7",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12)), max_size=60
).map("".join)
CJK_LINES = st.lists(
    st.text(alphabet="防控疫情工作市委书记。，、“”（）①②③ 0123456789\n", max_size=30), max_size=40
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, CJK_LINES, st.text()))
def test_parse_page_never_raises_on_any_text(text):
    page = parse_page(text, page_number=1)
    assert all(isinstance(a.paragraphs, list) for a in page.articles)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, CJK_LINES, st.text()))
def test_every_non_layout_character_ends_up_in_some_field(text):
    page = parse_page(text)
    assert sorted(non_layout(page_covered_text(page))) == sorted(non_layout(text))
