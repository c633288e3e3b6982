"""The person admin after a merge, photographed at desktop and phone width."""

import pytest

from archive.models import Person
from archive.people import merge_people
from tests.browser.test_staff_journey import log_in, shoot
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_merged_person_lists_its_old_names(live_server, open_page):
    make_article(persons=[("王小平", ["市委书记"]), ("王晓平", [])])
    keep = Person.objects.get(name="王小平")
    merge_people(keep, [Person.objects.get(name="王晓平")])
    page = open_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/archive/person/")
    assert "合并所选人物" in page.content()
    shoot(page, "person-list")
    page.goto(live_server.url + f"/admin/archive/person/{keep.pk}/change/")
    assert "王晓平" in page.content() and "人物旧网址" in page.content()
    shoot(page, "person-change")
