"""Fixed reporting periods: month, quarter, half year, in Danish local time.

Leads and facilitators never choose free date ranges: two overlapping ranges could be
subtracted from each other to isolate one person's week. Periods nest (six months make a half
year, three a quarter), and `disclosure` relies on exactly that nesting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal
from zoneinfo import ZoneInfo

from lises_reflect.i18n import t

LOCAL = ZoneInfo("Europe/Copenhagen")

Kind = Literal["month", "quarter", "half"]
KINDS: tuple[Kind, ...] = ("month", "quarter", "half")

_MONTHS = {"month": 1, "quarter": 3, "half": 6}  # months in a period of each kind
_KEY = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12]))$")


@dataclass(frozen=True, order=True)
class Period:
    """`index` is 1–12 for a month, 1–4 for a quarter, 1–2 for a half year."""

    year: int
    kind: Kind
    index: int

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        return f"{self.year:04d}-{'Q' if self.kind == 'quarter' else 'H'}{self.index}"

    @property
    def first_month(self) -> int:
        return _MONTHS[self.kind] * (self.index - 1) + 1

    @property
    def months(self) -> tuple[Period, ...]:
        size = _MONTHS[self.kind]
        return tuple(Period(self.year, "month", self.first_month + i) for i in range(size))

    @property
    def month_keys(self) -> tuple[str, ...]:
        return tuple(m.key for m in self.months)

    @property
    def half(self) -> Period:
        return _of(self.year, self.first_month, "half")

    @property
    def children(self) -> tuple[Period, ...]:
        if self.kind == "half":
            q = 2 * self.index - 1
            return (Period(self.year, "quarter", q), Period(self.year, "quarter", q + 1))
        if self.kind == "quarter":
            return self.months
        return ()

    @property
    def parent(self) -> Period | None:
        if self.kind == "half":
            return None
        return _of(self.year, self.first_month, "quarter" if self.kind == "month" else "half")

    def start(self) -> datetime:
        """First instant, as an aware UTC datetime (the database stores UTC)."""
        return datetime(self.year, self.first_month, 1, tzinfo=LOCAL).astimezone(timezone.utc)

    def end(self) -> datetime:
        """First instant after the period."""
        last = self.months[-1]
        year, month = (last.year + 1, 1) if last.index == 12 else (last.year, last.index + 1)
        return datetime(year, month, 1, tzinfo=LOCAL).astimezone(timezone.utc)

    def tree(self) -> tuple[Period, ...]:
        """The whole half year this period belongs to: the half, its quarters, its months."""
        h = self.half
        return (h, *h.children, *h.months)

    def label(self, lang: str = "da") -> str:
        if self.kind == "month":
            return f"{t(f'period.month.{self.index}', lang)} {self.year}"
        label = "period.quarter_label" if self.kind == "quarter" else "period.half_label"
        return t(label, lang, index=self.index, year=self.year)

    def short_label(self, lang: str = "da") -> str:
        if self.kind == "month":
            return f"{t(f'period.month.{self.index}', lang)[:3]} {self.year}"
        return self.label(lang)


def parse(key: str) -> Period:
    """'2026-03', '2026-Q1' or '2026-H1'; anything else is refused (no free ranges)."""
    m = _KEY.match(str(key).strip())
    if not m:
        raise ValueError(f"not a period key: {key!r}")
    year = int(m.group(1))
    if m.group(2):
        return Period(year, "month", int(m.group(2)))
    if m.group(3):
        return Period(year, "quarter", int(m.group(3)))
    return Period(year, "half", int(m.group(4)))


def _of(year: int, month: int, kind: Kind) -> Period:
    """The period of a kind that holds month `month` (1–12) of `year`."""
    return Period(year, kind, (month - 1) // _MONTHS[kind] + 1)


def containing(moment: datetime, kind: Kind = "month") -> Period:
    """The local period a moment falls in; a naive moment is read as UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    local = aware.astimezone(LOCAL)
    return _of(local.year, local.month, kind)


def month_key(moment: datetime) -> str:
    """The local month a moment falls in, as 'YYYY-MM'."""
    return containing(moment, "month").key


def recent(kind: Kind, now: datetime | None = None, count: int = 8) -> list[Period]:
    """The current period of a kind and the ones before it, newest first."""
    current = containing(now or datetime.now(timezone.utc), kind)
    out = [current]
    while len(out) < count:
        p = out[-1]
        last = 12 // _MONTHS[kind]  # the index of a year's last period
        out.append(
            Period(p.year - 1, kind, last) if p.index == 1 else Period(p.year, kind, p.index - 1)
        )
    return out
