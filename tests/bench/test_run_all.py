"""bench/run_all.py: `make bench SIZE=…` picks the archive sizes; every figure names its machine."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import common  # noqa: E402
import run_all  # noqa: E402


def test_sizes_choose_which_search_benchmarks_run():
    names = [name for name, _argv in run_all.plan(quick=False, scales=[1, 10])]
    assert [n for n in names if n.startswith("search_http")] == [
        "search_http_1x",
        "search_http_10x",
    ]
    default = [name for name, _argv in run_all.plan(quick=False)]
    assert "search_http_30x" in default


def test_the_machine_line_carries_the_load_and_the_commit():
    line = common.machine()
    assert re.search(r"load \d+\.\d\d \d+\.\d\d \d+\.\d\d", line)
    assert re.search(r"commit ([0-9a-f]{7,}\+?|unknown)", line)
