"""The admin: staff see every model; anonymous visitors and non-staff users are turned away."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:archive_newspaper_changelist",
    "admin:archive_issue_changelist",
    "admin:archive_page_changelist",
    "admin:archive_article_changelist",
    "admin:archive_person_changelist",
    "admin:archive_mention_changelist",
    "admin-ingest",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_see_every_admin_page(staff, name):
    make_article(persons=[("王小平", ["市委书记"])], reporters=["董柏生"])
    response = staff.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_logged_in_readers_without_staff_status_are_turned_away(client, name):
    client.force_login(User.objects.create_user("reader", password="pw-for-tests-only"))
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_article_change_pages_render_with_inlines(staff):
    article = make_article(persons=[("徐衣显", ["市委副书记", "市长"])])
    response = staff.get(reverse("admin:archive_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert "徐衣显" in response.content.decode()


def test_article_list_searches_titles_and_names(staff):
    make_article(title="王小平到马村区督导检查疫情防控工作", persons=[("王小平", ["市委书记"])])
    make_article(title="敬告读者")
    url = reverse("admin:archive_article_changelist")
    page = staff.get(url, {"q": "马村区"}).content.decode()
    assert "王小平到马村区督导检查疫情防控工作" in page and "敬告读者" not in page
    by_name = staff.get(url, {"q": "王小平"}).content.decode()
    assert "王小平到马村区督导检查疫情防控工作" in by_name


def test_article_list_searches_the_body_text(staff):
    # On SQLite the paragraphs are JSON text: written with \u escapes, no Chinese matched.
    make_article(title="本报讯", paragraphs=["市区严把疫情输入关，筑牢防线。"])
    make_article(title="敬告读者", paragraphs=["本报自即日起调整版面。"])
    url = reverse("admin:archive_article_changelist")
    page = staff.get(url, {"q": "疫情输入"}).content.decode()
    assert "本报讯" in page and "敬告读者" not in page


def test_review_filter_lists_flagged_articles(staff):
    make_article(title="有标题")
    make_article(title="", review=["no_headline"], paragraphs=["本报讯 会议召开。"])
    page = staff.get(reverse("admin:archive_article_changelist"), {"review": "flagged"})
    text = page.content.decode()
    assert "未找到标题" in text and "no_headline" not in text and "有标题" not in text


def test_person_list_counts_mentions(staff):
    make_person("胡小平")
    response = staff.get(reverse("admin:archive_person_changelist"))
    assert "胡小平" in response.content.decode()
