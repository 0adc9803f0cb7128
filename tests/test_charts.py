"""Charts carry only the suppressed figure, read without colour, and render to PNG offline."""

from __future__ import annotations

import io
import json

from PIL import Image

from lises_reflect import charts
from lises_reflect.figures import Bar, Figure


def figure(n: int = 3, grouped: bool = False) -> Figure:
    bars = [Bar("Gribning – æøå", 12.0, text="12"), Bar("Institutionel", None, "too_few")]
    bars += [Bar(f"Kategori {i}", float(i), group="Team Øst" if grouped else "") for i in range(n)]
    return Figure(
        "tags",
        "Markeringer",
        "Den hyppigste markering var gribning.",
        "Markering",
        "Antal",
        tuple(bars),
        grouped=grouped,
    )


def test_chart_is_small_labelled_and_described():
    spec = charts.chart(figure(40)).to_dict()
    assert len(json.dumps(spec)) < 50_000
    assert spec["description"] == "Den hyppigste markering var gribning."
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 42
    hidden = [v for v in values if not v["shown"]]
    assert [v["text"] for v in hidden] == ["skjult"]  # the hidden bar says so, in words
    assert values[0]["text"] == "12"
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]


def test_grouped_rows_name_the_team_in_text():
    values = next(iter(charts.chart(figure(2, grouped=True)).to_dict()["datasets"].values()))
    assert values[-1]["label"] == "Kategori 1 · Team Øst"


def test_png_offline_also_when_everything_is_hidden():
    data = charts.png(figure(3), width=400, scale=1)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and 400 <= img.width <= 700  # plot width + labels
    empty = Figure(
        "tags", "Tomt", "Intet at vise.", "Markering", "Antal", (Bar("A", None, "too_few"),)
    )
    assert charts.png(empty, scale=1)[:4] == b"\x89PNG"
    assert charts.png(Figure("tags", "Ingen", "", "M", "A", ()), scale=1)[:4] == b"\x89PNG"
