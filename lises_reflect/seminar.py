"""A FLIP seminar pack: the handout (PDF) and the deck for the room (PowerPoint).

Pure: it gets excerpts that bringers chose to share (already anonymous), figures that are
already suppressed, and the facilitator's own questions (already screened), and lays them out
in the order of the meeting: welcome and ground rules, what the research says about the chosen
concepts (a FLIP starts with the researchers presenting what is known), the patterns, the
excerpts with their lenses, the discussion, what to try next. Charts become PNGs offline through `charts.png`, so
the pack needs no browser and no network.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image

from lises_reflect import charts
from lises_reflect.export import ExportTurn, new_pdf, write_turns
from lises_reflect.figures import Figure
from lises_reflect.i18n import t
from lises_reflect.provenance import ResearchNote

Progress = Callable[[float, str], None] | None
Prompts = Sequence[tuple[str, tuple[str, ...]]]  # (lens title, its research questions)

MAX_TITLE = 120  # a title a slide can show; the pack page's field allows as many
MAX_QUESTION = 500
MAX_QUESTIONS = 10
BREAK_MIN = 15
PNG_SCALE = 2.0  # sharp on paper and projector; tests lower it for speed
PDF_PNG_WIDTH = 640  # px: at A4 text width the chart's 12 px labels print at about 10 pt
SLIDE_PNG_WIDTH = 640
BARS_PER_SLIDE = 8  # more rows than this shrink the labels below what a room can read
MIN_SLIDE_PT = 18


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
    prompts: tuple[tuple[str, tuple[str, ...]], ...]  # (lens title, its research questions)
    questions: tuple[str, ...]  # the facilitator's own discussion questions
    lang: str = "da"
    intro: str = ""
    theme: str = ""  # the LISES potential the chosen concepts belong to
    research: tuple[ResearchNote, ...] = ()  # what the research says about them


def problems(pack: SeminarPack) -> list[str]:
    """Message keys for everything that keeps the pack from being a workable FLIP
    (2–4 hours, 4–8 practitioners, 2–4 excerpts, something to ask). Empty: fine."""
    out = []
    if not pack.title.strip():
        out.append("pack.error.title")
    if len(pack.title) > MAX_TITLE:
        out.append("pack.error.title_long")
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


# --- the plan -------------------------------------------------------------------------------


def agenda(pack: SeminarPack) -> list[tuple[str, int]]:
    """A plan in minutes that adds up to exactly the whole meeting: welcome and ground rules,
    what the research says, the patterns, each excerpt, a break per started 90 minutes after
    the first hour (placed between blocks, near even intervals), and a closing round. Never
    raises."""
    return _agenda(pack.lang, pack.hours, pack.excerpts, bool(pack.figures), bool(pack.research))


def plan(
    lang: str, hours: int, excerpts: Sequence[PackExcerpt], figures: bool, research: bool
) -> tuple[tuple[str, str, int], ...]:
    """The agenda of a pack with these parts, timed: (from–to, label, minutes)."""
    return tuple(_timed(_agenda(lang, hours, excerpts, figures, research)))


def _agenda(
    lang: str, hours: int, excerpts: Sequence[PackExcerpt], figures: bool, research_part: bool
) -> list[tuple[str, int]]:
    total = hours * 60
    if total <= 0:
        return []
    short = hours <= 2
    welcome = 10 if short else 15
    inputs = []  # what the research says, before the patterns from the teams
    if research_part:
        inputs.append((t("pack.agenda.research_says", lang), 10))
    if figures:
        inputs.append((t("pack.agenda.research", lang), 15 if short else 20))
    inputs = inputs or [(t("pack.agenda.input", lang), 10)]
    research = sum(m for _label, m in inputs)
    closing = 15 if short else 20
    n_breaks = math.ceil((total - 60) / 90) if total > 60 else 0
    blocks = [_excerpt_label(e, lang) for e in excerpts] or [t("pack.agenda.reflection", lang)]
    rest = total - welcome - research - closing - BREAK_MIN * n_breaks
    if rest < len(blocks):  # not a FLIP (problems() says so); still a plan that adds up
        return [(t("pack.agenda.reflection", lang), total)]
    unit = 5 if rest >= 5 * len(blocks) else 1  # whole five minutes read best in a plan
    per, extra = divmod(rest // unit, len(blocks))
    minutes = [unit * (per + (1 if i < extra else 0)) for i in range(len(blocks))]
    closing += rest - sum(minutes)

    # Breaks go at block boundaries (after the input, after an excerpt) nearest even spacing.
    bounds, elapsed = [welcome + research], welcome + research
    for m in minutes:
        elapsed += m
        bounds.append(elapsed)
    work = total - BREAK_MIN * n_breaks
    chosen: set[int] = set()
    for j in range(1, n_breaks + 1):
        target = j * work / (n_breaks + 1)
        free = [i for i in range(len(bounds)) if i not in chosen]
        if free:
            chosen.add(min(free, key=lambda i: abs(bounds[i] - target)))
    lost = BREAK_MIN * (n_breaks - len(chosen))  # only if there are fewer gaps than breaks
    pause = (t("pack.agenda.break", lang), BREAK_MIN)

    plan = [(t("pack.agenda.welcome", lang), welcome), *inputs]
    if 0 in chosen:
        plan.append(pause)
    for i, (label, m) in enumerate(zip(blocks, minutes, strict=True), start=1):
        plan.append((label, m))
        if i in chosen:
            plan.append(pause)
    plan.append((t("pack.agenda.closing", lang), closing + lost))
    return plan


def _excerpt_label(e: PackExcerpt, lang: str) -> str:
    label = t("pack.agenda.excerpt", lang, heading=e.heading)
    if e.lenses:
        label = t("pack.agenda.with_lenses", lang, label=label, lenses=", ".join(e.lenses))
    return label


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _timed(plan: list[tuple[str, int]]) -> Iterator[tuple[str, str, int]]:
    """(from–to, label, minutes), counted from the start of the meeting."""
    start = 0
    for label, m in plan:
        yield f"{_clock(start)}–{_clock(start + m)}", label, m
        start += m


def _prompts_for(pack: SeminarPack, e: PackExcerpt) -> Prompts:
    """The lens prompts an excerpt is read with: its own lenses, else all chosen lenses."""
    own = tuple(p for p in pack.prompts if p[0] in e.lenses)
    return own or pack.prompts


def _unused_prompts(pack: SeminarPack) -> Prompts:
    """Chosen lenses that no excerpt is read with: they get a section of their own."""
    used = {p for e in pack.excerpts for p in _prompts_for(pack, e)}
    return tuple(p for p in pack.prompts if p not in used)


def _hidden_note(fig: Figure) -> tuple[str, ...]:
    """Why some bars are missing: the figure's own notes, else a count in plain words."""
    hidden = sum(b.value is None for b in fig.bars)
    if fig.notes or not hidden:
        return fig.notes
    return (t("pack.hidden_note", fig.lang, hidden=hidden, total=len(fig.bars)),)


