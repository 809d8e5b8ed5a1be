"""When an event happened: relative and absolute date expressions resolved against the report date.

`resolve(text, report, future=False)` turns one expression ("yesterday", "last week", "in
March", "on Tuesday", "two years ago", "since 2014", "over the summer", "5 March 2019") into a
`(date, precision)` pair, precision one of `day`, `week`, `month`, `season`, `year`. The date
is the first day of the period (a week starts on the date seven days back). Expressions that
cannot be resolved give None; the event then keeps the report date with precision `report`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .grammar import MONTHS

MONTH_NUMBERS = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
MONTH_NUMBERS.update({name[:3]: i for name, i in list(MONTH_NUMBERS.items())})
MONTH_NUMBERS["sept"] = 9
WEEKDAY_NUMBERS = {name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "couple": 2}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year", "decade": "decade", "decades": "decade"}

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AGO = re.compile(r"\b(\d+|[a-z]+)\s+(days?|weeks?|months?|years?|decades?)\s+ago\b")


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + (day.month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


def _month_before(report: date, month: int, future: bool) -> date:
    """The named month nearest the report date: the last one for past events, the next for future."""
    year = report.year
    if future and month < report.month:
        year += 1
    elif not future and month > report.month:
        year -= 1
    return date(year, month, 1)


def resolve(text: str, report: date, future: bool = False) -> tuple[date, str] | None:
    """Resolve one date expression against the report date (see the module docstring)."""
    t = " ".join(text.lower().replace("the ", " ").split())
    if not t:
        return None
    m = _ISO.search(t)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        except ValueError:
            return None
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return report, "day"
    if t in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return report - timedelta(days=1), "day"
    if t in ("tomorrow",):
        return report + timedelta(days=1), "day"
    m = _AGO.search(t)
    if m:
        count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1))
        unit = UNITS[m.group(2)]
        if count is None:
            return None
        if unit == "day":
            return report - timedelta(days=count), "day"
        if unit == "week":
            return report - timedelta(weeks=count), "week"
        if unit == "month":
            return _shift_months(report, -count), "month"
        years = count * (10 if unit == "decade" else 1)
        return date(report.year - years, 1, 1), "year"
    for prefix, offset in (("last ", -1), ("past ", -1), ("previous ", -1), ("this ", 0), ("next ", 1), ("coming ", 1)):
        if t.startswith(prefix):
            found = _relative(t[len(prefix):], offset, report)
            if found:
                return found
    for season, month in SEASONS.items():
        if re.search(rf"\b{season}\b", t):
            year_match = _YEAR.search(t)
            year = int(year_match.group(1)) if year_match else _month_before(report, month, future).year
            return date(year, month, 1), "season"
    m = _DAY_MONTH.search(t)
    if m and m.group(2) in MONTH_NUMBERS:
        return _day(int(m.group(1)), MONTH_NUMBERS[m.group(2)], m.group(3), report, future)
    m = _MONTH_DAY.search(t)
    if m and m.group(1) in MONTH_NUMBERS:
        return _day(int(m.group(2)), MONTH_NUMBERS[m.group(1)], m.group(3), report, future)
    words = t.split()
    for word in words:
        if word in WEEKDAY_NUMBERS:
            delta = (report.weekday() - WEEKDAY_NUMBERS[word]) % 7
            if future:
                return report + timedelta(days=(WEEKDAY_NUMBERS[word] - report.weekday()) % 7), "day"
            return report - timedelta(days=delta), "day"
    for word in words:
        if word in MONTHS or word in ("sept",):
            year_match = _YEAR.search(t)
            month = MONTH_NUMBERS[word]
            if year_match:
                return date(int(year_match.group(1)), month, 1), "month"
            return _month_before(report, month, future), "month"
    m = _YEAR.search(t)
    if m:
        return date(int(m.group(1)), 1, 1), "year"
    return None


def _relative(unit: str, offset: int, report: date) -> tuple[date, str] | None:
    """ "last week", "this month", "next year", "last summer", "next Tuesday", "last March"."""
    if unit == "week":
        return report + timedelta(weeks=offset) - timedelta(days=report.weekday()), "week"
    if unit == "month":
        return _shift_months(report, offset), "month"
    if unit == "year":
        return date(report.year + offset, 1, 1), "year"
    if unit in SEASONS:
        start = SEASONS[unit]
        if offset < 0:
            year = report.year if start + 3 <= report.month else report.year - 1
        elif offset > 0:
            year = report.year if start > report.month else report.year + 1
        else:
            year = report.year - 1 if start == 12 and report.month <= 2 else report.year
        return date(year, start, 1), "season"
    if unit in WEEKDAY_NUMBERS:
        weekday = WEEKDAY_NUMBERS[unit]
        if offset > 0:
            return report + timedelta(days=(weekday - report.weekday()) % 7 or 7), "day"
        back = (report.weekday() - weekday) % 7
        return report - timedelta(days=back or (7 if offset < 0 else 0)), "day"
    if unit in MONTH_NUMBERS:
        month = MONTH_NUMBERS[unit]
        if offset < 0:
            return date(report.year if month < report.month else report.year - 1, month, 1), "month"
        if offset > 0:
            return date(report.year if month > report.month else report.year + 1, month, 1), "month"
        return date(report.year, month, 1), "month"
    return None


def _day(day: int, month: int, year: str | None, report: date, future: bool) -> tuple[date, str] | None:
    try:
        if year:
            return date(int(year), month, day), "day"
        resolved = date(report.year, month, day)
    except ValueError:
        return None
    if not future and resolved > report + timedelta(days=1):
        resolved = resolved.replace(year=report.year - 1)
    elif future and resolved < report:
        resolved = resolved.replace(year=report.year + 1)
    return resolved, "day"
