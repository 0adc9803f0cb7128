"""The session page through AppTest, on a real (SQLite) database: who may open it, a whole
session through all phases, conflicting saves, user text shown literally, and the turn-level
work on the excerpt (tags, gribning links, blind tagging, step-by-step reading, downloads)."""

from __future__ import annotations

import re

from lises_reflect import sessions as S
from tests.builders import TEAMS_VTT
from tests.conftest import Org
from tests.pages import (
    EXCERPT,
    TRANSCRIPT,
    app,
    at_describe_one_listener,
    click,
    no_exception,
    on_session,
    texts,
)


def test_session_page_refuses_a_non_participant(site: Org) -> None:
    sid = S.create_session(site.engine, site.bringer, "Hemmelig")
    at = app("colleague")
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    no_exception(at)
    assert any("deltager ikke" in e.value for e in at.error)
    assert "Hemmelig" not in texts(at)


# ---------------------------------------------------------------- a whole session


def test_bringer_and_listener_walk_a_session_through_all_phases(site: Org) -> None:
    bringer = app("bringer")
    click(bringer, "Start ny refleksion")
    assert [t.value for t in bringer.title] == ["Ny refleksion"]
    bringer.text_input[0].input("Opfølgning i praktik")
    click(bringer, "Start refleksion")
    no_exception(bringer)
    sid = S.list_my_sessions(site.engine, site.bringer)[0].id
    assert [t.value for t in bringer.title] == ["Opfølgning i praktik"]

    # 1 Forberedelse
    bringer.multiselect(key=f"listeners:{sid}").select(site.listener).run()
    bringer.selectbox(key=f"conversation_kind:{sid}").select("internship_follow_up").run()
    bringer.multiselect(key=f"situation:{sid}").select("activity_ready").run()
    bringer.multiselect(key=f"lenses:{sid}").select("gribning").run()
    bringer.text_area(key=f"w:{sid}:excerpt").input(EXCERPT).run()
    no_exception(bringer)
    assert any(c.value.startswith("✓ Gemt") for c in bringer.caption)
    click(bringer, "Næste fase ▶")
    no_exception(bringer)

    # the listener finds the invitation and opens it
    listener = app("listener")
    assert "Opfølgning i praktik" in texts(listener)
    click(listener, "Fortsæt")
    no_exception(listener)
    assert "Fase 2 af 8: Rammesætning" in [
        p.text for p in listener.get("progress")
    ] or "Rammesætning" in texts(listener)

    # 2 Rammesætning: nobody moves on before everyone has acknowledged
    click(bringer, "Jeg bekræfter spillereglerne")
    click(bringer, "Næste fase ▶")
    assert any("Alle deltagere skal bekræfte spillereglerne." in e.value for e in bringer.error)
    click(listener, "Jeg bekræfter spillereglerne")
    click(bringer, "Næste fase ▶")
    no_exception(bringer)

    # 3 Kontekst og ønske
    bringer.text_area(key=f"w:{sid}:context_wish").input("Hvordan jeg følger op på truck").run()
    listener.run()
    assert "Hvordan jeg følger op på truck" in texts(listener)
    click(bringer, "Næste fase ▶")  # the bringer leads the phases

    # 4 Beskrivende runde: a CPR number is refused, the text stays, nothing is stored
    listener.run()
    box = listener.text_area(key=f"w:{sid}:observation:gribning.q1")
    box.input("I tur 2 siger borgeren 010190-1234 noget om truck").run()
    assert any("CPR" in e.value for e in listener.error)
    assert listener.text_area(key=f"w:{sid}:observation:gribning.q1").value.startswith("I tur 2")
    assert S.session_view(site.engine, site.bringer, sid).contributions == []
    listener.text_area(key=f"w:{sid}:observation:gribning.q1").input(
        "I tur 2 nævner borgeren truck"
    ).run()
    bringer.run()
    assert "I tur 2 nævner borgeren truck" in texts(bringer)

    # refresh-and-resume: a brand-new browser session of the same user
    again = app("listener")
    again.query_params["s"] = str(sid)
    again.switch_page("pages/session.py").run()
    assert (
        again.text_area(key=f"w:{sid}:observation:gribning.q1").value
        == "I tur 2 nævner borgeren truck"
    )
    assert "Fase 4 af 8" in "".join(p.text for p in again.get("progress"))

    # 5 Reflekterende runde
    click(bringer, "Næste fase ▶")
    listener.run()
    listener.text_area(key=f"w:{sid}:reflection:").input("Man kunne spørge mere til truck").run()
    bringer.run()  # the page follows by itself in the browser (live_updates)
    assert "Man kunne spørge mere til truck" in texts(bringer)

    # 6 Bringerens svar: struck is shared, the take-away is private
    click(bringer, "Næste fase ▶")
    bringer.text_area(key=f"w:{sid}:struck:").input("At jeg skiftede emne").run()
    bringer.text_area(key=f"w:{sid}:takeaway:").input("Spørg til drømmen").run()
    listener.run()
    assert "At jeg skiftede emne" in texts(listener)
    assert "Spørg til drømmen" not in texts(listener)

    # 7 Fælles læring
    click(bringer, "Næste fase ▶")
    listener.run()
    listener.text_area(key=f"w:{sid}:lp:1").input("Praktikkravet fylder i samtalen").run()
    bringer.run()
    bringer.selectbox(key=f"lpcat:{sid}:1").select("frames_demands").run()
    bringer.radio(key=f"lpshare:{sid}:1").set_value(True).run()
    no_exception(bringer)
    assert not listener.radio  # only the bringer chooses

    # 8 Afslutning
    click(bringer, "Næste fase ▶")
    for at in (bringer, listener):
        at.run()
        at.radio[0].set_value(4)
        click(at, "Send anonymt")
        assert "Tak – dit svar er gemt anonymt." in [s.value for s in at.success]
    click(bringer, "Afslut sessionen")
    click(bringer, "Ja, afslut sessionen")  # finishing asks first
    no_exception(bringer)
    view = S.session_view(site.engine, site.listener, sid)
    assert view.finished and view.learning_point(1).shared is True
    listener.run()
    assert "Sessionen er afsluttet. Du kan læse den, men ikke ændre den." in [
        s.value for s in listener.success
    ]


