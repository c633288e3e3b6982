"""The archive's names: one lookup per set of names, found whole in the text."""

from archive.ingest.known_names import Gazetteer, known_names


def test_a_set_of_names_is_read_once_however_it_is_passed():
    names = ["苏来衣曼", "许立群"]
    assert known_names(names) is known_names(list(reversed(names))) is known_names(set(names))


def test_no_names_need_no_lookup():
    assert known_names([]) is None


def test_a_lookup_widened_by_more_names_is_the_lookup_of_both():
    def common(word):
        return word == "万里"

    first, more = ["许立群", "欧阳中石", "万里", "许立"], ["向兵", "王付举", "许立群"]
    wider, whole = Gazetteer(first, common).with_names(more), Gazetteer(first + more, common)
    assert (wider.names, wider.lengths) == (whole.names, whole.lengths)
    assert [n for _, _, n in wider.find("许立群、向兵、王付举、万里")] == [
        "许立群",
        "向兵",
        "王付举",
    ]
