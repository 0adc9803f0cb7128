"""The FLIP seminar pack: a workable plan, a readable handout, a deck for the room."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pptx import Presentation
from pypdf import PdfReader

from lises_reflect import seminar
from lises_reflect.export import ExportTurn
from lises_reflect.figures import Bar, Figure
from lises_reflect.seminar import PackExcerpt, SeminarPack


def excerpt(letter: str, turns: int = 8) -> PackExcerpt:
    rows = tuple(
        ExportTurn(
            i,
            "caseworker" if i % 2 else "citizen",
            "Sagsbehandler" if i % 2 else "Borger",
            f"Tur {i} i uddrag {letter}: æøå og (.) en pause [overlap]",
        )
        for i in range(1, turns + 1)
    )
    return PackExcerpt(
        f"Uddrag {letter}",
        "Opfølgningssamtale",
        rows,
        ("Gribning",),
        ("Tidsfristen fylder i samtalen.",),
    )


FIG = Figure(
    "tags",
    "Markeringer i udskrifterne",
    "Den hyppigste markering var gribning.",
    "Markering",
    "Antal",
    (Bar("Gribning", 12.0), Bar("Institutionel", None, "too_few")),
    notes=("Nogle tal er skjult.",),
)


def pack(**changes) -> SeminarPack:
    base = SeminarPack(
        title="FLIP: Samtalen som faglig kerne",
        hours=3,
        participants=6,
        excerpts=(excerpt("A"), excerpt("B")),
        figures=(FIG,),
        prompts=(("Gribning", ("Hvad sker der så?", "Hvem tager tråden op?")),),
        questions=("Hvad hører I borgeren sige om arbejde?",),
    )
    return replace(base, **changes)


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
        ({"questions": ("x" * 501,)}, "pack.error.question"),
        ({"questions": ("q",) * 11}, "pack.error.too_many_questions"),
        ({"questions": (), "prompts": ()}, "pack.error.nothing_to_ask"),
    ],
)
def test_problems(changes, problem):
    assert problem in seminar.problems(pack(**changes))
    assert seminar.problems(pack()) == []


@pytest.mark.parametrize("hours", [2, 3, 4])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_agenda_fills_the_meeting(hours, n):
    plan = seminar.agenda(pack(hours=hours, excerpts=tuple(excerpt(x) for x in "ABCD"[:n])))
    assert sum(m for _, m in plan) == hours * 60
    assert all(m > 0 for _, m in plan)
    assert sum("Pause" in label for label, _ in plan) == 1  # one break, 15 min per 90 started


def test_pdf_has_turns_questions_and_charts():
    steps = []
    data = seminar.pack_pdf(pack(), lambda f, label: steps.append(f))
    assert steps == sorted(steps) and steps[-1] == 1.0
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Uddrag A",
        "Uddrag B",
        "Tur 7 i uddrag B: æøå",
        "Hvad sker der så?",
        "Hvad hører I borgeren sige om arbejde?",
        "Markeringer i udskrifterne",
        "Den hyppigste markering var gribning.",
        "Dagsorden",
        "Side 1 af",
    ):
        assert expected in text, expected
    assert sum(len(page.images) for page in reader.pages) == 1


def test_pptx_has_slides_pictures_and_notes():
    steps = []
    long = excerpt("C", turns=20)
    data = seminar.pack_pptx(pack(excerpts=(excerpt("A"), long)), lambda f, label: steps.append(f))
    assert steps == sorted(steps) and steps[-1] == 1.0
    deck = Presentation(io.BytesIO(data))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    joined = "\n".join(texts)
    assert "Uddrag C · Opfølgningssamtale (fortsat)" in joined  # 20 turns span several slides
    assert "Hvad hører I borgeren sige om arbejde?" in joined
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert all(slide.has_notes_slide for slide in deck.slides)
    fewer = Presentation(io.BytesIO(seminar.pack_pptx(pack())))
    assert len(deck.slides) > len(fewer.slides)
