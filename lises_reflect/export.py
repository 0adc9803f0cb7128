"""Files the bringer takes home: a line-numbered handout (PDF), tags as CSV and as JSON; and
the file a listener takes home from a finished session: his or her own contributions.

Pure functions over already-permitted data: who may export what is decided in `tagging`.
Annotators appear only as pseudonyms.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lises_reflect import i18n
from lises_reflect.catalogue import LINK_SOURCE_TAGS

FONT_DIR = Path(__file__).resolve().parent / "fonts"  # DejaVu Sans (free licence, see fonts/)


@dataclass(frozen=True)
class ExportTurn:
    number: int
    speaker: str  # caseworker | citizen | other
    label: str
    text: str
    gap_after: str = ""  # a pause between this turn and the next speaker's, a line of its own


@dataclass(frozen=True)
class ExportQuestion:
    lens_title: str
    question: str


@dataclass(frozen=True)
class ExportTag:
    turn: int
    speaker: str
    tag_id: str
    tag_label: str
    annotator: str  # a pseudonym, never a name


@dataclass(frozen=True)
class ExportLink:
    from_turn: int
    to_turns: tuple[int, ...]
    outcome_id: str
    outcome_label: str
    annotator: str


@dataclass(frozen=True)
class SessionExport:
    title: str
    kind_label: str
    created: str
    lang: str
    turns: tuple[ExportTurn, ...]
    questions: tuple[ExportQuestion, ...]
    tags: tuple[ExportTag, ...]
    links: tuple[ExportLink, ...]


def _t(data: SessionExport, key: str) -> str:
    return i18n.t(f"export.file.{key}", data.lang)


def new_pdf(page_label: str):  # -> FPDF (imported lazily: fpdf is only needed for PDFs)
    """An A4 document with the bundled DejaVu fonts (Danish letters, CA marks, dashes) and a
    "Side x af y" footer; `page_label` has {page} and {pages}."""
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, page_label.format(page=self.page_no(), pages="{nb}"), align="C")

    pdf = Document(format="A4")
    pdf.alias_nb_pages("{nb}")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=18)
    return pdf


def write_turns(pdf, turns: tuple[ExportTurn, ...] | list[ExportTurn]) -> None:
    """Each printed line carries a running line number in the margin, so a group can say
    "linje 12" as conversation analysts do; each turn starts with its number and speaker."""
    size, height = 10, 5.2
    margin_x = pdf.l_margin
    number_w, turn_w = 9.0, 9.0
    # Wide enough for the longest speaker label ("Sagsbehandler:" is ~31 mm in bold 10 pt).
    pdf.set_font("DejaVu", "B", size)
    label_w = max([24.0, *(pdf.get_string_width(f"{t.label}:") + 2 for t in turns)])
    label_w = min(label_w, 45.0)
    text_x = margin_x + number_w + turn_w + label_w
    text_w = pdf.w - pdf.r_margin - text_x
    line_no = 0
    for turn in turns:
        pdf.set_font("DejaVu", size=size)
        lines: list[str] = []
        for paragraph in (turn.text or "").split("\n") or [""]:
            pdf.set_x(text_x)
            lines.extend(
                pdf.multi_cell(text_w, height, paragraph, dry_run=True, output="LINES") or [""]
            )
        # A gap belongs to neither speaker: its own numbered line, under the labels.
        gaps = turn.gap_after.split("\n") if turn.gap_after else []
        rows = [(text_x, line) for line in lines] + [(text_x - label_w, gap) for gap in gaps]
        for i, (x, line) in enumerate(rows):
            line_no += 1
            if pdf.get_y() + height > pdf.h - pdf.b_margin:
                pdf.add_page()
            y = pdf.get_y()
            # Line numbers small and grey, turn numbers bold: read as two kinds, not "1 1".
            pdf.set_font("DejaVu", size=7)
            pdf.set_text_color(110)
            pdf.set_xy(margin_x, y)
            pdf.cell(number_w - 2, height, str(line_no), align="R")
            pdf.set_text_color(0)
            pdf.set_font("DejaVu", "B" if i == 0 else "", size)
            if i == 0:
                pdf.set_xy(margin_x + number_w, y)
                pdf.cell(turn_w, height, str(turn.number))
                pdf.set_xy(margin_x + number_w + turn_w, y)
                pdf.cell(label_w, height, f"{turn.label}:"[:24])
            pdf.set_font("DejaVu", size=size)
            pdf.set_xy(x, y)
            pdf.cell(text_w, height, line)
            pdf.set_xy(margin_x, y + height)
        pdf.ln(1)


def handout_pdf(data: SessionExport) -> bytes:
    """A4 handout of the excerpt with line and turn numbers, then the lens questions."""
    pdf = new_pdf(_t(data, "page"))
    pdf.add_page()
    write_paragraph(pdf, data.title or _t(data, "untitled"), 15, 8, bold=True)
    write_paragraph(pdf, " · ".join(x for x in (data.kind_label, data.created) if x), 9, 5)
    write_paragraph(pdf, _t(data, "confidential"), 9, 5, bold=True)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, _t(data, "excerpt"), new_x="LMARGIN", new_y="NEXT")
    if data.turns:
        write_paragraph(pdf, _t(data, "numbers"), 8, 4.5)
        pdf.ln(1)
    write_turns(pdf, data.turns)

    if data.questions:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 7, _t(data, "questions"), new_x="LMARGIN", new_y="NEXT")
        current = None
        for q in data.questions:
            if q.lens_title != current:
                current = q.lens_title
                pdf.ln(2)
                write_paragraph(pdf, current, 10, 6, bold=True)
            write_paragraph(pdf, f"• {q.question}", 10, 5.5)
            pdf.ln(9)  # room to write
    return bytes(pdf.output())


def write_paragraph(pdf: Any, text: str, size: float, height: float, bold: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


_FORMULA = re.compile(r"^[=+\-@\t\r]")


def defuse_cell(value: object) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: defuse them."""
    text = str(value)
    return "'" + text if _FORMULA.match(text) else text


