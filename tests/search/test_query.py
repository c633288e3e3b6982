import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from archive.search.query import MAX_QUERY_CHARS, parse_clauses, parse_query
from archive.search.whoosh_query import text_query, whoosh_query


def test_a_cjk_run_is_the_phrase_of_its_bigrams():
    assert text_query("王付举") == wq.Phrase("text", ["王付", "付举"])


def test_two_characters_are_one_term_and_one_character_a_term_of_its_own_field():
    assert text_query("防控") == wq.Term("text", "防控")
    assert text_query("防") == wq.Term("chars", "防")


def test_digits_latin_and_punctuation_are_bigrams_like_hanzi():
    assert text_query("1998年") == wq.Phrase("text", ["19", "99", "98", "8年"])
    assert text_query("北京1") == wq.Phrase("text", ["北京", "京1"])
    assert text_query("·") == wq.Term("chars", "·")
    assert text_query("5000") == wq.Phrase("text", ["50", "00", "00"])


def test_connectors_readers_guess():
    def shape(text):
        return [(c.alternatives, c.exclude) for c in parse_clauses(text)[0]]

    assert shape("防控 AND 春节") == shape("防控 春节") == [(["防控"], False), (["春节"], False)]
    assert shape("郑州 or 焦作") == shape("郑州 | 焦作") == shape("郑州|焦作")
    assert shape("郑州|焦作") == [(["郑州", "焦作"], False)]
    assert shape("防控 NOT 春节") == shape("防控 -春节") == [(["防控"], False), (["春节"], True)]
    assert shape('防控 not "春节 快乐"') == [(["防控"], False), (["春节 快乐"], True)]


def test_a_connector_alone_or_quoted_is_searched_as_text():
    assert parse_query("AND").highlight == ["and"]
    assert parse_query("NOT").highlight == ["not"]
    assert parse_query('防控 "OR" 春节').highlight == ["防控", "or", "春节"]
    assert parse_query("防控 NOT").highlight == ["防控", "not"]


def test_words_are_anded_quotes_kept_minus_excludes_or_joins():
    clauses, notes = parse_clauses('疫情 "众志 成城" -春节 郑州 OR 焦作')
    assert [(c.alternatives, c.exclude) for c in clauses] == [
        (["疫情"], False),
        (["众志 成城"], False),
        (["春节"], True),
        (["郑州", "焦作"], False),
    ]
    assert notes == []


def test_traditional_query_is_folded():
    assert parse_query("鄭州").highlight == ["郑州"]


@pytest.mark.parametrize(
    "text",
    [
        '"防控',
        '防控"',
        "OR",
        "OR 防控",
        "防控 OR",
        "- -",
        "title:防控",
        "(((",
        "a AND",
        "*?~^",
        "\x00防控",
        "\u202e防控",
        "😀",
        "𠀀𠀁",
        "NOT 防控",
        "防控 OR OR 疫情",
        "-",
        '""',
    ],
)
def test_odd_syntax_never_raises(text):
    parsed = parse_query(text)
    if not parsed.empty:
        whoosh_query(parsed)


def test_stray_or_is_ignored_with_a_note():
    parsed = parse_query("OR 防控")
    assert parsed.highlight == ["防控"]
    assert parsed.notes


def test_field_syntax_is_just_text():
    assert parse_query("title:防控").highlight == ["title:防控"]


def test_long_input_is_cut_with_a_note():
    parsed = parse_query("防控" * 5000)
    assert parsed.notes and str(MAX_QUERY_CHARS) in parsed.notes[0]


def test_punctuation_is_searched_as_the_characters_it_is():
    assert parse_query("·").highlight == ["·"]
    assert parse_query("，。！").highlight == [",。!"]  # folded, as the text is


def test_control_characters_alone_search_nothing_and_say_so():
    parsed = parse_query("\x00\x01")
    assert parsed.empty and parsed.notes


def test_only_exclusions_search_everything_else():
    parsed = parse_query("-春节")
    assert not parsed.empty and parsed.notes
    assert whoosh_query(parsed)[1] == wq.AndNot(wq.Every(), wq.Or([wq.Term("text", "春节")]))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses(text):
    parsed = parse_query(text)
    if not parsed.empty:
        whoosh_query(parsed, use_words=False)


def test_a_query_looks_up_at_most_max_terms_words_and_says_so():
    from archive.search.query import MAX_TERMS

    words = [chr(0x4E00 + i) for i in range(MAX_TERMS + 15)]
    parsed = parse_query(" ".join(words))
    assert [c.alternatives for c in parsed.clauses] == [[w] for w in words[:MAX_TERMS]]
    assert f"检索词过多，只用了前 {MAX_TERMS} 个词。" in parsed.notes


def test_the_cap_counts_alternatives_and_exclusions_and_cuts_a_long_phrase():
    from archive.search.query import MAX_TERMS

    ors = " OR ".join(chr(0x4E00 + i) for i in range(MAX_TERMS + 5))
    parsed = parse_query(f"-春节 {ors}")
    assert sum(len(c.alternatives) for c in parsed.clauses) == MAX_TERMS
    phrase = " ".join("防控" for _ in range(MAX_TERMS + 3))
    parsed = parse_query(f'"{phrase}"')
    assert parsed.clauses[0].alternatives == [" ".join(["防控"] * MAX_TERMS)]
    assert not any("检索词过多" in n for n in parse_query("防控 工作 -春节").notes)
