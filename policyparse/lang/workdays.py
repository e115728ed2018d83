"""China's working days: public holidays and make-up working days from a versioned table.

``data/holidays_cn.json`` lists every holiday and every make-up working day
(调休上班) of the years it covers, from the State Council's annual notices.
Outside those years a working day is Monday to Friday, and the caller is told.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from ..lexicon import json_data


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[dt.date], frozenset[dt.date], dt.date, dt.date, str]:
    data = json_data("holidays_cn.json")
    holidays = frozenset(dt.date.fromisoformat(d) for d in data["holidays"])
    workdays = frozenset(dt.date.fromisoformat(d) for d in data["workdays"])
    return holidays, workdays, dt.date.fromisoformat(data["first"]), dt.date.fromisoformat(data["last"]), data["version"]


def table_version() -> str:
    return _table()[4]


def is_workday(day: dt.date) -> bool:
    """True on a working day: a weekday that is not a holiday, or a make-up working day."""
    holidays, workdays, _, _, _ = _table()
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def covered(day: dt.date) -> bool:
    _, _, first, last, _ = _table()
    return first <= day <= last


def add_workdays(start: dt.date, n: int) -> tuple[dt.date, Optional[str]]:
    """The ``n``-th working day after ``start`` (``start`` itself not counted).

    Returns the date and a warning when the count left the table's years (then
    Monday to Friday are assumed).

    >>> add_workdays(dt.date(2024, 9, 27), 3)  # across the National Day holiday
    (datetime.date(2024, 10, 8), None)
    """
    day = start
    warning: Optional[str] = None
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if not covered(day) and warning is None:
            warning = f"working days counted Monday to Friday outside the holiday table ({table_version()})"
        if is_workday(day):
            counted += 1
    return day, warning
