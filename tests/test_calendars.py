"""calendars: months as weeks of days, with a link on each day that has an issue."""

import datetime

import pytest

from archive.calendars import issue_months, month_bounds, month_calendar, year_calendars
from archive.models import Issue
from tests.factories import make_issue


def test_month_bounds_know_leap_years():
    assert month_bounds(2020, 2) == (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))


def test_a_month_starts_its_weeks_on_monday_and_links_issue_days():
    class Day:
        date = datetime.date(2020, 1, 27)

        def get_absolute_url(self):
            return "/jzrb/2020-01-27/"

    calendar = month_calendar(2020, 1, [Day()])
    assert calendar.label == "2020年1月"
    assert [cell["day"] for cell in calendar.weeks[0]] == [None, None, 1, 2, 3, 4, 5]
    linked = [cell for week in calendar.weeks for cell in week if cell["url"]]
    assert [(c["day"], c["url"]) for c in linked] == [(27, "/jzrb/2020-01-27/")]


@pytest.mark.django_db
def test_a_year_has_a_calendar_for_each_month_with_issues_and_counts_by_month():
    for day in ("2020-01-26", "2020-01-27", "2020-03-01", "2019-12-31"):
        make_issue(day)
    assert [c.month for c in year_calendars(2020, Issue.objects.all())] == [1, 3]
    assert issue_months(Issue.objects.all()) == {2020: {3: 1, 1: 2}, 2019: {12: 1}}
