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
    return spec["encoding"]["y"]  # shared by the layers


def marks(spec: dict) -> list[dict]:
    return [layer["mark"] for layer in spec["layer"]]


def test_chart_is_small_labelled_described_and_inline():
    fig = figure(38)  # 40 bars
    spec = charts.chart(fig).to_dict()
    assert len(json.dumps(spec)) < 50_000
    assert "url" not in spec["data"] and "datasets" not in spec  # inline, nothing fetched
    assert spec["description"] == fig.reading  # the SVG's aria-label
    assert spec["title"]["text"] == "Markeringer"
    assert y_axis(spec)["axis"]["title"] is None  # the heading says what the rows are
    assert spec["encoding"]["x"]["axis"]["title"] == "Antal"
    values = rows(spec)
    assert len(values) == 40
    assert [v["label"] for v in values][:2] == ["Kategori 0", "Kategori 1"]
    by_label = {v["label"]: v for v in values}
    assert by_label["Gribning – æøå"]["text"] == "12"  # the bar's own text wins
    assert by_label["Kategori 0"]["text"] == "38,8"  # else the value with a Danish comma
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # axis ticks too


def test_categories_are_sorted_largest_first_and_hidden_ones_last():
    spec = charts.chart(figure(5)).to_dict()
    order = y_axis(spec)["sort"]
    assert order == [v["row"] for v in rows(spec)]
    labels = [v["label"] for v in rows(spec)]
    assert labels == [
        "Gribning – æøå",  # 12
        *(f"Kategori {i}" for i in range(5)),  # 5.8, 4.8, … 1.8
        "Institutionel",  # hidden
    ]


def test_months_keep_calendar_order():
    bars = (Bar("jan 2026", 3.0), Bar("feb 2026", 9.0), Bar("mar 2026", None, "too_few"))
    fig = Figure("sessions", "Sessioner", "r", "Måned", "Antal", bars)
    assert [v["label"] for v in rows(charts.chart(fig).to_dict())] == [
        "jan 2026",
        "feb 2026",
        "mar 2026",
    ]


def test_hidden_bar_says_so_in_words_at_zero_in_the_hidden_colour():
    spec = charts.chart(figure(2)).to_dict()
    (hidden,) = [v for v in rows(spec) if not v["shown"]]
    assert hidden["text"] == "skjult" and hidden["value"] == 0.0
    assert "færre end 5" in hidden["status"]  # the tooltip says why
    # What a screen reader says for a mark: "Institutionel: skjult".
    assert spec["transform"] == [{"calculate": "datum.label + ': ' + datum.full", "as": "aria"}]
    assert spec["layer"][3]["encoding"]["description"]["field"] == "aria"
    kinds = marks(spec)
    # The bars, the long bar's value inside it, the short ones' after them, hidden in words.
    assert [m["type"] for m in kinds] == ["bar", "text", "text", "text"]
    assert kinds[0]["color"] == charts.SHOWN
    assert kinds[1]["color"] == charts.ON_BAR and kinds[1]["align"] == "right"
    assert kinds[3]["fontStyle"] == "italic" and kinds[3]["color"] == charts.HIDDEN
    assert spec["layer"][0]["transform"] == [{"filter": "datum.shown"}]  # no bar drawn
    colour = y_axis(spec)["axis"]["labelColor"]  # the hidden row's label is grey too
    assert colour["value"] == charts.TEXT and colour["condition"]["value"] == charts.HIDDEN
    assert hidden["row"] in colour["condition"]["test"]


def test_long_labels_wrap_and_are_never_cut():
    long = "Barriere: Borgerens tidligere erfaringer med at blive inddraget i egen sag"
    fig = Figure("learning", "T", "r", "L", "V", (Bar(long, 7.0), Bar("Kort", 3.0)))
    spec = charts.chart(fig).to_dict()
    row = rows(spec)[0]["row"]
    assert "\n" in row and row.replace("\n", " ") == long  # whole, on more lines
    axis = y_axis(spec)["axis"]
    assert axis["labelLimit"] == 0  # Vega cuts with "…" only beyond a limit
    assert axis["labelExpr"] == "split(datum.label, '\\n')"
    assert charts.height(fig) > 2 * charts.ROW_PX  # the rows are tall enough for the lines


def test_english_says_hidden_with_a_decimal_point():
    values = rows(charts.chart(figure(1, lang="en")).to_dict())
    assert values[-1]["text"] == "hidden"
    assert {v["text"] for v in values} >= {"1.8"}


def comparison(teams: int = 3, categories: int = 4) -> Figure:
    """Category first, then the teams in a fixed order, as `insights` builds it."""
    bars = [
        Bar(f"Kategori {c}", float(10 + 5 * c + t), group=f"Team {t} (Jobcenter Fjordby)")
        for c in range(categories)
        for t in range(teams)
    ]
    return Figure("tags", "Markeringer", "r", "Markering", "Antal", tuple(bars), grouped=True)


def test_a_comparison_is_small_multiples_one_per_team_titled_by_its_name():
    fig = comparison(3)
    spec = charts.chart(fig, width=720).to_dict()
    panels = spec["concat"]
    assert spec["columns"] == 2  # two panels side by side at 720 px
    titles = [" ".join(p["title"]["text"]) for p in panels]
    assert titles == [f"Team {t} (Jobcenter Fjordby)" for t in range(3)]  # fixed order
    for panel in panels:
        labels = [v["label"] for v in panel["data"]["values"]]
        assert labels == [f"Kategori {c}" for c in (3, 2, 1, 0)]  # the team's own, sorted
        assert all("Team" not in v["row"] for v in panel["data"]["values"])  # in the title
        assert panel["encoding"]["y"]["axis"]["labelLimit"] == 0
    domains = {json.dumps(p["encoding"]["x"]["scale"]) for p in panels}
    assert len(domains) == 1  # one value scale for every team
    assert spec["description"] == fig.reading


