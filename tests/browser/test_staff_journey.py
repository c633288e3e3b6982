"""A staff journey in a real Chromium: upload an issue of three pages, fix a headline, merge,
split, publish together, re-upload a page with a change (the diff shown, confirmed), then
restore the replaced version from the history: the page comes back exactly. Then the
people: split one name into two people, and merge them back into one."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from archive.exports import stored_issue_document
from archive.models import Issue, Mention, Page, Person
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import SEED
from tests.test_staff_issue import PAGE_THREE, PAGE_TWO

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("STAFF_SCREENSHOT_DIR", "/tmp/shots-C"))
FIXED = "我市召开新型冠状病毒感染的肺炎疫情防控电视电话会议"


def shoot(page, name):
    """The same screen at desktop and phone width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in(page, base):
    User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests")
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-for-tests")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_staff_upload_fix_merge_split_publish_reupload_and_restore(
    live_server, open_page, tmp_path
):
    files = {"jzrb-2020-01-27-p1.txt": SEED.read_text(encoding="utf-8"),
             "jzrb-2020-01-27-p2.txt": PAGE_TWO, "jzrb-2020-01-27-p3.txt": PAGE_THREE}  # fmt: skip
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    page = open_page()
    log_in(page, live_server.url)

    page.goto(live_server.url + "/admin/ingest/issue/")
    shoot(page, "issue-upload")
    page.set_input_files("#id_files", [str(tmp_path / name) for name in files])
    page.click("input[type=submit]")
    assert "整期上传：第 1 版，共 3 版" in page.content()

    page.fill('input[name="item-1-title"]', FIXED)
    page.click('button[value="apply"]')
    items = page.locator("section.review-item").count()
    page.click('button[value="merge-3"]')
    assert page.locator("section.review-item").count() == items - 1
    page.fill('input[name="item-0-split-at"]', "2")
    page.click('button[value="split-0"]')
    assert page.locator("section.review-item").count() == items
    shoot(page, "review-batch")
    page.click('button[value="next"]')
    page.click('button[value="next"]')
    page.click('button[value="publish"]')
    page.wait_for_url("**/jzrb/2020-01-27/?preview=1")
    assert Page.objects.count() == 3
    assert FIXED in page.content()
    before = stored_issue_document(Issue.objects.get())

    changed = files["jzrb-2020-01-27-p1.txt"].replace("焦作日报", "焦作日报社", 1) + (
        "\n新增简讯\n本报讯 市图书馆即日起暂停开放，恢复时间另行通知，读者可在网上阅读。\n"
    )
    (tmp_path / "jzrb-2020-01-27-p1.txt").write_text(changed, encoding="utf-8")
    page.goto(live_server.url + "/admin/ingest/")
    page.set_input_files("#id_upload", str(tmp_path / "jzrb-2020-01-27-p1.txt"))
    page.click("input[type=submit]")
    # The new brief is new; so are the items the merge and split had changed.
    assert "本版已入库并已发布" in page.content() and "新增 2 条" in page.content()
    shoot(page, "review-reupload")
    page.click('button[value="publish"]')
    assert "请先查看下方与已存版本的差异" in page.content()
    page.check('input[name="confirm_replace"]')
    page.click('button[value="publish"]')
    page.wait_for_url("**/jzrb/2020-01-27/1/?preview=1")
    assert stored_issue_document(Issue.objects.get()) != before

    page.goto(live_server.url + f"/admin/pages/{Page.objects.get(number=1).pk}/versions/")
    shoot(page, "versions")
    page.locator("table.version-history tbody tr").nth(1).get_by_role("button").click()
    page.wait_for_url("**/versions/")
    assert "已恢复" in page.content()
    assert stored_issue_document(Issue.objects.get()) == before
    page.goto(live_server.url + "/jzrb/2020-01-27/1/?preview=1")
    shoot(page, "preview-page")
    split_and_merge_a_person(page, live_server.url)


def split_and_merge_a_person(page, base):
    """王付举 of the first article becomes 王付举（另一人）, then the two are one again."""
    person = Person.objects.get(name="王付举")
    articles = person.mentions.values("article").distinct().count()
    assert articles >= 2
    page.goto(base + f"/admin/archive/person/{person.pk}/change/")
    page.click("text=拆分为两人…")
    page.wait_for_url(f"**/admin/people/{person.pk}/split/")
    page.locator('input[name="articles"]').first.check()
    page.fill("#id_distinction", "另一人")
    page.click('button[value="preview"]')
    assert "将有 1 篇文章移到“王付举（另一人）”名下" in page.content()
    assert Person.objects.filter(name="王付举").count() == 1  # nothing before the confirmation
    shoot(page, "person-split")
    page.click('button[value="confirm"]')
    page.wait_for_url("**/admin/archive/person/*/change/")
    assert "已拆分" in page.content()
    shoot(page, "person-split-done")
    new = Person.objects.get(name="王付举", distinction="另一人")
    assert new.mentions.values("article").distinct().count() == 1 and new.slug == "王付举-2"
    page.goto(base + new.get_absolute_url())
    assert "（另一人）" in page.content() and "另有同名人物" in page.content()
    shoot(page, "person-split-public")

    page.goto(base + "/admin/archive/person/?q=王付举")
    page.check("#action-toggle")
    page.select_option('select[name="action"]', "merge_people")
    page.click('button[name="index"]')
    page.wait_for_url("**/admin/archive/person/**")
    assert "并入" in page.content()
    kept = Person.objects.get(name="王付举")
    assert Mention.objects.filter(person=kept).values("article").distinct().count() == articles
    page.goto(base + "/people/王付举-2/")  # the split-off person's URL leads to the one kept
    assert page.url == base + kept.get_absolute_url()
    assert page.locator("h1").inner_text().strip() == "王付举"
