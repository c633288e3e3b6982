"""A search past its time budget answers with what it found so far and says so; never a 500."""

import pytest
from django.urls import reverse

from archive import search
from archive.search import budget
from archive.search.whoosh_writing import open_index
from tests.factories import make_article

# The budget is checked between Whoosh segments (tantivy answers these in a millisecond).
pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh")]

TEXTS = [
    "防控工作会议在北京召开，会议要求做好疫情防控。",
    "郑州市召开防控工作会议。",
    "焦作市防控工作有序推进。",
    "春节期间，防控工作不放松。",
    "新乡防控工作座谈会。",
    "防控工作人员坚守岗位。",
]


@pytest.fixture
def segmented(search_index):
    """Six articles that all hold 防控工作, in three commits: three segments."""
    made = [make_article(title="", paragraphs=[t]) for t in TEXTS]
    for i in range(0, len(made), 2):
        search.index_articles([made[i].pk, made[i + 1].pk])
    assert len(open_index(search_index)._segments()) == 3
    return made


@pytest.fixture
def stops_after(monkeypatch):
    """Make every search's deadline pass after ``n`` budget checks (a clock that counts
    checks, so the test does not depend on the machine's speed). "防控工作" on the three
    segments below takes two checks a segment."""

    def arrange(n):
        def expired(self):
            self.checks = getattr(self, "checks", 0) + 1
            return self.seconds is not None and self.checks > n

        monkeypatch.setattr(budget.Deadline, "expired", expired)

    return arrange


def test_a_search_within_its_budget_is_complete(segmented):
    result = search.search("防控工作")
    assert result.total == 6 and result.complete
    assert not any("不完整" in note for note in result.notes)


def test_a_search_past_its_budget_returns_the_matches_found_so_far(segmented, stops_after):
    everything = {a.pk for a in segmented}
    stops_after(3)
    result = search.search("防控工作")
    assert not result.complete
    assert "结果不完整：查询过于复杂，已在 8 秒内停止，只列出了已经找到的文章。" in result.notes
    # The segments read whole before the deadline: exact matches, fewer than all of them.
    found = {hit.id for hit in result.hits}
    assert 0 < result.total < 6 and len(found) == result.total and found <= everything


def test_a_search_stopped_at_once_is_an_empty_answer_with_the_note(segmented, stops_after):
    stops_after(0)
    result = search.search("防控 工作 会议")
    assert result.total == 0 and result.hits == [] and not result.complete


def test_the_budget_comes_from_settings(segmented, settings, stops_after):
    settings.SEARCH_TIME_BUDGET = 2.5
    stops_after(0)
    assert "已在 2.5 秒内停止" in search.search("防控").notes[-1]
    settings.SEARCH_TIME_BUDGET = 0  # off: no deadline, whatever the clock says
    assert search.search("防控").complete


def test_ranking_past_the_budget_falls_back_to_date_order(segmented, monkeypatch):
    from archive.search import whoosh_backend

    def slow_ranking(*args, **kwargs):
        # The clock passes the deadline while the matches are being ranked.
        monkeypatch.setattr(budget.Deadline, "expired", lambda self: True)
        budget.check()

    monkeypatch.setattr(whoosh_backend, "_page_of", slow_ranking)
    result = search.search("防控工作")
    # Every match was found; only their order is not by relevance.
    assert result.total == 6 and len(result.hits) == 6 and not result.complete


def test_the_page_and_the_api_show_the_note_with_200(client, segmented, stops_after):
    stops_after(3)
    page = client.get(reverse("archive:search"), {"q": "防控工作"})
    assert page.status_code == 200
    assert "结果不完整：查询过于复杂" in page.content.decode()
    data = client.get(reverse("archive:api-search"), {"q": "防控工作"}).json()
    assert data["complete"] is False and 0 < data["total"] < 6
    assert any(note.startswith("结果不完整") for note in data["notes"])


def test_a_complete_answer_says_so_in_the_api(client, segmented):
    data = client.get(reverse("archive:api-search"), {"q": "防控工作"}).json()
    assert data["complete"] is True and data["total"] == 6


def test_check_outside_a_search_does_nothing():
    budget.check()  # no deadline running: a benchmark calling the engine directly
    assert not budget.expired()
