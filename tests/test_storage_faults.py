"""A read-only or full data folder: readers keep being served, writes fail saying why,
/healthz answers 503 with the reason, and the ingest command ends in a CommandError."""

import errno
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.core.management.base import CommandError
from django.db.utils import OperationalError
from django.test import Client

from archive import faults
from tests.commands.helpers import run
from tests.conftest import REPO, SEED

READER_URLS = [
    "/",
    "/jzrb/",
    "/jzrb/2020-01-27/",
    "/jzrb/2020-01-27/1/",
    "/search/?q=防控",
    "/api/search?q=防控",
    "/people/",
    "/feeds/issues/",
    "/sitemap.xml",
    "/admin/login/",
]

# Run in a fresh process against the folder, as a gunicorn worker would start on it.
PROBE = """
import json, sys, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {url: client.get(url).status_code for url in sys.argv[1:]}
health = client.get("/healthz")
login = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
import time
from django.db import connection
# The test client keeps connections across requests; a worker closes those past close_at.
print(json.dumps({"pages": answers, "healthz": [health.status_code, health.json()],
                  "login": [login.status_code, login.content.decode()],
                  "connection_kept": connection.close_at > time.monotonic()}))
"""


def environment(data_dir):
    env = {**os.environ, "DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "archive.settings"}
    env.update(ALLOWED_HOSTS="testserver,localhost", PYTHONPATH=str(REPO))
    for name in ("DATABASE_URL", "SEARCH_URL", "CACHE_URL", "SECRET_KEY"):
        env.pop(name, None)
    return env


def manage(data_dir, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )


def probe(data_dir):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *READER_URLS],
        cwd=REPO,
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def mount(*args):
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture
def stored_archive(tmp_path):
    """A data folder holding the seed page, built by the commands a person runs."""
    folder = tmp_path / "built"
    assert manage(folder, "migrate", "--noinput").returncode == 0
    assert manage(folder, "ingest", str(SEED)).returncode == 0
    return folder


@pytest.fixture
def read_only_archive(stored_archive, tmp_path):
    """The archive mounted read-only: even root cannot write there (chmod would not stop it)."""
    (stored_archive / "secret_key").unlink()  # a key not yet generated cannot be written now
    shutil.rmtree(stored_archive / "static")
    view = tmp_path / "read-only"
    view.mkdir()
    mount("--bind", str(stored_archive), str(view))
    try:
        mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


@pytest.fixture
def full_archive(stored_archive, tmp_path):
    """The archive on a 3 MB tmpfs with every free byte taken."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk))
    try:
        shutil.copytree(stored_archive, disk, dirs_exist_ok=True)
        with (disk / "filler").open("wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def assert_readers_served_and_writes_refused(answers, reason, words):
    assert set(answers["pages"].values()) == {200}, answers["pages"]
    status, health = answers["healthz"]
    assert status == 503 and health["data_dir"].startswith(f"error: {reason}")
    assert health["database"] == "ok" and health["index"] == "ok"
    status, page = answers["login"]
    assert status == 503 and words in page and "暂时无法保存" in page


@pytest.mark.slow
def test_a_read_only_data_folder_still_serves_readers(read_only_archive):
    answers = probe(read_only_archive)
    assert_readers_served_and_writes_refused(answers, "read-only", "数据目录只读")
    # Connections are kept between requests (DB_CONN_MAX_AGE), but not one opened read-only:
    # the next request tries the writable database again.
    assert answers["connection_kept"] is False


@pytest.mark.slow
def test_an_ingest_into_a_read_only_folder_ends_in_a_clear_error(read_only_archive, tmp_path):
    page = tmp_path / "jzrb-2020-01-28-p1.txt"
    shutil.copy(SEED, page)
    result = manage(read_only_archive, "ingest", str(page))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "CommandError: the data folder is read-only" in result.stderr


@pytest.mark.slow
def test_a_full_data_folder_still_serves_readers(full_archive):
    answers = probe(full_archive)
    assert_readers_served_and_writes_refused(answers, "full", "磁盘已满")


@pytest.mark.slow
def test_an_ingest_that_fills_the_disk_ends_in_a_clear_error(full_archive, tmp_path):
    page = tmp_path / "jzrb-2020-01-28-p1.txt"
    shutil.copy(SEED, page)
    result = manage(full_archive, "ingest", str(page))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "CommandError: the data folder is full" in result.stderr
    assert "Free some disk space" in result.stderr


# -- the same faults, named -----------------------------------------------------------------


class _PostgresError(Exception):
    def __init__(self, sqlstate, text):
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (OSError(errno.EROFS, "Read-only file system"), faults.READ_ONLY),
        (OSError(errno.ENOSPC, "No space left on device"), faults.FULL),
        (OperationalError("attempt to write a readonly database"), faults.READ_ONLY),
        (OperationalError("database or disk is full"), faults.FULL),
        (_PostgresError("53100", "could not extend file"), faults.FULL),
        (_PostgresError("25006", "cannot execute INSERT in a read-only transaction"), "read-only"),
        (OperationalError("could not write: No space left on device"), faults.FULL),
        (OperationalError("no such table: archive_article"), None),
        (ValueError("a bug"), None),
    ],
)
def test_storage_faults_are_told_apart_from_bugs(error, problem):
    assert faults.storage_problem(error) == problem


def test_a_cause_deep_in_the_chain_counts():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise RuntimeError("index not written") from exc
    except RuntimeError as outer:
        assert faults.storage_problem(outer) == faults.FULL


@pytest.mark.django_db
def test_a_write_the_storage_refuses_is_a_503_page_that_says_why(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr("django.contrib.auth.forms.AuthenticationForm.clean", refuse)
    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": "editor", "password": "x"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "磁盘已满" in html and 'lang="zh-Hans"' in html and response["Retry-After"]


@pytest.mark.django_db
def test_the_api_says_so_in_json(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("archive.views.api.stored_article_document", refuse)
    from tests.factories import make_article

    article = make_article()
    response = Client(raise_request_exception=False).get(f"/api/articles/{article.pk}")
    assert response.status_code == 503
    assert response.json()["storage"] == "read-only"


@pytest.mark.django_db
def test_any_other_failure_is_still_the_plain_500_page(monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("archive.views.browse.render", fail)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500 and "服务器出错了" in response.content.decode()


@pytest.mark.django_db
def test_healthz_says_when_the_data_folder_is_nearly_full(client, settings):
    settings.DATA_DIR_MIN_FREE_MB = 10**9
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["data_dir"].startswith("error: full")


@pytest.mark.django_db(transaction=True)
def test_a_database_refusing_the_ingest_is_a_command_error(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr("archive.management.commands.ingest.load_issue", refuse)
    with pytest.raises(CommandError, match="the data folder is full .*nothing was stored"):
        run("ingest", str(SEED))
