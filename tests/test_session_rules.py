"""The rules behind the session page, without Streamlit: option labels, referenced turns,
turns as Markdown, the gribning choices that still fit, download files, the phase controls
and who writes what in which phase. Also the layering rule: only `ui.py` and the
`session_ui` package (the session page's renderers) import Streamlit."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from lises_reflect import export
from lises_reflect import session_rules as R
from lises_reflect.catalogue import catalogue
from lises_reflect.sessions import PHASE_COUNT
from lises_reflect.transcript import parse_transcript

PACKAGE = Path(__file__).resolve().parent.parent / "lises_reflect"
TURNS = parse_transcript(
    "\n".join(
        [
            "R: Hvordan er det gået i praktikken?",  # 1
            "B: Jeg kan godt lide at køre *truck* [se](x)",  # 2
            "R: Du skal huske timesedlen.",  # 3
            "B: Ja.",  # 4
            "Mentor: Han møder stabilt.",  # 5
        ]
    )
)
CREATED = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)


def text(kind: str, body: str) -> SimpleNamespace:
    return SimpleNamespace(kind=kind, text=body)


def test_option_label_reads_a_stored_choice_in_the_language() -> None:
    cat = catalogue()
    first = cat.learning_categories[0]
    assert R.option_label(cat.learning_categories, first.id, "da") == first.label.get("da")
    assert R.option_label(cat.learning_categories, first.id, "en") == first.label.get("en")
    # nothing chosen, or a choice the catalogue no longer has
    assert R.option_label(cat.learning_categories, None, "da") == "—"
    assert R.option_label(cat.conversation_kinds, "removed_kind", "da") == "—"


def test_referenced_turns_come_from_observations_and_reflections_only() -> None:
    texts = [
        text("observation", "I tur 2 siger borgeren noget om truck."),
        text("reflection", "Ture 3-4 er korte; tur 40 findes ikke."),
        text("struck", "Tur 1 gjorde indtryk."),  # the bringer's response does not mark
        text("takeaway", "tur 5"),  # the private note never marks
    ]
    assert R.referenced_turns(texts, len(TURNS)) == {2, 3, 4}
    assert R.referenced_turns([], len(TURNS)) == set()


def test_turns_to_read_follow_the_reading_while_open_and_all_in_the_record() -> None:
    assert [t.number for t in R.turns_to_read(TURNS, 2, finished=False)] == [1, 2]
    assert [t.number for t in R.turns_to_read(TURNS, 2, finished=True)] == [1, 2, 3, 4, 5]
    assert [t.number for t in R.turns_to_read(TURNS, None, finished=False)] == [1, 2, 3, 4, 5]


def test_a_turn_as_markdown_names_the_speaker_and_escapes_the_text() -> None:
    line = R.turn_markdown(TURNS[1], "da")
    assert line.startswith("**2** :orange-badge[B · borger] ")
    assert "*truck*" not in line and "[se](x)" not in line  # never markup
    assert R.turn_markdown(TURNS[0], "en").startswith("**1** :blue-badge[R · caseworker] ")
    assert ":gray-badge[Mentor · " in R.turn_markdown(TURNS[4], "da")


def test_link_choices_that_no_longer_fit_are_dropped() -> None:
    fit = R.fit_link_choice(TURNS, None, 2, [3, 5])
    assert (fit.sources, fit.source, fit.targets, fit.picked) == ([2, 4], 2, [3, 4, 5], [3, 5])
    # the group restarted its step-by-step reading: turn 5 is not read yet
    fit = R.fit_link_choice(TURNS, 4, 2, [3, 5])
    assert (fit.source, fit.targets, fit.picked) == (2, [3, 4], [3])
    # turn 4 is no longer a start (nothing after it has been read)
    fit = R.fit_link_choice(TURNS, 4, 4, [5])
    assert (fit.sources, fit.source, fit.targets, fit.picked) == ([2], None, [], [])
    fit = R.fit_link_choice(TURNS, None, None, None)
    assert (fit.source, fit.targets, fit.picked) == (None, [], [])


def test_session_files_are_named_before_anything_is_built() -> None:
    files = R.session_files("Opfølgning på praktik", CREATED, "da")
    assert [(f.kind, f.mime, f.widget_key, f.label_key) for f in files] == [
        ("pdf", "application/pdf", "export:pdf", "export.pdf"),
        ("csv", "text/csv", "export:csv", "export.csv"),
        ("json", "application/json", "export:json", "export.json"),
    ]
    assert files[0].file_name == "laan-et-oere-2026-03-05-opfoelgning-paa-praktik.pdf"
    stub = export.SessionExport("Opfølgning på praktik", "", "2026-03-05", "da", (), (), (), ())
    assert [f.file_name for f in files] == [export.filename(stub, f.kind) for f in files]


def test_a_listeners_own_files_carry_no_title() -> None:
    files = R.own_files(CREATED, "en")
    assert [(f.kind, f.mime, f.widget_key, f.label_key) for f in files] == [
        ("txt", "text/plain", "own_export:txt", "record.own_txt"),
        ("json", "application/json", "own_export:json", "record.own_json"),
    ]
    assert [f.file_name for f in files] == [
        "laan-et-oere-2026-03-05-mine-bidrag.txt",
        "laan-et-oere-2026-03-05-mine-bidrag.json",
    ]


def test_phase_controls_per_role() -> None:
    assert R.phase_controls(finished=False, is_bringer=True) == "lead"
    assert R.phase_controls(finished=False, is_bringer=False) == "propose"
    assert R.phase_controls(finished=True, is_bringer=True) == "record"
    assert R.phase_controls(finished=True, is_bringer=False) == "record"


def test_a_listener_proposes_the_next_phase_once() -> None:
    assert R.next_proposal(3, None, False) == (4, True)
    assert R.next_proposal(3, 4, True) == (4, False)  # proposed already
    assert R.next_proposal(3, 4, False) == (4, True)  # someone else's proposal: may add
    assert R.next_proposal(3, 5, True) == (4, True)
    assert R.next_proposal(PHASE_COUNT, None, False) == (PHASE_COUNT + 1, False)


def test_the_bringer_steps_between_neighbours() -> None:
    assert R.neighbours(1) == (None, 2)
    assert R.neighbours(4) == (3, 5)
    assert R.neighbours(PHASE_COUNT) == (PHASE_COUNT - 1, None)


@pytest.mark.parametrize(
    ("phase", "bringer", "listener"),
    [
        (1, ("title", "excerpt"), ()),
        (2, (), ()),
        (3, ("context_wish",), ()),
        (4, (), ("observation",)),  # the bringer listens while the listeners describe
        (5, (), ("reflection",)),
        (6, ("struck", "takeaway"), ()),
        (7, ("learning_point",), ("learning_point",)),
        (8, (), ()),
    ],
)
def test_who_writes_what_in_which_phase(phase, bringer, listener) -> None:
    assert R.writes(phase, is_bringer=True) == bringer
    assert R.writes(phase, is_bringer=False) == listener
    assert R.prepares(phase, is_bringer=True) == (phase == 1)
    assert not R.prepares(phase, is_bringer=False)


def test_only_ui_and_the_session_renderers_import_streamlit() -> None:
    """Layering: Streamlit glue is `ui.py`, `login_ui.py` (logging in) and the `session_ui`
    package; every other module of the package (the rules, the services, the state keys) is
    tested and used without Streamlit."""
    importing = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import streamlit|from streamlit)", path.read_text(), re.M)
    )
    allowed = {"ui.py", "login_ui.py"} | {
        str(p.relative_to(PACKAGE)) for p in (PACKAGE / "session_ui").glob("*.py")
    }
    assert importing, "the check found no Streamlit import at all"
    assert set(importing) <= allowed, set(importing) - allowed
    assert "session_rules.py" not in importing