def test_conflicting_saves_keep_both_texts(site: Org) -> None:
    e = site.engine
    sid = at_describe_one_listener(site, EXCERPT, phase=7)
    a = app("bringer")
    a.query_params["s"] = str(sid)
    a.switch_page("pages/session.py").run()
    b = app("listener")
    b.query_params["s"] = str(sid)
    b.switch_page("pages/session.py").run()
    a.text_area(key=f"w:{sid}:lp:1").input("Version fra bringeren").run()
    b.text_area(key=f"w:{sid}:lp:1").input("Version fra lytteren").run()
    no_exception(b)
    assert any("En anden har gemt en ny version" in w.value for w in b.warning)
    assert b.text_area(key=f"w:{sid}:lp:1").value == "Version fra lytteren"
    assert "Version fra bringeren" in texts(b)
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == "Version fra bringeren"
    click(b, "Gem min tekst alligevel")
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == "Version fra lytteren"


def test_user_text_is_never_rendered_as_markdown_or_html(site: Org) -> None:
    e = site.engine
    sid = S.create_session(e, site.bringer, "")
    payload = "<b>fed</b> **stjerner** [link](javascript:alert(1)) :red[rød]"
    S.update_text(e, site.bringer, sid, "excerpt", "B: " + payload, "")
    S.set_listeners(e, site.bringer, sid, [site.listener])
    at = app("listener")
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    from lises_reflect.freetext import md_escape

    shown = [m.value for m in at.markdown]
    assert any(md_escape(payload) in m for m in shown), shown  # shown, as escaped literal text
    assert all(payload not in m for m in shown)


# ---------------------------------------------------------------- turn-level work (issue 3)


