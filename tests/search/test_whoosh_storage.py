"""Whoosh's files through memory maps: the same bytes as plain reads, and the same index."""

from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from archive.search.whoosh_storage import MappedFileStorage


def test_a_mapped_file_reads_seeks_and_cuts_like_a_plain_one(tmp_path):
    (tmp_path / "part").write_bytes(b"first line\nsecond\n\x00\x00\x00\x07tail")
    mapped = MappedFileStorage(str(tmp_path), readonly=True).open_file("part")
    plain = FileStorage(str(tmp_path), readonly=True).open_file("part")
    assert mapped.readline() == plain.readline() == b"first line\n"
    assert mapped.read(3) == plain.read(3) == b"sec"
    mapped.seek(-4, 2)
    assert mapped.read() == b"tail" and mapped.tell() == 26
    assert mapped.get(18, 4) == plain.get(18, 4) == b"\x00\x00\x00\x07"
    assert mapped.get_int(18) == plain.get_int(18) == 7
    assert list(mapped.get_array(18, "i", 1)) == list(plain.get_array(18, "i", 1)) == [7]
    part = mapped.subset(11, 6)
    assert part.read() == b"second" and part.read() == b""
    plain.close()
    mapped.close()


def test_an_empty_file_opens_as_a_plain_one(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    empty = MappedFileStorage(str(tmp_path), readonly=True).open_file("empty")
    assert empty.read() == b""
    empty.close()


def test_an_index_read_through_maps_finds_what_whoosh_finds(tmp_path):
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT)
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for n, body in enumerate(["alpha beta", "beta gamma", "gamma delta alpha"]):
            writer.add_document(id=str(n), body=body)
    for word in ("alpha", "gamma", "beta"):
        answers = []
        for storage in (FileStorage(str(tmp_path)), MappedFileStorage(str(tmp_path))):
            with storage.open_index().searcher() as searcher:
                query = QueryParser("body", schema).parse(word)
                answers.append(sorted(hit["id"] for hit in searcher.search(query)))
        assert answers[0] == answers[1] and answers[0]


def test_the_setting_chooses_maps_or_plain_reads(tmp_path, settings):
    from archive.search.schema import SCHEMA
    from archive.search.whoosh_writing import open_for_reading

    index.create_in(str(tmp_path), SCHEMA)
    settings.WHOOSH_MMAP = True
    assert type(open_for_reading(str(tmp_path)).storage) is MappedFileStorage
    settings.WHOOSH_MMAP = False
    assert type(open_for_reading(str(tmp_path)).storage) is FileStorage
