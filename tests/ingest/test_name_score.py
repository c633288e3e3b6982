"""choose: which of the likely candidates of an article are its names."""

import pytest

from archive.ingest import name_score
from archive.ingest.name_score import choose


@pytest.fixture
def every_candidate_likely():
    name_score.set_model({"threshold": 0.5, "weights": {"bias": 5.0}})
    yield
    name_score.set_model(None)


def candidate(start, name, *extra):
    return (0, start, start + len(name), name, ["bias", *extra])


def test_a_whole_name_beats_the_part_inside_it(every_candidate_likely):
    kept = choose([candidate(0, "于明涛"), candidate(1, "明涛")], 0.5)
    assert kept == [(0, 0, "于明涛")]


def test_two_names_side_by_side_stay_two_people(every_candidate_likely):
    line = [candidate(0, "韩清忠"), candidate(3, "罗锡亮"), candidate(0, "韩清忠罗锡亮")]
    assert choose(line, 0.5) == [(0, 0, "韩清忠"), (0, 3, "罗锡亮")]


def test_a_part_the_character_tagger_read_beats_a_word_glued_on(every_candidate_likely):
    # 秘书长朱训和副秘书长…: the tagger read 朱训, and 和 is a word of its own.
    kept = choose([candidate(0, "朱训", "q:same"), candidate(0, "朱训和")], 0.5)
    assert kept == [(0, 0, "朱训")]
    # 王付举: 举 glues no word on, so the whole name still wins.
    kept = choose([candidate(0, "王付", "q:same"), candidate(0, "王付举")], 0.5)
    assert kept == [(0, 0, "王付举")]


def test_a_part_kept_where_the_whole_is_known_becomes_the_whole(every_candidate_likely):
    # Read alone, 王付 passes and 王付举 does not; the archive knows 王付举.
    name_score.set_model({"threshold": 0.5, "weights": {"bias": 5.0, "weak": -10.0}})
    kept = choose([candidate(0, "王付"), candidate(0, "王付举", "weak", "k:known", "cut:00")], 0.5)
    assert kept == [(0, 0, "王付举")]
