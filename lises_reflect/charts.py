"""Altair charts of already suppressed `Figure`s, and the same charts as PNG, offline.

Readable without colour: every shown bar carries its value as text, hidden bars say "skjult",
and in a facilitator's comparison the team name is part of the row label, never only a hue.
Bars keep the order they come in (catalogue or calendar order): sorting teams by value would
make a league table. The inline data is only the figure's own rows, so a chart stays far
below 50 KB; nothing is fetched, so the PNG renders without a network.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any

import altair as alt

from lises_reflect.export import FONT_DIR
from lises_reflect.figures import (
    Figure,
    format_value,  # the CSV's wording, so both agree
)
from lises_reflect.i18n import t

BAR = "#3b6e8f"  # one calm blue (safe for every colour vision); meaning never depends on it
ROW_PX = 26  # one row per bar, so labels never overlap
HIDDEN_OPACITY = 0.7  # muted, yet ≥ 4.5:1 contrast on white; no fixed colour (dark themes)
PNG_FONT = "DejaVu Sans"  # the PDF's font: Danish letters render on any host
_ZWSP = "\u200b"  # zero-width space: tells equal labels apart without showing


DA_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr"]}


def _rows(fig: Figure) -> list[dict[str, Any]]:
    """One row per bar. `row` is unique even when two labels are equal (a repeat gets
    invisible zero-width spaces), so two bars never collapse onto one line, while the axis
    and screen readers still read the plain label."""
    hidden = t("figure.hidden", fig.lang)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for bar in fig.bars:
        label = f"{bar.label} · {bar.group}" if fig.grouped and bar.group else bar.label
        seen[label] = seen.get(label, -1) + 1
        shown = bar.value is not None
        shown_as = (
            (bar.text or format_value(float(bar.value), fig.lang))
            if bar.value is not None
            else hidden
        )
        rows.append(
            {
                "row": label + _ZWSP * seen[label],
                "label": label,
                "value": float(bar.value) if bar.value is not None else 0.0,
                "text": shown_as,
                "aria": f"{label}: {shown_as}",  # what a screen reader says for the mark
                "shown": shown,
                "status": fig.status_text(bar.status),
            }
        )
    return rows


def height(fig: Figure) -> int:
    """Pixel height of the plot: one row per bar, so labels never overlap."""
    return max(60, ROW_PX * max(1, len(fig.bars)))


def _value_axis(fig: Figure, rows: list[dict[str, Any]]) -> alt.X:
    """A fixed domain when the figure has one (e.g. 0–5); else headroom for the end labels."""
    values = [r["value"] for r in rows if r["shown"]]
    whole = all(float(v).is_integer() for v in values)
    if fig.scale_max:
        scale = alt.Scale(domain=[0, fig.scale_max], nice=False)
    else:
        top = max(values, default=0.0)
        scale = alt.Scale(domain=[0, top * 1.15 if top > 0 else 1], nice=True)
    axis = alt.Axis(format="d" if whole else ",.1~f", tickMinStep=1 if whole else alt.Undefined)
    return alt.X("value:Q", title=fig.value_title, scale=scale, axis=axis)


def chart(
    fig: Figure, width: int | str = "container", titled: bool = True
) -> alt.Chart | alt.LayerChart:
    """The figure as a horizontal bar chart. `titled=False` on a page whose heading already
    says the title; the `description` (the reading sentence) becomes the SVG's aria-label."""
    rows = _rows(fig)
    description = fig.reading or fig.title
    if not rows:
        chart_: alt.Chart | alt.LayerChart = (
            alt.Chart(alt.Data(values=[{"text": t("chart.empty", fig.lang)}]))
            .mark_text(fontSize=14, align="center")
            .encode(text="text:N")
        )
        plot_height = 60
    else:
        y = alt.Y(
            "row:N",
            sort=[r["row"] for r in rows],
            title=fig.label_title,
            axis=alt.Axis(labelLimit=360, labelFontSize=12),
        )
        x = _value_axis(fig, rows)
        tooltip = [
            alt.Tooltip("label:N", title=fig.label_title),
            alt.Tooltip("text:N", title=fig.value_title),
            alt.Tooltip("status:N", title=t("figure.status", fig.lang)),
        ]
        base = alt.Chart(alt.Data(values=rows))
        bars = (
            base.mark_bar(color=BAR, height={"band": 0.7})
            .encode(y=y, x=x, tooltip=tooltip, description="aria:N")
            .transform_filter("datum.shown")
        )
        values = (  # the number at the bar's end: the bar is readable without its colour
            base.mark_text(align="left", dx=4, fontSize=12, aria=False)
            .encode(y=y, x=x, text="text:N", tooltip=tooltip)
            .transform_filter("datum.shown")
        )
        hidden = (  # a muted row that says "skjult" in words, at zero
            base.mark_text(
                align="left", dx=4, fontSize=12, fontStyle="italic", opacity=HIDDEN_OPACITY
            )
            .encode(y=y, x=x, text="text:N", tooltip=tooltip, description="aria:N")
            .transform_filter("!datum.shown")
        )
        # Only layers that draw something: an empty mark container still carries an ARIA
        # role, and with no child to name it, screen readers meet a nameless graphic.
        layers: list[alt.Chart] = []
        if any(r["shown"] for r in rows):
            layers += [bars, values]
        if not all(r["shown"] for r in rows):
            layers.append(hidden)
        chart_ = alt.layer(*layers)
        plot_height = height(fig)
    chart_ = chart_.properties(width=width, height=plot_height, description=description)
    if titled:
        chart_ = chart_.properties(
            title=alt.TitleParams(
                fig.title,
                subtitle=fig.period_label or alt.Undefined,
                anchor="start",
                fontSize=14,
            )
        )
    if isinstance(width, int):  # a fixed width is the whole image, labels included
        chart_ = chart_.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    locale = {"number": DA_NUMBERS} if fig.lang == "da" else alt.Undefined  # 3,8 not 3.8
    return chart_.configure(view={"stroke": None}, locale=locale)


