"""Dates and periods in questions: "on 17 February 2022", "Feb 17, 2022", "March 5", "in March",
"in February 2022", "last week", "yesterday".

:func:`period` turns the first one a question names into a :class:`Period` that an
article's ISO date either falls in or not. A day or month without a year matches
that day or month of any year; relative periods count back from the newest
article's date, since briefing material is read after the fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS = [
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH}\b"),
    re.compile(rf"\b{_MONTH} {_DAY}\b"),
    re.compile(rf"\b(?:in|during|of|from) {_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b(?:in|during|of|from) {_MONTH}\b"),
]
_RELATIVE = {"yesterday": (1, 1), "last week": (7, 13), "this week": (0, 6), "last month": (30, 59)}


@dataclass(frozen=True, slots=True)
class Period:
    """A day, a month or a range of days; ``year`` None means any year."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    start: str | None = None
    end: str | None = None

    def admits(self, iso: str | None) -> bool:
        """Whether an article dated ``iso`` (YYYY-MM-DD) falls in the period.

        >>> Period("17 February", month=2, day=17).admits("2022-02-17")
        True
        >>> Period("in March", month=3).admits("2026-04-01")
        False
        """
        if not iso or len(iso) < 10:
            return False
        if self.start is not None and self.end is not None:
            return self.start <= iso[:10] <= self.end
        y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
        return (
            (self.year is None or y == self.year)
            and (self.month is None or m == self.month)
            and (self.day is None or d == self.day)
        )


def period(question: str, latest: str | None = None) -> Period | None:
    """The first date or period ``question`` names, or None.

    >>> period("What happened on Feb 17, 2022?")
    Period(text='Feb 17, 2022', year=2022, month=2, day=17, start=None, end=None)
    >>> period("What was reported last week?", "2026-03-12").start
    '2026-02-27'
    >>> period("What did May say?") is None
    True
    """
    low = question.lower()
    for form in _FORMS:
        m = form.search(low)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["num"]) if groups.get("num") else MONTHS[groups["month"]]
        day = int(groups["day"]) if groups.get("day") else None
        if day is not None and not 1 <= day <= 31:
            continue
        year = int(groups["year"]) if groups.get("year") else None
        return Period(question[m.start() : m.end()], year, month, day)
    for phrase, (near, far) in _RELATIVE.items():
        if phrase in low and latest:
            newest = date.fromisoformat(latest[:10])
            first, last = newest - timedelta(days=far), newest - timedelta(days=near)
            return Period(phrase, start=first.isoformat(), end=last.isoformat())
    return None
