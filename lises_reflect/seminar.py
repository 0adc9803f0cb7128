"""A FLIP seminar pack: the handout (PDF) and the deck for the room (PowerPoint).

Pure: it gets excerpts that bringers chose to share (already anonymous), figures that are
already suppressed, and the facilitator's own questions (already screened), and lays them out
in the order of the meeting: welcome and ground rules, what the research says about the chosen
concepts (a FLIP starts with the researchers presenting what is known), the patterns, the
excerpts with their lenses, the discussion, what to try next. Charts become PNGs offline through `charts.png`, so
the pack needs no browser and no network; each chart is rendered once and serves both files.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from PIL import Image

from lises_reflect import charts
from lises_reflect.export import ExportTurn, new_pdf
from lises_reflect.figures import Bar, Figure
from lises_reflect.i18n import t
from lises_reflect.provenance import ResearchNote

Progress = Callable[[float, str], None] | None
Prompts = Sequence[tuple[str, tuple[str, ...]]]  # (lens title, its research questions)

MAX_TITLE = 120  # a title a slide can show; the pack page's field allows as many
MAX_QUESTION = 500
MAX_QUESTIONS = 10
BREAK_MIN = 15
PNG_SCALE = 2.0  # sharp on paper and projector; tests lower it for speed
CHART_PX = 640  # the handout's picture: at A4 text width its 12 px labels print at ~10 pt
SLIDE_COLUMNS = 3  # a comparison on a slide: team panels side by side, not one tall column
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


def _rows_caption(fig: Figure) -> str:
    """What the chart's rows are: the label axis's title, printed under the chart's title
    instead of beside the labels (rendered in the image it ran into long labels)."""
    rows = fig.label_title
    if fig.grouped:
        rows = f"{rows} · {t('figure.team', fig.lang).lower()}"
    return t("pack.rows", fig.lang, rows=rows) if rows else ""


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


# --- the charts, rendered once for both files -----------------------------------------------


def _for_image(fig: Figure) -> Figure:
    """The figure as the pack's picture shows it: no label-axis title (the caption says it).
    Labels and team names stay whole: the chart wraps them, one panel per team. (Team names
    shortened to fit beside each label split one team into a panel per label length: the
    demo pack's tags chart had 30 panels, 6,000 pixels tall, 2 s to draw.)"""
    return replace(fig, label_title="")


_WARM = threading.Lock()
_warming: list[threading.Thread] = []


def warm_up() -> threading.Thread:
    """Start the chart engine in the background, once per process: it takes about a second to
    start (V8 and the Vega bundle), which the first pack would otherwise wait for. The FLIP
    page calls this while the facilitator is still choosing."""
    with _WARM:
        if not _warming:
            tiny = Figure("warm", "", "", "", "", (Bar("", 1.0),))
            thread = threading.Thread(
                target=lambda: charts.png(tiny, width=120, scale=1.0),
                name="pack-warm-up",
                daemon=True,
            )
            thread.start()
            _warming.append(thread)
        return _warming[0]


_RENDER = threading.Lock()  # the engine draws one chart at a time anyway


def chart_png(fig: Figure, scale: float = 2.0, *, slide: bool = False) -> bytes:
    """The figure's chart as the handout (`slide=False`) or the deck shows it. Cached: a
    Figure is frozen and holds all it shows, so a second file reuses the first one's pictures,
    and a build waits for a chart being drawn in the background (`flip.prepare_pack`) instead
    of drawing it a second time."""
    with _RENDER:
        return _chart_png(fig, scale, slide_px(fig) if slide else CHART_PX)


def slide_px(fig: Figure) -> int:
    """A slide is wide: a comparison of several teams gets its panels side by side (a column
    of five panels shrank to 4 pt labels on a 16:9 slide); anything else is the handout's."""
    teams = len(charts.panels(fig)) if fig.grouped else 1
    if teams < 2:
        return CHART_PX
    return charts.width_for(min(teams, SLIDE_COLUMNS))


@lru_cache(maxsize=32)
def _chart_png(fig: Figure, scale: float, width: int) -> bytes:
    return charts.png(_for_image(fig), width=width, scale=scale, titled=False)


def forget_charts() -> None:
    """Empty the chart cache (the benchmark measures a first build again)."""
    _chart_png.cache_clear()


# --- PDF handout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """Something placed on a handout page: its height in mm (with the space around it), how
    to draw it at the current position, and whether the page may break after it."""

    height: float
    draw: Callable[[], None]
    keep: bool = False  # True: stays on the page of the box that follows (a heading)


def _body(pdf: Any) -> tuple[float, float]:
    """The top and bottom of a page's text area in mm."""
    return pdf.t_margin, pdf.h - pdf.b_margin


def _flow(pdf: Any, boxes: Sequence[_Box]) -> None:
    """Place boxes down the pages. A page breaks only after a box that allows it, so a heading
    never ends a page and a list keeps at least two items on each side of a break; a run of
    kept boxes taller than a page is broken where it must be."""
    top, bottom = _body(pdf)
    i = 0
    while i < len(boxes):
        j = i
        while j < len(boxes) - 1 and boxes[j].keep:
            j += 1
        unit = boxes[i : j + 1]
        height = sum(b.height for b in unit)
        at_top = pdf.get_y() <= top + 0.5
        if not at_top and pdf.get_y() + height > bottom and height <= bottom - top:
            pdf.add_page()
        for box in unit:
            if pdf.get_y() > top + 0.5 and pdf.get_y() + box.height > bottom + 0.01:
                pdf.add_page()  # only a run taller than a page gets here
            y = pdf.get_y()
            box.draw()
            pdf.set_xy(pdf.l_margin, y + box.height)
        i = j + 1


def _text(
    pdf: Any,
    value: str,
    size: float,
    *,
    bold: bool = False,
    before: float = 0.0,
    after: float = 1.0,
    keep: bool = False,
) -> _Box:
    """A left-aligned paragraph (ragged right reads more easily than justified)."""
    style, line = "B" if bold else "", size * 0.55
    pdf.set_font("DejaVu", style, size)
    rows = []  # laid out once (fpdf's line breaking is most of a text page's time)
    for paragraph in value.split("\n"):
        found = pdf.multi_cell(pdf.epw, line, paragraph, dry_run=True, output="LINES")
        rows.extend(found or [""])

    def draw() -> None:
        pdf.set_font("DejaVu", style, size)
        y = pdf.get_y() + before
        for row in rows:
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(pdf.epw, line, row)
            y += line

    return _Box(before + line * len(rows) + after, draw, keep)


def _heading_box(pdf: Any, value: str, size: float, before: float = 0.0) -> _Box:
    return _text(pdf, value, size, bold=True, before=before, keep=True)


KEEP_WHOLE_MM = 60.0  # a list no taller than this is never broken (a lens's questions)


def _items(items: Sequence[Sequence[_Box]]) -> list[_Box]:
    """The boxes of a list. A short list is never broken. An item of up to four boxes (lines)
    is never broken; a longer one keeps two lines on each side of a break. A break leaves at
    least two items on each side, so no page starts or ends with a lone item."""
    out: list[_Box] = []
    n = len(items)
    if sum(b.height for item in items for b in item) <= KEEP_WHOLE_MM:
        boxes = [b for item in items for b in item]
        return [replace(b, keep=b.keep or i < len(boxes) - 1) for i, b in enumerate(boxes)]
    for k, item in enumerate(items):
        boxes = list(item)
        m = len(boxes)
        for i, box in enumerate(boxes):
            inside = i < m - 1 and (m <= 4 or i in (0, m - 2))
            between = i == m - 1 and k < n - 1 and k in (0, n - 2)
            out.append(replace(box, keep=box.keep or inside or between))
    return out


def _bullets(pdf: Any, values: Sequence[str], size: float = 10) -> list[_Box]:
    return _items([[_text(pdf, f"• {v}", size)] for v in values])


def _prompt_boxes(pdf: Any, prompts: Prompts) -> list[_Box]:
    out: list[_Box] = []
    for lens, questions in prompts:
        out.append(_heading_box(pdf, lens, 10, before=1))
        out += _bullets(pdf, questions)
    return out


TURN_PT, TURN_LINE = 10, 5.2  # the excerpt's type size and line height (mm)
TURN_NUMBER_W = 10.0  # mm: the turn number in the margin


def _turn_items(pdf: Any, turns: Sequence[ExportTurn]) -> list[list[_Box]]:
    """Each turn as lines: its number once, in the margin of its first line, then the speaker
    and the text; continued lines carry no number. A pause between two speakers' turns is a
    line of its own under the speaker column. The shared learning points cite turns by these
    numbers ("i tur 16"), as the deck and the pool do."""
    pdf.set_font("DejaVu", "B", TURN_PT)
    label_w = max([24.0, *(pdf.get_string_width(f"{x.label}:") + 2 for x in turns)])
    label_w = min(label_w, 45.0)
    x0 = pdf.l_margin
    text_x = x0 + TURN_NUMBER_W + label_w
    text_w = pdf.w - pdf.r_margin - text_x
    items = []
    for turn in turns:
        pdf.set_font("DejaVu", size=TURN_PT)
        lines: list[str] = []
        for paragraph in (turn.text or "").split("\n"):
            found = pdf.multi_cell(text_w, TURN_LINE, paragraph, dry_run=True, output="LINES")
            lines.extend(found or [""])
        rows = [(text_x, line, i == 0) for i, line in enumerate(lines)]
        rows += [(x0 + TURN_NUMBER_W, gap, False) for gap in turn.gap_after.split("\n") if gap]

        def draw(x: float, line: str, first: bool, turn: ExportTurn = turn) -> None:
            y = pdf.get_y()
            if first:
                pdf.set_font("DejaVu", size=TURN_PT - 1)
                pdf.set_text_color(90, 90, 90)
                pdf.set_xy(x0, y)
                pdf.cell(TURN_NUMBER_W - 3, TURN_LINE, str(turn.number), align="R")
                pdf.set_text_color(0, 0, 0)
                pdf.set_font("DejaVu", "B", TURN_PT)
                pdf.set_xy(x0 + TURN_NUMBER_W, y)
                pdf.cell(label_w, TURN_LINE, f"{turn.label}:"[:24])
            pdf.set_font("DejaVu", size=TURN_PT)
            pdf.set_xy(x, y)
            pdf.cell(pdf.w - pdf.r_margin - x, TURN_LINE, line)

        boxes = [
            _Box(TURN_LINE, lambda x=x, line=line, first=first, draw=draw: draw(x, line, first))
            for x, line, first in rows
        ]
        boxes[-1] = replace(boxes[-1], height=TURN_LINE + 1)  # a little air between turns
        items.append(boxes)
    return items


def _agenda_boxes(pdf: Any, pack: SeminarPack) -> list[_Box]:
    span_w, minutes_w = 26, 18
    rows = []
    for span, label, minutes in _timed(agenda(pack)):
        pdf.set_font("DejaVu", size=10)
        width = pdf.epw - span_w - minutes_w
        height = pdf.multi_cell(width, 6, label, dry_run=True, output="HEIGHT")

        def draw(span: str = span, label: str = label, minutes: int = minutes) -> None:
            pdf.set_font("DejaVu", size=10)
            pdf.cell(span_w, 6, span)
            pdf.cell(minutes_w, 6, t("pack.minutes", pack.lang, minutes=minutes))
            pdf.multi_cell(0, 6, label, align="L", new_x="LMARGIN", new_y="NEXT")

        rows.append([_Box(height, draw)])
    return _items(rows)


def _rules_box(pdf: Any, lang: str) -> _Box:
    rules = "\n".join(f"• {line}" for line in t("pack.rules_text", lang).split("\n"))
    options = {"border": 1, "fill": True, "padding": 3, "align": "L"}
    pdf.set_font("DejaVu", size=10)
    height = pdf.multi_cell(0, 6, rules, dry_run=True, output="HEIGHT", **options)

    def draw() -> None:
        pdf.set_font("DejaVu", size=10)
        pdf.set_fill_color(238, 243, 246)
        pdf.multi_cell(0, 6, rules, new_x="LMARGIN", new_y="NEXT", **options)

    return _Box(height + 1, draw)


def _figure_boxes(pdf: Any, fig: Figure, above: Sequence[_Box] = ()) -> list[_Box]:
    """Title, what the rows are, the chart (fitted to the page, never cut), the reading
    sentence and the hidden-bar note, kept together on one page with what is `above` it (the
    section's heading)."""
    image = chart_png(fig, PNG_SCALE)
    texts = [*above, _heading_box(pdf, _fig_title(fig), 12, before=2)]
    caption = _rows_caption(fig)
    if caption:
        texts.append(_text(pdf, caption, 9, after=1.5, keep=True))
    after = [_text(pdf, fig.reading, 10, before=1, keep=True)]
    after += [_text(pdf, note, 9, keep=True) for note in _hidden_note(fig)]
    after[-1] = replace(after[-1], height=after[-1].height + 4, keep=False)
    top, bottom = _body(pdf)
    room = bottom - top - sum(b.height for b in (*texts, *after))
    w, h = _fit(image, pdf.epw, room)

    def draw() -> None:
        pdf.image(io.BytesIO(image), x=pdf.l_margin, w=w, h=h, alt_text=fig.reading or fig.title)

    return [*texts, _Box(h, draw, keep=True), *after]


def pack_pdf(pack: SeminarPack, progress: Progress = None) -> bytes:
    """The A4 handout, in the order of the meeting: cover with plan and ground rules, the
    patterns, the excerpts with turn numbers and their lenses, the questions to write on.
    Headings keep with what follows, and a page never holds a lone item of a list."""
    lang = pack.lang
    step = _Steps(progress, 4 + len(pack.figures) + len(pack.excerpts))
    pdf = new_pdf(f"{t('pack.confidential', lang)} · {t('pack.page', lang)}")
    pdf.set_auto_page_break(False, margin=18)  # _flow breaks the pages, between boxes
    pdf.set_title(pack.title)
    pdf.set_lang("en" if lang == "en" else "da")
    pdf.set_creator("Lån et øre")

    pdf.add_page()
    cover = [_text(pdf, pack.title, 20, bold=True, keep=True)]
    cover.append(
        _text(pdf, t("pack.meta", lang, hours=pack.hours, participants=pack.participants), 11)
    )
    if pack.theme:
        cover.append(_text(pdf, t("pack.theme", lang, theme=pack.theme), 11))
    if pack.intro:
        cover.append(_text(pdf, pack.intro, 10, before=2))
    cover.append(_heading_box(pdf, t("pack.agenda", lang), 13, before=4))
    cover += _agenda_boxes(pdf, pack)
    cover.append(_heading_box(pdf, t("pack.rules", lang), 13, before=5))
    cover.append(_rules_box(pdf, lang))
    _flow(pdf, cover)
    step(t("pack.progress.cover", lang))

    if pack.research:
        pdf.add_page()
        said = [_heading_box(pdf, t("pack.research_says", lang), 15)]
        if pack.theme:
            said.append(_heading_box(pdf, t("pack.theme", lang, theme=pack.theme), 11))
        said.append(_text(pdf, t("pack.research_intro", lang), 10, keep=True))
        notes = [
            [
                _heading_box(pdf, note.names, 10 if note.is_tag else 11, before=2),
                _text(pdf, note.line, 10),
            ]
            for note in pack.research
        ]
        _flow(pdf, said + _items(notes))
    step(t("pack.progress.research", lang))

    for n, fig in enumerate(pack.figures):
        if n == 0:
            pdf.add_page()
        above = [_heading_box(pdf, t("pack.patterns", lang), 15)] if n == 0 else []
        _flow(pdf, _figure_boxes(pdf, fig, above))
        step(t("pack.progress.figure", lang, title=fig.title))

    for e in pack.excerpts:
        pdf.add_page()
        boxes = [_heading_box(pdf, _heading(e), 15)]
        if e.lenses:
            lenses = t("pack.lenses", lang, lenses=", ".join(e.lenses))
            boxes.append(_text(pdf, lenses, 10, after=3, keep=True))
        boxes += _items(_turn_items(pdf, e.turns))
        if e.learning_points:
            boxes.append(_heading_box(pdf, t("pack.shared_points", lang), 11, before=3))
            boxes += _bullets(pdf, e.learning_points)
        prompts = _prompts_for(pack, e)
        if prompts:
            heading = t("pack.lens_prompts", lang, heading=e.heading)
            boxes.append(_heading_box(pdf, heading, 11, before=4))
            boxes += _prompt_boxes(pdf, prompts)
        _flow(pdf, boxes)
        step(t("pack.progress.excerpt", lang, heading=e.heading))

    rest = _unused_prompts(pack)
    boxes = []
    if rest:
        boxes.append(_heading_box(pdf, t("pack.prompts", lang), 15))
        boxes += _prompt_boxes(pdf, rest)
    if pack.questions:
        boxes.append(_heading_box(pdf, t("pack.questions", lang), 15, before=6 if rest else 0))
        boxes += _items([[_question_box(pdf, i, q)] for i, q in enumerate(pack.questions, 1)])
    if boxes:
        pdf.add_page()
        _flow(pdf, boxes)
    step(t("pack.progress.questions", lang))
    data = bytes(pdf.output())
    step(t("pack.progress.done", lang))
    return data


def _question_box(pdf: Any, n: int, question: str) -> _Box:
    """A discussion question with four ruled lines to write on."""
    text = _text(pdf, f"{n}. {question}", 10, bold=True, before=2)

    def draw() -> None:
        text.draw()
        y = pdf.get_y() + 1
        pdf.set_draw_color(150, 150, 150)
        for _ in range(4):
            y += 8
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)

    return _Box(text.height + 4 * 8 + 5, draw)


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
LEAD_EM = 0.6  # the same for bold leads (turn number and speaker)