def _fit(image: bytes, width: float, height: float) -> tuple[float, float]:
    """The image's size at `width`, shrunk to `height` when taller: never cut, never skewed."""
    px_w, px_h = Image.open(io.BytesIO(image)).size
    if width * px_h / px_w <= height:
        return width, width * px_h / px_w
    return height * px_w / px_h, height


def _heading(e: PackExcerpt) -> str:
    return e.heading + (f" · {e.kind}" if e.kind else "")


def _fig_title(fig: Figure) -> str:
    return fig.title + (f" · {fig.period_label}" if fig.period_label else "")


class _Steps:
    """Calls `progress` after each step, monotonically, the last call with exactly 1.0."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, label: str) -> None:
        self.done = min(self.done + 1, self.total)
        if self.progress:
            self.progress(1.0 if self.done == self.total else self.done / self.total, label)


# --- PDF handout ----------------------------------------------------------------------------


def pack_pdf(pack: SeminarPack, progress: Progress = None) -> bytes:
    """The A4 handout, in the order of the meeting: cover with plan and ground rules, the
    patterns, the excerpts with turn numbers and their lenses, the questions to write on."""
    lang = pack.lang
    step = _Steps(progress, 4 + len(pack.figures) + len(pack.excerpts))
    pdf = new_pdf(f"{t('pack.confidential', lang)} · {t('pack.page', lang)}")
    pdf.set_title(pack.title)
    pdf.set_lang("en" if lang == "en" else "da")
    pdf.set_creator("Lån et øre")

    pdf.add_page()
    _write(pdf, pack.title, 20, bold=True)
    _write(pdf, t("pack.meta", lang, hours=pack.hours, participants=pack.participants), 11)
    if pack.theme:
        _write(pdf, t("pack.theme", lang, theme=pack.theme), 11)
    if pack.intro:
        pdf.ln(2)
        _write(pdf, pack.intro, 10)
    pdf.ln(4)
    _write(pdf, t("pack.agenda", lang), 13, bold=True)
    for span, label, minutes in _timed(agenda(pack)):
        pdf.set_font("DejaVu", size=10)
        pdf.cell(26, 6, span)
        pdf.cell(18, 6, t("pack.minutes", lang, minutes=minutes))
        pdf.multi_cell(0, 6, label, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.set_fill_color(238, 243, 246)
    _write(pdf, t("pack.rules", lang), 13, bold=True)
    rules = "\n".join(f"• {line}" for line in t("pack.rules_text", lang).split("\n"))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(
        0, 6, rules, border=1, fill=True, padding=3, align="L", new_x="LMARGIN", new_y="NEXT"
    )
    step(t("pack.progress.cover", lang))

    if pack.research:
        pdf.add_page()
        _write(pdf, t("pack.research_says", lang), 15, bold=True)
        if pack.theme:
            _write(pdf, t("pack.theme", lang, theme=pack.theme), 11, bold=True)
        _write(pdf, t("pack.research_intro", lang), 10)
        for note in pack.research:
            _keep(pdf, 20)
            pdf.ln(2)
            _write(pdf, note.names, 11 if not note.is_tag else 10, bold=True)
            _write(pdf, note.line, 10)
    step(t("pack.progress.research", lang))

    if pack.figures:
        pdf.add_page()
        _write(pdf, t("pack.patterns", lang), 15, bold=True)
    for fig in pack.figures:
        _pdf_figure(pdf, fig)
        step(t("pack.progress.figure", lang, title=fig.title))

    for e in pack.excerpts:
        pdf.add_page()
        _write(pdf, _heading(e), 15, bold=True)
        if e.lenses:
            _write(pdf, t("pack.lenses", lang, lenses=", ".join(e.lenses)), 10)
        pdf.ln(2)
        write_turns(pdf, e.turns)
        if e.learning_points:
            _keep(pdf, 20)
            pdf.ln(2)
            _write(pdf, t("pack.shared_points", lang), 11, bold=True)
            for point in e.learning_points:
                _write(pdf, f"• {point}", 10)
        prompts = _prompts_for(pack, e)
        if prompts:
            _keep(pdf, 30)
            pdf.ln(3)
            _write(pdf, t("pack.lens_prompts", lang, heading=e.heading), 11, bold=True)
            _pdf_prompts(pdf, prompts)
        step(t("pack.progress.excerpt", lang, heading=e.heading))

    rest = _unused_prompts(pack)
    if rest or pack.questions:
        pdf.add_page()
    if rest:
        _write(pdf, t("pack.prompts", lang), 15, bold=True)
        _pdf_prompts(pdf, rest)
        pdf.ln(4)
    if pack.questions:
        _keep(pdf, 45)
        _write(pdf, t("pack.questions", lang), 15, bold=True)
        for i, q in enumerate(pack.questions, start=1):
            _keep(pdf, 12 + 4 * 8)
            pdf.ln(2)
            _write(pdf, f"{i}. {q}", 10, bold=True)
            for _ in range(4):  # ruled lines to write on
                y = pdf.get_y() + 8
                pdf.set_draw_color(150, 150, 150)
                pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
                pdf.set_y(y)
            pdf.ln(3)
    step(t("pack.progress.questions", lang))
    data = bytes(pdf.output())
    step(t("pack.progress.done", lang))
    return data


def _write(pdf: Any, value: str, size: float, bold: bool = False) -> None:
    """A left-aligned paragraph (ragged right reads more easily than justified)."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.55, value, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _keep(pdf: Any, mm: float) -> None:
    """Start a new page unless `mm` more fit, so a heading never sits alone at the bottom."""
    if pdf.get_y() + mm > pdf.h - pdf.b_margin:
        pdf.add_page()


