"""The article's admin form: paragraphs one per line, roles as text, flags as boxes to clear."""

import pytest
from django.contrib.admin.models import LogEntry

from archive.models import Article, Mention
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/archive/article/{article.pk}/change/"


def form_data(staff, article, **changes):
    """The change form as the browser would send it back, with `changes` applied."""
    form = staff.get(change_url(article)).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif value is not None:
            data[name] = value
    mentions = list(article.mentions.all())
    data.update(
        {
            "mentions-TOTAL_FORMS": len(mentions),
            "mentions-INITIAL_FORMS": len(mentions),
            "mentions-MIN_NUM_FORMS": 0,
            "mentions-MAX_NUM_FORMS": 1000,
        }
    )
    for i, m in enumerate(mentions):
        data.update(
            {
                f"mentions-{i}-id": m.pk,
                f"mentions-{i}-article": article.pk,
                f"mentions-{i}-person": m.person_id,
                f"mentions-{i}-roles": "、".join(m.roles),
                f"mentions-{i}-order": m.order,
            }
        )
    data.update(changes)
    return data


def test_paragraphs_are_edited_one_per_line_not_as_json(staff):
    article = make_article(paragraphs=["第一段。", "第二段。"])
    html = staff.get(change_url(article)).content.decode()
    assert "第一段。\n第二段。" in html and '["第一段。"' not in html
    response = staff.post(
        change_url(article),
        form_data(staff, article, paragraphs="第一段。\r\n\r\n改过的第二段。\r\n第三段。"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.paragraphs == ["第一段。", "改过的第二段。", "第三段。"]


def test_a_flag_is_shown_in_chinese_and_cleared_by_unticking_it(staff):
    article = make_article(review=["no_byline", "cut_uncertain"])
    html = staff.get(change_url(article)).content.decode()
    assert "未识别署名" in html and '["no_byline"' not in html
    staff.post(change_url(article), form_data(staff, article, review=["cut_uncertain"]))
    article.refresh_from_db()
    assert article.review == ["cut_uncertain"]


def test_roles_are_edited_as_text(staff):
    article = make_article(persons=[("王小平", ["市委书记"])])
    data = form_data(staff, article)
    data["mentions-0-roles"] = "市委书记、市长，市人大常委会主任"
    staff.post(change_url(article), data)
    assert Mention.objects.get().roles == ["市委书记", "市长", "市人大常委会主任"]


def test_the_list_clears_flags_with_a_button_and_records_who(staff):
    flagged = make_article(review=["no_headline"])
    clean = make_article(title="无原因")
    response = staff.post(
        "/admin/archive/article/",
        {"action": "clear_review", "_selected_action": [flagged.pk, clean.pk]},
    )
    assert response.status_code == 302
    assert list(Article.objects.values_list("review", flat=True)) == [[], []]
    entry = LogEntry.objects.get()
    assert entry.object_id == str(flagged.pk) and "未找到标题" in entry.change_message
    assert entry.user.username == "editor"
