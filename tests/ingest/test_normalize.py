"""normalize: layout spaces out, meaning kept."""

from archive.ingest.normalize import normalize_line, normalize_text, text_width


def test_spread_lines_are_closed_up():
    assert normalize_line("看 望 慰 问 节 假 日 坚 守 防 控 一") == "看望慰问节假日坚守防控一"
    assert normalize_line("建 议 。 他 强 调 ， 要 以 农 村 、") == "建议。他强调，要以农村、"


def test_spaced_digits_and_stray_leading_spaces_go():
    assert normalize_line(" 本报讯（记者董柏生） 1 月") == "本报讯（记者董柏生）1月"
    assert normalize_line("25 日农历正月初一") == "25日农历正月初一"


def test_spaces_around_chinese_punctuation_go():
    assert normalize_line("各县 （市） 区党") == "各县（市）区党"


def test_a_space_between_title_parts_or_latin_words_stays_single():
    assert normalize_line("全民动员  人人参与\u3000群防群控") == "全民动员 人人参与 群防群控"
    assert normalize_line("World  Health Organization") == "World Health Organization"


def test_punctuation_is_kept_exactly_as_printed():
    assert normalize_line("牢“防控墙”、守住“输入关”，") == "牢“防控墙”、守住“输入关”，"


def test_lines_keep_their_numbers_and_mark_column_breaks():
    lines = normalize_text("群\n\n防群控\n \n")
    assert [(ln.number, ln.blank, ln.after_break) for ln in lines] == [
        (1, False, False), (2, True, False), (3, False, True), (4, True, False), (5, True, True),
    ]  # fmt: skip


def test_spread_lines_are_marked_as_full_width():
    spread, plain = normalize_text("王 小 平 详 细 了 解\n王小平详细了解")
    assert spread.spread and not plain.spread


def test_an_ideographic_indent_is_recorded():
    assert normalize_text("\u3000\u3000会议决定")[0].indent == 2


def test_width_counts_every_character_and_half_a_space():
    assert text_width("24日下午") == 5
    assert text_width("全民动员 人人参与") == 8.5
