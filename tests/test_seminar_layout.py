"""The seminar pack as it looks: every PDF page rendered to a picture (poppler's pdftoppm) and
read back with its text positions (pypdf), every slide checked from its geometry (python-pptx),
and, where LibreOffice is installed, every slide rendered too.

Issue 16: a handout page held only a heading, another a single bullet; a chart's axis title ran
into its labels; the deck split one chart over five slides and left "21 Sagsbehandler: Aftale."
alone on a slide. These tests check the facts a facilitator would see, on packs made of the
demo's own conversations and on packs built to break pages in awkward places.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from lises_reflect import demo_content, seminar
from lises_reflect.catalogue import catalogue
from lises_reflect.export import FONT_DIR, ExportTurn
from lises_reflect.i18n import t
from lises_reflect.provenance import pack_research
from lises_reflect.transcript import parse_transcript
from tests.builders import FIG, excerpt, pack
from tests.test_seminar import TEAMS

MM = 72 / 25.4  # points per mm
A4_W, A4_H = 595.28, 841.89
MARGIN = 10 * MM  # fpdf's left, right and top margins
BODY_BOTTOM = A4_H - 18 * MM  # the page's text ends here; the footer sits below
DPI = 50


@pytest.fixture(autouse=True)
def small_pngs(monkeypatch):
    monkeypatch.setattr(seminar, "PNG_SCALE", 1.0)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _need(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if not found:
        message = f"{tool} not found (Debian package {package}; scripts/setup.sh installs it)"
        if _in_ci():
            pytest.fail(f"CI requires {tool}: {message}", pytrace=False)
        pytest.skip(message)
    return found


# --- the packs --------------------------------------------------------------------------------


def _demo_excerpt(case: demo_content.Case, letter: str) -> seminar.PackExcerpt:
    turns = tuple(
        ExportTurn(x.number, x.speaker, t(f"flip.speaker.{x.speaker}", "da"), x.text, x.gap_after)
        for x in parse_transcript(case.excerpt)
    )
    cat = catalogue()
    return seminar.PackExcerpt(
        f"Uddrag {letter}",
        cat.conversation_kind(case.conversation_kind).label.get("da"),
        turns,
        tuple(cat.lens(x).title.get("da") for x in case.lenses),
        tuple(p.text for p in case.learning_points),
    )


def _research() -> dict:
    r = pack_research(catalogue(), ("gribning", "institutional_turns"), True, "da")
    return {"theme": r.theme, "research": r.notes}


TALL = replace(TEAMS, key="tall", bars=TEAMS.bars * 3)  # 60 bars


def _packs() -> Iterator[tuple[str, seminar.SeminarPack]]:
    cases = demo_content.content().cases
    for n in range(0, len(cases), 4):
        chosen = cases[n : n + 4]
        if len(chosen) >= 2:
            excerpts = tuple(_demo_excerpt(c, "ABCD"[i]) for i, c in enumerate(chosen))
            yield f"demo-{n // 4}", pack(excerpts=excerpts, figures=(FIG, TEAMS), **_research())
    yield "default", pack()
    yield "tall-first", pack(figures=(TALL, FIG), **_research())
    # Packs as a facilitator might put them together: 2–4 demo conversations, any figures,
    # one to three lenses, a few questions or none.
    rng = random.Random(16)
    lenses = [
        (lens.title.get("da"), tuple(q.text.get("da") for q in lens.questions))
        for lens in (catalogue().lens(x) for x in catalogue().lens_ids())
    ]
    for n in range(8):
        chosen = rng.sample(cases, rng.randint(2, 4))
        yield (
            f"mixed-{n}",
            pack(
                excerpts=tuple(_demo_excerpt(c, "ABCD"[i]) for i, c in enumerate(chosen)),
                figures=tuple(rng.sample([FIG, TEAMS, TALL], rng.randint(0, 3))),
                prompts=tuple(rng.sample(lenses, rng.randint(1, 3))),
                questions=tuple(f"Spørgsmål {i}?" for i in range(rng.randint(0, 3))),
                **(_research() if n % 2 else {}),
            ),
        )
    yield "english", pack(lang="en", figures=(FIG, TALL))
    # Lengths that end pages in every possible place, long turns split over pages, the most
    # questions there may be, a long title and introduction.
    for n in (9, 17, 26, 31, 38):
        long = excerpt("B", n, long=n % 2 == 1)
        yield (
            f"turns-{n}",
            pack(
                title="FLIP " + "om samtalen som faglig kerne " * 3,
                intro="En indledning, der fylder. " * 30,
                excerpts=(excerpt("A", n), long, excerpt("C", 40 - n)),
                questions=tuple(f"Spørgsmål {i}: " + "hvad ser I? " * (i * 4) for i in range(10)),
                figures=(FIG, TEAMS, TALL),
                **_research(),
            ),
        )


PACKS = list(_packs())
IDS = [name for name, _ in PACKS]


# --- the PDF, read back -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    x: float  # pt from the left
    y: float  # pt from the top
    size: float
    bold: bool
    text: str
    right: float  # pt from the left where the line's last fragment ends

    @property
    def heading(self) -> bool:
        return self.bold and self.size >= 11


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), 100)


def page_lines(page) -> list[Line]:
    """The page's text as lines from the top: fragments at the same height joined."""
    parts: list[tuple[float, float, float, bool, str]] = []

    def visit(text, _cm, tm, font, size) -> None:
        if text.strip():
            bold = "Bold" in str((font or {}).get("/BaseFont", ""))
            parts.append((tm[4], A4_H - tm[5], size * tm[0], bold, text))

    page.extract_text(visitor_text=visit)
    lines: list[list[tuple[float, float, float, bool, str]]] = []
    for part in sorted(parts, key=lambda p: (round(p[1]), p[0])):
        if lines and abs(lines[-1][0][1] - part[1]) < 1.5:
            lines[-1].append(part)
        else:
            lines.append([part])
    out = []
    for parts_ in lines:
        parts_.sort(key=lambda p: p[0])
        last = parts_[-1]
        right = last[0] + _font(last[3]).getlength(last[4].rstrip()) * last[2] / 100
        out.append(
            Line(
                x=parts_[0][0],
                y=parts_[0][1],
                size=max(p[2] for p in parts_),
                bold=any(p[3] for p in parts_ if p[2] >= 11) or parts_[0][3],
                text=" ".join(" ".join(p[4].split()) for p in parts_),
                right=right,
            )
        )
    return out


