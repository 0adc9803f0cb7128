"""The FLIP seminar pack: a workable plan, a readable handout, a deck for the room."""

from __future__ import annotations

import io
import math
from dataclasses import replace
from itertools import pairwise

import pytest
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader

from lises_reflect import charts, seminar
from lises_reflect.export import ExportTurn
from lises_reflect.figures import Bar, Figure
from lises_reflect.i18n import t
from lises_reflect.seminar import SeminarPack
from tests.builders import FIG, excerpt, pack


@pytest.fixture(autouse=True)
def small_pngs(monkeypatch):
    monkeypatch.setattr(seminar, "PNG_SCALE", 1.0)  # keeps the suite fast


TEAMS = Figure(
    "process",
    "Proceskort på tværs af team",
    "Alle team beskriver mere, end de vurderer.",
    "Udsagn",
    "Gennemsnit (1–5)",
    tuple(Bar(f"Udsagn {i}", 3.5, group=f"Team {i % 3}") for i in range(20)),
    grouped=True,
    scale_max=5.0,
    notes=("Et team er for lille til at blive vist.",),
)


# --- problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"excerpts": (excerpt("A"),)}, "pack.error.excerpts"),
        ({"excerpts": tuple(excerpt(x) for x in "ABCDE")}, "pack.error.excerpts"),
        ({"hours": 5}, "pack.error.hours"),
        ({"hours": 1}, "pack.error.hours"),
        ({"participants": 3}, "pack.error.participants"),
        ({"participants": 9}, "pack.error.participants"),
        ({"title": "  "}, "pack.error.title"),
        ({"questions": ("",)}, "pack.error.question"),
        ({"questions": ("  ",)}, "pack.error.question"),
        ({"questions": ("x" * 501,)}, "pack.error.question"),
        ({"questions": ("q",) * 11}, "pack.error.too_many_questions"),
        ({"questions": (), "prompts": ()}, "pack.error.nothing_to_ask"),
    ],
)
def test_problems(changes, problem):
    assert seminar.problems(pack(**changes)) == [problem]


def test_a_workable_pack_has_no_problems():
    assert seminar.problems(pack()) == []
    assert seminar.problems(pack(questions=("x" * 500,) * 10, prompts=())) == []
    assert seminar.problems(pack(questions=())) == []  # the lens prompts are enough


def test_problem_keys_have_danish_and_english_text():
    keys = seminar.problems(SeminarPack("", 0, 0, (), (), (), ("",) * 11))
    assert len(keys) == 6
    for key in keys:
        assert t(key, "da") != key and t(key, "en") != key


# --- agenda ---------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", [2, 3, 4])
@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("figures", [(FIG,), ()])
def test_agenda_fills_the_meeting(hours, n, figures):
    excerpts = tuple(excerpt(x) for x in "ABCD"[:n])
    plan = seminar.agenda(pack(hours=hours, excerpts=excerpts, figures=figures))
    assert sum(m for _, m in plan) == hours * 60
    assert all(m >= 10 for _, m in plan)
    labels = [label for label, _ in plan]
    assert labels[0].startswith("Velkomst") and "spilleregler" in labels[0]
    assert labels[1].startswith("Oplæg")
    assert labels[-1].startswith("Afrunding")
    for e in excerpts:
        assert sum(label.startswith(e.heading) for label in labels) == 1
        assert "(Gribning)" in next(label for label in labels if label.startswith(e.heading))
    breaks = [i for i, label in enumerate(labels) if label == "Pause"]
    assert len(breaks) == math.ceil((hours * 60 - 60) / 90)  # one per started 90 min
    assert all(b not in (0, 1, len(labels) - 1) for b in breaks)  # between blocks
    assert all(b2 - b1 > 1 for b1, b2 in pairwise(breaks))


def test_agenda_in_english_and_for_odd_input():
    plan = seminar.agenda(pack(lang="en", hours=2))
    assert plan[0][0].startswith("Welcome") and any(label == "Break" for label, _ in plan)
    for changes in ({"hours": 0}, {"hours": 1}, {"hours": 6}, {"excerpts": ()}):
        odd = pack(**changes)
        assert sum(m for _, m in seminar.agenda(odd)) == odd.hours * 60