def test_a_full_comparison_stays_below_50_kb_in_the_browser():
    fig = comparison(teams=8, categories=18)  # the most a facilitator can compare
    assert len(charts.browser_json(fig).encode()) < 50_000
    assert len(charts.browser_spec(fig)["concat"]) == 8


def test_equal_labels_stay_two_rows():
    fig = Figure("x", "T", "r", "L", "V", (Bar("Jan", 1.0), Bar("Jan", 2.0), Bar("Jan", None)))
    assert len({v["row"] for v in rows(charts.chart(fig).to_dict())}) == 3
    assert charts.height(fig) == 3 * charts.ROW_PX  # one row per bar


def test_scale_max_fixes_the_value_axis():
    spec = charts.chart(figure(2, scale_max=5.0)).to_dict()
    scale = spec["encoding"]["x"]["scale"]
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
        comparison(8, 6),
        Figure("tags", "Tomt", "Intet.", "Markering", "Antal", (Bar("Æble", None, "too_few"),)),
        Figure("tags", "Ingen", "", "M", "A", ()),
    ],
    ids=["shown", "grouped", "eight-teams", "all-hidden", "empty"],
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
    only_shown = Figure("tags", "T", "R", "L", "V", (Bar("A", 3.0), Bar("B", 2.0)))
    marks = [layer["mark"]["type"] for layer in charts.chart(only_shown).to_dict()["layer"]]
    assert marks == ["bar", "text"]  # both values inside their bars


def test_browser_spec_is_the_chart_and_a_new_figure_is_a_new_spec():
    fig = figure(3)
    first, again = charts.browser_spec(fig), charts.browser_spec(fig)
    assert first == again == json.loads(json.dumps(charts.chart(fig, titled=False).to_dict()))
    first["data"]["values"].clear()  # what one page does to its copy reaches no other page
    assert charts.browser_spec(fig)["data"]["values"]
    changed = figure(3, lang="en")
    assert charts.browser_spec(changed) != again


def test_what_a_value_rests_on_stands_under_its_label_not_on_the_bar():
    """'2,2 (under 10 svar)' after a short bar ran off a narrow team panel's right edge
    (issue 16): the note is a line of the label, the bar carries the number only."""
    bars = tuple(
        Bar(label, value, group=team, text=f"{value:.1f}".replace(".", ","), note=note)
        for team in ("Team Nord", "Team Syd")
        for label, value, note in (
            ("Der blev lyttet", 4.9, "12 svar"),
            ("Klogere", 2.2, "under 10 svar"),
        )
    )
    fig = Figure(
        "process", "Proces", "r", "Udsagn", "Gennemsnit", bars, grouped=True, scale_max=5.0
    )
    spec = charts.chart(fig, width=charts.BROWSER_WIDTH).to_dict()
    for panel in spec["concat"]:
        values = {v["label"]: v for v in panel["data"]["values"]}
        assert values["Klogere"]["row"] == "Klogere\n(under 10 svar)"
        assert values["Klogere"]["text"] == "2,2"  # short enough after any bar
        assert values["Klogere"]["full"] == "2,2 (under 10 svar)"  # tooltip and screen reader
    frame = fig.frame()
    assert "2,2 (under 10 svar)" in set(frame.iloc[:, 3])  # the table and CSV keep both


def practice(lang: str) -> dict:
    return charts.practice_chart(
        [("2026-10", 1, 0), ("2026-11", 0, 1)],
        lang,
        month="Måned",
        count="Refleksioner",
        role="Som",
        bringer="Bringer",
        listener="Lytter",
    ).to_dict()


def test_own_practice_counts_whole_sessions_in_danish_numbers():
    """Issue 16: the "Min praksis" axis showed "0.5, 1.5": half sessions, English decimals."""
    spec = practice("da")
    axis = spec["encoding"]["y"]["axis"]
    assert axis["format"] == "d" and axis["tickMinStep"] == 1  # whole numbers only
    assert axis["title"] == "Refleksioner"
    assert spec["config"]["locale"]["number"] == charts.DA_NUMBERS  # 1.200 and 3,8
    assert [tip["title"] for tip in spec["encoding"]["tooltip"]] == ["Måned", "Som", "Refleksioner"]
    assert {(r["month"], r["role"], r["n"]) for r in rows(spec)} >= {("2026-10", "Bringer", 1)}
    assert "locale" not in practice("en").get("config", {})  # English keeps Vega's own


def test_a_figure_of_counts_has_whole_number_ticks():
    bars = (Bar("A", 1.0), Bar("B", 2.0))
    fig = Figure("tags", "Markeringer", "", "Markering", "Antal", bars, lang="da")
    axis = charts.chart(fig).to_dict()["encoding"]["x"]["axis"]
    assert axis["format"] == "d" and axis["tickMinStep"] == 1


def test_the_png_uses_the_danish_locale_too():
    """vl-convert reads the locale from the spec's config: the PNG's numbers are Danish."""
    import vl_convert

    bars = (Bar("A", 0.3, text="x"), Bar("B", 0.6, text="y"))  # the ticks are decimals
    for lang, tick, other in (("da", "0,2", "0.2"), ("en", "0.2", "0,2")):
        fig = Figure("tags", "Markeringer", "", "Markering", "Antal", bars, lang=lang)
        svg = vl_convert.vegalite_to_svg(charts.chart(fig).to_dict(), allowed_base_urls=[])
        assert f">{tick}<" in svg and f">{other}<" not in svg
