import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from archive.search.query import MAX_QUERY_CHARS, parse_clauses, parse_query
from archive.search.whoosh_query import text_query, whoosh_query


def test_a_cjk_run_is_the_phrase_of_its_bigrams():
    assert text_query("王付举") == wq.Phrase("text", ["王付", "付举"])


def test_two_characters_are_one_term_and_one_character_a_prefix():
    assert text_query("防控") == wq.Term("text", "防控")
    assert text_query("防") == wq.Prefix("text", "防")


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


def test_punctuation_alone_searches_nothing_and_says_so():
    parsed = parse_query("，。！")
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
