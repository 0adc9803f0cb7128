"""Charts carry only the suppressed figure, read without colour, and render to PNG offline."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from lises_reflect import charts
from lises_reflect.figures import Bar, Figure
from lises_reflect.i18n import t


def figure(n: int = 3, grouped: bool = False, lang: str = "da", **kw) -> Figure:
    bars = [Bar("Gribning – æøå", 12.0, text="12"), Bar("Institutionel", None, "too_few")]
    bars += [
        Bar(f"Kategori {i}", float(n - i) + 0.8, group="Team Øst" if grouped else "")
        for i in range(n)
    ]
    return Figure(
        "tags",
        "Markeringer",
        "Den hyppigste markering var gribning.",
        "Markering",
        "Antal",
        tuple(bars),
        grouped=grouped,
        lang=lang,
        **kw,
    )


def rows(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def y_axis(spec: dict) -> dict:
    return spec["layer"][0]["encoding"]["y"]


def test_chart_is_small_labelled_described_and_inline():
    fig = figure(38)  # 40 bars
    spec = charts.chart(fig).to_dict()
    assert len(json.dumps(spec)) < 50_000
    assert "url" not in spec["data"] and "datasets" not in spec  # inline, nothing fetched
    assert spec["description"] == fig.reading  # the SVG's aria-label
    assert spec["title"]["text"] == "Markeringer"
    assert y_axis(spec)["title"] == "Markering"
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Antal"
    values = rows(spec)
    assert len(values) == 40
    assert [v["label"] for v in values][:3] == ["Gribning – æøå", "Institutionel", "Kategori 0"]
    assert values[0]["text"] == "12"  # the bar's own text wins
    assert values[2]["text"] == "38,8"  # else the value with a Danish decimal comma
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # axis ticks too


def test_order_is_kept_never_sorted_by_value():
    spec = charts.chart(figure(5)).to_dict()
    order = y_axis(spec)["sort"]
    assert order == [v["row"] for v in rows(spec)]
    labels = [v["label"] for v in rows(spec)]
    assert labels[2:] == [f"Kategori {i}" for i in range(5)]  # descending values stay put


def test_hidden_bar_says_so_in_words_at_zero_and_muted():
    spec = charts.chart(figure(2)).to_dict()
    (hidden,) = [v for v in rows(spec) if not v["shown"]]
    assert hidden["text"] == "skjult" and hidden["value"] == 0.0
    assert "færre end 5" in hidden["status"]  # the tooltip says why
    assert hidden["aria"] == "Institutionel: skjult"  # what a screen reader says
    marks = [layer["mark"] for layer in spec["layer"]]
    assert [m["type"] for m in marks] == ["bar", "text", "text"]
    assert marks[2]["fontStyle"] == "italic" and marks[2]["opacity"] < 1
    assert spec["layer"][0]["transform"] == [{"filter": "datum.shown"}]  # no bar drawn


def test_english_says_hidden_with_a_decimal_point():
    values = rows(charts.chart(figure(1, lang="en")).to_dict())
    assert values[1]["text"] == "hidden" and values[2]["text"] == "1.8"


def test_grouped_rows_name_the_team_in_text():
    values = rows(charts.chart(figure(2, grouped=True)).to_dict())
    assert values[-1]["label"] == "Kategori 1 · Team Øst"


def test_equal_labels_stay_two_rows():
    fig = Figure("x", "T", "r", "L", "V", (Bar("Jan", 1.0), Bar("Jan", 2.0), Bar("Jan", None)))
    assert len({v["row"] for v in rows(charts.chart(fig).to_dict())}) == 3
    assert charts.height(fig) == 3 * charts.ROW_PX  # one row per bar


def test_scale_max_fixes_the_value_axis():
    spec = charts.chart(figure(2, scale_max=5.0)).to_dict()
    scale = spec["layer"][0]["encoding"]["x"]["scale"]
    assert scale == {"domain": [0, 5.0], "nice": False}


def test_empty_figure_shows_a_clear_text():
    spec = charts.chart(Figure("tags", "Ingen", "Ingen samtaler.", "M", "A", ())).to_dict()
    assert spec["mark"]["type"] == "text"
    assert rows(spec) == [{"text": "Ingen tal at vise"}]
    assert spec["description"] == "Ingen samtaler."


@pytest.mark.parametrize(
    "fig",
    [
        figure(3),
        figure(3, grouped=True),
        Figure("tags", "Tomt", "Intet.", "Markering", "Antal", (Bar("Æble", None, "too_few"),)),
        Figure("tags", "Ingen", "", "M", "A", ()),
    ],
    ids=["shown", "grouped", "all-hidden", "empty"],
)
def test_png_offline_at_the_asked_width(fig):
    data = charts.png(fig, width=400, scale=1)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and abs(img.width - 400) <= 2  # the whole image, labels included
    assert img.height >= 40


def test_png_scale_multiplies_pixels():
    img = Image.open(io.BytesIO(charts.png(figure(2), width=300, scale=2)))
    assert abs(img.width - 600) <= 4


def test_png_without_title_is_shorter():
    with_title = Image.open(io.BytesIO(charts.png(figure(2), width=300, scale=1)))
    without = Image.open(io.BytesIO(charts.png(figure(2), width=300, scale=1, titled=False)))
    assert without.height < with_title.height


def test_text_falls_back_to_i18n():
    assert t("chart.empty", "en") == "No figures to show"
    assert t("figure.hidden", "da") == "skjult"


def test_only_layers_that_draw_something_so_no_mark_is_left_without_a_name():
    """An empty Vega mark container still has an ARIA role; axe calls it an unnamed image."""
    only_hidden = Figure("tags", "T", "R", "L", "V", (Bar("A", None, "too_few"),) * 2)
    marks = [layer["mark"]["type"] for layer in charts.chart(only_hidden).to_dict()["layer"]]
    assert marks == ["text"]
    only_shown = Figure("tags", "T", "R", "L", "V", (Bar("A", 3.0), Bar("B", 1.0)))
    marks = [layer["mark"]["type"] for layer in charts.chart(only_shown).to_dict()["layer"]]
    assert marks == ["bar", "text"]


def test_browser_spec_is_the_chart_and_a_new_figure_is_a_new_spec():
    fig = figure(3)
    first, again = charts.browser_spec(fig), charts.browser_spec(fig)
    assert first == again == json.loads(json.dumps(charts.chart(fig, titled=False).to_dict()))
    first["data"]["values"].clear()  # what one page does to its copy reaches no other page
    assert charts.browser_spec(fig)["data"]["values"]
    changed = figure(3, lang="en")
    assert charts.browser_spec(changed) != again
