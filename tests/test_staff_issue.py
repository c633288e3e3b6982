"""Staff upload a whole issue: several page files or a zip, reviewed page by page, stored
together; names give paper, date and page as for `manage.py ingest`."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Article, Page
from tests.conftest import SEED

pytestmark = pytest.mark.django_db
URL = "/admin/ingest/issue/"
PAGE_TWO = """疫情防控知识问答
本报讯 市卫健委提醒广大市民，出门佩戴口罩，勤洗手，少聚集，发现发热症状及时就医。
"""
PAGE_THREE = """春节期间图书馆暂停开放
本报讯 市图书馆即日起暂停开放，恢复时间另行通知，读者可通过网上图书馆阅读电子书。
"""


def files():
    return [
        SimpleUploadedFile("jzrb-2020-01-27-p3.txt", PAGE_THREE.encode()),
        SimpleUploadedFile("jzrb-2020-01-27-p1.txt", SEED.read_bytes()),
        SimpleUploadedFile("jzrb-2020-01-27-p2.txt", PAGE_TWO.encode()),
    ]


def review_all(staff, response, action="publish"):
    """Step through the pages with 下一版, then store them all."""
    seen = []
    while True:
        state = json.loads(response.context["state_json"])
        seen.append(state["page"]["number"])
        if not state.get("queue"):
            return seen, staff.post(
                "/admin/ingest/", {"state": response.context["state_token"], "action": action}
            )
        response = staff.post(
            "/admin/ingest/", {"state": response.context["state_token"], "action": "next"}
        )


def test_three_page_files_are_reviewed_page_by_page_and_stored_together(staff):
    response = staff.post(URL, {"files": files()})
    assert "整期上传：第 1 版，共 3 版" in response.content.decode()
    assert not Page.objects.exists()
    seen, stored = review_all(staff, response)
    assert seen == [1, 2, 3]
    assert stored["Location"] == "/jzrb/2020-01-27/?preview=1"
    assert list(Page.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert Article.objects.filter(published=True).count() == Article.objects.count() > 9


def test_publishing_before_every_page_is_reviewed_is_refused(staff):
    response = staff.post(URL, {"files": files()})
    refused = staff.post(
        "/admin/ingest/", {"state": response.context["state_token"], "action": "publish"}
    )
    assert "还有 2 版未审" in refused.content.decode()
    assert not Page.objects.exists()


def test_a_zip_of_an_issue_works_like_its_files(staff):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for upload in files():
            archive.writestr(f"jzrb-0127/{upload.name}", upload.read())
    response = staff.post(URL, {"files": [SimpleUploadedFile("issue.zip", packed.getvalue())]})
    seen, _ = review_all(staff, response, action="draft")
    assert seen == [1, 2, 3]
    assert Page.objects.count() == 3 and not Article.objects.filter(published=True).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page-one.txt", PAGE_TWO, "文件名里读不出报纸、日期和版次"),
        ("jzrb-2020-01-28-p2.txt", PAGE_TWO, "不属于同一期"),
        ("jzrb-2020-01-27-p2.txt", " \n ", "文件是空的"),
    ],
)
def test_a_file_that_does_not_fit_the_issue_stores_nothing(staff, name, content, message):
    uploads = [SimpleUploadedFile("jzrb-2020-01-27-p1.txt", SEED.read_bytes())]
    uploads.append(SimpleUploadedFile(name, content.encode()))
    response = staff.post(URL, {"files": uploads})
    assert message in response.content.decode()
    assert not Page.objects.exists()