def test_excerpt_tags_links_and_a_refused_cpr(site: Org) -> None:
    e = site.engine
    sid = S.create_session(e, site.bringer, "Truck")
    bringer = app("bringer")
    bringer.query_params["s"] = str(sid)
    bringer.switch_page("pages/session.py").run()
    # an excerpt with a CPR number is refused and stays in the field
    box = bringer.text_area(key=f"w:{sid}:excerpt")
    box.input(TRANSCRIPT + "\nB: mit cpr er 010190-1234").run()
    assert any("CPR" in err.value for err in bringer.error)
    assert bringer.text_area(key=f"w:{sid}:excerpt").value.endswith("010190-1234")
    assert S.session_view(e, site.bringer, sid).excerpt == ""
    # text that is not a transcript gets a message that shows the first line and how to write
    bringer.text_area(key=f"w:{sid}:excerpt").input("Samtalen handlede om praktik").run()
    assert any(
        "Samtalen handlede om praktik" in err.value and "R:" in err.value for err in bringer.error
    )
    bringer.text_area(key=f"w:{sid}:excerpt").input(TRANSCRIPT).run()
    no_exception(bringer)
    S.set_listeners(e, site.bringer, sid, [site.listener])
    S.update_choices(
        e, site.bringer, sid, conversation_kind="internship_follow_up", lenses=["gribning"]
    )
    S.set_phase(e, site.bringer, sid, 2)
    for uid in (site.bringer, site.listener):
        S.acknowledge_rules(e, uid, sid)
    S.set_phase(e, site.bringer, sid, 4)

    listener = app("listener")
    listener.query_params["s"] = str(sid)
    listener.switch_page("pages/session.py").run()
    no_exception(listener)
    # the excerpt is shown as numbered turns with the speaker marked
    shown = "\n".join(m.value for m in listener.markdown)
    assert (
        "**2** :orange-badge[B · borger]" in shown and "**5** :gray-badge[Mentor · anden]" in shown
    )
    # tags from two participants, side by side
    listener.multiselect(key=f"tags:{sid}:3").select("institutional").run()
    bringer.run()
    bringer.multiselect(key=f"tags:{sid}:3").select("takes_up").run()
    no_exception(bringer)
    listener.run()
    assert any(c.value.startswith("Bringer: ") for c in listener.caption)
    # a gribning link: the citizen turn first, then the turns after it
    listener.selectbox(key=f"link_from:{sid}").select(2).run()
    listener.multiselect(key=f"link_to:{sid}").select(3).run()
    next(r for r in listener.radio if r.label == "Hvad skete der?").set_value(
        "overtaken_institutional"
    ).run()
    click(listener, "Gem gribning")
    no_exception(listener)
    summary = "\n".join(m.value for m in listener.markdown)
    assert "Tur 2** → 3: Overhalet af institutionel tale" in summary
    assert "1 af 2 rådgiverture (50 %)" in summary
    # an evaluative word gets a gentle hint, and the observation is still saved
    listener.text_area(key=f"w:{sid}:observation:gribning.q1").input(
        "I tur 3 burde du have spurgt ind"
    ).run()
    assert any("vurderende" in i.value for i in listener.info)
    assert S.session_view(e, site.bringer, sid).others("observation")[0].text.startswith("I tur 3")
    bringer.run()
    assert any(":material/arrow_forward: **3**" in m.value for m in bringer.markdown)


LONG_TRANSCRIPT = "\n".join(
    [
        "R: Hvordan går det i praktikken?",  # 1
        "B: Fint.",  # 2
        "R: Du skal huske timesedlen, praktikken er 13 uger, og vi skal have aftalen på plads.",
        "B: Ja.",  # 4
        "R: Og mødetiderne?",  # 5
        "B: Dem holder jeg.",  # 6
        "R: Godt.",  # 7
        "B: Men jeg kunne faktisk godt tænke mig at køre truck, hvis der var mulighed for det.",
        "R: Det må vi se på senere, først skal praktikken være slut.",  # 9
        "Mentor: Han møder stabilt.",  # 10
    ]
)


def test_gribning_offers_only_later_turns_with_their_text_and_clears_after_saving(
    site: Org,
) -> None:
    sid = at_describe_one_listener(site, LONG_TRANSCRIPT)
    at = on_session("listener", sid)
    source = at.selectbox(key=f"link_from:{sid}")
    assert source.value is None
    assert source.options == [
        "Tur 2 · B · borger: Fint.",
        "Tur 4 · B · borger: Ja.",
        "Tur 6 · B · borger: Dem holder jeg.",
        "Tur 8 · B · borger: Men jeg kunne faktisk godt tænke mig at køre truck, hvis…",
    ]
    assert at.multiselect(key=f"link_to:{sid}").disabled
    assert at.button(key=f"save_link:{sid}").disabled
    # the transcript is at hand on the tab: every turn, numbered, with its speaker
    shown = "\n".join(m.value for m in at.tabs[2].markdown)
    assert "**8** :orange-badge[B · borger]" in shown and "**10** :gray-badge" in shown
    # choosing turn 8 offers turns 9 and 10 at once, with speaker and text
    at.selectbox(key=f"link_from:{sid}").select(8).run()
    targets = at.multiselect(key=f"link_to:{sid}")
    assert targets.options == [
        "Tur 9 · R · rådgiver: Det må vi se på senere, først skal praktikken være slut.",
        "Tur 10 · Mentor · anden: Han møder stabilt.",
    ]
    assert not targets.disabled
    assert any(":material/record_voice_over: **8**" in m.value for m in at.markdown)
    targets.select(9).run()
    at.radio(key=f"link_outcome:{sid}").set_value("overtaken_institutional").run()
    at.button(key=f"save_link:{sid}").click().run()
    no_exception(at)
    assert [s.value for s in at.success] == ["✓ Gribningen er gemt: tur 8 → 9."]
    assert at.selectbox(key=f"link_from:{sid}").value is None
    assert at.multiselect(key=f"link_to:{sid}").value == []
    assert at.radio(key=f"link_outcome:{sid}").value is None
    assert any("Tur 8** → 9: Overhalet af institutionel tale" in m.value for m in at.markdown)
    # another source clears the turns chosen for the first one
    at.selectbox(key=f"link_from:{sid}").select(2).run()
    at.multiselect(key=f"link_to:{sid}").select(5).run()
    at.selectbox(key=f"link_from:{sid}").select(6).run()
    assert at.multiselect(key=f"link_to:{sid}").value == []
    assert at.multiselect(key=f"link_to:{sid}").options[0].startswith("Tur 7 ·")


