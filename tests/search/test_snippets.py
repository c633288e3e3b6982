from archive.search.snippets import make_snippet


def test_matches_are_marked_and_everything_else_escaped():
    text = "<script>alert(1)</script>副市长王付举一同检查。x<img src=x onerror=alert(1)>"
    snippet = make_snippet(text, ["王付举"], width=200)
    assert "<mark>王付举</mark>" in snippet
    assert "<script>" not in snippet and "<img" not in snippet
    assert "&lt;script&gt;" in snippet and "x&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_match_inside_markup_like_text_is_still_escaped():
    snippet = make_snippet('a<b onclick="x">防控</b>', ["防控"])
    assert snippet == "a&lt;b onclick=&quot;x&quot;&gt;<mark>防控</mark>&lt;/b&gt;"


def test_the_original_characters_are_shown_for_a_folded_match():
    assert make_snippet("鄭州市２０２０年", ["郑州", "2020"]) == (
        "<mark>鄭州</mark>市<mark>２０２０</mark>年"
    )


def test_the_passage_is_around_the_first_match():
    text = "甲" * 300 + "王付举" + "乙" * 300
    snippet = make_snippet(text, ["王付举"], width=60)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>王付举</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_without_a_match_the_passage_is_the_start():
    assert make_snippet("防控工作", ["春节"]) == "防控工作"


def test_a_quoted_phrase_not_found_whole_marks_its_parts():
    assert make_snippet("疫情，防控", ["疫情 防控"]) == "<mark>疫情</mark>，<mark>防控</mark>"


def test_a_folded_match_before_the_one_typed_leads_the_passage():
    # 6月 as typed comes late; the full-width ６月 near the start is the first match.
    text = "甲" * 20 + "６月" + "乙" * 600 + "6月" + "丙" * 300
    snippet = make_snippet(text, ["6月"], width=60)
    assert "<mark>６月</mark>" in snippet and "<mark>6月</mark>" not in snippet


def test_a_long_text_shows_every_match_in_its_passage():
    text = "甲" * 1000 + "防控" + "乙" * 10 + "防控" + "丙" * 3000
    snippet = make_snippet(text, ["防控"], width=60)
    assert snippet.count("<mark>防控</mark>") == 2


def test_a_phrase_found_whole_only_far_down_is_marked_whole():
    text = "疫情，防控" + "甲" * 2000 + "疫情 防控" + "乙" * 100
    snippet = make_snippet(text, ["疫情 防控"], width=40)
    assert snippet.count("<mark>") == 1 and "<mark>疫情 防控</mark>" in snippet
