from archive.search.analysis import (
    BigramPositions,
    BigramTokenizer,
    CharExistence,
    CharTokenizer,
    WordFrequency,
    WordTokenizer,
    bigram_terms,
    bulk_words,
    distinct_chars,
    fold,
    fold_with_offsets,
    jieba_words,
)


def test_fold_turns_traditional_into_simplified():
    assert fold("鄭州市發展") == "郑州市发展"


def test_fold_turns_full_width_digits_and_letters_into_ascii_lower_case():
    assert fold("２０２０年ＧＤＰ") == "2020年gdp"


def test_fold_works_one_character_at_a_time_so_substrings_stay_substrings():
    # OpenCC's phrase tables would turn 乾燥 into 干燥 but leave 乾隆; per character, fold
    # of a part is always part of the fold of the whole.
    text = "乾隆年間頭髮乾燥"
    for i in range(len(text)):
        for j in range(i + 1, len(text) + 1):
            assert fold(text[i:j]) in fold(text)


def test_fold_with_offsets_maps_widened_characters_back():
    folded, offsets = fold_with_offsets("㈠鄭州")
    assert folded == "(一)郑州"
    assert [offsets[i] for i in range(len(folded))] == [0, 0, 0, 1, 2]


def test_bigrams_cover_every_character_class_at_their_character_offsets():
    tokens = [(t.text, t.pos) for t in BigramTokenizer()("王付举检查。ＯＫ 1998年", positions=True)]
    assert tokens == [
        ("王付", 0),
        ("付举", 1),
        ("举检", 2),
        ("检查", 3),
        ("查。", 4),
        ("。o", 5),
        ("ok", 6),
        ("k ", 7),
        (" 1", 8),
        ("19", 9),
        ("99", 10),
        ("98", 11),
        ("8年", 12),
    ]


def test_a_one_character_run_has_no_bigram_but_its_character_and_the_pair_across_a_space():
    assert [t for t, _, _ in bigram_terms("第1版 a")] == ["第1", "1版", "版 ", " a"]
    assert distinct_chars("第1版 a") == ["第", "1", "版", "a"]


def test_runs_do_not_join_across_spaces_or_lines():
    terms = [t for t, _, _ in bigram_terms("疫情，防控\n工作 成效")]
    assert "控\n" not in terms and "控工" not in terms and "作成" not in terms
    assert "情，" in terms and "，防" in terms
    # Across whitespace, any kind, only the pairs with one space.
    assert {"控 ", " 工", "作 ", " 成"} <= set(terms)


def test_punctuation_inside_names_and_numbers_is_indexed():
    assert bigram_terms_of("于尔根·吕特格尔斯") >= {"根·", "·吕"}
    assert bigram_terms_of(fold("增长１９．５％，")) >= {"19", "9.", ".5", "5%"}


def bigram_terms_of(text):
    return {t for t, _, _ in bigram_terms(text)}


def test_jieba_words_are_search_mode_words_without_punctuation():
    assert jieba_words("徐衣显检查疫情防控工作。") == ["徐衣显", "检查", "疫情", "防控", "工作"]


def test_word_tokenizer_positions_are_ordinal():
    tokens = [(t.text, t.pos) for t in WordTokenizer()("疫情防控工作", positions=True)]
    assert [pos for _, pos in tokens] == list(range(len(tokens)))


def test_bulk_words_are_jiebas_words_even_around_latin_and_digits():
    # rjieba alone splits these differently (g.a / 1997.8.12 / 14-0 / 33.6k); the bulk path
    # gives them to jieba and only blocks of hanzi to rjieba.
    text = fold(
        "英国哲学教授G.A.柯亨说，1997.8.12交通运输业增长19.5%，比分14-0，"
        "可升级的33.6K或56Kmodem。徐衣显检查疫情防控工作，一九九〇年。"
    )
    with bulk_words():
        fast = jieba_words(text)
    assert fast == jieba_words(text)


def test_index_formats_give_the_same_postings_as_whooshs_token_path():
    from whoosh.formats import Existence, Frequency, Positions

    text = "王付举一同检查。ＯＫ 疫情防控，联防联控\n防控 1998年"
    fast = sorted(BigramPositions().word_values(text, BigramTokenizer()))
    slow = sorted(Positions().word_values(text, BigramTokenizer()))
    assert fast == slow
    fast = sorted(CharExistence().word_values(text, CharTokenizer()))
    slow = sorted(Existence().word_values(text, CharTokenizer()))
    assert fast == slow
    fast = sorted(WordFrequency().word_values(text, WordTokenizer()))
    slow = sorted(Frequency().word_values(text, WordTokenizer()))
    assert fast == slow
