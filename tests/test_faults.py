"""Faults: a killed ingest leaves each page all there or not there."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO, SEED

pytestmark = pytest.mark.slow


def manage(data_dir, *args, **kwargs):
    env = {**os.environ, "DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "archive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_URL", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def pages_and_counts(data_dir):
    with sqlite3.connect(data_dir / "archive.sqlite3") as db:
        return db.execute(
            "SELECT p.id, COUNT(a.id) FROM archive_page p "
            "LEFT JOIN archive_article a ON a.page_id = p.id GROUP BY p.id"
        ).fetchall()


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0, 3.5])
def test_kill_9_during_an_ingest_leaves_each_page_whole_or_absent(tmp_path, delay):
    data_dir = tmp_path / "data"
    assert manage(data_dir, "migrate", "--noinput").wait(timeout=120) == 0
    files = []
    for day in range(1, 21):
        target = tmp_path / f"jzrb-2020-02-{day:02d}-p1.txt"
        shutil.copy(SEED, target)
        files.append(str(target))
    # One command per pair of pages, as a staff script would run them; kill in the middle.
    script = "; ".join(
        f"{sys.executable} manage.py ingest {a} {b}"
        for a, b in zip(files[::2], files[1::2], strict=True)
    )
    env = {**os.environ, "DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    runner = subprocess.Popen(
        ["bash", "-c", script],
        cwd=REPO,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    os.killpg(runner.pid, signal.SIGKILL)
    runner.wait()
    counts = pages_and_counts(data_dir)
    print(f"pages stored when killed after {delay}s: {len(counts)}")
    assert all(count == 9 for _page, count in counts), counts
    # The archive still works after the crash: the next ingest completes.
    again = manage(data_dir, "ingest", files[-1])
    assert again.wait(timeout=120) == 0, again.stderr.read().decode()
    assert all(count == 9 for _page, count in pages_and_counts(data_dir))
