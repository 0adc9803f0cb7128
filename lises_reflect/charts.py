"""Altair charts of already suppressed `Figure`s, and the same charts as PNG, offline.

Made to be read from the back of a seminar room (issue 16):

* one colour meaning in every chart: `SHOWN` (a calm blue) is a number shown, `HIDDEN` (a
  neutral grey) a row whose number is hidden, which also says "skjult" in words, so nothing
  depends on colour; every shown bar carries its value as text;
* categories sorted by their number, largest first (hidden ones after them, in their own
  order); months and periods keep calendar order;
* a facilitator's comparison as small multiples: one panel per team with the team's name as
  its title, in the order the teams come in (a comparison, not a league table), all on one
  value scale;
* labels wrap onto more lines and are never cut with "…".

The inline data is only the figure's own rows, so a chart stays far below 50 KB; nothing is
fetched, so the PNG renders without a network.
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Sequence
from functools import cache
from typing import Any

import altair as alt

from lises_reflect.export import FONT_DIR
from lises_reflect.figures import (
    Bar,
    Figure,
    format_value,  # the CSV's wording, so both agree
)
from lises_reflect.i18n import t

SHOWN = "#3b6e8f"  # a number shown: one calm blue (safe for every colour vision)
HIDDEN = "#6b7780"  # a hidden number: neutral grey, 4.6:1 on white, and "skjult" in words
ON_BAR = "#ffffff"  # a value written inside its bar (5.4:1 on SHOWN)
TEXT = "#000000"  # labels and values beside the bars: the app's text colour, read from afar
ROW_PX = 26  # one row per bar, so labels never overlap; more for a label of several lines
LINE_PX = 14  # each further line of a wrapped label
LABEL_CHARS = 46  # a label wraps after this many characters (at a word)
BAR_PX = 18  # a bar's thickness, however many lines its label has
PNG_FONT = "DejaVu Sans"  # the PDF's font: Danish letters render on any host
_ZWSP = "\u200b"  # zero-width space: tells equal labels apart without showing
# Bars in calendar order: their labels are months and the whole period, never sorted.
IN_TIME = frozenset({"sessions", "participation", "process"})
INSIDE_FROM = 0.45  # a value is written inside its bar from this share of the axis on

# Small multiples (a comparison of teams).
PANEL_WIDTH = 320  # px a panel needs at least: its labels, bars and values
PANEL_LABEL_PX = 180  # the label column of every panel, so the panels and titles line up
PANEL_LABEL_CHARS = 22
PANEL_SPACING = 28
BROWSER_WIDTH = 760  # a comparison on the page: fits the page beside the menu on a laptop
PAD = 5  # Vega's padding on each side

DA_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr"]}


def number_locale(lang: str) -> Any:
    """Vega's number locale for `lang`: in Danish a decimal comma and a thousands dot (3,8 and
    1.200), on axes, labels and tooltips alike; English keeps Vega's own."""
    return {"number": DA_NUMBERS} if lang == "da" else alt.Undefined


def count_axis(title: str) -> alt.Axis:
    """An axis of counts (sessions, people): whole numbers only, never "0,5" or "1.5"."""
    return alt.Axis(title=title, format="d", tickMinStep=1)


def practice_chart(
    by_month: Sequence[tuple[str, int, int]],
    lang: str,
    *,
    month: str,
    count: str,
    role: str,
    bringer: str,
    listener: str,
) -> alt.Chart:
    """A caseworker's own sessions per month (YYYY-MM), as bringer and as listener, stacked;
    the titles are the page's words in the reader's language."""
    rows = [
        {"month": m, "role": name, "n": n}
        for m, as_bringer, as_listener in by_month
        for name, n in ((bringer, as_bringer), (listener, as_listener))
    ]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=month),
            y=alt.Y("n:Q", axis=count_axis(count), stack=True),
            color=alt.Color("role:N", title=role),
            tooltip=[
                alt.Tooltip("month:O", title=month),
                alt.Tooltip("role:N", title=role),
                alt.Tooltip("n:Q", title=count, format="d"),
            ],
        )
        .configure(locale=number_locale(lang))
    )