def body(lines: list[Line]) -> list[Line]:
    return [x for x in lines if x.y < BODY_BOTTOM]


@cache
def _pdf(name: str) -> bytes:
    return seminar.pack_pdf(dict(PACKS)[name])


@pytest.mark.parametrize("name", IDS)
def test_no_pdf_page_is_a_lone_heading_or_bullet_and_text_stays_in_the_margins(name):
    reader = PdfReader(io.BytesIO(_pdf(name)))
    for n, page in enumerate(reader.pages, start=1):
        lines = page_lines(page)
        shown = body(lines)
        where = f"{name}, page {n}: {[x.text[:40] for x in shown]}"
        images = len(page.images)
        assert shown or images, f"{where}: an empty page"
        # Not only headings, and not a single line (a lone bullet, the last turn of an excerpt).
        assert images or any(not x.heading for x in shown), f"{where}: only a heading"
        assert images or len(shown) >= 2, f"{where}: a single line"
        assert not (
            len([x for x in shown if not x.heading]) == 1 and shown[-1].text.startswith("•")
        ), f"{where}: a lone bullet"
        # A page that continues the one before (no heading of its own) is not a leftover of one
        # or two lines, such as the last question of a list.
        assert images or any(x.heading for x in shown) or len(shown) >= 3, f"{where}: leftover"
        # A heading never ends a page: something of its own follows it on the same page.
        assert not shown[-1].heading or images, f"{where}: ends with a heading"
        for line in lines:
            assert line.x >= MARGIN - 1 and line.right <= A4_W - MARGIN + 1, (where, line)
        footer = [x for x in lines if x.y >= BODY_BOTTOM]
        assert [x.text for x in footer] == [
            f"Fortroligt – bliver i rummet · Side {n} af {len(reader.pages)}"
        ] or name == "english"


