"""The session page per role: who leads the phases, finishing with confirmation, and the
finished session as a read-only record with each participant's own download (AppTest)."""

from __future__ import annotations

from lises_reflect import sessions as S
from lises_reflect import tagging
from tests.conftest import Org
from tests.pages import TRANSCRIPT, app, at_describe_one_listener, click, no_exception, texts


def at_phase(site: Org, phase: int) -> int:
    return at_describe_one_listener(site, phase=phase)


def open_session(username: str, sid: int):
    at = app(username)
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    no_exception(at)
    return at


def progress(at) -> str:
    return "".join(p.text for p in at.get("progress"))


def test_the_listener_proposes_and_the_bringer_follows(site: Org) -> None:
    sid = at_phase(site, 3)
    listener = open_session("listener", sid)
    labels = [b.label for b in listener.button]
    assert "Næste fase ▶" not in labels and "◀ Forrige fase" not in labels
    assert not any(s.key == f"goto:{sid}:3" for s in listener.selectbox)
    assert "Bringer styrer faserne." in texts(listener)
    click(listener, "Foreslå næste fase")
    no_exception(listener)
    assert "Du har foreslået at gå videre til »Beskrivende runde«" in texts(listener)
    assert S.session_view(site.engine, site.bringer, sid).phase == 3  # nothing moved

    bringer = open_session("bringer", sid)
    assert "Listener foreslår, at gruppen går videre til fase 4: »Beskrivende runde«." in [
        i.value for i in bringer.info
    ]
    click(bringer, "Følg forslaget")
    no_exception(bringer)
    assert "Fase 4 af 8: Beskrivende runde" in progress(bringer)
    assert "Følg forslaget" not in [b.label for b in bringer.button]
    listener.run()
    assert "Fase 4 af 8" in progress(listener)


def test_the_bringer_can_say_not_yet(site: Org) -> None:
    sid = at_phase(site, 3)
    S.propose_phase(site.engine, site.listener, sid, 4)
    bringer = open_session("bringer", sid)
    click(bringer, "Ikke endnu")
    no_exception(bringer)
    assert "Følg forslaget" not in [b.label for b in bringer.button]
    assert "Fase 3 af 8" in progress(bringer)
    assert S.phase_proposal(site.engine, site.bringer, sid) is None


def test_a_blocked_proposal_says_why(site: Org) -> None:
    e = site.engine
    sid = S.create_session(e, site.bringer, "")
    S.update_text(e, site.bringer, sid, "excerpt", TRANSCRIPT, "")
    S.set_listeners(e, site.bringer, sid, [site.listener])
    S.update_choices(e, site.bringer, sid, conversation_kind="other", lenses=["gribning"])
    S.set_phase(e, site.bringer, sid, 2)
    listener = open_session("listener", sid)
    click(listener, "Foreslå næste fase")
    assert any("Alle deltagere skal bekræfte spillereglerne." in x.value for x in listener.error)
    assert S.phase_proposal(e, site.bringer, sid) is None


def test_finishing_asks_first_and_says_what_it_means(site: Org) -> None:
    sid = at_phase(site, 8)
    bringer = open_session("bringer", sid)
    click(bringer, "Afslut sessionen")
    no_exception(bringer)
    warning = " ".join(w.value for w in bringer.warning)
    for meaning in (
        "Vil du afslutte sessionen?",
        "kan ingen ændre noget",
        "kan alle deltagere stadig læse alle otte faser",
        "hver lytter kan hente sine egne",
        "FLIP-pulje",
    ):
        assert meaning in warning, meaning
    assert not S.session_view(site.engine, site.bringer, sid).finished
    click(bringer, "Fortryd")
    assert not S.session_view(site.engine, site.bringer, sid).finished
    assert "Ja, afslut sessionen" not in [b.label for b in bringer.button]
    click(bringer, "Afslut sessionen")
    bringer.checkbox(key=f"finish_excerpt:{sid}").check().run()
    click(bringer, "Ja, afslut sessionen")
    no_exception(bringer)
    view = S.session_view(site.engine, site.bringer, sid)
    assert view.finished and view.excerpt_for_listeners
    listener = open_session("listener", sid)
    assert "Afslut sessionen" not in [b.label for b in listener.button]


def enabled_inputs(at, sid: int) -> list[str]:
    """Every input of the page that can still change something, except the record's own
    phase picker, the language choice, the bringer's sharing choices (his or hers to change
    at any time), "Opdater" and "Log ud"."""
    allowed_keys = {
        f"record:{sid}",
        "lang:da",
        "lang:en",
        f"excerptshare:{sid}",
        f"excerpt_for_listeners:{sid}",
    }
    found = []
    for kind in ("text_area", "text_input", "selectbox", "multiselect", "radio", "checkbox"):
        for w in getattr(at, kind):
            if not w.disabled and w.key not in allowed_keys:
                found.append(f"{kind}:{w.key or w.label}")
    for t in at.toggle:
        if not t.disabled and t.key not in allowed_keys:
            found.append(f"toggle:{t.key}")
    for b in at.button:
        if not b.disabled and b.label not in ("Opdater", "Log ud"):
            found.append(f"button:{b.label}")
    return found


