"""A FLIP seminar pack: the handout (PDF) and the deck for the room (PowerPoint).

Pure: it gets excerpts that bringers chose to share (already anonymous), figures that are
already suppressed, and the facilitator's own questions (already screened), and lays them out.
Charts become PNGs offline through `charts.png`, so the pack needs no browser and no network.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from lises_reflect import charts
from lises_reflect.export import ExportTurn, new_pdf, write_turns
from lises_reflect.figures import Figure
from lises_reflect.i18n import t

Progress = Callable[[float, str], None] | None

MAX_QUESTION = 500
MAX_QUESTIONS = 10
TURNS_PER_SLIDE = 6


@dataclass(frozen=True)
class PackExcerpt:
    heading: str  # neutral: "Uddrag A"; never a name or a date
    kind: str
    turns: tuple[ExportTurn, ...]
    lenses: tuple[str, ...]
    learning_points: tuple[str, ...]


@dataclass(frozen=True)
class SeminarPack:
    title: str
    hours: int
    participants: int
    excerpts: tuple[PackExcerpt, ...]
    figures: tuple[Figure, ...]
    prompts: tuple[tuple[str, tuple[str, ...]], ...]  # (lens title, its questions)
    questions: tuple[str, ...]  # the facilitator's own discussion questions
    lang: str = "da"
    intro: str = ""


def problems(pack: SeminarPack) -> list[str]:
    """Message keys for everything that keeps the pack from being a workable FLIP."""
    out = []
    if not pack.title.strip():
        out.append("pack.error.title")
    if not 2 <= len(pack.excerpts) <= 4:
        out.append("pack.error.excerpts")
    if not 2 <= pack.hours <= 4:
        out.append("pack.error.hours")
    if not 4 <= pack.participants <= 8:
        out.append("pack.error.participants")
    if len(pack.questions) > MAX_QUESTIONS:
        out.append("pack.error.too_many_questions")
    if any(not q.strip() or len(q) > MAX_QUESTION for q in pack.questions):
        out.append("pack.error.question")
    if not pack.questions and not pack.prompts:
        out.append("pack.error.nothing_to_ask")
    return out


def agenda(pack: SeminarPack) -> list[tuple[str, int]]:
    """A plan in minutes that adds up to the whole meeting."""
    lang, total = pack.lang, pack.hours * 60
    n = max(1, len(pack.excerpts))
    breaks = max(0, math.ceil((total - 60) / 90)) if total > 60 else 0
    fixed = [
        (t("pack.agenda.welcome", lang), 15),
        (t("pack.agenda.research", lang), 20 if pack.figures else 10),
    ]
    closing = (t("pack.agenda.closing", lang), 20)
    rest = total - sum(m for _, m in fixed) - closing[1] - 15 * breaks
    per, extra = divmod(rest, n)
    items = list(fixed)
    for i, e in enumerate(pack.excerpts or (None,)):
        label = t("pack.agenda.excerpt", lang, heading=e.heading if e else "")
        items.append((label, per + (1 if i < extra else 0)))
        if breaks and i == (n - 1) // 2:
            items.append((t("pack.agenda.break", lang), 15 * breaks))
    items.append(closing)
    return items


def _tick(progress: Progress, done: int, total: int, label: str) -> None:
    if progress:
        progress(min(1.0, done / total), label)


def pack_pdf(pack: SeminarPack, progress: Progress = None) -> bytes:
    lang = pack.lang
    steps = 3 + len(pack.excerpts) + len(pack.figures)
    step = 0
    pdf = new_pdf(t("pack.page", lang))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, pack.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(
        0,
        6,
        t("pack.meta", lang, hours=pack.hours, participants=pack.participants),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if pack.intro:
        pdf.ln(2)
        pdf.multi_cell(0, 5.5, pack.intro, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, t("pack.agenda", lang))
    for label, minutes in agenda(pack):
        pdf.set_font("DejaVu", size=10)
        pdf.cell(20, 6, f"{minutes} min")
        pdf.multi_cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, t("pack.rules", lang))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 5.5, t("pack.rules_text", lang), border=1, new_x="LMARGIN", new_y="NEXT")
    step += 1
    _tick(progress, step, steps, t("pack.progress.cover", lang))

    for e in pack.excerpts:
        pdf.add_page()
        _heading(pdf, f"{e.heading}" + (f" · {e.kind}" if e.kind else ""), 14)
        if e.lenses:
            pdf.set_font("DejaVu", size=9)
            pdf.multi_cell(
                0,
                5,
                t("pack.lenses", lang, lenses=", ".join(e.lenses)),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        pdf.ln(2)
        write_turns(pdf, e.turns)
        if e.learning_points:
            pdf.ln(2)
            _heading(pdf, t("pack.shared_points", lang), 11)
            pdf.set_font("DejaVu", size=10)
            for point in e.learning_points:
                pdf.multi_cell(0, 5.5, f"• {point}", new_x="LMARGIN", new_y="NEXT")
        step += 1
        _tick(progress, step, steps, t("pack.progress.excerpt", lang, heading=e.heading))

    if pack.figures:
        pdf.add_page()
        _heading(pdf, t("pack.patterns", lang), 14)
    for fig in pack.figures:
        image = charts.png(fig, width=560, scale=2)
        if pdf.get_y() > pdf.h - 120:
            pdf.add_page()
        _heading(pdf, fig.title + (f" · {fig.period_label}" if fig.period_label else ""), 11)
        pdf.image(io.BytesIO(image), w=pdf.epw)
        pdf.set_font("DejaVu", size=9)
        pdf.multi_cell(0, 5, fig.reading, new_x="LMARGIN", new_y="NEXT")
        for note in fig.notes:
            pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        step += 1
        _tick(progress, step, steps, t("pack.progress.figure", lang, title=fig.title))

    pdf.add_page()
    if pack.prompts:
        _heading(pdf, t("pack.prompts", lang), 14)
        for lens, questions in pack.prompts:
            _heading(pdf, lens, 11)
            pdf.set_font("DejaVu", size=10)
            for q in questions:
                pdf.multi_cell(0, 5.5, f"• {q}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    if pack.questions:
        _heading(pdf, t("pack.questions", lang), 14)
        for i, q in enumerate(pack.questions, start=1):
            pdf.set_font("DejaVu", "B", 10)
            pdf.multi_cell(0, 5.5, f"{i}. {q}", new_x="LMARGIN", new_y="NEXT")
            for _ in range(3):  # ruled lines to write on
                y = pdf.get_y() + 7
                pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
                pdf.set_y(y)
            pdf.ln(4)
    step += 1
    _tick(progress, step, steps, t("pack.progress.questions", lang))
    data = bytes(pdf.output())
    _tick(progress, steps, steps, t("pack.progress.done", lang))
    return data


def _heading(pdf, text: str, size: int = 12) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def pack_pptx(pack: SeminarPack, progress: Progress = None) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    lang = pack.lang
    steps = 3 + len(pack.excerpts) + len(pack.figures)
    step = 0
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_layout, content_layout, blank = (
        deck.slide_layouts[0],
        deck.slide_layouts[1],
        deck.slide_layouts[6],
    )

    def text_slide(title: str, lines: list[str], notes: str = "", size: int = 22) -> None:
        slide = deck.slides.add_slide(content_layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1]
        body.left, body.top, body.width, body.height = (
            Inches(0.6),
            Inches(1.5),
            Inches(12.1),
            Inches(5.6),
        )
        frame = body.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines or [""]):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = line
            para.font.size = Pt(size)
        slide.notes_slide.notes_text_frame.text = notes or title

    slide = deck.slides.add_slide(title_layout)
    slide.shapes.title.text = pack.title
    slide.placeholders[1].text = t(
        "pack.meta", lang, hours=pack.hours, participants=pack.participants
    )
    slide.notes_slide.notes_text_frame.text = pack.intro or t("pack.notes.title", lang)
    text_slide(
        t("pack.agenda", lang),
        [f"{minutes} min – {label}" for label, minutes in agenda(pack)],
        t("pack.notes.agenda", lang),
    )
    text_slide(t("pack.rules", lang), t("pack.rules_text", lang).split("\n"), size=22)
    step += 1
    _tick(progress, step, steps, t("pack.progress.cover", lang))

    for e in pack.excerpts:
        chunks = [
            e.turns[i : i + TURNS_PER_SLIDE] for i in range(0, len(e.turns), TURNS_PER_SLIDE)
        ] or [()]
        for n, chunk in enumerate(chunks):
            title = e.heading + (f" · {e.kind}" if e.kind else "")
            if n:
                title += f" {t('pack.continued', lang)}"
            text_slide(
                title,
                [f"{turn.number}  {turn.label}: {turn.text}" for turn in chunk],
                t("pack.notes.excerpt", lang, lenses=", ".join(e.lenses)),
                size=18,
            )
        step += 1
        _tick(progress, step, steps, t("pack.progress.excerpt", lang, heading=e.heading))

    for fig in pack.figures:
        slide = deck.slides.add_slide(blank)
        box = slide.shapes.add_textbox(Inches(0.6), Inches(0.3), Inches(12), Inches(0.8))
        box.text_frame.text = fig.title
        box.text_frame.paragraphs[0].font.size = Pt(28)
        slide.shapes.add_picture(
            io.BytesIO(charts.png(fig, width=760, scale=2)),
            Inches(0.6),
            Inches(1.2),
            height=Inches(4.9),
        )
        reading = slide.shapes.add_textbox(Inches(0.6), Inches(6.3), Inches(12), Inches(1))
        reading.text_frame.word_wrap = True
        reading.text_frame.text = fig.reading
        reading.text_frame.paragraphs[0].font.size = Pt(18)
        slide.notes_slide.notes_text_frame.text = " ".join((fig.reading, *fig.notes))
        step += 1
        _tick(progress, step, steps, t("pack.progress.figure", lang, title=fig.title))

    for lens, questions in pack.prompts:
        text_slide(lens, list(questions), t("pack.notes.prompts", lang), size=22)
    for q in pack.questions:
        text_slide(t("pack.question", lang), [q], t("pack.notes.question", lang), size=32)
    text_slide(t("pack.closing", lang), [t("pack.closing_text", lang)], size=26)
    step += 1
    _tick(progress, step, steps, t("pack.progress.questions", lang))
    out = io.BytesIO()
    deck.save(out)
    _tick(progress, steps, steps, t("pack.progress.done", lang))
    return out.getvalue()
