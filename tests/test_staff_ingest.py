"""Staff ingestion in the admin: upload, review beside the source, fix, publish; nothing early."""

import json

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Article, Issue, Newspaper
from archive.views.staff import seal_state
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

URL = "/admin/ingest/"


@pytest.fixture
def paper():
    return Newspaper.objects.create(name="焦作日报", slug="jzrb", place="河南焦作")


def upload(staff, paper, content=None, **extra):
    content = SEED.read_bytes() if content is None else content
    data = {"paper": paper.pk, "date": "2020-01-27", "page": 1, "page_name": "要闻"}
    data.update(extra)
    data["upload"] = SimpleUploadedFile("jzrb-2020-01-27-p1.txt", content)
    return staff.post(URL, data)


def state_of(response):
    """The review state as the form sends it back (signed)."""
    return response.context["state_token"]


def state_data(response):
    """The review state itself, to read or to change as the server would."""
    return json.loads(response.context["state_json"])


def test_the_preview_shows_items_beside_their_source_lines_and_writes_nothing(staff, paper):
    response = upload(staff, paper)
    assert response.status_code == 200
    page = response.content.decode()
    assert len(response.context["items"]) == 9
    assert "本报讯（记者杨丽娜、姚广" in page  # a source line, shown beside its item
    assert "未找到标题" in page  # review flags are shown, in Chinese
    assert not Issue.objects.exists()


def test_staff_can_fix_a_headline_and_publish(staff, paper):
    preview = upload(staff, paper)
    response = staff.post(
        URL,
        {
            "state": state_of(preview),
            "item-1-title": "我市召开新型冠状病毒感染的肺炎疫情防控电视电话会议",
            "action": "publish",
        },
    )
    assert response.status_code == 302
    second = Article.objects.get(order=2)
    assert second.title == "我市召开新型冠状病毒感染的肺炎疫情防控电视电话会议"
    assert "no_headline" not in second.review
    assert Article.objects.filter(published=True).count() == 9


def test_staff_can_merge_an_item_into_the_one_before(staff, paper):
    preview = upload(staff, paper)
    merged = staff.post(URL, {"state": state_of(preview), "action": "merge-2"})
    assert len(merged.context["items"]) == 8
    staff.post(URL, {"state": state_of(merged), "action": "draft"})
    assert Article.objects.count() == 8
    assert not Article.objects.filter(published=True).exists()


def test_staff_can_split_an_item_at_a_paragraph(staff, paper):
    preview = upload(staff, paper)
    first = state_data(preview)["page"]["articles"][0]
    split = staff.post(
        URL, {"state": state_of(preview), "action": "split-0", "item-0-split-at": "2"}
    )
    items = split.context["items"]
    assert len(items) == 10
    assert items[0]["article"]["paragraphs"] == first["paragraphs"][:1]
    assert items[1]["article"]["paragraphs"] == first["paragraphs"][1:]
    assert not Issue.objects.exists()


def test_a_pasted_page_works_like_an_upload(staff, paper):
    response = staff.post(
        URL,
        {
            "paper": paper.pk,
            "date": "2020-01-27",
            "page": 1,
            "text": SEED.read_text(encoding="utf-8"),
        },
    )
    assert len(response.context["items"]) == 9


def test_an_undecodable_upload_is_a_clear_error_and_changes_nothing(staff, paper):
    response = upload(staff, paper, content=b"\x00\xff\xfe\x89PNG" * 100)
    assert response.status_code == 200
    assert "无法识别文件编码" in response.content.decode()
    assert not Issue.objects.exists()


