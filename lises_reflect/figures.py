"""The only shape in which numbers reach a team lead or facilitator: a small, suppressed figure.

A `Figure` is built by `insights` after `disclosure` has decided what may be shown. It holds
labels (months, categories, team names) and values, never a person, a per-person count or a
per-conversation number; the same object feeds the chart, the CSV download and the seminar
pack, so "the data shown" and "the data downloaded" cannot drift apart.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from lises_reflect.export import defuse_cell
from lises_reflect.i18n import t

Status = Literal["shown", "too_few", "complement", "small_team", "open"]


@dataclass(frozen=True)
class Bar:
    label: str  # what the bar stands for: a month, a lens, a tag, a band … (reader's language)
    value: float | None  # None when hidden
    status: Status = "shown"
    group: str = ""  # a team name in a facilitator's comparison, else ''
    text: str = ""  # how the value is written on the chart/CSV (e.g. "3,8" or "75–100 %")
    note: str = ""  # what the value rests on, e.g. "12 svar": under the label, not on the bar


@dataclass(frozen=True)
class Figure:
    key: str  # sessions | participation | lenses | tags | outcomes | process
    title: str
    reading: str  # one plain-language sentence: what the figure says, or why it is empty
    label_title: str  # axis/column title for the labels, e.g. "Måned"
    value_title: str  # axis/column title for the values, e.g. "Antal samtaler"
    bars: tuple[Bar, ...] = ()
    period_label: str = ""  # e.g. "1. kvartal 2026"
    grouped: bool = False  # True: bars carry team names (facilitator comparison)
    lang: str = "da"
    scale_max: float | None = None  # fixed value axis (e.g. 5 for the process check)
    k: int = 5  # the threshold in force, for the "hidden: fewer than k" wording
    notes: tuple[str, ...] = field(default=())  # why some bars are hidden, in plain words

    @property
    def has_values(self) -> bool:
        """Whether any number is shown (else every bar is hidden, or there are none)."""
        return any(b.value is not None for b in self.bars)

    def status_text(self, status: Status) -> str:
        return t(f"figure.status.{status}", self.lang, k=self.k)

    def frame(self) -> pd.DataFrame:
        """Exactly what the chart shows, with the reader's column names."""
        cols = [self.label_title]
        if self.grouped:
            cols.append(t("figure.team", self.lang))
        cols += [self.value_title, t("figure.shown_as", self.lang), t("figure.status", self.lang)]
        rows = []
        for b in self.bars:
            row: list[object] = [b.label]
            if self.grouped:
                row.append(b.group)
            text = b.text or format_value(b.value, self.lang)
            row += [b.value, f"{text} ({b.note})" if b.note else text, self.status_text(b.status)]
            rows.append(row)
        return pd.DataFrame(rows, columns=cols)

    def csv(self) -> bytes:
        """UTF-8 with BOM (Excel opens Danish letters right); ';' as Danish Excel expects."""
        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\r\n")
        frame = self.frame()
        w.writerow([defuse_cell(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            w.writerow(
                [
                    "" if v is None or v != v else defuse_cell(format_value(v, self.lang))
                    for v in row
                ]
            )
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def format_value(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
        return text.replace(".", ",") if lang == "da" else text
    return str(value)
