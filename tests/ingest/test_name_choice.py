"""choose: which of the likely candidates of an article are its names."""

from archive.ingest.candidate import Candidate
from archive.ingest.name_choice import choose

EVERY_CANDIDATE_LIKELY = {"threshold": 0.5, "weights": {"bias": 5.0}}


def candidate(start, name, *extra):
    return Candidate(0, start, start + len(name), name, features=["bias", *extra])


def likely(candidates):
    return choose(candidates, 0.5, EVERY_CANDIDATE_LIKELY)


def test_a_whole_name_beats_the_part_inside_it():
    assert likely([candidate(0, "于明涛"), candidate(1, "明涛")]) == [(0, 0, "于明涛")]


def test_two_names_side_by_side_stay_two_people():
    line = [candidate(0, "韩清忠"), candidate(3, "罗锡亮"), candidate(0, "韩清忠罗锡亮")]
    assert likely(line) == [(0, 0, "韩清忠"), (0, 3, "罗锡亮")]


def test_a_part_the_character_tagger_read_beats_a_word_glued_on():
    # 秘书长朱训和副秘书长…: the tagger read 朱训, and 和 is a word of its own.
    assert likely([candidate(0, "朱训", "q:same"), candidate(0, "朱训和")]) == [(0, 0, "朱训")]
    # 王付举: 举 glues no word on, so the whole name still wins.
    kept = likely([candidate(0, "王付", "q:same"), candidate(0, "王付举")])
    assert kept == [(0, 0, "王付举")]


def test_a_part_kept_where_the_whole_is_known_becomes_the_whole():
    # Read alone, 王付 passes and 王付举 does not; the archive knows 王付举.
    model = {"threshold": 0.5, "weights": {"bias": 5.0, "weak": -10.0}}
    known = candidate(0, "王付举", "weak", "k:known", "cut:00")
    assert choose([candidate(0, "王付"), known], 0.5, model) == [(0, 0, "王付举")]
