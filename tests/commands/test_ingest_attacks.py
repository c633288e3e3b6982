"""`ingest` fed an attacker's files: a clear CommandError naming the problem, nothing stored,
never a traceback, on SQLite and PostgreSQL alike."""

import bz2
import gzip
import json
import lzma
import random

import pytest
from django.core.management.base import CommandError

from archive.ingest.model import MAX_LENGTHS, MAX_PAGE_NUMBER
from archive.inputs import MAX_JSON_DEPTH, read_documents
from archive.models import Article, Newspaper, Page, Person
from tests.commands.helpers import archive_snapshot, run
from tests.conftest import SEED

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stored():
    """The seed page already in the archive: a refused file must leave it exactly so."""
    run("ingest", str(SEED))
    return archive_snapshot()


@pytest.fixture
def seed_document():
    return read_documents(SEED).documents[0]


def write_json(tmp_path, doc, name="issue.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    return path


def first_article(doc):
    return doc["pages"][0]["articles"][0]


ATTACKS = {
    "number null": (lambda d: d["pages"][0].update(number=None), r"pages\[0\]\.number: expected an integer"),
    "number 2**70": (lambda d: d["pages"][0].update(number=2**70), r"pages\[0\]\.number: expected a page number from 1 to 32767"),
    "number -1": (lambda d: d["pages"][0].update(number=-1), r"got -1"),
    "page over 32767": (lambda d: d["pages"][0].update(number=MAX_PAGE_NUMBER + 1), r"got 32768"),
    "lone surrogate": (lambda d: first_article(d).update(title="防\ud800控"), r"title: contains a lone surrogate"),
    "title over 300": (lambda d: first_article(d).update(title="题" * 301), r"title: 301 characters, at most 300"),
    "name over 50": (lambda d: first_article(d)["reporters"].append("名" * 51), r"reporters\[\d\]: 51 characters, at most 50"),
    "NUL": (lambda d: first_article(d)["paragraphs"].append("\x00"), r"paragraphs\[\d+\]: contains a NUL"),
    "jump to page 2**70": (lambda d: first_article(d).update(continued_to={"page": 2**70, "marker": ""}), r"continued_to\.page"),
}  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_an_attackers_json_is_refused_and_nothing_is_stored(
    attack, stored, seed_document, tmp_path
):
    change, message = ATTACKS[attack]
    change(seed_document)
    seed_document["issue"]["date"] = "2020-01-28"  # a new issue: nothing of it may appear
    with pytest.raises(CommandError, match=message):
        run("ingest", str(write_json(tmp_path, seed_document)))
    assert archive_snapshot() == stored


def test_json_nested_100000_deep_is_refused_before_it_is_parsed(stored, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(CommandError, match=rf"line 1: JSON nested deeper than {MAX_JSON_DEPTH}"):
        run("ingest", str(path))
    assert archive_snapshot() == stored


def test_deep_nesting_on_a_json_line_names_that_line(stored, seed_document, tmp_path):
    lines = [json.dumps(seed_document), '{"a": ' + "[" * 5000 + "]" * 5000 + "}"]
    path = tmp_path / "issues.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 2: JSON nested deeper"):
        run("ingest", str(path))
    assert archive_snapshot() == stored


def test_brackets_inside_strings_do_not_count_as_nesting(seed_document, tmp_path):
    bracketed = "【" + "[" * 100 + "{" * 100 + '"】'
    first_article(seed_document)["paragraphs"].append(bracketed)
    run("ingest", str(write_json(tmp_path, seed_document)))
    assert any(bracketed in a.paragraphs for a in Article.objects.all())


def test_a_json_compression_bomb_stops_unpacking_early(stored, tmp_path):
    path = tmp_path / "bomb.json.xz"
    with lzma.open(path, "wb") as handle:
        handle.write(b"[" + b" " * (200 * 1024 * 1024))  # 200 MB of nothing, ~30 KB packed
    assert path.stat().st_size < 100_000
    with pytest.raises(CommandError, match=r"more than 100 times its packed size .*bomb"):
        run("ingest", str(path))
    assert archive_snapshot() == stored


@pytest.mark.parametrize(
    ("suffix", "pack"), [(".xz", lzma.compress), (".gz", gzip.compress), (".bz2", bz2.compress)]
)
def test_a_page_bomb_is_refused_at_the_page_limit(stored, tmp_path, suffix, pack):
    # Past the 2 MB a page may hold, in bytes that do not pack well: the size stops it.
    padding = random.Random(1).randbytes(3 * 1024 * 1024)
    path = tmp_path / f"jzrb-2020-01-28-p1.txt{suffix}"
    path.write_bytes(pack(SEED.read_bytes() + padding))
    with pytest.raises(CommandError, match=r"unpacks to more than 2 MB, refused"):
        run("ingest", str(path), "--format", "page")
    # Packing well, it is the expansion that stops it, long before 2 MB are unpacked.
    path.write_bytes(pack(SEED.read_bytes() + b"\n" * (3 * 1024 * 1024)))
    with pytest.raises(CommandError, match=r"more than 100 times its packed size"):
        run("ingest", str(path))
    assert archive_snapshot() == stored


@pytest.mark.parametrize(
    ("suffix", "pack"), [(".xz", lzma.compress), (".gz", gzip.compress), (".bz2", bz2.compress)]
)
def test_packed_pages_and_json_are_read(tmp_path, seed_document, suffix, pack):
    page = tmp_path / f"jzrb-2020-01-27-p1.txt{suffix}"
    page.write_bytes(pack(SEED.read_bytes()))
    run("ingest", str(page))
    seed_document["issue"]["date"] = "2020-01-29"
    issue = tmp_path / f"issue.json{suffix}"
    issue.write_bytes(pack(json.dumps(seed_document, ensure_ascii=False).encode()))
    run("ingest", str(issue))
    assert Page.objects.count() == 2 and Article.objects.count() == 18


def test_packing_is_recognised_by_its_bytes_not_its_name(tmp_path):
    disguised = tmp_path / "jzrb-2020-01-27-p1.txt"  # xz inside, a plain name outside
    disguised.write_bytes(lzma.compress(SEED.read_bytes()))
    run("ingest", str(disguised))
    assert Article.objects.count() == 9


def test_max_mb_bounds_a_json_file(stored, seed_document, tmp_path):
    first_article(seed_document)["paragraphs"] = ["防控" * 1000] * 400  # about 2.4 MB
    path = write_json(tmp_path, seed_document)
    with pytest.raises(CommandError, match=r"larger than 1 MB, refused"):
        run("ingest", str(path), "--max-mb", "1")
    assert archive_snapshot() == stored


def test_a_paper_name_taken_under_another_slug_is_a_command_error(stored, seed_document, tmp_path):
    seed_document["paper"]["slug"] = "jzrb-copy"  # 焦作日报 exists as jzrb
    with pytest.raises(CommandError, match="refused the input|already"):
        run("ingest", str(write_json(tmp_path, seed_document)))
    assert archive_snapshot() == stored
    assert not Newspaper.objects.filter(slug="jzrb-copy").exists()


def test_the_database_columns_are_sized_from_the_interchange_table():
    for name, size in MAX_LENGTHS.items():
        if name in ("reporters", "persons"):
            assert Person._meta.get_field("name").max_length == size
        else:
            assert Article._meta.get_field(name).max_length == size, name


def test_a_person_with_the_longest_name_fits_its_sort_key(seed_document, tmp_path):
    longest = "庄" * MAX_LENGTHS["persons"]  # "zhuang " × 50 spells 349 letters
    first_article(seed_document)["persons"].append({"name": longest, "roles": []})
    run("ingest", str(write_json(tmp_path, seed_document)))
    assert len(Person.objects.get(name=longest).sort_key) <= 200