def _pdf_prompts(pdf: Any, prompts: Prompts) -> None:
    for lens, questions in prompts:
        _keep(pdf, 15)
        _write(pdf, lens, 10, bold=True)
        for q in questions:
            _write(pdf, f"• {q}", 10)


def _pdf_figure(pdf: Any, fig: Figure) -> None:
    """Title, chart (fitted to the page, never cut), the reading sentence, hidden-bar note."""
    image = charts.png(fig, width=PDF_PNG_WIDTH, scale=PNG_SCALE, titled=False)
    notes = _hidden_note(fig)
    text_mm = 8 + 6 * (2 + len(notes))  # title, reading and notes, roughly
    w, h = _fit(image, pdf.epw, pdf.h - pdf.t_margin - pdf.b_margin - text_mm)
    _keep(pdf, h + text_mm)
    pdf.ln(2)
    _write(pdf, _fig_title(fig), 12, bold=True)
    pdf.image(io.BytesIO(image), x=pdf.l_margin, w=w, h=h, alt_text=fig.reading or fig.title)
    pdf.ln(1)
    _write(pdf, fig.reading, 10)
    for note in notes:
        _write(pdf, note, 9)
    pdf.ln(3)


# --- PowerPoint deck ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    """One paragraph on a slide: a bold lead (turn number and speaker, a bullet) hanging in
    front of the text, so wrapped lines align under the text, not under the speaker."""

    lead: str
    body: str
    size: int = 22
    hang: float = 0.0  # inches; 0 = no lead column
    bold_body: bool = False


SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
BODY = (0.6, 1.5, 12.13, 5.6)  # left, top, width, height in inches
CHAR_EM = 0.52  # average character width in em (conservative for Calibri)


def _lead_width(leads: list[str], size: int) -> float:
    """Inches for the lead column: the longest speaker label fits, so every turn's text
    starts at the same tab stop (bold Calibri is about 0.55 em per character)."""
    longest = max((len(x) for x in leads), default=0)
    return min(4.0, max(1.2, longest * size * 0.55 / 72 + 0.25))


def _lines(para: _Para, width_in: float) -> int:
    per_line = max(10, int((width_in - para.hang) * 72 / (para.size * CHAR_EM)))
    return max(1, sum(len(textwrap.wrap(x, per_line)) or 1 for x in para.body.split("\n")))


def _height_pt(para: _Para, width_in: float) -> float:
    return _lines(para, width_in) * para.size * 1.2 + para.size * 0.4


def _paginate(paras: list[_Para], box: tuple[float, float] = BODY[2:]) -> list[list[_Para]]:
    """Split paragraphs over as many slides as needed, never shrinking the type; a paragraph
    longer than a slide continues on the next with its lead repeated."""
    width, budget = box[0] - 0.2, box[1] * 72 - 10
    pages: list[list[_Para]] = [[]]
    used = 0.0
    for para in paras:
        for piece in _split(para, width, budget):
            h = _height_pt(piece, width)
            if pages[-1] and used + h > budget:
                pages.append([])
                used = 0.0
            pages[-1].append(piece)
            used += h
    return pages


def _split(para: _Para, width: float, budget: float) -> Iterator[_Para]:
    if _height_pt(para, width) <= budget:
        yield para
        return
    per_line = max(10, int((width - para.hang) * 72 / (para.size * CHAR_EM)))
    rows = textwrap.wrap(para.body, per_line) or [""]
    fit = max(1, int((budget - para.size * 0.4) // (para.size * 1.2)))
    for i in range(0, len(rows), fit):
        body = " ".join(rows[i : i + fit])
        yield replace(para, body=("… " if i else "") + body)


def pack_pptx(pack: SeminarPack, progress: Progress = None) -> bytes:
    """A 16:9 deck for the room in the order of the meeting, text never below 18 pt; the
    facilitation hints are in the speaker notes, the reading sentences are real text."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    lang = pack.lang
    step = _Steps(progress, 4 + len(pack.figures) + len(pack.excerpts))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    # PowerPoint's document properties hold 255 characters at most (python-pptx raises).
    deck.core_properties.title = pack.title[:255]
    deck.core_properties.language = "en-GB" if lang == "en" else "da-DK"

    slide = deck.slides.add_slide(deck.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    _place(title, 0.8, 2.0, SLIDE_W - 1.6, 1.6)
    _place(subtitle, 0.8, 3.8, SLIDE_W - 1.6, 1.6)
    title.text = pack.title
    title.text_frame.word_wrap = True
    for para in title.text_frame.paragraphs:  # a long title wraps instead of leaving the slide
        para.font.size = Pt(_title_pt(pack.title))
    subtitle.text = "\n".join(
        (
            t("pack.meta", lang, hours=pack.hours, participants=pack.participants),
            *([t("pack.theme", lang, theme=pack.theme)] if pack.theme else []),
            t("pack.confidential", lang),
        )
    )
    for para in subtitle.text_frame.paragraphs:
        para.font.size = Pt(24)
    _notes(slide, pack.intro or t("pack.notes.title", lang))

    agenda_lines = [
        _Para(span, f"{label} · {t('pack.minutes', lang, minutes=m)}", 20, hang=1.9)
        for span, label, m in _timed(agenda(pack))
    ]
    _text_slides(deck, t("pack.agenda", lang), agenda_lines, t("pack.notes.agenda", lang), lang)
    rules = [_Para("•", line, 26, hang=0.45) for line in t("pack.rules_text", lang).split("\n")]
    _text_slides(deck, t("pack.rules", lang), rules, t("pack.notes.rules", lang), lang)
    step(t("pack.progress.cover", lang))

    if pack.research:
        theme = t("pack.theme", lang, theme=pack.theme)
        paras = [_Para("", theme, 22, bold_body=True)] if pack.theme else []
        for note in pack.research:
            paras.append(_Para("", note.names, 22 if note.is_tag else 24, bold_body=True))
            paras.append(_Para("", note.line, 20))
        notes = f"{t('pack.research_intro', lang)}\n\n{t('pack.notes.research', lang)}"
        _text_slides(deck, t("pack.research_says", lang), paras, notes, lang)
    step(t("pack.progress.research", lang))

    for fig in pack.figures:
        _figure_slides(deck, fig)
        step(t("pack.progress.figure", lang, title=fig.title))

    for e in pack.excerpts:
        notes = [t("pack.notes.excerpt", lang, lenses=", ".join(e.lenses) or "–")]
        if e.learning_points:
            points = " · ".join(e.learning_points)
            notes.append(t("pack.notes.learning_points", lang, points=points))
        leads = [f"{turn.number}  {turn.label}:" for turn in e.turns]
        hang = _lead_width(leads, MIN_SLIDE_PT)
        turns = [
            _Para(lead, turn.text, MIN_SLIDE_PT, hang=hang)
            for lead, turn in zip(leads, e.turns, strict=True)
        ]
        _text_slides(deck, _heading(e), turns, "\n\n".join(notes), lang)
        prompts = _prompts_for(pack, e)
        if prompts:
            _prompt_slides(deck, t("pack.lens_prompts", lang, heading=e.heading), prompts, lang)
        step(t("pack.progress.excerpt", lang, heading=e.heading))

    rest = _unused_prompts(pack)
    if rest:
        _prompt_slides(deck, t("pack.prompts", lang), rest, lang)
    for i, q in enumerate(pack.questions, start=1):
        title = t("pack.question_n", lang, n=i, total=len(pack.questions))
        paras = [_Para("", q, 36 if len(q) <= 160 else 28, bold_body=True)]
        _text_slides(deck, title, paras, t("pack.notes.question", lang), lang)
    closing = [_Para("", t("pack.closing_text", lang), 32)]
    _text_slides(deck, t("pack.closing", lang), closing, t("pack.notes.closing", lang), lang)
    step(t("pack.progress.questions", lang))
    out = io.BytesIO()
    deck.save(out)
    step(t("pack.progress.done", lang))
    return out.getvalue()


def _prompt_slides(deck: Any, title: str, prompts: Prompts, lang: str) -> None:
    """Each lens in bold with its research questions under it."""
    paras: list[_Para] = []
    for lens, questions in prompts:
        paras.append(_Para("", lens, 24, bold_body=True))
        paras += [_Para("•", q, 22, hang=0.45) for q in questions]
    _text_slides(deck, title, paras, t("pack.notes.prompts", lang), lang)


def _title_pt(title: str) -> int:
    """The opening slide's title size: smaller for a longer title, never below MIN_SLIDE_PT."""
    n = len(title)
    return 40 if n <= 40 else 32 if n <= 80 else 24 if n <= 160 else MIN_SLIDE_PT


def _place(shape: Any, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _notes(slide: Any, value: str) -> None:
    slide.notes_slide.notes_text_frame.text = value


def _titled_slide(deck: Any, title: str, notes: str) -> Any:
    """A 'Title Only' slide: a real title placeholder (what screen readers and the outline
    list), moved to 16:9 proportions."""
    from pptx.util import Pt

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = slide.shapes.title
    _place(shape, 0.6, 0.3, SLIDE_W - 1.2, 1.1)
    shape.text = title
    shape.text_frame.word_wrap = True
    for para in shape.text_frame.paragraphs:
        para.font.size = Pt(32)
    _notes(slide, notes or title)
    return slide


def _text_slides(deck: Any, title: str, paras: list[_Para], notes: str, lang: str) -> None:
    """As many slides as the text needs; later ones say "(fortsat)" in the title."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    for n, page in enumerate(_paginate(paras)):
        heading = title if n == 0 else f"{title} {t('pack.continued', lang)}"
        slide = _titled_slide(deck, heading, notes)
        box = slide.shapes.add_textbox(*(Inches(v) for v in BODY))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE  # never shrink below the size we chose
        for i, para in enumerate(page):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.space_after = Pt(para.size * 0.4)
            if para.hang:
                ppr = p._p.get_or_add_pPr()
                ppr.set("marL", str(Inches(para.hang)))
                ppr.set("indent", str(-Inches(para.hang)))
            if para.lead:
                run = p.add_run()
                run.text = para.lead + ("\t" if para.hang else " ")
                run.font.bold, run.font.size = True, Pt(para.size)
            for n_line, line in enumerate(para.body.split("\n")):
                if n_line:
                    p.add_line_break()  # a real line break, not a raw "\n" in the XML
                run = p.add_run()
                run.text = line
                run.font.size, run.font.bold = Pt(para.size), para.bold_body


def _nice_ceiling(x: float) -> float:
    """The next round number ≥ x (1, 2, 2.5, 5 × 10ⁿ), for one axis across split slides."""
    if x <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= x)


def _figure_slides(deck: Any, fig: Figure) -> None:
    """One slide per figure (more for a long one, same value axis on all), the chart fitted
    into the slide and the reading sentence as real text under it."""
    from pptx.util import Inches, Pt

    chunks = [fig]
    if len(fig.bars) > BARS_PER_SLIDE:
        top = max((b.value for b in fig.bars if b.value is not None), default=0.0)
        fixed = fig.scale_max or _nice_ceiling(top * 1.1)
        chunks = [
            replace(fig, bars=fig.bars[i : i + BARS_PER_SLIDE], scale_max=fixed)
            for i in range(0, len(fig.bars), BARS_PER_SLIDE)
        ]
    notes = "\n\n".join(
        x for x in (fig.reading, *_hidden_note(fig), t("pack.notes.figure", fig.lang)) if x
    )
    for n, chunk in enumerate(chunks):
        title = _fig_title(fig) + (f" {t('pack.continued', fig.lang)}" if n else "")
        slide = _titled_slide(deck, title, notes)
        image = charts.png(chunk, width=SLIDE_PNG_WIDTH, scale=PNG_SCALE, titled=False)
        box_w = BODY[2]
        w, h = _fit(image, box_w, 4.3)
        picture = slide.shapes.add_picture(
            io.BytesIO(image), Inches(BODY[0] + (box_w - w) / 2), Inches(1.45), Inches(w), Inches(h)
        )
        picture._element.nvPicPr.cNvPr.set("descr", fig.reading or fig.title)  # alt text
        reading = slide.shapes.add_textbox(Inches(BODY[0]), Inches(5.9), Inches(box_w), Inches(1.3))
        reading.text_frame.word_wrap = True
        reading.text_frame.text = fig.reading
        for para in reading.text_frame.paragraphs:
            para.font.size = Pt(20)