def _lead_width(leads: list[str], size: int) -> float:
    """Inches for the lead column: the longest speaker label fits, so every turn's text
    starts at the same tab stop."""
    longest = max((len(x) for x in leads), default=0)
    return min(4.0, max(1.2, longest * size * LEAD_EM / 72 + 0.25))


def _lines(para: _Para, width_in: float) -> int:
    per_line = max(10, int((width_in - para.hang) * 72 / (para.size * CHAR_EM)))
    return max(1, sum(len(textwrap.wrap(x, per_line)) or 1 for x in para.body.split("\n")))


def _height_pt(para: _Para, width_in: float) -> float:
    return _lines(para, width_in) * para.size * 1.2 + para.size * 0.4


def _paginate(paras: list[_Para], box: tuple[float, float] = BODY[2:]) -> list[list[_Para]]:
    """Paragraphs over as few slides as they need, never shrinking the type, and evened out
    over those slides (22 turns: 8, 7 and 7, not 10, 8 and 4), so no slide is left with one
    short paragraph. A paragraph longer than a slide continues on the next, "…" in front."""
    width, budget = box[0] - 0.2, box[1] * 72 - 10
    pieces = [piece for para in paras for piece in _split(para, width, budget)]
    heights = [_height_pt(p, width) for p in pieces]

    def fill(limit: float) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        used = 0.0
        for i, h in enumerate(heights):
            if pages[-1] and used + h > limit:
                pages.append([])
                used = 0.0
            pages[-1].append(i)
            used += h
        return pages

    fewest = len(fill(budget))
    lo, hi = max(heights, default=0.0), budget  # the lowest fill that needs no more slides
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if len(fill(mid)) <= fewest else (mid, hi)
    return [[pieces[i] for i in page] for page in fill(hi)]


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
    """A 16:9 deck for the room in the order of the meeting, text never below 18 pt, one chart
    per slide; the facilitation hints are in every slide's speaker notes, the reading
    sentences are real text."""
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

    plan = list(_timed(agenda(pack)))
    for size in (20, MIN_SLIDE_PT):  # smaller type rather than one line on a slide of its own
        agenda_lines = [
            _Para(span, f"{label} · {t('pack.minutes', lang, minutes=m)}", size, hang=1.9)
            for span, label, m in plan
        ]
        if len(_paginate(agenda_lines)) == 1:
            break
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
        _figure_slide(deck, fig)
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
        para.font.size = Pt(32 if len(title) <= 60 else 24)  # two lines at most
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


