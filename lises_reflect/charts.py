"""Altair charts of already suppressed `Figure`s, and the same charts as PNG, offline.

Readable without colour: every bar carries its value as text, hidden bars say "skjult", and
in a facilitator's comparison the team name is part of the row label. Bars keep the order
they come in (catalogue or calendar order): sorting teams by value would make a league table.
The inline data is only the figure's own few rows, so a chart stays far below 50 KB.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from lises_reflect.figures import Figure
from lises_reflect.i18n import t

BAR = "#3b6e8f"  # one calm hue; meaning never depends on it
MUTED = "#9aa5ad"
ROW_PX = 26


def _rows(fig: Figure) -> pd.DataFrame:
    hidden = t("figure.hidden", fig.lang)
    rows = []
    for i, bar in enumerate(fig.bars):
        label = f"{bar.label} · {bar.group}" if fig.grouped and bar.group else bar.label
        shown = bar.value is not None
        rows.append(
            {
                "order": i,
                "label": label,
                "value": float(bar.value) if shown else 0.0,
                "text": (bar.text or _fmt(bar.value, fig.lang)) if shown else hidden,
                "shown": shown,
            }
        )
    return pd.DataFrame(rows, columns=["order", "label", "value", "text", "shown"])


def _fmt(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def height(fig: Figure) -> int:
    """Pixel height of the plot: one row per bar, so labels never overlap."""
    return max(60, ROW_PX * max(1, len({(b.group, b.label) for b in fig.bars})))


def chart(fig: Figure, width: int | str = "container", titled: bool = True) -> alt.LayerChart:
    data = _rows(fig)
    labels = list(dict.fromkeys(data["label"])) if len(data) else []
    y = alt.Y(
        "label:N",
        sort=labels,
        title=fig.label_title,
        axis=alt.Axis(labelLimit=360, labelFontSize=12),
    )
    domain = [0, fig.scale_max] if fig.scale_max else alt.Undefined
    x = alt.X(
        "value:Q",
        title=fig.value_title,
        scale=alt.Scale(domain=domain, nice=True),
        axis=alt.Axis(format="d" if not fig.scale_max or fig.scale_max > 5 else ".0f"),
    )
    base = alt.Chart(data)
    bars = (
        base.mark_bar(color=BAR, height={"band": 0.7})
        .encode(
            y=y,
            x=x,
            tooltip=[
                alt.Tooltip("label:N", title=fig.label_title),
                alt.Tooltip("text:N", title=fig.value_title),
            ],
        )
        .transform_filter("datum.shown")
    )
    texts = base.mark_text(align="left", dx=4, fontSize=12).encode(
        y=y,
        x=x,
        text="text:N",
        color=alt.condition("datum.shown", alt.value("#1f2a30"), alt.value(MUTED)),
    )
    layer = alt.layer(bars, texts).properties(
        width=width,
        height=height(fig),
        description=fig.reading,
    )
    if titled:  # on a page the heading above says it already
        layer = layer.properties(title=alt.TitleParams(fig.title, anchor="start", fontSize=14))
    return layer.configure_view(stroke=None)


def spec(fig: Figure, width: int = 640) -> dict[str, Any]:
    return chart(fig, width).to_dict()


def png(fig: Figure, width: int = 640, scale: float = 2.0) -> bytes:
    """The chart as PNG without a browser or network (vl-convert bundles the Vega engine)."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec(fig, width), scale=scale, allowed_base_urls=[])
