"""In Chromium: a file chosen on the upload form survives an error in another field; staff
fix the field and submit without choosing the file again."""

import pytest

from archive.models import Newspaper
from tests.browser.test_staff_journey import log_in, shoot
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chosen_file_is_kept_after_a_missing_date(live_server, open_page, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    Newspaper.objects.create(name="焦作日报", slug="jzrb", place="河南焦作")
    chosen = tmp_path / "第一版.txt"  # a name that gives no date
    chosen.write_bytes(SEED.read_bytes())
    page = open_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/ingest/")
    page.fill("#id_page", "1")
    page.set_input_files("#id_upload", str(chosen))
    page.click("input[type=submit]")
    assert "请填写出版日期" in page.content() and "已保留文件" in page.content()
    shoot(page, "upload-kept-file")
    page.fill("#id_date", "2020-01-27")
    page.click("input[type=submit]")  # no file chosen this time
    assert "确认发布" in page.content()
