"""Reading input files: format detection, clear one-line errors, and no other exception, ever."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest.interchange import validate_issue
from archive.inputs import InputError, detect_format, read_documents
from tests.conftest import SEED

NO_DB = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_formats_are_told_apart_by_name_and_content():
    assert detect_format("a.json", b"") == "json"
    assert detect_format("export.jsonl.xz", b"") == "json"
    assert detect_format("x.txt", b'\xef\xbb\xbf  {"format"') == "json"
    assert detect_format("x.txt", "19980101-01-001-001/m  迈向/v".encode("gbk")) == "pfr"
    assert detect_format("x.txt", SEED.read_bytes()[:200]) == "page"


def test_the_seed_reads_as_one_valid_issue():
    parsed = read_documents(SEED)
    (doc,) = parsed.documents
    validate_issue(doc)
    assert doc["issue"]["date"] == "2020-01-27"
    assert parsed.source_texts[("2020-01-27", 1)] == SEED.read_text(encoding="utf-8")


def test_gbk_and_utf16_files_read_the_same_as_utf8(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    expected = read_documents(SEED).documents
    for encoding in ("gb18030", "utf-16", "utf-8-sig"):
        copy = tmp_path / f"jzrb-2020-01-27-p1.{encoding}.txt"
        copy.write_bytes(text.encode(encoding))
        assert read_documents(copy).documents == expected, encoding


@NO_DB
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_page_give_a_document_or_one_clear_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("in") / "jzrb-2020-01-27-p1.txt"
    path.write_bytes(data)
    try:
        parsed = read_documents(path, fmt="page")
    except InputError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message
    else:
        validate_issue(parsed.documents[0])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@NO_DB
@given(json_values)
def test_any_json_gives_valid_documents_or_one_clear_line(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("in") / "issue.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    try:
        parsed = read_documents(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
    else:
        for doc in parsed.documents:
            validate_issue(doc)


@NO_DB
@given(st.data())
def test_damaging_a_valid_document_never_escapes_as_another_error(tmp_path_factory, data):
    doc = read_documents(SEED).documents[0]
    article = doc["pages"][0]["articles"][data.draw(st.integers(0, 8))]
    field = data.draw(st.sampled_from(sorted(article)))
    article[field] = data.draw(json_values)
    path = tmp_path_factory.mktemp("in") / "issue.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    try:
        read_documents(path)
    except InputError as exc:
        assert "pages[0].articles[" in str(exc)


def test_a_truncated_json_file_names_its_line(tmp_path):
    whole = json.dumps(read_documents(SEED).documents[0], ensure_ascii=False, indent=2)
    path = tmp_path / "cut.json"
    path.write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(InputError, match=r"cut\.json: line \d+: malformed JSON"):
        read_documents(path)


def test_a_page_cut_inside_a_character_is_called_truncated(tmp_path):
    data = SEED.read_bytes()
    path = tmp_path / "jzrb-2020-01-27-p1.txt"
    path.write_bytes(data[: len(data) // 3 + 1])  # cut inside a multi-byte character
    with pytest.raises(InputError, match=r"truncated\?") as error:
        read_documents(path)
    assert "line 163" in str(error.value)


def test_a_page_cut_between_characters_parses_into_what_is_there(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "jzrb-2020-01-27-p1.txt"
    path.write_text(text[: len(text) // 3], encoding="utf-8")
    (doc,) = read_documents(path).documents
    assert 1 <= len(doc["pages"][0]["articles"]) < 9


def test_a_50_megabyte_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "jzrb-2020-01-27-p1.txt"
    with path.open("wb") as handle:
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\0")
    with pytest.raises(InputError, match="larger than"):
        read_documents(path)