def test_a_finished_session_is_a_readable_record_for_every_role(site: Org) -> None:
    e = site.engine
    sid = at_phase(site, 4)
    S.save_contribution(e, site.listener, sid, "observation", "gribning.q1", "Tur 2 om truck", 0)
    tagging.save_link(e, site.listener, sid, 2, [3], "overtaken_institutional")
    S.set_phase(e, site.bringer, sid, 7)
    S.save_learning_point(e, site.listener, sid, 1, "Truckkort som mål", 0)
    S.set_learning_point_category(e, site.bringer, sid, 1, "frames_demands")
    S.set_learning_point_sharing(e, site.bringer, sid, 1, True)
    S.set_phase(e, site.bringer, sid, 2)
    S.propose_phase(e, site.listener, sid, 3)
    S.set_phase(e, site.bringer, sid, 4)
    tagging.set_reveal(e, site.bringer, sid, 1)  # step-by-step reading left half-way
    S.set_phase(e, site.bringer, sid, 8)
    S.finish_session(e, site.bringer, sid)

    for user in ("bringer", "listener"):
        at = open_session(user, sid)
        assert "Sessionen er afsluttet. Du kan læse den, men ikke ændre den." in texts(at)
        picker = at.selectbox(key=f"record:{sid}")
        assert picker.value == 8 and "Fase 8 af 8" in progress(at)
        labels = [b.label for b in at.button]
        assert not {"Næste fase ▶", "◀ Forrige fase", "Foreslå næste fase"} & set(labels)
        for number in range(1, 9):
            at.selectbox(key=f"record:{sid}").select(number).run()
            no_exception(at)
            assert f"Fase {number} af 8" in progress(at), (user, number)
            assert enabled_inputs(at, sid) == [], (user, number, enabled_inputs(at, sid))
            if number == 4:
                shown = "\n".join(m.value for m in at.markdown)
                assert "**4**" in shown  # every turn, whatever the reveal was left at
                assert "Tur 2** → 3: Overhalet af institutionel tale" in shown
                if user == "bringer":
                    assert "Tur 2 om truck" in texts(at)
                else:  # the listener's own text, in its (disabled) field
                    assert at.text_area(key=f"w:{sid}:observation:gribning.q1").value == (
                        "Tur 2 om truck"
                    )
            if number == 7:
                assert at.text_area(key=f"w:{sid}:lp:1").value == "Truckkort som mål"
        # reading another phase does not move the group
        assert S.session_view(e, site.bringer, sid).phase == 8

        downloads = [b.proto.label for b in at.get("download_button")]
        if user == "bringer":
            assert downloads == [
                "Udskrift med spørgsmål (PDF)",
                "Markeringer (CSV)",
                "Hele sessionen (JSON)",
            ]
            assert [t.label for t in at.toggle if t.key == f"excerpt_for_listeners:{sid}"]
        else:
            assert downloads == ["Mine bidrag (tekst)", "Mine bidrag (JSON)"]
            assert "Uddraget er ikke med: Bringer har ikke givet lov til det." in texts(at)


def test_the_bringer_can_give_the_excerpt_along_after_finishing(site: Org) -> None:
    sid = at_phase(site, 8)
    S.finish_session(site.engine, site.bringer, sid)
    bringer = open_session("bringer", sid)
    bringer.toggle(key=f"excerpt_for_listeners:{sid}").set_value(True).run()
    no_exception(bringer)
    assert S.session_view(site.engine, site.listener, sid).excerpt_for_listeners
    listener = open_session("listener", sid)
    assert "og uddraget, som Bringer har givet lov til" in texts(listener)


def test_the_phase_controls_are_also_at_the_bottom_of_the_phase(site: Org) -> None:
    """A phase can be long (on a phone especially): the bringer moves on, and a listener
    proposes, from below the phase too; the buttons name the phase they lead to."""
    sid = at_phase(site, 4)
    bringer = open_session("bringer", sid)
    labels = [b.label for b in bringer.main.button]
    bottom = labels[labels.index("Næste fase ▶") + 1 :]  # the top's controls, then the phase
    assert bottom[-2:] == ["◀ Tilbage til fase 3", "Videre til fase 5 ▶"]
    click(bringer, "Videre til fase 5 ▶")
    no_exception(bringer)
    assert "Fase 5 af 8: Reflekterende runde" in progress(bringer)
    assert S.session_view(site.engine, site.bringer, sid).phase == 5

    listener = open_session("listener", sid)
    assert [b.label for b in listener.main.button][-1] == "Foreslå at gå videre til fase 6"
    click(listener, "Foreslå at gå videre til fase 6")
    no_exception(listener)
    view = S.session_view(site.engine, site.listener, sid)
    assert (view.phase, view.proposed_phase, view.proposed_by_me) == (5, 6, True)
    bottom = [b for b in listener.button if b.label == "Foreslå at gå videre til fase 6"]
    assert bottom and bottom[0].disabled  # proposed once

    S.set_phase(site.engine, site.bringer, sid, 8)
    bringer.run()
    labels = [b.label for b in bringer.button]
    assert "◀ Tilbage til fase 7" in labels and not any(x.startswith("Videre") for x in labels)
    listener.run()
    assert not any(b.label.startswith("Foreslå at gå videre") for b in listener.button)