def ordered(fig: Figure, bars: Sequence[Bar] | None = None) -> list[Bar]:
    """The bars as drawn: shown ones by value, largest first, then the hidden ones; bars over
    time in calendar order."""
    bars = list(fig.bars if bars is None else bars)
    if fig.key in IN_TIME:
        return bars
    shown = sorted((b for b in bars if b.value is not None), key=lambda b: -float(b.value or 0))
    return shown + [b for b in bars if b.value is None]


def panels(fig: Figure) -> list[tuple[str, list[Bar]]]:
    """A comparison's bars per team, in the order the teams come in; one panel for a figure
    of one team."""
    if not fig.grouped:
        return [("", list(fig.bars))]
    out: dict[str, list[Bar]] = {}
    for bar in fig.bars:
        out.setdefault(bar.group, []).append(bar)
    return list(out.items())


def _wrap(text: str, chars: int) -> list[str]:
    """Lines of at most `chars` characters, broken between words (a longer word stays whole:
    a label is never cut)."""
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [text]


def _rows(fig: Figure, bars: Sequence[Bar], chars: int, top: float) -> list[dict[str, Any]]:
    """One row per bar. `row` is the label as drawn (its lines joined by newlines) and unique
    even when two labels are equal (a repeat gets invisible zero-width spaces), so two bars
    never collapse onto one line, while the tooltip and screen readers read the plain label."""
    hidden = t("figure.hidden", fig.lang)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for bar in bars:
        seen[bar.label] = seen.get(bar.label, -1) + 1
        shown = bar.value is not None
        text = (bar.text or format_value(float(bar.value), fig.lang)) if shown else hidden
        # What a value rests on ("under 10 svar") goes under the label: on the bar it made the
        # text too long to fit after a short bar in a team's narrow panel.
        note = [f"({bar.note})"] if shown and bar.note else []
        rows.append(
            {
                "row": "\n".join(_wrap(bar.label, chars) + note) + _ZWSP * seen[bar.label],
                "label": bar.label,
                "value": float(bar.value) if bar.value is not None else 0.0,
                "text": text,
                "full": f"{text} {note[0]}" if note else text,
                "shown": shown,
                "inside": shown and top > 0 and float(bar.value or 0) >= INSIDE_FROM * top,
                "status": fig.status_text(bar.status),
            }
        )
    return rows


def _lines(rows: Sequence[dict[str, Any]]) -> int:
    return max((r["row"].count("\n") + 1 for r in rows), default=1)


def _step(rows: Sequence[dict[str, Any]]) -> int:
    """Pixels per row: one line of label, and more for a wrapped one."""
    return ROW_PX + LINE_PX * (_lines(rows) - 1)


def height(fig: Figure) -> int:
    """Pixel height of a one-team figure's plot: one row per bar, so labels never overlap."""
    bars = list(fig.bars)
    rows = _rows(fig, bars, LABEL_CHARS, 0.0) if bars else []
    return max(60, _step(rows) * max(1, len(bars)))


def _top(fig: Figure) -> float:
    """The end of the value axis, the same for every panel of a comparison."""
    if fig.scale_max:
        return float(fig.scale_max)
    top = max((float(b.value) for b in fig.bars if b.value is not None), default=0.0)
    return top * 1.15 if top > 0 else 1.0  # headroom for the value after the longest bar


def _value_axis(fig: Figure, top: float, title: bool = True) -> alt.X:
    values = [b.value for b in fig.bars if b.value is not None]
    whole = all(float(v).is_integer() for v in values)
    axis = alt.Axis(
        format="d" if whole else ",.1~f",
        tickMinStep=1 if whole else alt.Undefined,
        tickCount=5,
        title=fig.value_title if title else None,
    )
    return alt.X("value:Q", scale=alt.Scale(domain=[0, top], nice=False), axis=axis)