# --- PDF ------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_has_plan_rules_turns_questions_and_charts():
    steps: list[tuple[float, str]] = []
    data = seminar.pack_pdf(pack(figures=(FIG, TEAMS)), lambda f, label: steps.append((f, label)))
    fractions = [f for f, _ in steps]
    assert fractions == sorted(set(fractions)) and fractions[-1] == 1.0
    assert all(label for _, label in steps)
    reader, text = pdf_text(data)
    assert data[:5] == b"%PDF-"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    for expected in (
        "FLIP: Samtalen som faglig kerne",
        "3 timer · 6 deltagere",
        "Dagsorden",
        "0:00–0:15",
        "Vi beskriver, hvad der sker i samtalen",  # the ground rules
        "De bliver i rummet",
        "Uddrag A · Opfølgningssamtale",
        "Uddrag B",
        "Sagsbehandler",
        "Borger",
        "Tur 7 i uddrag B: æøå",
        "Linser: Gribning",
        "Tidsfristen fylder i samtalen.",
        "Hvad sker der så?",
        "Hvem nævner et konkret job?",
        "1. Hvad hører I borgeren sige om arbejde?",
        "2. Hvad vil I prøve?",
        "Markeringer i udskrifterne",
        "Den hyppigste markering var gribning.",
        "1 af 3 tal er skjult",  # a note for the hidden bar
        "Et team er for lille til at blive vist.",  # or the figure's own note
        "Side 1 af",
    ):
        assert expected in text, expected
    assert sum(len(page.images) for page in reader.pages) == 2  # one PNG per figure
    last = reader.pages[-1].extract_text()
    assert f"Side {len(reader.pages)} af {len(reader.pages)}" in last


def test_pdf_numbers_each_turn_once():
    """Issue 16: "1 1 Sagsbehandler:" printed a line number and a turn number side by side.
    One scheme: the turn number in the margin of the turn's first line (the shared learning
    points cite "tur 16", as the deck and the pool number them), then the speaker."""
    long = replace(excerpt("A", 12), turns=excerpt("A", 12, long=True).turns)
    _, text = pdf_text(seminar.pack_pdf(pack(excerpts=(long, excerpt("B")))))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("11 Sagsbehandler: Tur 11 i uddrag A") for line in lines)
    assert any(line.startswith("7 Sagsbehandler: Tur 7 i uddrag B") for line in lines)
    assert not any(line.startswith(("11 11", "1 1 ", "2 2 ")) for line in lines)
    # A turn's continued lines carry no number: the numbers are exactly 1..12, then 1..8.
    numbers = [
        int(line.split()[0])
        for line in lines
        if line.split()[1:2] in (["Borger:"], ["Sagsbehandler:"])
    ]
    assert numbers == [*range(1, 13), *range(1, 9)]


def test_pdf_in_english():
    _, text = pdf_text(seminar.pack_pdf(pack(lang="en", figures=())))
    assert "Agenda" in text and "Page 1 of" in text and "Ground rules" in text


def test_pdf_fits_a_tall_chart_on_one_page():
    tall = replace(TEAMS, bars=TEAMS.bars * 3)  # 60 bars
    reader, text = pdf_text(seminar.pack_pdf(pack(figures=(tall,))))
    assert sum(len(page.images) for page in reader.pages) == 1
    assert "Proceskort på tværs af team" in text


# --- PowerPoint -----------------------------------------------------------------------------


def deck_texts(deck) -> list[str]:
    return [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]


def test_pptx_has_slides_pictures_and_notes():
    steps: list[float] = []
    data = seminar.pack_pptx(
        pack(excerpts=(excerpt("A"), excerpt("C", turns=20, long=True))),
        lambda f, label: steps.append(f),
    )
    assert steps == sorted(set(steps)) and steps[-1] == 1.0
    deck = Presentation(io.BytesIO(data))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[:3] == ["FLIP: Samtalen som faglig kerne", "Dagsorden", "Spilleregler"]
    assert "Uddrag C · Opfølgningssamtale (fortsat)" in titles  # long turns span slides
    assert "Uddrag A: spørgsmål fra linserne" in titles
    assert titles[-1] == "Næste skridt"
    assert "Til drøftelse (1 af 2)" in titles and "Til drøftelse (2 af 2)" in titles
    joined = "\n".join(deck_texts(deck))
    for expected in (
        "Hvad hører I borgeren sige om arbejde?",
        "Den hyppigste markering var gribning.",  # the reading as real text
        "Tur 19 i uddrag C: æøå",
        "Hvad sker der så?",
        "Vi beskriver, hvad der sker i samtalen",
    ):
        assert expected in joined, expected
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == FIG.reading
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert all(n.strip() for n in notes)
    assert any("Tidsfristen fylder i samtalen." in n for n in notes)  # learning points


def test_pptx_text_never_below_18_pt_and_stays_on_the_slide():
    deck = Presentation(
        io.BytesIO(seminar.pack_pptx(pack(excerpts=(excerpt("A", 30, long=True), excerpt("B")))))
    )
    sizes = [
        run.font.size
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        for run in para.runs
        if run.font.size is not None
    ]
    assert sizes and min(sizes) >= Pt(18)
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width
            assert shape.top + shape.height <= deck.slide_height