def test_an_oversized_upload_is_refused(staff, paper, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = upload(staff, paper)
    assert "文件过大" in response.content.decode()
    assert not Issue.objects.exists()


def test_a_corrupted_review_state_loses_nothing(staff, paper):
    response = staff.post(URL, {"state": "{not json", "action": "publish"})
    assert response.status_code == 302
    assert not Issue.objects.exists()


def test_a_review_state_changed_in_the_browser_is_refused(staff, paper):
    state = state_data(upload(staff, paper))
    state["page"]["articles"][0]["title"] = "改过的标题"
    for forged in (json.dumps(state), seal_state(state)[:-2] + "xx"):
        response = staff.post(URL, {"state": forged, "action": "publish"}, follow=True)
        assert "审核数据已损坏或被改动" in response.content.decode()
    assert not Issue.objects.exists()


def test_an_invalid_state_is_still_refused_with_the_json_path(staff, paper):
    # Signed states come from this server; the document is checked again all the same.
    preview = upload(staff, paper)
    state = state_data(preview)
    state["page"]["articles"][0]["paragraphs"] = "not a list"
    response = staff.post(URL, {"state": seal_state(state), "action": "publish"})
    assert "未能入库" in response.content.decode()
    assert "paragraphs" in response.content.decode()
    assert not Issue.objects.exists()


def test_staff_without_the_add_article_permission_cannot_ingest(client):
    user = User.objects.create_user("clerk", password="pw-for-tests", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "所提交的是空文件"),  # Django's own check, in Chinese
        (b"  \r\n\t\n\xe3\x80\x80\n", "文件是空的"),
        ("……\n——\n".encode(), "没有读出任何文章"),
    ],
    ids=["empty", "whitespace", "punctuation"],
)
def test_an_empty_or_unreadable_upload_stores_nothing_and_says_why(staff, paper, content, message):
    response = upload(staff, paper, content)
    assert response.status_code == 200
    assert "state_json" not in response.context  # no review screen, nothing to publish
    assert message in response.content.decode()
    assert not Issue.objects.exists()


def test_a_pasted_whitespace_page_is_refused(staff, paper):
    data = {"paper": paper.pk, "date": "2020-01-27", "page": 1, "text": "  \n\u3000\n"}
    response = staff.post(URL, data)
    assert "请上传文件或粘贴版面文本" in response.content.decode()
    assert not Issue.objects.exists()


def test_a_review_state_emptied_of_text_is_not_stored(staff, paper):
    state = state_data(upload(staff, paper))
    for article in state["page"]["articles"]:
        article.update(title="", kicker="", subtitle="", paragraphs=["……"])
    response = staff.post(URL, {"state": seal_state(state), "action": "publish"})
    assert "没有读出任何文章" in response.content.decode()
    assert not Issue.objects.exists()


def test_the_review_names_kinds_in_chinese(staff, paper):
    html = upload(staff, paper).content.decode()
    assert '<option value="article" selected>消息</option>' in html
    assert ">article</option>" not in html


def test_a_merge_on_the_review_screen_may_keep_the_second_headline(staff, paper):
    preview = upload(staff, paper)
    second = state_data(preview)["page"]["articles"][2]
    merged = staff.post(
        URL, {"state": state_of(preview), "action": "merge-2", "item-2-headline": "second"}
    )
    item = state_data(merged)["page"]["articles"][1]
    assert item["title"] == second["title"]


def test_the_upload_reads_paper_date_and_page_from_the_file_name(staff, paper):
    upload_file = SimpleUploadedFile("jzrb-2020-01-27-p1.txt", SEED.read_bytes())
    response = staff.post(URL, {"upload": upload_file})
    state = state_data(response)
    assert (state["paper"]["slug"], state["date"], state["page"]["number"]) == (
        "jzrb",
        "2020-01-27",
        1,
    )


def test_a_file_name_without_a_date_asks_for_one(staff, paper):
    response = staff.post(URL, {"paper": paper.pk, "upload": SimpleUploadedFile("p.txt", b"x")})
    assert "请填写出版日期" in response.content.decode()
    assert "请填写版次" in response.content.decode()


def test_the_only_paper_is_chosen_by_default(staff, paper):
    form = staff.get(URL).context["form"]
    assert form.fields["paper"].initial == paper.pk


def test_staff_who_may_only_add_cannot_replace_a_stored_page(client, staff, paper):
    preview = upload(staff, paper)
    staff.post(URL, {"state": state_of(preview), "action": "publish"})
    clerk = User.objects.create_user("clerk", password="pw-for-tests", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(clerk)
    again = upload(client, paper)
    response = client.post(
        URL, {"state": state_of(again), "action": "publish", "confirm_replace": "on"}
    )
    assert "替换需要“修改文章”权限" in response.content.decode()
    assert Article.objects.count() == 9  # the stored page is untouched


def test_a_publish_the_index_cannot_take_says_so_and_names_the_repair(
    staff, paper, monkeypatch, search_index
):
    from archive import search

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    preview = upload(staff, paper)
    monkeypatch.setattr(search, "apply", full_disk)
    response = staff.post(URL, {"state": state_of(preview), "action": "publish"}, follow=True)
    page = response.content.decode()
    assert "检索索引没有写入" in page and "check_index --repair" in page
    assert Article.objects.filter(published=True).count() == 9  # the page itself is kept