@pytest.mark.parametrize("name", IDS)
def test_the_pdf_pages_as_pictures(name, tmp_path: Path):
    """Every page rendered by poppler: no ink outside the margins or between the text and the
    footer, and on every page more than a heading's worth of content."""
    pdftoppm = _need("pdftoppm", "poppler-utils")
    (tmp_path / "pack.pdf").write_bytes(_pdf(name))
    subprocess.run(
        [pdftoppm, "-r", str(DPI), "-gray", "-png", "pack.pdf", "p"], cwd=tmp_path, check=True
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(_pdf(name))).pages)
    px = DPI / 25.4  # pixels per mm
    for n, path in enumerate(pages, start=1):
        image = Image.open(path).point(lambda v: 255 if v < 200 else 0)  # ink is white here
        w, h = image.size
        left, right = image.crop((0, 0, int(9 * px), h)), image.crop((w - int(9 * px), 0, w, h))
        assert left.getbbox() is None and right.getbbox() is None, f"{name} p{n}: in the margin"
        gap = image.crop((0, int(279.5 * px), w, int(283.5 * px)))
        assert gap.getbbox() is None, f"{name} p{n}: past the bottom margin"
        content = image.crop((0, 0, w, int(279 * px))).getbbox()
        assert content is not None, f"{name} p{n}: empty"
        tall_mm = (content[3] - content[1]) / px
        assert tall_mm >= 15, f"{name} p{n}: only {tall_mm:.0f} mm of content"


def _numbered(line: Line) -> bool:
    """A turn's first line: its number in the margin column."""
    return line.text.split()[0].isdigit() and line.x < MARGIN + 8 * MM


def _continued(line: Line) -> bool:
    """A turn's second line on: text under the text column, no number, no speaker."""
    return not line.heading and line.x > MARGIN + 30 * MM


def test_a_turn_broken_over_two_pages_keeps_two_lines_on_each():
    """Widows and orphans: a long turn that goes on to the next page leaves at least two of its
    lines on each page (the long excerpts break inside turns in these packs)."""
    breaks = 0
    for name in ("turns-9", "turns-17", "turns-31"):
        pages = [body(page_lines(p)) for p in PdfReader(io.BytesIO(_pdf(name))).pages]
        for n in range(1, len(pages)):
            here = pages[n]
            if not here or not _continued(here[0]):
                continue
            breaks += 1
            carried = next((i for i, x in enumerate(here) if not _continued(x)), len(here))
            before = pages[n - 1]
            last = max(i for i, x in enumerate(before) if _numbered(x))
            left = len(before) - last
            assert carried >= 2 and left >= 2, (name, n + 1, here[0].text, carried, left)
    assert breaks >= 3


# --- the deck, from its geometry ---------------------------------------------------------------

EMU_PER_PT = 12700


def _wrapped_lines(runs: list[tuple[str, float, bool]], width_pt: float, indent_pt: float) -> int:
    """Lines a paragraph takes when its words wrap at `width_pt`, measured in DejaVu Sans,
    which is wider than the deck's Calibri (about 0.49 em against 0.39 a character): if it
    fits here, it fits on the projector."""
    lines, used = 1, indent_pt
    for text, size, bold in runs:
        font = _font(bold)
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines, used = lines + 1, indent_pt
            for word in piece.split(" "):
                w = font.getlength(word + " ") * size / 100
                if used + w > width_pt and used > indent_pt:
                    lines, used = lines + 1, indent_pt
                used += w
    return lines