READING_PT = 20
SLIDE_LABEL_PT = 12  # below this the chart's labels are too small for the room


def _figure_slide(deck: Any, fig: Figure) -> None:
    """One slide per figure: the whole chart scaled into the slide (a tall one gets smaller,
    never split, with the reading beside it instead of under it), the reading sentence as real
    text and what the rows are; the speaker notes hold the reading, the hidden-bar note and a
    hint, and say when the chart is too small to read from the back of the room."""
    from pptx.util import Inches

    image = chart_png(fig, PNG_SCALE, slide=True)
    px_w, px_h = Image.open(io.BytesIO(image)).size
    caption = _rows_caption(fig)
    texts = [_Para("", fig.reading, READING_PT)]
    if caption:
        texts.append(_Para("", caption, MIN_SLIDE_PT))
    left, top, box_w = BODY[0], 1.45, BODY[2]
    bottom = SLIDE_H - 0.3

    def text_height(width: float) -> float:
        return sum(_height_pt(p, width - 0.2) for p in texts) / 72 + 0.15

    text_h = text_height(box_w)
    w, h = _fit(image, box_w, bottom - text_h - 0.1 - top)
    side = bottom - top  # a tall chart: as high as the slide allows, the text beside it
    if w < box_w * 0.5 and side * px_w / px_h < box_w * 0.5:
        w, h = side * px_w / px_h, side
        pic_left = left
        text_box = (left + w + 0.4, top, box_w - w - 0.4, text_height(box_w - w - 0.4))
    else:
        pic_left = left + (box_w - w) / 2
        text_box = (left, bottom - text_h, box_w, text_h)
    label_pt = SLIDE_LABEL_PT * (h * 72) / (px_h / PNG_SCALE)  # the labels as projected
    notes = [fig.reading, *_hidden_note(fig), t("pack.notes.figure", fig.lang)]
    if label_pt < SLIDE_LABEL_PT:
        notes.append(t("pack.notes.figure_small", fig.lang))
    slide = _titled_slide(deck, _fig_title(fig), "\n\n".join(x for x in notes if x))
    picture = slide.shapes.add_picture(
        io.BytesIO(image), Inches(pic_left), Inches(top), Inches(w), Inches(h)
    )
    picture._element.nvPicPr.cNvPr.set("descr", fig.reading or fig.title)  # alt text
    _text_box(slide, text_box, texts)


def _text_box(slide: Any, box: tuple[float, float, float, float], paras: list[_Para]) -> None:
    """A reading under or beside a chart; a second paragraph (what the rows are) in grey."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(para.size * 0.4)
        run = p.add_run()
        run.text = para.body
        run.font.size = Pt(para.size)
        if i:
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
