"""Staff split one name into two people: the chosen mentions move, both URLs work, the
history says so, the search knows the two apart, and the loader picks one of them."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction

from archive import search
from archive.ingest.interchange import build_issue_document
from archive.ingest.model import ParsedArticle, ParsedPage, PersonMention
from archive.loading import load_issue
from archive.models import Mention, Person
from archive.people import SplitError, split_person, split_selection
from archive.versions import history
from tests.factories import make_article, make_issue, make_page, make_paper

pytestmark = pytest.mark.django_db


def two_papers():
    """李贵鲜 in 人民日报 of 1998 (two articles) and in 焦作日报 of 2020 (one)."""
    rmrb = make_paper("人民日报", "rmrb", "北京")
    old = [
        make_article(
            make_page(1, make_issue(day, rmrb)), title=title, persons=[("李贵鲜", ["行长"])]
        )
        for day, title in (("1998-01-05", "金融工作会议"), ("1998-01-20", "货币政策"))
    ]
    city = make_article(
        make_page(2, make_issue("2020-01-27", make_paper())),
        title="社区防控",
        persons=[("李贵鲜", ["社区书记"])],
    )
    return Person.objects.get(name="李贵鲜"), old, city


def test_a_split_by_article_moves_only_that_articles_mention():
    person, old, city = two_papers()
    new, touched = split_person(
        person, split_selection(person, article_ids=[city.pk]), distinction="焦作日报 2020"
    )
    assert touched == [city.pk]
    assert Mention.objects.get(article=city).person == new
    assert {m.article_id for m in person.mentions.all()} == {a.pk for a in old}
    assert (new.name, new.distinction, new.slug) == ("李贵鲜", "焦作日报 2020", "李贵鲜-2")
    assert new.label == "李贵鲜（焦作日报 2020）" and person.label == "李贵鲜"


def test_a_split_by_date_range_and_paper_moves_what_falls_inside():
    person, old, city = two_papers()
    in_2020 = split_selection(person, date_from=datetime.date(2020, 1, 1))
    assert [m.article_id for m in in_2020] == [city.pk]
    early_january = split_selection(person, date_to=datetime.date(1998, 1, 10))
    assert [m.article_id for m in early_january] == [old[0].pk]
    by_paper = split_selection(person, paper=old[0].page.issue.newspaper)
    assert sorted(m.article_id for m in by_paper) == sorted(a.pk for a in old)
    new, touched = split_person(
        person, by_paper, distinction="人民日报 1998", old_distinction="焦作日报 2020"
    )
    person.refresh_from_db()
    assert touched == sorted(a.pk for a in old) and new.mentions.count() == 2
    assert person.label == "李贵鲜（焦作日报 2020）"


def test_a_split_that_would_move_nothing_or_everything_is_refused():
    person, old, city = two_papers()
    with pytest.raises(SplitError, match="没有选中"):
        split_person(person, split_selection(person, article_ids=[]), distinction="甲")
    everything = split_selection(person, date_from=datetime.date(1990, 1, 1))
    with pytest.raises(SplitError, match="至少要留一篇"):
        split_person(person, everything, distinction="甲")
    with pytest.raises(SplitError, match="区分说明"):
        split_person(person, split_selection(person, article_ids=[city.pk]), distinction=" ")
    assert Person.objects.count() == 1 and person.mentions.count() == 3


def test_two_people_may_share_a_name_but_not_a_name_and_distinction():
    Person.objects.create(name="李贵鲜", slug="a")
    Person.objects.create(name="李贵鲜", distinction="人民日报 1998", slug="b")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="李贵鲜", distinction="人民日报 1998", slug="c")
    # A namesake saved without a slug gets the next free one.
    assert Person.objects.create(name="李贵鲜", distinction="其他").slug == "李贵鲜"


def test_both_urls_answer_and_each_page_names_the_other(client):
    person, old, city = two_papers()
    new, _ = split_person(
        person, split_selection(person, article_ids=[city.pk]), distinction="焦作日报 2020"
    )
    old_page, new_page = client.get("/people/李贵鲜/"), client.get("/people/李贵鲜-2/")
    assert old_page.status_code == new_page.status_code == 200
    assert "金融工作会议" in old_page.text and "社区防控" not in old_page.text
    assert "社区防控" in new_page.text and "金融工作会议" not in new_page.text
    assert "（焦作日报 2020）" in new_page.text and person.get_absolute_url() in new_page.text
    assert "李贵鲜（焦作日报 2020）" in old_page.text
    index = client.get("/people/", {"name": "李贵鲜"}).text
    assert "李贵鲜（焦作日报 2020）" in index and new.get_absolute_url() in index


def test_the_staff_split_previews_then_moves_and_records_it(staff, client):
    person, old, city = two_papers()
    search.apply(syncs=[*(a.pk for a in old), city.pk])
    assert city.get_absolute_url() in client.get("/search/", {"person": "李贵鲜", "q": "社区"}).text
    url = f"/admin/people/{person.pk}/split/"
    form = staff.get(url)
    assert form.status_code == 200 and "社区防控" in form.text
    data = {"articles": [city.pk], "distinction": "焦作日报 2020", "old_distinction": ""}
    preview = staff.post(url, {**data, "step": "preview"})
    assert "将有 1 篇文章移到" in preview.text and "确认拆分" in preview.text
    assert Person.objects.count() == 1  # nothing moved before the confirmation
    done = staff.post(url, {**data, "step": "confirm"})
    new = Person.objects.get(distinction="焦作日报 2020")
    assert done.status_code == 302 and done["Location"].endswith(f"/person/{new.pk}/change/")
    notes = [e.change_message for e in LogEntry.objects.order_by("object_id")]
    assert len(notes) == 2 and all("拆分：1 篇文章" in n for n in notes)
    assert "拆分" in history(city.page).first().revision.comment
    found = client.get("/search/", {"q": "李贵鲜", "person": "李贵鲜（焦作日报 2020）"}).text
    assert city.get_absolute_url() in found and old[0].get_absolute_url() not in found
    facets = client.get("/search/", {"q": "李贵鲜"}).text
    assert "李贵鲜（焦作日报 2020）" in facets and old[0].get_absolute_url() in facets
    before = client.get("/search/", {"person": "李贵鲜", "q": "社区"}).text
    assert city.get_absolute_url() not in before
    client.logout()
    assert client.get(url).status_code == 302  # staff only


def test_the_staff_split_form_says_what_is_wrong(staff):
    person, old, city = two_papers()
    url = f"/admin/people/{person.pk}/split/"
    empty = staff.post(url, {"distinction": "甲", "step": "confirm"})
    assert "请勾选文章，或填写日期范围、报纸。" in empty.text
    everything = {"date_from": "1990-01-01", "distinction": "甲", "step": "confirm"}
    assert "至少要留一篇" in staff.post(url, everything).text
    assert Person.objects.count() == 1


def namesake_page(title, date, paper=("人民日报", "rmrb")):
    article = ParsedArticle(
        title=title, paragraphs=["李贵鲜讲话。"], persons=[PersonMention("李贵鲜", [])]
    )
    page = ParsedPage(1, "要闻", [article])
    return build_issue_document(paper[0], paper[1], date, None, [page])


def test_the_loader_gives_a_shared_name_to_the_person_most_mentioned_in_that_paper():
    person, old, city = two_papers()
    new, _ = split_person(
        person, split_selection(person, article_ids=[city.pk]), distinction="焦作日报 2020"
    )
    load_issue(namesake_page("又一篇", "1998-02-01"), index=False)
    assert Mention.objects.get(article__title="又一篇").person == person
    load_issue(namesake_page("城市版", "2020-02-01", ("焦作日报", "jzrb")), index=False)
    assert Mention.objects.get(article__title="城市版").person == new
    # A paper neither has been in: the one with the most mentions anywhere.
    load_issue(namesake_page("外地", "2020-03-01", ("新乡日报", "xxrb")), index=False)
    assert Mention.objects.get(article__title="外地").person == person
    assert Person.objects.filter(name="李贵鲜").count() == 2


def test_a_reingested_article_keeps_the_namesake_staff_gave_it():
    load_issue(namesake_page("第一篇", "1998-02-01"), index=False)
    load_issue(namesake_page("第二篇", "1998-02-02"), index=False)
    load_issue(namesake_page("第三篇", "1998-02-03"), index=False)
    person = Person.objects.get()
    moved = Mention.objects.get(article__title="第三篇")
    new, _ = split_person(
        person, split_selection(person, article_ids=[moved.article_id]), distinction="另一人"
    )
    load_issue(namesake_page("第三篇", "1998-02-03"), index=False)  # the same page again
    again = Mention.objects.get(article__title="第三篇")
    assert again.article_id == moved.article_id and again.person == new


def test_a_new_namesake_never_takes_the_old_slug_of_a_merged_person(client):
    from archive.people import merge_people

    person, old, city = two_papers()
    first, _ = split_person(
        person, split_selection(person, article_ids=[city.pk]), distinction="焦作日报 2020"
    )
    merge_people(person, [first])  # 李贵鲜-2 now leads to 李贵鲜
    second, _ = split_person(
        person, split_selection(person, article_ids=[old[0].pk]), distinction="又一人"
    )
    assert second.slug == "李贵鲜-3"
    assert client.get("/people/李贵鲜-2/")["Location"] == person.get_absolute_url()


def test_staff_who_may_not_change_people_cannot_split(client):
    from django.contrib.auth.models import User

    person, old, city = two_papers()
    client.force_login(User.objects.create_user("reader", password="pw-for-tests", is_staff=True))
    url = f"/admin/people/{person.pk}/split/"
    assert client.get(url).status_code == 403
    data = {"articles": [city.pk], "distinction": "甲", "step": "confirm"}
    assert client.post(url, data).status_code == 403 and Person.objects.count() == 1
