"""Staff merge two names of one person: mentions move, old URLs redirect, history kept."""

import pytest
from django.contrib.admin.models import LogEntry

from archive.models import Mention, Person
from archive.people import merge_people
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_a_merge_moves_every_mention_and_unites_roles():
    both = make_article(persons=[("王小平", ["市委书记"]), ("王晓平", ["市长"])])
    make_article(title="另一篇", persons=[("王晓平", ["市人大常委会主任"])])
    keep, other = Person.objects.get(name="王小平"), Person.objects.get(name="王晓平")
    merge_people(keep, [other])
    assert not Person.objects.filter(name="王晓平").exists()
    assert Mention.objects.filter(person=keep).count() == 2
    assert Mention.objects.get(article=both).roles == ["市委书记", "市长"]


def test_the_merged_persons_url_redirects_permanently(client):
    make_article(persons=[("王小平", []), ("王晓平", [])])
    keep, other = Person.objects.get(name="王小平"), Person.objects.get(name="王晓平")
    old_url = other.get_absolute_url()
    merge_people(keep, [other])
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == keep.get_absolute_url()
    third = make_person("王 小平")
    merge_people(third, [keep])  # the first alias follows on
    assert client.get(old_url)["Location"] == third.get_absolute_url()
    assert client.get("/people/无此人/").status_code == 404


def test_staff_merge_from_the_person_list_and_the_history_says_so(staff):
    make_article(persons=[("王小平", [])])
    make_article(title="第二篇", persons=[("王小平", [])])
    make_article(title="第三篇", persons=[("王晓平", [])])
    ids = list(Person.objects.values_list("pk", flat=True))
    response = staff.post(
        "/admin/archive/person/", {"action": "merge_people", "_selected_action": ids}
    )
    assert response.status_code == 302
    assert list(Person.objects.values_list("name", flat=True)) == ["王小平"]
    entry = LogEntry.objects.get()
    assert "王晓平" in entry.change_message and entry.user.username == "editor"
