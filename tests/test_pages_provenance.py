"""The session page and the FLIP page say where each concept comes from (issue 21): the
research's quote with its cite by each lens, tag and gribning outcome, "Værktøjets egen ramme"
by the tool's own design, and a pack preview that opens with what the research says."""

from __future__ import annotations

from lises_reflect import sessions as S
from lises_reflect.catalogue import catalogue
from lises_reflect.provenance import research_line
from tests.conftest import Org
from tests.pages import app, at_describe_one_listener, no_exception, on_session, open_tab, texts

TOOL = "Værktøjets egen ramme"


def test_preparation_shows_where_every_lens_comes_from(site: Org) -> None:
    sid = S.create_session(site.engine, site.bringer, "Truck")
    at = on_session("bringer", sid)
    (about,) = [e for e in at.expander if e.label == "Om linserne"]
    lines = [c.value for c in about.caption]
    for lens in catalogue().lenses:
        assert research_line(lens, "da") in lines, lens.id
    assert all(line.startswith("Fra forskningen: »") for line in lines)
    # the phase itself is the tool's own: said at the end of its instruction
    assert any(i.value.endswith(f"*({TOOL})*") for i in at.info)
    # A listener sees the chosen lenses with their quotes too.
    sid = at_describe_one_listener(site)
    S.set_phase(site.engine, site.bringer, sid, 1)
    listener = on_session("listener", sid)
    (about,) = [e for e in listener.expander if e.label == "Om linserne"]
    assert [c.value for c in about.caption] == [research_line(catalogue().lens("gribning"), "da")]


def test_the_talk_shows_the_research_by_each_lens_tag_and_outcome(site: Org) -> None:
    sid = at_describe_one_listener(site)  # the session uses the lens "gribning"
    at = on_session("listener", sid)
    cat = catalogue()
    page = texts(at)
    gribning = cat.lens("gribning")
    assert research_line(gribning, "da") in page
    for question in gribning.questions:
        if question.source != gribning.source:
            assert research_line(question, "da") in page, question.id
    assert not cat.question("gribning.q4").is_research and TOOL in page
    # The transcript has a caseworker, a citizen and a mentor: every tag is offered.
    (about,) = [e for e in at.expander if e.label == "Om mærkerne – hvor de kommer fra"]
    shown = "\n".join(c.value for c in about.caption)
    for tag in cat.tags:
        assert research_line(tag, "da") in shown, tag.id
    assert TOOL in shown and "Fra forskningen: »" in shown
    outcomes = at.radio(key=f"link_outcome:{sid}")
    assert list(outcomes.proto.captions) == [research_line(o, "da") for o in cat.link_outcomes]
    assert "Fra forskningen: »" in outcomes.proto.captions[0]  # taken_up: "gribes"
    no_exception(at)


def test_the_ground_rules_are_marked_as_the_tools_own(site: Org) -> None:
    sid = at_describe_one_listener(site)
    S.set_phase(site.engine, site.bringer, sid, 2)  # back to the ground rules
    at = on_session("bringer", sid)
    assert all(not rule.is_research for rule in catalogue().ground_rules)
    assert TOOL in [c.value for c in at.caption]  # the rules
    assert any(i.value.endswith(f"*({TOOL})*") for i in at.info)  # the phase


def test_the_pack_preview_opens_with_what_the_research_says(site: Org) -> None:
    at = app("facilitator")
    at.switch_page("pages/flip_prep.py").run()
    open_tab(at, "flip", "Seminarpakke")
    no_exception(at)
    (preview,) = [e for e in at.expander if e.label == "Seminarpakkens indhold"]
    shown = "\n".join(m.value for m in preview.markdown)
    lens = catalogue().lens_ids()[0]
    line = research_line(catalogue().lens(lens), "da")
    assert "Tema: Potentiale 3 – At udvikle tilgange" in shown
    assert shown.index("Hvad forskningen siger") < shown.index(line) < shown.index("Dagsorden")
    agenda = shown[shown.index("Dagsorden") :]
    assert agenda.index("Hvad forskningen siger") < agenda.index("Oplæg: mønstre")
    at.multiselect(key="pack:lenses").set_value([]).run()
    (preview,) = [e for e in at.expander if e.label == "Seminarpakkens indhold"]
    assert "Vælg mindst én linse" in "\n".join(i.value for i in preview.info)