def _bars(
    fig: Figure,
    rows: list[dict[str, Any]],
    top: float,
    label_px: int | None = None,
    plot_width: int | str = "container",
) -> alt.LayerChart:
    """One panel: a horizontal bar per row, its value written on it, hidden rows in words."""
    hidden_rows = [r["row"] for r in rows if not r["shown"]]
    label_colour: Any = TEXT
    if hidden_rows:  # the label of a hidden row in the hidden colour too
        label_colour = alt.condition(
            f"indexof({json.dumps(hidden_rows)}, datum.value) >= 0",
            alt.value(HIDDEN),
            alt.value(TEXT),
        )
    axis = alt.Axis(
        title=None,  # the heading above says what the rows are
        labelExpr="split(datum.label, '\\n')",  # a wrapped label on its lines
        labelLimit=0,  # never cut with "…"
        labelFontSize=12,
        labelColor=label_colour,
        # In a panel, labels start at the panel's left edge (read like a table) and end before
        # the bars; elsewhere they end at the bars.
        labelAlign="left" if label_px else alt.Undefined,
        labelPadding=label_px - 4 if label_px else 6,
        ticks=False,
        domain=False,
    )
    y = alt.Y("row:N", sort=[r["row"] for r in rows], axis=axis)
    x = _value_axis(fig, top, title=label_px is None)
    tooltip = [
        alt.Tooltip("label:N", title=fig.label_title),
        alt.Tooltip("full:N", title=fig.value_title),
        alt.Tooltip("status:N", title=t("figure.status", fig.lang)),
    ]
    mark = alt.Chart()  # the layers share the panel's data, position and tooltip
    text = {"fontSize": 12, "aria": False}
    layers = []
    # Only layers that draw something: an empty mark container still carries an ARIA role,
    # and with no child to name it, screen readers meet a nameless graphic.
    if any(r["shown"] for r in rows):
        layers.append(
            mark.mark_bar(color=SHOWN, height=BAR_PX)
            .encode(description="aria:N")
            .transform_filter("datum.shown")
        )
    if any(r["inside"] for r in rows):  # the number inside a long bar's end, in white
        layers.append(
            mark.mark_text(align="right", dx=-5, color=ON_BAR, fontWeight="bold", **text)
            .encode(text="text:N")
            .transform_filter("datum.inside")
        )
    if any(r["shown"] and not r["inside"] for r in rows):  # after a short bar
        layers.append(
            mark.mark_text(align="left", dx=4, color=TEXT, **text)
            .encode(text="text:N")
            .transform_filter("datum.shown && !datum.inside")
        )
    if hidden_rows:  # "skjult" in words, at zero, in the hidden colour
        layers.append(
            mark.mark_text(align="left", dx=4, fontSize=12, fontStyle="italic", color=HIDDEN)
            .encode(text="text:N", description="aria:N")
            .transform_filter("!datum.shown")
        )
    return (
        alt.layer(*layers, data=alt.Data(values=rows))
        .encode(y=y, x=x, tooltip=tooltip)
        .transform_calculate(aria="datum.label + ': ' + datum.full")  # what a reader says
        .properties(
            width=plot_width,
            height=alt.Step(_step(rows)) if label_px else _step(rows) * len(rows),
        )
    )


def _empty(fig: Figure) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=[{"text": t("chart.empty", fig.lang)}]))
        .mark_text(fontSize=14, align="center")
        .encode(text="text:N")
        .properties(height=60)
    )


def columns(width: int, count: int) -> int:
    """How many team panels stand side by side in `width` pixels."""
    fits = (width - 2 * PAD + PANEL_SPACING) // (PANEL_WIDTH + PANEL_SPACING)
    return max(1, min(count, fits))


def width_for(cols: int) -> int:
    """The pixels `cols` team panels need side by side (what `columns` counts back)."""
    return cols * (PANEL_WIDTH + PANEL_SPACING) - PANEL_SPACING + 2 * PAD


