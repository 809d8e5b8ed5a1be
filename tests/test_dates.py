"""Date expressions resolved against the report date (2019-05-22 is a Wednesday)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.dates import resolve

REPORT = date(2019, 5, 22)


@pytest.mark.parametrize("text, future, expected", [
    ("yesterday", False, (date(2019, 5, 21), "day")),
    ("today", False, (date(2019, 5, 22), "day")),
    ("tomorrow", True, (date(2019, 5, 23), "day")),
    ("on Tuesday", False, (date(2019, 5, 21), "day")),
    ("Monday", False, (date(2019, 5, 20), "day")),
    ("Friday", True, (date(2019, 5, 24), "day")),
    ("last Wednesday", False, (date(2019, 5, 15), "day")),
    ("next Monday", True, (date(2019, 5, 27), "day")),
    ("last week", False, (date(2019, 5, 13), "week")),
    ("this week", False, (date(2019, 5, 20), "week")),
    ("last month", False, (date(2019, 4, 1), "month")),
    ("next month", True, (date(2019, 6, 1), "month")),
    ("last year", False, (date(2018, 1, 1), "year")),
    ("in March", False, (date(2019, 3, 1), "month")),
    ("in September", False, (date(2018, 9, 1), "month")),
    ("in September", True, (date(2019, 9, 1), "month")),
    ("last March", False, (date(2019, 3, 1), "month")),
    ("March 5", False, (date(2019, 3, 5), "day")),
    ("5 March 2014", False, (date(2014, 3, 5), "day")),
    ("March 5, 2014", False, (date(2014, 3, 5), "day")),
    ("on December 30", False, (date(2018, 12, 30), "day")),
    ("2019-04-01", False, (date(2019, 4, 1), "day")),
    ("since 2014", False, (date(2014, 1, 1), "year")),
    ("in 1991", False, (date(1991, 1, 1), "year")),
    ("two years ago", False, (date(2017, 1, 1), "year")),
    ("three days ago", False, (date(2019, 5, 19), "day")),
    ("a week ago", False, (date(2019, 5, 15), "week")),
    ("six months ago", False, (date(2018, 11, 1), "month")),
    ("over the summer", False, (date(2018, 6, 1), "season")),
    ("last summer", False, (date(2018, 6, 1), "season")),
    ("last winter", False, (date(2018, 12, 1), "season")),
    ("this spring", False, (date(2019, 3, 1), "season")),
    ("next summer", True, (date(2019, 6, 1), "season")),
    ("the summer of 2016", False, (date(2016, 6, 1), "season")),
])
def test_dates_resolve_against_the_report_date(text, future, expected):
    assert resolve(text, REPORT, future) == expected


@pytest.mark.parametrize("text", ["", "for a long time", "recently", "soon", "the 31st of February"])
def test_dates_unresolvable_expressions_give_none(text):
    assert resolve(text, REPORT) is None
