"""Issue 14, items 3, 9 and 10 through the real service functions, on SQLite and PostgreSQL.

None of the bypass forms (personal data hidden by a thin space, a soft hyphen, full-width
digits, "(at)", ...) is stored through the excerpt upload path, a learning point, an
observation or a name field; what is stored is exactly the folded text the guard checked; and
a name used as a speaker label is refused with the excerpt, so it never reaches the pool.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import select

from lises_reflect import accounts, auth
from lises_reflect import sessions as S
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput
from lises_reflect.models import Organisation, Team, User
from lises_reflect.privacy import PersonalDataError
from lises_reflect.textform import fold
from lises_reflect.transcript import TranscriptError, parse_transcript, read_upload
from tests.builders import QUESTION as Q
from tests.builders import SESSION_EXCERPT as EXCERPT
from tests.builders import at_phase, make_docx, prepared
from tests.conftest import PASSWORD
from tests.guard_cases import BYPASS_FORMS, ORDINARY_NUMBERS


def _uploads(text: str) -> list[tuple[str, bytes]]:
    """The same excerpt as the files a caseworker uploads: plain text, UTF-16, Word."""
    excerpt = f"R: Hvad er det, der står?\nB: {text}"
    return [
        ("samtale.txt", excerpt.encode("utf-8")),
        ("samtale.txt", excerpt.encode("utf-16")),
        ("samtale.docx", make_docx(excerpt.split("\n"))),
        ("tabel.docx", make_docx([], table=[["R", "Hvad er det, der står?"], ["B", text]])),
    ]


def test_no_bypass_form_is_stored_through_the_excerpt_upload(org) -> None:
    e = org.engine
    sid = prepared(org)
    for _kind, text in BYPASS_FORMS:
        for filename, data in _uploads(text):
            uploaded = read_upload(filename, data)
            with pytest.raises(PersonalDataError):
                S.update_text(e, org.bringer, sid, "excerpt", uploaded, EXCERPT)
    view = S.session_view(e, org.bringer, sid)
    assert view.excerpt == EXCERPT


def test_no_bypass_form_is_stored_as_learning_point_or_observation(org) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    for _kind, text in BYPASS_FORMS:
        with pytest.raises(PersonalDataError):
            S.save_learning_point(e, org.bringer, sid, 1, text, 0)
        with pytest.raises(PersonalDataError):
            S.save_contribution(e, org.listener, sid, "observation", Q, text, 0)
        with pytest.raises(PersonalDataError):
            S.save_contribution(e, org.bringer, sid, "struck", "", text, 0)
    view = S.session_view(e, org.bringer, sid)
    assert view.learning_points == [] and view.contributions == []


def test_what_is_stored_is_exactly_what_was_checked(org) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    typed = "Ydelsen\u00a0er kr.\u202f12.500 fra 2013\u20132014 (uge\u00ad\u00a012)"
    S.save_learning_point(e, org.bringer, sid, 1, typed, 0)
    (point,) = S.session_view(e, org.bringer, sid).learning_points
    assert point.text == fold(typed) == "Ydelsen er kr. 12.500 fra 2013-2014 (uge 12)"
    version = 0
    for text in ORDINARY_NUMBERS:
        version = S.save_learning_point(e, org.bringer, sid, 2, text, version)
        assert S.session_view(e, org.bringer, sid).learning_points[1].text == text


def test_stored_excerpt_turns_show_the_checked_text(org) -> None:
    e = org.engine
    sid = prepared(org)
    typed = "R: Hvor\u00a0mange\u2009timer?\r\nB: 37\u202ftimer (.) \uff13 dage\u2060"
    S.update_text(e, org.bringer, sid, "excerpt", typed, EXCERPT)
    stored = S.session_view(e, org.bringer, sid).excerpt
    assert stored == fold(typed).strip()
    assert [t.text for t in parse_transcript(stored)] == [
        "Hvor mange timer?",
        "37 timer (.) 3 dage",
    ]


@pytest.mark.parametrize(
    "line", ["mette: hej", "Peter (borger): Hej", "R, Mette: ja", "B (Peter): ja"]
)
def test_name_as_speaker_label_is_not_stored(org, line: str) -> None:
    e = org.engine
    sid = prepared(org)
    for filename, data in _uploads("Det går fint")[:1]:
        uploaded = read_upload(filename, data.replace(b"B: Det", line.encode() + b"\nB: Det"))
        with pytest.raises(TranscriptError) as err:
            S.update_text(e, org.bringer, sid, "excerpt", uploaded, EXCERPT)
        assert err.value.line_number == 2
    assert S.session_view(e, org.bringer, sid).excerpt == EXCERPT


def _names(engine) -> tuple[set[str], set[str], set[str], set[str | None]]:
    with session_scope(engine) as s:
        return (
            set(s.exec(select(User.display_name)).all()),
            set(s.exec(select(Team.name)).all()),
            set(s.exec(select(Organisation.name)).all()),
            set(s.exec(select(User.email)).all()),
        )


def _name_attempts(
    org, org_id: int, listener, number: int, text: str
) -> list[Callable[[], object]]:
    """Every service call that stores a name or an e-mail address, with `text` in it."""
    e = org.engine
    keep = (listener.team_id, listener.roles, listener.active)
    return [
        lambda: accounts.create_user(
            e, org.admin, f"ny{number}", text, PASSWORD, ["caseworker"], org.team
        ),
        lambda: accounts.create_user(
            e, auth.OPERATOR, f"op{number}", "Ny Bruger", PASSWORD, ["admin"], None, text
        ),
        lambda: accounts.create_team(e, org.admin, org_id, text),
        lambda: accounts.create_organisation(e, auth.OPERATOR, text),
        lambda: accounts.rename(e, org.admin, "team", org.team, text),
        lambda: accounts.rename(e, org.admin, "organisation", org_id, text),
        lambda: accounts.update_user(
            e, org.admin, org.listener, accounts.UserEdit(text, None, *keep)
        ),
        lambda: accounts.update_user(
            e, org.admin, org.listener, accounts.UserEdit("Lise Lytter", text, *keep)
        ),
    ]


def test_no_bypass_form_is_stored_in_a_name_or_the_email_field(org) -> None:
    e = org.engine
    before = _names(e)
    with session_scope(e) as s:
        org_id = s.exec(select(Team.organisation_id).where(Team.id == org.team)).one()
    listener = accounts.account(e, org.admin, org.listener)
    for number, (_kind, text) in enumerate(BYPASS_FORMS):
        attempts = _name_attempts(org, org_id, listener, number, text)
        for attempt in attempts:
            with pytest.raises(InvalidInput) as err:
                attempt()
            assert err.value.code.startswith(("error.name_personal.", "error.email_"))
    assert _names(e) == before


def test_email_field_takes_one_address_and_names_take_names(org) -> None:
    e = org.engine
    uid = accounts.create_user(
        e,
        org.admin,
        "lise2",
        "Lise\u00a0Lytter",
        PASSWORD,
        ["caseworker"],
        org.team,
        " lise\uff20kommune.dk ",
    )
    row = accounts.account(e, org.admin, uid)
    assert (row.display_name, row.email) == ("Lise Lytter", "lise@kommune.dk")
    for bad in ("0101901234@kommune.dk", "lise@kommune.dk, jens@kommune.dk", "lise(at)k.dk"):
        with pytest.raises(InvalidInput):
            accounts.update_user(
                e, org.admin, uid, accounts.UserEdit("Lise", bad, org.team, ("caseworker",), True)
            )
    assert accounts.account(e, org.admin, uid).email == "lise@kommune.dk"
