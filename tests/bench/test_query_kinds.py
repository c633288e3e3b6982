from bench.query_kinds import KINDS, draw_kinds, plain, truth

TEXTS = [
    "新华社北京１月８日电 于尔根·吕特格尔斯说，1997年增长19.5%，A股与COVID-19。",
    "本报讯 记者董柏生报道：北京12月的会议有500000人出席。",
    "疫情防控工作会议在郑州召开，焦作市长出席。",
]


def test_every_kind_draws_queries_the_language_reads_as_text():
    drawn = draw_kinds(TEXTS, {"董柏生", "于尔根·吕特格尔斯"}, {"本报讯", "董柏生"}, 5, seed=1)
    assert set(drawn) == set(KINDS)
    for kind, queries in drawn.items():
        assert queries, kind
        if kind not in ("boolean", "issue"):
            assert all(plain(q) for q in queries), kind
    assert draw_kinds(TEXTS, set(), set(), 5, seed=1) == draw_kinds(TEXTS, set(), set(), 5, seed=1)


def test_plain_refuses_what_the_language_reads_otherwise():
    assert plain("1997") and plain("·") and plain("A股")
    assert not plain("-19") and not plain("OR") and not plain('"a b"') and not plain("a|b")


def test_truth_follows_the_query_language():
    folded = {1: "北京会议", 2: "北京", 3: "会议"}
    assert truth("北京 会议", folded) == {1}
    assert truth("北京 OR 会议", folded) == {1, 2, 3}
    assert truth("会议 NOT 北京", folded) == truth("会议 -北京", folded) == {3}