def browser_spec(fig: Figure) -> dict[str, Any]:
    """The Vega-Lite JSON a page sends, not validated again on every page run.

    Altair checks a spec against the whole Vega-Lite JSON schema each time it is turned into a
    dict; on the FLIP page that took a third of the run. The specs come from `chart` alone,
    whose every shape the tests validate (tests/test_charts.py calls the validating `to_dict`).
    Each caller gets its own copy, so nothing a page does to it reaches the cache.
    """
    return json.loads(browser_json(fig))


@lru_cache(maxsize=512)
def browser_json(fig: Figure) -> str:
    """`browser_spec` as cached JSON text (`browser_json.cache_clear()` empties the cache)."""
    # Building the Altair objects was 85 % of a lead's page run, on every rerun (a click on
    # "Vis tallene som tabel" reruns the page with the same figures). A Figure is frozen and
    # holds every value the chart shows, so it is its own cache key: new data, new key, and
    # nothing ever needs invalidating. 512 figures of a few KB each bound the memory.
    return json.dumps(chart(fig, titled=False).to_dict(validate=False), separators=(",", ":"))


@cache
def _register_fonts() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))


def png(fig: Figure, width: int = 640, scale: float = 2.0, titled: bool = True) -> bytes:
    """The chart as a PNG `width` × `scale` pixels wide, with no browser and no network
    (vl-convert bundles the Vega engine; external data URLs are refused). `titled=False`
    where the document prints the title as real text above it."""
    import vl_convert

    _register_fonts()
    return vl_convert.vegalite_to_png(
        chart(fig, width, titled).to_dict(),
        scale=scale,
        allowed_base_urls=[],
        config={"font": PNG_FONT, "background": "white"},
    )