def tags_csv(data: SessionExport) -> bytes:
    """Long format, one row per tag and per link; BOM so Excel on Danish Windows reads æøå."""
    speakers = {t.number: t.speaker for t in data.turns}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["turn", "speaker", "tag", "annotator", "link", "outcome"])
    for tag in data.tags:
        writer.writerow(
            [tag.turn, tag.speaker, defuse_cell(tag.tag_id), defuse_cell(tag.annotator), "", ""]
        )
    # A link row names the tag its turn was linked as: the citizen's concrete labour-market
    # perspective where the annotator tagged the turn so (and not also as meaning-making).
    source_tag = {
        (tag.turn, tag.annotator): tag.tag_id
        for tag in sorted(data.tags, key=lambda t: t.tag_id == LINK_SOURCE_TAGS[0])
        if tag.tag_id in LINK_SOURCE_TAGS
    }
    for link in data.links:
        writer.writerow(
            [
                link.from_turn,
                speakers.get(link.from_turn, "citizen"),
                source_tag.get((link.from_turn, link.annotator), LINK_SOURCE_TAGS[0]),
                defuse_cell(link.annotator),
                ";".join(str(n) for n in link.to_turns),
                defuse_cell(link.outcome_id),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def session_json(data: SessionExport | ContributionsExport) -> bytes:
    return json.dumps(asdict(data), ensure_ascii=False, indent=2).encode("utf-8")


def filename(data: SessionExport, ext: str) -> str:
    """ASCII-only, so it survives every mail client and file share."""
    title = (data.title or "refleksion").lower()
    title = title.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", title).strip("-")[:60] or "refleksion"
    return _filename(data.created, slug, ext)


def _filename(created: str, slug: str, ext: str) -> str:
    date = re.sub(r"[^0-9-]", "", created)[:10]
    ext = re.sub(r"[^a-z0-9]", "", ext.lower()) or "bin"
    return f"laan-et-oere-{date + '-' if date else ''}{slug}.{ext}"


# ---------------------------------------------------------------- a listener's own contributions


@dataclass(frozen=True)
class OwnText:
    heading: str  # the lens question, or "Refleksion"
    text: str


@dataclass(frozen=True)
class ContributionsExport:
    """What a listener takes home from a finished session: his or her own texts, tags and
    links, the learning points the bringer released, and the excerpt only with the bringer's
    consent (`turns` is then non-empty and `title` filled)."""

    title: str
    kind_label: str
    created: str
    lang: str
    excerpt_included: bool
    turns: tuple[ExportTurn, ...]
    observations: tuple[OwnText, ...]
    reflections: tuple[OwnText, ...]
    tags: tuple[ExportTag, ...]
    links: tuple[ExportLink, ...]
    learning_points: tuple[str, ...]


def contributions_text(data: ContributionsExport) -> bytes:
    """A plain UTF-8 text file that opens anywhere; user texts are written as they are."""

    def own(name: str) -> str:
        return i18n.t(f"export.own.{name}", data.lang)

    lines = [own("heading"), "=" * len(own("heading"))]
    about = (data.title, " · ".join(x for x in (data.kind_label, data.created) if x))
    lines += [x for x in about if x] + [own("confidential"), ""]

    def section(name: str, items: list[str]) -> None:
        lines.extend([own(name), "-" * len(own(name))])
        lines.extend(items or [own("none")])
        lines.append("")

    if data.excerpt_included:
        section("excerpt", [f"{x.number}. {x.label}: {x.text}" for x in data.turns])
    else:
        lines += [own("no_excerpt"), ""]
    section("observations", [f"{o.heading}\n  {o.text}" for o in data.observations])
    section("reflections", [o.text for o in data.reflections])
    section("tags", [f"{own('turn')} {x.turn}: {x.tag_label}" for x in data.tags])
    section(
        "links",
        [
            f"{own('turn')} {x.from_turn} → {', '.join(map(str, x.to_turns))}: {x.outcome_label}"
            for x in data.links
        ],
    )
    section("learning_points", [f"• {x}" for x in data.learning_points])
    return "\n".join(lines).encode("utf-8")


contributions_json = session_json


def contributions_filename(data: ContributionsExport, ext: str) -> str:
    return _filename(data.created, "mine-bidrag", ext)
