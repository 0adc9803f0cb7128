"""Fixed periods in Danish local time; no free ranges."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from lises_reflect import periods
from lises_reflect.periods import Period


def test_keys_round_trip_and_nest():
    for key in ("2026-01", "2026-12", "2026-Q1", "2026-Q4", "2026-H1", "2026-H2"):
        assert periods.parse(key).key == key
    q3 = periods.parse("2026-Q3")
    assert q3.month_keys == ("2026-07", "2026-08", "2026-09")
    assert q3.parent == periods.parse("2026-H2")
    assert periods.parse("2026-05").parent == periods.parse("2026-Q2")
    assert [p.key for p in periods.parse("2026-03").tree()] == [
        "2026-H1",
        "2026-Q1",
        "2026-Q2",
        *[f"2026-0{m}" for m in range(1, 7)],
    ]


@pytest.mark.parametrize(
    "bad", ["2026", "2026-13", "2026-Q5", "2026-H3", "2026-01-01..2026-02-01", ""]
)
def test_free_ranges_and_nonsense_are_refused(bad):
    with pytest.raises(ValueError):
        periods.parse(bad)


def test_boundaries_are_danish_local_time():
    jan = periods.parse("2026-01")
    assert jan.start() == datetime(2025, 12, 31, 23, 0, tzinfo=timezone.utc)
    assert jan.end() == datetime(2026, 1, 31, 23, 0, tzinfo=timezone.utc)
    # Summer time: July starts at 22:00 UTC on 30 June.
    assert periods.parse("2026-07").start() == datetime(2026, 6, 30, 22, 0, tzinfo=timezone.utc)
    assert periods.parse("2026-H2").end() == datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc)
    late = datetime(2026, 3, 31, 22, 30, tzinfo=timezone.utc)  # 00:30 on 1 April in Denmark
    assert periods.month_key(late) == "2026-04"


def test_labels_and_recent():
    assert periods.parse("2026-03").label("da") == "marts 2026"
    assert periods.parse("2026-Q2").label("da") == "2. kvartal 2026"
    assert periods.parse("2026-H2").label("en") == "H2 2026"
    now = datetime(2026, 2, 10, tzinfo=timezone.utc)
    assert [p.key for p in periods.recent("quarter", now, 3)] == ["2026-Q1", "2025-Q4", "2025-Q3"]
    assert [p.key for p in periods.recent("half", now, 3)] == ["2026-H1", "2025-H2", "2025-H1"]
    assert periods.recent("month", now, 2)[1] == Period(2026, "month", 1)