def test_gribning_follows_the_step_by_step_reading(site: Org) -> None:
    from lises_reflect import tagging

    sid = at_describe_one_listener(site, LONG_TRANSCRIPT)
    tagging.set_reveal(site.engine, site.bringer, sid, 4)
    at = on_session("listener", sid)
    # turn 4 is shown but nothing after it yet: only turn 2 can be linked, to turns 3 and 4
    assert at.selectbox(key=f"link_from:{sid}").options == ["Tur 2 · B · borger: Fint."]
    at.selectbox(key=f"link_from:{sid}").select(2).run()
    assert [o.split(" ·")[0] for o in at.multiselect(key=f"link_to:{sid}").options] == [
        "Tur 3",
        "Tur 4",
    ]
    shown = "\n".join(m.value for m in at.tabs[2].markdown)
    assert "**4**" in shown and "**5**" not in shown


def test_a_tag_change_is_confirmed_where_it_was_made(site: Org) -> None:
    sid = at_describe_one_listener(site)
    at = on_session("listener", sid)
    assert "✓ Gemt" not in [c.value for c in at.caption]
    at.multiselect(key=f"tags:{sid}:3").select("institutional").run()
    no_exception(at)
    assert "✓ Gemt" in [c.value for c in at.tabs[0].caption]


def test_blind_tagging_then_reveal_and_talk_about_the_differences(site: Org) -> None:
    sid = at_describe_one_listener(site)
    bringer = on_session("bringer", sid)
    listener = on_session("listener", sid)
    assert not [b for b in listener.button if b.label == "Markér blindt"]  # the bringer's
    click(bringer, "Markér blindt")
    no_exception(bringer)
    assert any("Blind markering" in i.value for i in bringer.info)
    listener.run()
    assert any("Blind markering" in i.value and "Bringer" in i.value for i in listener.info)
    assert not [b for b in listener.button if b.label == "Vis alles markeringer"]
    listener.multiselect(key=f"tags:{sid}:3").select("institutional").run()
    bringer.run()
    bringer.multiselect(key=f"tags:{sid}:3").select("takes_up").run()
    listener.run()
    # nobody sees the other's tags while blind, and the differences wait for the reveal
    for at in (bringer, listener):
        assert not any(c.value.startswith(("Bringer:", "Listener:")) for c in at.caption)
        assert any("Forskellene vises, når" in i.value for i in at.tabs[1].info)
    click(bringer, "Vis alles markeringer")
    no_exception(bringer)
    listener.run()
    assert any(c.value == "Bringer: Tager op og bygger videre" for c in listener.caption)
    talk = "\n".join(m.value for m in listener.tabs[1].markdown)
    assert "Tal om denne tur" in talk
    assert "- Bringer: Tager op og bygger videre" in talk
    assert "- Listener: Institutionel taletur" in talk
    assert "**3**" in talk and "**1**" not in talk  # only the turn where the tags differ
    assert not re.search(r"\d+ ?%|\bscore\b|point", talk)  # no counts, no scores


def test_stepwise_reveal_stops_at_citizen_turns(site: Org) -> None:
    sid = at_describe_one_listener(site)
    at = app("listener")
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    click(at, "Læs trin for trin")
    click(at, "Vis næste tur")
    assert any("Hvilke næste ture kunne man forestille sig?" in w.value for w in at.warning)
    turns = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any(t.startswith("**2**") for t in turns) and not any(
        t.startswith("**3**") for t in turns
    )
    click(at, "Vis hele uddraget")
    assert any(m.value.startswith("**5**") for m in at.markdown)