def test_pptx_grows_with_excerpts_and_shows_each_chart_whole_on_one_slide():
    two = Presentation(io.BytesIO(seminar.pack_pptx(pack(figures=()))))
    four = Presentation(
        io.BytesIO(seminar.pack_pptx(pack(figures=(), excerpts=tuple(excerpt(x) for x in "ABCD"))))
    )
    assert len(four.slides) > len(two.slides)
    tall = replace(TEAMS, bars=TEAMS.bars * 3)  # 60 bars: once split over 8 slides
    deck = Presentation(io.BytesIO(seminar.pack_pptx(pack(figures=(FIG, TEAMS, tall)))))
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in deck.slides]
    assert [len(p) for p in pictures if p] == [1, 1, 1]  # one chart per slide, none split
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles.count("Proceskort på tværs af team") == 2
    assert not any("Proceskort" in x and "(fortsat)" in x for x in titles)
    # Tall charts are too small to read from the back: the notes send the room to the handout.
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides]
    small = t("pack.notes.figure_small", "da")
    assert [small in n for n, p in zip(notes, pictures, strict=True) if p] == [False, True, True]


def test_each_picture_is_rendered_once_and_a_comparison_is_wide_on_a_slide(monkeypatch):
    """A one-team chart is one picture for both files; a comparison gets a second, wide one
    for the slide (its team panels side by side). Each is drawn once, however many files."""
    seminar.forget_charts()
    calls = []
    real = seminar.charts.png
    monkeypatch.setattr(
        seminar.charts, "png", lambda *a, **k: calls.append((a[0].key, k["width"])) or real(*a, **k)
    )
    p = pack(figures=(FIG, TEAMS))
    seminar.pack_pdf(p)
    seminar.pack_pptx(p)
    seminar.pack_pdf(p)
    seminar.pack_pptx(p)
    wide = seminar.slide_px(TEAMS)
    assert sorted(calls) == sorted(
        [(FIG.key, seminar.CHART_PX), (TEAMS.key, seminar.CHART_PX), (TEAMS.key, wide)]
    )
    assert wide > seminar.CHART_PX


def test_the_picture_leaves_the_label_title_to_the_caption_and_one_panel_to_each_team():
    """The label axis's title ran into long labels in the picture: it is left out and the
    caption says what the rows are. Labels and team names stay whole (the chart wraps them):
    team names shortened to fit beside each label once split one team into several panels."""
    team = "Team Sundhed og Rehabilitering (Jobcenter Fjordby (demo))"
    bars = (
        Bar("Meningsskabende ytring om et konkret job", 3.0, group=team),
        Bar("Kort", 2.0, group=team),
        Bar("Kort", 2.0, group="Team A"),
    )
    fig = replace(TEAMS, bars=bars)
    shown = seminar._for_image(fig)
    assert shown.label_title == "" and shown.bars == fig.bars
    assert [name for name, _bars in charts.panels(shown)] == [team, "Team A"]
    assert seminar._rows_caption(fig) == "Rækker: Udsagn · team"
    assert seminar._rows_caption(FIG) == "Rækker: Markering"
    assert seminar._rows_caption(replace(FIG, lang="en")) == "Rows: Markering"
    _, text = pdf_text(seminar.pack_pdf(pack(figures=(fig,))))
    assert "Rækker: Udsagn · team" in text


def test_progress_is_optional_and_ends_at_one_for_both_formats():
    for build in (seminar.pack_pdf, seminar.pack_pptx):
        steps: list[float] = []
        build(pack(figures=()), lambda f, _label, steps=steps: steps.append(f))
        assert steps == sorted(set(steps)) and steps[-1] == 1.0 and len(steps) >= 4
        assert build(pack(figures=()))  # no callback: fine


def test_pptx_turn_over_two_lines_keeps_a_real_line_break():
    turn = ExportTurn(1, "citizen", "Borger", "Første linje\nAnden linje")
    two_lines = replace(excerpt("A"), turns=(turn,))
    deck = Presentation(io.BytesIO(seminar.pack_pptx(pack(figures=(), excerpts=(two_lines,)))))
    slide = next(s for s in deck.slides if s.shapes.title.text.startswith("Uddrag A ·"))
    (body,) = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    xml = body.text_frame.paragraphs[0]._p.xml
    assert "<a:br" in xml and "Første linje\n" not in xml
    assert body.text_frame.text.startswith("1  Borger:\tFørste linje")
