"""Re-uploading a stored page: the differences and the corrections at stake are shown before
anything is stored; staff confirm; their admin corrections survive unless they drop them."""

import pytest

from archive import versions
from archive.models import Article, Page
from tests.commands.helpers import archive_snapshot
from tests.test_admin_article_form import form_data
from tests.test_staff_ingest import URL, paper, state_of, upload  # noqa: F401

pytestmark = pytest.mark.django_db
CORRECTED = "人工改好的副题：春节期间坚守岗位"


@pytest.fixture
def corrected(staff, paper):  # noqa: F811
    """The demo page published, then one article corrected in the admin."""
    staff.post(URL, {"state": state_of(upload(staff, paper)), "action": "publish"})
    article = Article.objects.get(number=3)
    data = form_data(staff, article, subtitle=CORRECTED)
    assert staff.post(f"/admin/archive/article/{article.pk}/change/", data).status_code == 302
    return article


def test_publishing_lands_on_the_page_just_stored(staff, paper):  # noqa: F811
    response = staff.post(URL, {"state": state_of(upload(staff, paper)), "action": "draft"})
    assert response["Location"] == "/jzrb/2020-01-27/1/?preview=1"
    assert staff.get(response["Location"]).status_code == 200


def test_the_review_shows_the_differences_and_the_corrections_before_storing(
    staff,
    paper,  # noqa: F811
    corrected,
):
    before = archive_snapshot()
    changed = upload(staff, paper).content  # the same file: nothing but the correction differs
    html = changed.decode()
    assert "本版已入库并已发布" in html
    assert "新增 0 条，删去 0 篇，改动 1 篇" in html  # the corrected subtitle
    assert "将保留的人工修改：副题“" + CORRECTED in html
    assert "确认替换" in html
    assert archive_snapshot() == before


def test_storing_a_reupload_needs_confirmation(staff, paper, corrected):  # noqa: F811
    before = archive_snapshot()
    response = staff.post(URL, {"state": state_of(upload(staff, paper)), "action": "publish"})
    assert (
        response.status_code == 200 and "请先查看下方与已存版本的差异" in response.content.decode()
    )
    assert archive_snapshot() == before


def test_corrections_survive_a_reupload_and_urls_stay(staff, paper, corrected):  # noqa: F811
    urls = sorted(a.get_absolute_url() for a in Article.objects.with_place())
    state = state_of(upload(staff, paper))
    staff.post(URL, {"state": state, "action": "publish", "confirm_replace": "1"})
    assert Article.objects.get(pk=corrected.pk).subtitle == CORRECTED
    assert sorted(a.get_absolute_url() for a in Article.objects.with_place()) == urls
    comments = [v.revision.comment for v in versions.history(corrected.page)]
    assert comments[:2] == ["后台修改（重新上传时保留的人工修改）", "入库（发布）"]


def test_staff_may_drop_their_corrections(staff, paper, corrected):  # noqa: F811
    state = state_of(upload(staff, paper))
    post = {"state": state, "action": "publish", "confirm_replace": "1", "drop_corrections": "1"}
    staff.post(URL, post)
    assert Article.objects.get(pk=corrected.pk).subtitle != CORRECTED


def test_a_changed_text_lists_new_and_removed_items(staff, paper, corrected):  # noqa: F811
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    extra = "\n新增简讯标题\n本报讯 市图书馆即日起暂停开放，恢复时间另行通知。图书馆提醒读者在家阅读。\n"
    html = upload(staff, paper, (text + extra).encode()).content.decode()
    assert "新增 1 条" in html and "新增</span>" in html


def test_a_stored_draft_reopens_in_the_review_and_publishes_with_its_urls(staff, paper):  # noqa: F811
    staff.post(URL, {"state": state_of(upload(staff, paper)), "action": "draft"})
    page = Page.objects.get()
    urls = sorted(a.get_absolute_url() for a in page.articles.all())
    reopened = staff.get(f"/admin/pages/{page.pk}/review/")
    assert reopened.status_code == 200
    assert len(reopened.context["items"]) == 9
    assert "本报讯（记者杨丽娜、姚广" in reopened.content.decode()  # the page's text beside
    staff.post(URL, {"state": state_of(reopened), "action": "publish", "confirm_replace": "1"})
    assert Article.objects.filter(published=True).count() == 9
    assert sorted(a.get_absolute_url() for a in Article.objects.all()) == urls