def text_height_pt(shape) -> float:
    """The height a text frame's paragraphs need: wrapped lines at 1.2 × their size, plus the
    space after each paragraph and the frame's insets. A hanging lead (turn number and speaker)
    must fit its column, or the text would not start at the tab stop."""
    width = Emu(shape.width).pt - 14.4  # the frame's left and right insets (0.1 in each)
    total = 7.2  # top and bottom insets
    for p in shape.text_frame.paragraphs:
        runs = _runs_with_breaks(p)
        ppr = p._p.pPr
        hang = int(ppr.get("marL", 0)) / EMU_PER_PT if ppr is not None else 0.0
        if hang and runs and runs[0][0].endswith("\t"):
            lead, size, bold = runs[0]
            lead_w = _font(bold).getlength(lead.rstrip("\t")) * size / 100
            assert lead_w <= hang, f"the lead {lead!r} is wider than its column ({hang:.0f} pt)"
            runs = runs[1:]
        size = max((s for _t, s, _b in runs), default=18.0)
        space_after = p.space_after.pt if p.space_after is not None else 0.0
        total += _wrapped_lines(runs, width, hang) * size * 1.2 + space_after
    return total


def _runs_with_breaks(p) -> list[tuple[str, float, bool]]:
    """The paragraph's runs in order, a line break as "\n"."""
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    out: list[tuple[str, float, bool]] = []
    for child in p._p:
        if child.tag == f"{ns}r":
            rpr = child.find(f"{ns}rPr")
            size = int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else 18.0
            bold = rpr is not None and rpr.get("b") == "1"
            out.append((child.find(f"{ns}t").text or "", size, bold))
        elif child.tag == f"{ns}br" and out:
            text, size, bold = out[-1]
            out[-1] = (text + "\n", size, bold)
    return out


@cache
def _pptx(name: str) -> bytes:
    return seminar.pack_pptx(dict(PACKS)[name])


@pytest.mark.parametrize("name", IDS)
def test_every_slide_holds_its_text_and_one_chart_at_most(name):
    deck = Presentation(io.BytesIO(_pptx(name)))
    sw, sh = deck.slide_width, deck.slide_height
    title_slides = 0
    for n, slide in enumerate(deck.slides, start=1):
        where = f"{name}, slide {n} ({slide.shapes.title.text[:50]!r})"
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) <= 1, where
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= sw and shape.top + shape.height <= sh, where
            if shape.has_text_frame and shape.text_frame.text.strip():
                need = text_height_pt(shape)
                assert need <= Emu(shape.height).pt + 1, f"{where}: {need:.0f} pt of text"
        # Shapes do not overlap: a picture and the text under or beside it.
        boxes = [s for s in slide.shapes if s != slide.shapes.title]
        for a in boxes:
            for b in boxes:
                if a is not b:
                    apart = (
                        a.left + a.width <= b.left
                        or b.left + b.width <= a.left
                        or a.top + a.height <= b.top
                        or b.top + b.height <= a.top
                    )
                    assert apart, where
        notes = slide.notes_slide.notes_text_frame.text.strip()
        assert notes, f"{where}: no speaker notes"
        if n > 1:  # every content slide: notes that say more than its title
            assert notes != slide.shapes.title.text, where
            body_text = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
            assert pictures or any(s.text_frame.text.strip() for s in body_text), where
        else:
            title_slides += 1
    assert title_slides == 1


