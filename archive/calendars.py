"""Issues laid out by date for the 往期回顾 pages: month calendars and counts by month.

Each function takes the issues to show (a paper's visible issues) and reads them once.
"""

import calendar
import datetime
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass
class MonthCalendar:
    """One month as weeks of days; a day with an issue carries the issue's URL."""

    year: int
    month: int
    weeks: list = field(default_factory=list)

    @property
    def label(self):
        return f"{self.year}年{self.month}月"


def month_bounds(year, month):
    """The first and last day of a month: (2020-02-01, 2020-02-29)."""
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last_day)


def month_calendar(year, month, issues):
    """The month's weeks, Monday first; a day with one of `issues` links to it."""
    links = {issue.date: issue.get_absolute_url() for issue in issues}
    weeks = [
        [{"day": d.day if d.month == month else None, "date": d, "url": links.get(d)} for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return MonthCalendar(year, month, weeks)


def year_calendars(year, issues):
    """A calendar for each month of the year that has issues, January first (one query)."""
    by_month = {}
    for issue in issues.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
        by_month.setdefault(issue.date.month, []).append(issue)
    return [month_calendar(year, month, by_month[month]) for month in sorted(by_month)]


def issue_months(issues):
    """Years → months → the number of issues, newest first, for a paper's front door."""
    years = OrderedDict()
    for date in issues.values_list("date", flat=True).order_by("-date"):
        months = years.setdefault(date.year, OrderedDict())
        months[date.month] = months.get(date.month, 0) + 1
    return years
