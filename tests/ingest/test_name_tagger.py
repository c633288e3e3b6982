"""The character tagger: labels, decoding, learning and the shipped model."""

import io

from archive.ingest.name_tagger import BEG, END, MID, OUT, features, spans
from archive.ingest.pfr import pfr_name_spans
from archive.ingest.word_tagger import word_tagger
from bench.training.tagger import labels_of, train


def _tokens(text):
    return word_tagger().tag(text)


def test_a_name_is_labelled_first_inner_last_and_one_character_names_are_not():
    assert labels_of(8, [(2, 5), (6, 7)]) == [OUT, OUT, BEG, MID, END, OUT, OUT, OUT]
    assert labels_of(4, [(0, 2)]) == [BEG, END, OUT, OUT]


def test_every_character_gets_features_even_where_the_cut_falls_short():
    text = "市长徐衣显说"
    assert len(features(text, _tokens(text))) == len(text)
    assert len(features(text, [("市长", "n")])) == len(text)  # the rest: no word


def test_full_width_digits_read_like_ascii_ones():
    wide, narrow = features("１２月", []), features("12月", [])
    assert wide[0][1] == narrow[0][1] == "00"


def test_a_tagger_learns_names_from_their_context_and_finds_new_ones():
    pattern = "市长{}说，市委书记{}指出"
    names = ["王小平", "徐衣显", "李建国", "张明", "刘红", "陈志强", "杨柳", "赵一鸣"]
    rows = []
    for k in range(len(names)):
        a, b = names[k], names[(k + 3) % len(names)]
        text = pattern.format(a, b)
        start_b = text.index(b, len(a) + 2)
        rows.append((text, _tokens(text), [(2, 2 + len(a)), (start_b, start_b + len(b))]))
    model = train(rows * 3, epochs=5, min_count=1)
    text = "市长孙立国说，市委书记周文华指出"
    found = {text[s:e] for s, e in spans(text, _tokens(text), model)}
    assert found == {"孙立国", "周文华"}


def test_the_labels_it_reads_always_make_whole_names():
    model = {"transitions": [0.0] * 16, "weights": {"0王": [0.0, 5.0, 0.0, 0.0]}}
    text = "王王王"  # every character prefers MID alone, which no name starts with
    for s, e in spans(text, [], model):
        assert e - s >= 2


def test_without_a_model_it_reads_nothing():
    assert spans("市长徐衣显说", _tokens("市长徐衣显说"), {}) == []


def test_the_corpus_name_tags_become_character_spans():
    line = "19980101-01-001-001/m  国务院/nt  总理/n  李/nr  鹏/nr  会见/v  克林顿/nr  。/w\r\n"
    [(date, text, names)] = list(pfr_name_spans(io.BytesIO(line.encode("gbk"))))
    assert date == "1998-01-01"
    assert [text[s:e] for s, e in names] == ["李鹏", "克林顿"]


def test_the_shipped_model_reads_the_names_of_an_unseen_sentence():
    text = "市委书记王小平主持会议，副市长王付举出席。"
    found = {text[s:e] for s, e in spans(text, _tokens(text))}
    assert {"王小平", "王付举"} <= found
    assert "市委书记" not in found
