"""The upload form keeps the chosen file after an error elsewhere, so staff fix the other
fields and submit again without choosing it; kept files are removed a day later."""

import os
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive import kept_uploads
from archive.models import Article, Newspaper
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

URL = "/admin/ingest/"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def paper():
    return Newspaper.objects.create(name="焦作日报", slug="jzrb", place="河南焦作")


def kept_token(response):
    found = re.search(r'name="kept_upload" value="([^"]+)"', response.text)
    return found.group(1) if found else None


def test_a_file_sent_with_a_missing_date_is_kept_and_used_on_the_next_submit(staff, paper):
    chosen = SimpleUploadedFile("第一版.txt", SEED.read_bytes())  # no date in this name
    first = staff.post(URL, {"paper": paper.pk, "page": 1, "upload": chosen})
    assert "请填写出版日期" in first.text and "已保留文件 <strong>第一版.txt</strong>" in first.text
    token = kept_token(first)
    again = staff.post(
        URL, {"paper": paper.pk, "page": 1, "date": "2020-01-27", "kept_upload": token}
    )
    state = again.context["state"]
    assert state["date"] == "2020-01-27" and state["text"] == SEED.read_text(encoding="utf-8")
    assert Article.objects.count() == 0  # still only the review


def test_the_kept_file_still_reads_paper_date_and_page_from_its_name(staff, paper):
    chosen = SimpleUploadedFile("jzrb-2020-01-27-p1.txt", SEED.read_bytes())
    first = staff.post(URL, {"page": "第一", "upload": chosen})  # a page number staff mistyped
    assert "已保留文件" in first.text
    again = staff.post(URL, {"kept_upload": kept_token(first)})
    state = again.context["state"]
    assert (state["paper"]["slug"], state["date"], state["page"]["number"]) == (
        "jzrb",
        "2020-01-27",
        1,
    )


def test_a_new_file_wins_over_the_kept_one(staff, paper):
    first = staff.post(URL, {"paper": paper.pk, "upload": SimpleUploadedFile("a.txt", b"x")})
    fresh = SimpleUploadedFile("jzrb-2020-01-27-p1.txt", SEED.read_bytes())
    again = staff.post(URL, {"paper": paper.pk, "kept_upload": kept_token(first), "upload": fresh})
    assert again.context["state"]["text"] == SEED.read_text(encoding="utf-8")


def test_a_file_that_is_itself_the_error_is_not_kept(staff, paper, settings):
    settings.MAX_UPLOAD_BYTES = 10
    response = staff.post(
        URL, {"paper": paper.pk, "upload": SimpleUploadedFile("a.txt", b"x" * 99)}
    )
    assert "文件过大" in response.text and kept_token(response) is None


def test_a_forged_or_stale_token_keeps_nothing(staff, paper):
    forged = staff.post(
        URL, {"paper": paper.pk, "date": "2020-01-27", "page": 1, "kept_upload": "x"}
    )
    assert "请上传文件或粘贴版面文本" in forged.text
    assert kept_uploads.restore("../../secret_key") is None


def test_kept_files_older_than_a_day_are_removed():
    token = kept_uploads.keep(SimpleUploadedFile("a.txt", b"abc"))
    assert kept_uploads.restore(token).read() == b"abc"
    (path,) = kept_uploads.folder().iterdir()
    old = time.time() - kept_uploads.KEEP_FOR - 60
    os.utime(path, (old, old))
    assert kept_uploads.clean_old() == 1 and kept_uploads.restore(token) is None
