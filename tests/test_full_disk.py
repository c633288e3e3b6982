"""A full disk under the search index gives a clear error, never a corrupt index."""

import subprocess

import pytest
from django.core.management.base import CommandError

from archive import search
from archive.models import Article
from tests.commands.helpers import run
from tests.conftest import SEED

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def index_on_a_tiny_disk(settings, tmp_path):
    """The search index on a real 6 MB tmpfs, so writes fail with ENOSPC as on a full disk."""
    from haystack import connections

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(disk / "index")}
    }
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.thread_local.connections = {}
    search.reset()
    yield disk
    search.reset()
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk):
    """Take every free byte of the disk with one file; return it so the test can free it."""
    filler = disk / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_stops_indexing_with_a_clear_error_and_the_index_survives(
    index_on_a_tiny_disk, tmp_path
):
    run("ingest", str(SEED))
    assert search.search("王付举").total == 6
    filler = fill(index_on_a_tiny_disk)

    second = tmp_path / "jzrb-2020-01-28-p1.txt"
    second.write_bytes(SEED.read_bytes())
    with pytest.raises(CommandError, match=r"search index not written .*check_index --repair"):
        run("ingest", str(second))

    # The database kept the new page; the index still answers with what it had.
    assert Article.objects.filter(page__issue__date="2020-01-28").count() == 9
    assert search.search("王付举").total == 6

    # With space again, check_index puts the index back in step.
    filler.unlink()
    output = run("check_index", "--repair")
    assert "missing: 9" in output and "repaired" in output
    assert search.search("王付举").total == 12