def test_bringer_downloads_and_listener_cannot(site: Org) -> None:
    e = site.engine
    sid = S.create_session(e, site.bringer, "Truck")
    S.update_text(e, site.bringer, sid, "excerpt", TRANSCRIPT, "")
    S.set_listeners(e, site.bringer, sid, [site.listener])
    bringer = app("bringer")
    bringer.query_params["s"] = str(sid)
    bringer.switch_page("pages/session.py").run()
    labels = [b.proto.label for b in bringer.get("download_button")]
    assert labels == ["Udskrift med spørgsmål (PDF)", "Markeringer (CSV)", "Hele sessionen (JSON)"]
    listener = app("listener")
    listener.query_params["s"] = str(sid)
    listener.switch_page("pages/session.py").run()
    assert not listener.get("download_button")


def test_a_category_chosen_by_one_participant_reaches_the_other(site: Org) -> None:
    e = site.engine
    sid = at_describe_one_listener(site, EXCERPT, phase=7)
    S.save_learning_point(e, site.bringer, sid, 1, "Dokumentation fylder", 0)
    a = app("bringer")
    a.query_params["s"] = str(sid)
    a.switch_page("pages/session.py").run()
    b = app("listener")
    b.query_params["s"] = str(sid)
    b.switch_page("pages/session.py").run()
    assert b.selectbox(key=f"lpcat:{sid}:1").value is None
    a.selectbox(key=f"lpcat:{sid}:1").select("frames_demands").run()
    b.run()  # what "Opdater" does
    assert b.selectbox(key=f"lpcat:{sid}:1").value == "frames_demands"


def test_a_pasted_vtt_waits_for_the_speakers_roles_and_is_saved_with_role_labels(
    site: Org,
) -> None:
    e = site.engine
    sid = S.create_session(e, site.bringer, "Teams")
    bringer = on_session("bringer", sid)
    bringer.text_area(key=f"w:{sid}:excerpt").input(TEAMS_VTT).run()
    no_exception(bringer)
    # not saved, kept in the field, and the step says why
    assert any(
        "gemmes først, når hver taler har fået en rolle" in err.value for err in bringer.error
    )
    assert bringer.text_area(key=f"w:{sid}:excerpt").value == TEAMS_VTT
    assert S.session_view(e, site.bringer, sid).excerpt == ""
    assert "Hvem taler?" in texts(bringer)

    def role_boxes():
        return [b for b in bringer.selectbox if b.key and b.key.startswith(f"speaker_role:{sid}")]

    assert [b.label.split(" – ")[0] for b in role_boxes()] == ["Mette Hansen", "Ahmed", "Speaker 3"]
    assert bringer.button(key=f"speakers_use:{sid}").disabled
    for index, role in enumerate(("caseworker", "citizen", "other")):
        role_boxes()[index].select(role).run()
    no_exception(bringer)
    assert any("»Ahmeds« i tur 2" in w.value for w in bringer.warning)
    bringer.button(key=f"speakers_use:{sid}").click().run()
    no_exception(bringer)
    stored = S.session_view(e, site.bringer, sid).excerpt
    assert stored.startswith("[00:00:01] SB: Hej [borgeren], godt at se dig.")
    assert not any(name in stored for name in ("Mette", "Hansen", "Ahmed", "Speaker"))
    assert bringer.text_area(key=f"w:{sid}:excerpt").value == stored
    assert "Hvem taler?" not in texts(bringer)
    assert any("4 taleture" in s.value for s in bringer.success)


def test_a_refused_text_comes_back_after_a_visit_to_another_page(site: Org) -> None:
    """Bad input loses nothing: a text the guard refused is not stored, and a click on the
    menu (Streamlit then forgets the field's text) does not throw it away either."""
    sid = S.create_session(site.engine, site.bringer, "Tilbage")
    bringer = on_session("bringer", sid)
    refused = "R: Hvordan går det?\nB: mit cpr er 010190-1234"
    bringer.text_area(key=f"w:{sid}:excerpt").input(refused).run()
    assert any("CPR" in err.value for err in bringer.error)
    bringer.switch_page("pages/my_reflections.py").run()
    no_exception(bringer)
    bringer.query_params["s"] = str(sid)
    bringer.switch_page("pages/session.py").run()
    no_exception(bringer)
    assert bringer.text_area(key=f"w:{sid}:excerpt").value == refused
    assert any("CPR" in err.value for err in bringer.error)
    assert S.session_view(site.engine, site.bringer, sid).excerpt == ""
