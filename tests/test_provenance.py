"""Where a concept comes from, as the app says it (issue 21): the research's quote with its
cite, or the tool's own design; the LISES potentials; a seminar pack that opens with what the
research says, before the patterns."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from lises_reflect import flip, seminar
from lises_reflect.catalogue import DEFAULT_DIR, CatalogueError, catalogue, load_catalogue
from lises_reflect.errors import InvalidInput
from lises_reflect.flip import PackChoice, PackRequest
from lises_reflect.provenance import ResearchNote, pack_research, research_line, theme
from tests.builders import FIG, pack
from tests.catalogue_files import assert_error, edit, load_error

QUALIFY = "At udvikle tilgange til at kvalificere mødet mellem frontlinjemedarbejdere og borgere"


@pytest.fixture(autouse=True)
def small_pngs(monkeypatch):
    monkeypatch.setattr(seminar, "PNG_SCALE", 1.0)


# --- the one line -----------------------------------------------------------------------------


def test_a_research_item_shows_its_quote_and_cite_in_both_languages():
    lens = catalogue().lens("gribning")
    quote, cite = lens.source.quote, lens.source.cite
    assert research_line(lens, "da") == f"Fra forskningen: »{quote}« ({cite})"
    # The quote stays Danish: it is the research's own words.
    assert research_line(lens, "en") == f"From the research (Danish): »{quote}« ({cite})"
    outcome = catalogue().outcome("passed_over")
    assert outcome.is_research and "overhøres" in research_line(outcome, "da")


def test_the_tools_own_design_says_so():
    cat = catalogue()
    for item in (cat.phase("forberedelse"), cat.ground_rules[0], cat.tag("initiative")):
        assert not item.is_research
        assert research_line(item, "da") == "Værktøjets egen ramme"
        assert research_line(item, "en") == "The tool's own design"


# --- the potentials ---------------------------------------------------------------------------


def test_the_five_potentials_load_in_order_and_every_lens_names_one():
    cat = catalogue()
    assert [p.number for p in cat.potentials] == [1, 2, 3, 4, 5]
    third = cat.potential("qualify_meeting")
    assert third.title.da == QUALIFY and third.source.quote == QUALIFY
    assert third.source.ref == "003_67633d2e67232912.txt:154"
    assert cat.potential("real_involvement").number == 4
    assert {lens.id: lens.potential for lens in cat.lenses} == {
        "gribning": "qualify_meeting",
        "institutional_turns": "qualify_meeting",
        "labour_market_perspective": "qualify_meeting",
        "three_tasks": "qualify_meeting",
        "moral_dimensions": "qualify_meeting",
        "citizen_involvement": "real_involvement",
    }
    meeting = [lens for lens in cat.lenses if lens.potential == "qualify_meeting"]
    assert theme(cat, meeting, "da") == f"Potentiale 3 – {QUALIFY}"
    assert theme(cat, meeting, "en").startswith("Potential 3 – Developing approaches")
    both = theme(cat, cat.lenses, "da")  # with citizen involvement: potentials 3 and 4
    assert both.startswith(f"Potentiale 3 – {QUALIFY} · Potentiale 4 – At udvikle muligheden")
    assert theme(cat, (), "da") == ""


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def test_a_lens_must_name_a_known_potential(prompts: Path):
    file = prompts / "lenses" / "gribning.yaml"
    edit(file, lambda d: d["lens"].pop("potential"))
    assert_error(load_error(prompts), file, "lens.potential", "missing")
    edit(file, lambda d: d["lens"].update(potential="better_meetings"))
    err = load_error(prompts)
    assert_error(err, file, "lens.potential", "unknown potential 'better_meetings'")
    assert "qualify_meeting" in err.message


def test_a_potential_is_quoted_and_numbered_in_order(prompts: Path):
    file = prompts / "potentials.yaml"
    edit(file, lambda d: d["potentials"][1].pop("source"))
    assert_error(load_error(prompts), file, "potentials[1].source", "give its 'source'")
    shutil.copy(DEFAULT_DIR / "potentials.yaml", file)
    edit(file, lambda d: d["potentials"][2].update(number=4))
    assert_error(load_error(prompts), file, "potentials[2].number", "expected 3, found 4")
    file.unlink()
    with pytest.raises(CatalogueError, match="potentials: missing section"):
        load_catalogue(prompts)


# --- what a pack says -------------------------------------------------------------------------


def test_pack_research_quotes_the_chosen_lenses_and_their_research_tags():
    cat = catalogue()
    plain = pack_research(cat, ("gribning", "gribning"), with_tags=False, lang="da")
    assert plain.theme == f"Potentiale 3 – {QUALIFY}"
    assert plain.notes == (ResearchNote("Gribning", research_line(cat.lens("gribning"), "da")),)
    tagged = pack_research(cat, ("gribning",), with_tags=True, lang="da")
    research_tags = [t for t in cat.tags if t.concept == "gribning" and t.is_research]
    assert len(research_tags) >= 2
    lens_note, *tag_notes = tagged.notes
    # A tag quoting the lens's own passage is named with the lens, not quoted twice.
    assert lens_note == ResearchNote(
        "Gribning · Meningsskabende ytring", research_line(cat.lens("gribning"), "da")
    )
    assert tag_notes and all(n.is_tag for n in tag_notes)
    for tag in research_tags:
        note = next(n for n in tagged.notes if tag.label.da in n.names)
        assert note.line == research_line(tag, "da"), tag.id
    assert all("Tager initiativ" not in n.names for n in tagged.notes)  # the tool's own tag
    lines = [n.line for n in tagged.notes]
    assert len(set(lines)) == len(lines)  # every passage quoted once
    with pytest.raises(KeyError):
        pack_research(cat, ("nope",), with_tags=False, lang="da")


def _research(lang: str = "da") -> dict:
    r = pack_research(catalogue(), ("gribning", "institutional_turns"), True, lang)
    return {"theme": r.theme, "research": r.notes}


def test_the_pdf_opens_with_what_the_research_says_before_the_patterns():
    data = seminar.pack_pdf(pack(figures=(FIG,), **_research()))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]

    def starting(heading: str) -> int:
        return next(i for i, text in enumerate(pages) if text.startswith(heading))

    research = starting("Hvad forskningen siger")
    assert 0 < research < starting("Mønstre på tværs af team") < starting("Uddrag A")
    assert f"Tema: Potentiale 3 – {QUALIFY}" in pages[0]  # the FLIP's theme, on the cover
    said = pages[research]
    assert f"Tema: Potentiale 3 – {QUALIFY}" in said
    assert "forskerne præsenterer, hvad der forskningsmæssigt vides" in said
    for lens_id in ("gribning", "institutional_turns"):
        quote = " ".join(catalogue().lens(lens_id).source.quote.split())
        assert quote[:60] in said, lens_id
    assert "Fra forskningen: »" in said and "LISES resultatnotat" in said


def test_the_deck_opens_with_what_the_research_says_before_the_patterns():
    deck = Presentation(
        io.BytesIO(seminar.pack_pptx(pack(figures=(FIG,), lang="en", **_research("en"))))
    )
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles.index("What the research says") < titles.index(FIG.title)
    slide = deck.slides[titles.index("What the research says")]
    body = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Theme: Potential 3" in body and "From the research (Danish): »" in body
    assert "forskerne præsenterer" in slide.notes_slide.notes_text_frame.text
    cover = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Theme: Potential 3" in cover


def test_the_agenda_puts_the_research_before_the_patterns_and_still_adds_up():
    for hours in (2, 3, 4):
        plan = seminar.agenda(pack(hours=hours, figures=(FIG,), **_research()))
        labels = [label for label, _ in plan]
        assert labels[1].startswith("Hvad forskningen siger")
        assert labels[2].startswith("Oplæg: mønstre")
        assert sum(m for _, m in plan) == hours * 60
    without = seminar.agenda(pack(figures=()))
    assert [label for label, _ in without][1] == "Oplæg: hvad forskningen ved om samtalen"


def test_the_page_outline_shows_the_research_part_before_the_figures_and_plan():
    choices = (
        PackChoice("t1", "Uddrag 3", "Opfølgning", ("Gribning",)),
        PackChoice("t2", "Uddrag 7", "", ()),
    )
    request = PackRequest(
        "FLIP", 3, 6, "2026-H1", ("t2", "t1", "gone"), ("tags",), ("gribning",), ("Hvad?",)
    )
    outline = flip.pack_outline(request, choices, "da")
    assert outline.theme == f"Potentiale 3 – {QUALIFY}"
    # The tags figure is in the pack, so the lens's research tags are in its research part.
    assert outline.research == pack_research(catalogue(), ("gribning",), True, "da").notes
    assert len(outline.research) > 1
    assert outline.figures == ("Markeringer i udskrifterne (samlet for teamet)",)
    labels = [label for _span, label, _m in outline.agenda]
    assert labels[1].startswith("Hvad forskningen siger") and labels[2].startswith("Oplæg")
    assert any(label.startswith("Uddrag A") for label in labels)
    assert any("Uddrag B: " in label and "(Gribning)" in label for label in labels)
    assert sum(m for *_x, m in outline.agenda) == 180
    assert outline.agenda[0][0] == "0:00–0:15"
    for bad in (
        PackRequest("FLIP", 3, 6, "2026-H1", (), (), ("nope",)),
        PackRequest("FLIP", 3, 6, "2026-H1", (), ("sessions",), ()),
    ):
        with pytest.raises(InvalidInput):
            flip.pack_outline(bad, choices, "da")
    empty = flip.pack_outline(PackRequest("FLIP", 2, 6, "2026-H1", (), (), ()), choices, "da")
    assert (empty.theme, empty.research, empty.figures) == ("", (), ())