@pytest.mark.parametrize("name", IDS)
def test_an_excerpt_spreads_evenly_with_no_turn_alone_on_a_slide(name):
    p = dict(PACKS)[name]
    deck = Presentation(io.BytesIO(_pptx(name)))
    for e in p.excerpts:
        heading = seminar._heading(e)
        slides = [s for s in deck.slides if s.shapes.title.text.startswith(heading)]
        counts = []
        for slide in slides:
            paragraphs = _body_text(slide).text_frame.paragraphs
            counts.append(len(paragraphs))
            starts = [x.text.split()[0] for x in paragraphs]
            assert all(x.isdigit() or x == "…" for x in starts), starts
            # No short turn alone on a slide ("21 Sagsbehandler: Aftale."); a turn that fills
            # a good part of a slide by itself may be.
            if len(slides) > 1 and len(paragraphs) == 1:
                assert len(paragraphs[0].text) > 250, (name, heading, paragraphs[0].text)
        assert sum(counts) >= len(e.turns)
        if len(slides) > 1:  # as few slides as fit, evened out
            assert max(counts) - min(counts) <= max(3, max(counts) // 2), counts


def test_the_demo_excerpt_that_left_a_turn_alone_is_evened_out():
    """22 turns went 10, 8 and 4 over three slides; now 8, 7 and 7, "Aftale." among them."""
    turns = tuple(
        ExportTurn(
            i,
            "caseworker" if i % 2 else "citizen",
            "Sagsbehandler" if i % 2 else "Borger",
            "Aftale." if i == 21 else "En taletur af en vis længde, " * (1 + i % 4),
        )
        for i in range(1, 23)
    )
    e = replace(excerpt("A"), turns=turns)
    deck = Presentation(io.BytesIO(seminar.pack_pptx(pack(excerpts=(e, excerpt("B")), figures=()))))
    counts = [
        len(_body_text(slide).text_frame.paragraphs)
        for slide in deck.slides
        if slide.shapes.title.text.startswith("Uddrag A · ")
    ]
    assert sum(counts) == 22 and min(counts) >= max(counts) - 2, counts


def _body_text(slide):
    (text,) = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
    return text


# --- the deck rendered as pictures by LibreOffice ----------------------------------------------


@pytest.mark.parametrize("name", ["turns-31", "demo-0", "mixed-3"])
def test_the_deck_rendered_by_libreoffice_keeps_its_text_on_the_slides(tmp_path: Path, name):
    """The deck becomes a PDF through LibreOffice (one page per slide), whose text must lie
    inside the slide, and every slide a picture (pdftoppm) with nothing drawn in the slide's
    last strip and, after the title slide, something under its title. scripts/setup.sh installs LibreOffice."""
    soffice = _need("soffice", "libreoffice-impress-nogui")
    (tmp_path / "deck.pptx").write_bytes(_pptx(name))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "deck.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    reader = PdfReader(str(tmp_path / "deck.pdf"))
    assert len(reader.pages) == len(Presentation(io.BytesIO(_pptx(name))).slides)
    for n, page in enumerate(reader.pages, start=1):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        parts = []

        def visit(text, cm, tm, _font, _size, parts=parts) -> None:
            if text.strip():  # the text's origin on the page: tm, then the page's cm
                x, y = tm[4], tm[5]
                parts.append((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5], text))

        page.extract_text(visitor_text=visit)
        assert parts, f"slide {n} is empty"
        for x, y, text in parts:
            assert 0 <= x < w and 14 < y < h, (n, text)  # not below the slide's last 0.2 in
    pdftoppm = _need("pdftoppm", "poppler-utils")
    subprocess.run(
        [pdftoppm, "-r", "40", "-gray", "-png", "deck.pdf", "s"], cwd=tmp_path, check=True
    )
    pictures = sorted(tmp_path.glob("s-*.png"))
    assert len(pictures) == len(reader.pages)
    for n, path in enumerate(pictures, start=1):
        img = Image.open(path).convert("L")
        ink = [
            y for y in range(img.height) if img.crop((0, y, img.width, y + 1)).getextrema()[0] < 128
        ]
        assert ink, f"slide {n} is blank"
        assert max(ink) < img.height * 0.97, f"slide {n}: something runs off its bottom edge"
        # The title stands in the top fifth: below it there must be something (a lone heading
        # on a slide was one of issue 16's findings).
        assert n == 1 or max(ink) > img.height * 0.2, f"slide {n} holds no more than its title"