def _small_multiples(fig: Figure, width: int) -> alt.ConcatChart:
    """One panel per team, the team's name as its title, one value scale for all."""
    top = _top(fig)
    groups = panels(fig)
    cols = columns(width, len(groups))
    panel_px = (width - 2 * PAD - (cols - 1) * PANEL_SPACING) // cols
    title_chars = max(20, panel_px // 8)  # a 13 px bold title: about 8 px a character
    charts_ = []
    for team, bars in groups:
        rows = _rows(fig, ordered(fig, bars), PANEL_LABEL_CHARS, top)
        panel = _bars(fig, rows, top, PANEL_LABEL_PX, panel_px - PANEL_LABEL_PX)
        title = alt.TitleParams(  # from the panel's left edge, where its labels start
            _wrap(team, title_chars), anchor="start", frame="bounds", offset=8, fontSize=13
        )
        charts_.append(panel.properties(title=title))
    return alt.concat(*charts_, columns=cols, spacing=PANEL_SPACING)


def chart(
    fig: Figure, width: int | str = "container", titled: bool = True
) -> alt.Chart | alt.LayerChart | alt.ConcatChart:
    """The figure as horizontal bars: one panel, or one per team for a comparison (`width`
    "container" gives a comparison `BROWSER_WIDTH`). `titled=False` on a page whose heading
    already says the title; the `description` (the reading sentence) becomes the SVG's
    aria-label."""
    description = fig.reading or fig.title
    chart_: alt.Chart | alt.LayerChart | alt.ConcatChart
    if not fig.bars:
        chart_ = _empty(fig)
    elif fig.grouped:
        chart_ = _small_multiples(fig, width if isinstance(width, int) else BROWSER_WIDTH)
    else:
        top = _top(fig)
        chart_ = _bars(fig, _rows(fig, ordered(fig), LABEL_CHARS, top), top)
    chart_ = chart_.properties(description=description)
    if not fig.grouped or not fig.bars:
        chart_ = chart_.properties(width=width)
    if titled:
        chart_ = chart_.properties(
            title=alt.TitleParams(
                fig.title,
                subtitle=fig.period_label or alt.Undefined,
                anchor="start",
                fontSize=14,
            )
        )
    if isinstance(width, int) and not fig.grouped:  # a fixed width is the whole image
        chart_ = chart_.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return chart_.configure(view={"stroke": None}, locale=number_locale(fig.lang))  # 3,8


def browser_spec(fig: Figure) -> dict[str, Any]:
    """The Vega-Lite JSON a page sends, not validated again on every page run.

    Altair checks a spec against the whole Vega-Lite JSON schema each time it is turned into a
    dict; on the FLIP page that took a third of the run. The specs come from `chart` alone,
    whose every shape the tests validate (tests/test_charts.py calls the validating `to_dict`).
    Each caller gets its own copy. The page keeps what it sends per figure (`ui.chart_payload`).
    """
    return json.loads(browser_json(fig))


def browser_json(fig: Figure) -> str:
    """`browser_spec` as JSON text: what the browser receives, measured by the tests."""
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
    image = vl_convert.vegalite_to_png(
        chart(fig, width, titled).to_dict(),
        scale=scale,
        allowed_base_urls=[],
        config={"font": PNG_FONT, "background": "white"},
    )
    return _to_width(image, round(width * scale))


def _to_width(image: bytes, pixels: int) -> bytes:
    """Exactly `pixels` wide, labels included: small multiples are laid out to the width but
    not fitted by Vega, so a few pixels more or less are padded with white or scaled away."""
    from PIL import Image

    img = Image.open(io.BytesIO(image))
    if abs(img.width - pixels) <= 2:
        return image
    if img.width < pixels:
        out = Image.new(img.mode, (pixels, img.height), "white")
        out.paste(img, (0, 0))
    else:
        out = img.resize((pixels, round(img.height * pixels / img.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    out.save(buffer, format="PNG", compress_level=1)  # fast: a tall comparison took 0.3 s
    return buffer.getvalue()
