"""Review flags are stored as codes and read in Chinese."""

import pytest

from archive.ingest import flags, parse_page


def test_every_flag_has_a_chinese_label():
    for flag_code, name in flags.FLAGS.items():
        assert flag_code.isascii() and " " not in flag_code
        assert all(not ch.isascii() or not ch.isalpha() for ch in name), name


def test_a_flag_with_a_payload_shows_both():
    flag = flags.make(flags.BYLINE_PRINTED_AS, "本报讯（记者张三 通讯员李四）")
    assert flags.code(flag) == "byline_printed_as"
    assert flags.label(flag) == "署名按原文保留：本报讯（记者张三 通讯员李四）"


def test_an_unknown_code_is_refused_when_made():
    with pytest.raises(KeyError):
        flags.make("no headline found")


def test_the_parser_flags_with_codes_only():
    page = parse_page("我市召开会议。\n\n王小平到马村区督导\n")
    for article in page.articles:
        for flag in article.review:
            assert flags.code(flag) in flags.FLAGS


@pytest.mark.parametrize(
    ("note", "flag"),
    [
        ("no headline found", "no_headline"),
        ("byline not recognised", "no_byline"),
        ("paragraph break uncertain", "paragraphs_uncertain"),
        ("person extraction failed", "persons_failed"),
        ("parser error: text kept unparsed", "parser_error"),
        ("byline printed as 记者 王政", "byline_printed_as:记者 王政"),
        ("no_headline", "no_headline"),
    ],
)
def test_notes_of_earlier_versions_become_codes(note, flag):
    assert flags.from_legacy(note) == flag
