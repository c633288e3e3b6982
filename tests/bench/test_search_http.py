"""bench/search_http.py keeps a built archive until what it was built from changes."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import search_http  # noqa: E402


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout with one file for each build input, and a corpus file."""
    repo = tmp_path / "repo"
    for name in search_http.BUILD_INPUTS:
        path = repo / name
        if path.suffix != ".py":
            path = path / "module.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n")
    (repo / "archive" / "views").mkdir()
    corpus = tmp_path / "corpus.xz"
    corpus.write_bytes(b"corpus")
    monkeypatch.setattr(search_http, "REPO", repo)
    monkeypatch.setattr(search_http, "CORPUS_GBK", corpus)
    monkeypatch.setattr(search_http, "ENGINE_ENV", {})
    return repo


def test_the_build_inputs_change_with_the_code_that_stores_and_indexes(checkout):
    first = search_http.build_inputs(10)
    (checkout / "archive" / "views" / "browse.py").write_text("# a page changed\n")
    assert search_http.build_inputs(10) == first
    assert search_http.build_inputs(100) != first
    (checkout / "archive" / "loading.py").write_text("# the loader changed\n")
    assert search_http.build_inputs(10) != first


def test_an_archive_is_built_again_only_when_its_inputs_changed(checkout, tmp_path, monkeypatch):
    builds = []

    def build(data_dir, scale, docs, timeout):
        builds.append(scale)
        data_dir.mkdir(exist_ok=True)
        record = {"scale": scale, "articles": 10, "chars": 100, "build_seconds": 1.0}
        return record | {"copy_seconds": [1.0], "built": "now", "git": "abc1234"}

    monkeypatch.setattr(search_http, "build", build)
    data_dir = tmp_path / "archive"
    search_http.prepare(1, False, [], 60, data_dir)
    search_http.prepare(1, False, [], 60, data_dir)
    assert builds == [1]
    (checkout / "archive" / "models.py").write_text("# a new field\n")
    search_http.prepare(1, False, [], 60, data_dir)
    assert builds == [1, 1]
    search_http.prepare(1, True, [], 60, data_dir)
    assert builds == [1, 1, 1]
    recorded = json.loads((data_dir / search_http.BUILD_INFO).read_text())
    assert recorded["inputs"] == search_http.build_inputs(1)
