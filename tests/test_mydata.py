"""A person's own data (`lises_reflect.mydata`): every row that belongs to the person is in
the extract, nothing of anyone else is, both ways of taking it out are logged, and only an
admin answers for someone else."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, or_, select
from sqlmodel import SQLModel

from lises_reflect import audit, login, mydata
from lises_reflect.auth import load_actor
from lises_reflect.db import session_scope
from lises_reflect.errors import PermissionDenied
from lises_reflect.models import AuditEntry, Contribution, User
from tests import builders as b
from tests.conftest import PASSWORD, Org

MINE = "Jeg lagde mærke til, at borgeren selv foreslog truckkørekortet."
THEIRS = "Kollegaens egen iagttagelse om tavsheden efter spørgsmålet."


def _two_people_working_together(org: Org) -> int:
    """The bringer brings one session with a colleague, the colleague one with the bringer;
    both write, tag, link, share a point and answer the process check, both log in and open
    the other's session, and the lead opens the bringer's. The colleague's id."""
    other = b.caseworkers(org.engine, org.team, 1, "kirsten")[0]
    b.facilitate(org.engine, org.bringer, org.other_team)  # also facilitates FLIP seminars
    first = b.session(
        org.engine,
        org.team,
        org.bringer,
        [other],
        b.when("2026-02", 3),
        tags=((org.bringer, "institutional"), (other, "meaning_making")),
        links=((org.bringer, "taken_up"), (other, "not_taken_up")),
        points=(("Vi tager rammerne op på næste teammøde.", "frames_demands", True),),
        answers=((org.bringer, 4), (other, 5)),
    )
    second = b.session(
        org.engine,
        org.team,
        other,
        [org.bringer],
        b.when("2026-02", 4),
        tags=((org.bringer, "institutional"),),
        points=(("Kollegaens læringspunkt i egen session.", "practice", True),),
    )
    with session_scope(org.engine) as s:
        s.add(Contribution(session_id=second, author_id=org.bringer, kind="observation", text=MINE))
        s.add(Contribution(session_id=first, author_id=other, kind="observation", text=THEIRS))
        for who, sid in ((other, first), (org.bringer, second), (org.lead, first)):
            audit.record_open(s, load_actor(s, who), f"session:{sid}")
    for who in (org.bringer, other):
        login.open_session(org.engine, who, uuid.uuid4().hex)
    with session_scope(org.engine) as s:
        names = dict(s.exec(select(User.id, User.username)).all())
    login.attempt(org.engine, names[org.bringer], "forkert kode")
    login.attempt(org.engine, names[org.bringer], PASSWORD)
    login.attempt(org.engine, names[other], PASSWORD)
    return other


def _fk_columns() -> dict[str, list[str]]:
    """Found here on its own, from the schema: every column that refers to an account."""
    return {
        t.name: [
            c.name for c in t.columns if any(f.column.table.name == "user" for f in c.foreign_keys)
        ]
        for t in SQLModel.metadata.sorted_tables
        if any(f.column.table.name == "user" for c in t.columns for f in c.foreign_keys)
    }


def test_every_row_of_the_person_is_in_the_extract_and_nothing_of_anyone_else(org: Org) -> None:
    other = _two_people_working_together(org)
    data = mydata.my_data(org.engine, org.bringer)
    meta = SQLModel.metadata.tables
    with session_scope(org.engine) as s:
        username = s.exec(select(User.username).where(User.id == org.bringer)).one()[0]
        other_name, other_display = s.exec(
            select(User.username, User.display_name).where(User.id == other)
        ).one()
        # Completeness: each table's rows that refer to the person, counted in SQL here.
        for name, cols in {**_fk_columns(), "audit_entry": ["actor_id"]}.items():
            table = meta[name]
            n = (
                s.connection()
                .execute(
                    select(func.count())
                    .select_from(table)
                    .where(or_(*(table.c[c] == org.bringer for c in cols)))
                )
                .scalar_one()
            )
            assert n > 0, f"the scene has no {name} row of the person"
            assert len(data.tables[name]) == n, name
            assert all(any(row[c] == org.bringer for c in cols) for row in data.tables[name])
        own = [r["id"] for r in data.tables["reflection_session"]]
        lp = meta["learning_point"]
        points = (
            s.connection()
            .execute(select(func.count()).select_from(lp).where(lp.c.session_id.in_(own)))
            .scalar_one()
        )
    assert len(data.tables["learning_point"]) == points == 1
    assert [r["id"] for r in data.tables["user"]] == [org.bringer]
    assert [r["success"] for r in data.tables["login_attempt"]] == [False, True]
    assert {r["username"] for r in data.tables["login_attempt"]} == {username}
    # The access log: who opened the bringer's session (the listener and the lead).
    assert len(data.access_log) == 2 and {r["title"] for r in data.access_log} == {"Opfølgning"}

    text = mydata.as_json(data).decode()
    body = json.loads(text)
    assert MINE in text  # written in the colleague's session: the person's own words
    # Nothing of anyone else: no other person's words, rows, account or secrets.
    for foreign in (THEIRS, "Kollegaens læringspunkt", other_name, "password_hash", "key_hash"):
        assert foreign not in json.dumps(body["tables"], ensure_ascii=False), foreign
    for name, cols in _fk_columns().items():
        for row in body["tables"].get(name, []):
            assert not any(row.get(c) == other for c in cols), (name, row)
    assert "proposed_by" not in body["tables"]["reflection_session"][0]
    # The colleague appears only as the one who opened the material (as the page shows it).
    assert other_display in json.dumps(body["access_log"], ensure_ascii=False)


def test_the_pdf_is_readable_and_holds_the_same(org: Org, tmp_path: Path) -> None:
    _two_people_working_together(org)
    pdf = tmp_path / "mine.pdf"
    pdf.write_bytes(mydata.as_pdf(mydata.my_data(org.engine, org.bringer), "da"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Data om" in text and "Hvad du har skrevet i sessioner (1)" in text
    assert "truckkørekortet" in text and "tavsheden" not in text
    assert "Hvem der har åbnet eller hentet dit materiale (2)" in text
    assert "password_hash" not in text


def test_both_ways_are_logged_and_only_an_admin_answers_for_someone_else(org: Org) -> None:
    _two_people_working_together(org)
    mine = mydata.my_data(org.engine, org.bringer)
    assert mine.by == "self"
    # The extract holds its own making: the audit trail is part of the person's data.
    assert any(r["action"] == "export.my_data" for r in mine.tables["audit_entry"])
    for nobody in (org.listener, org.lead, org.facilitator):
        with pytest.raises(PermissionDenied):
            mydata.access_request(org.engine, nobody, org.bringer)
    answered = mydata.access_request(org.engine, org.admin, org.bringer)
    assert answered.tables.keys() == mine.tables.keys() and answered.username == mine.username
    assert answered.by != "self"
    with session_scope(org.engine) as s:
        logged = s.exec(
            select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.target).where(
                AuditEntry.action.in_(["export.my_data", "export.access_request"])
            )
        ).all()
    assert sorted(logged) == sorted(
        [
            (org.bringer, "export.my_data", f"user:{org.bringer}"),
            (org.admin, "export.access_request", f"user:{org.bringer}"),
        ]
    )


def test_the_page_makes_the_extract_once_per_click_and_offers_both_files(site: Org) -> None:
    from tests.pages import app, click, no_exception, open_tab

    def made() -> int:
        with session_scope(site.engine) as s:
            return s.exec(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.in_(["export.my_data", "export.access_request"]))
            ).one()[0]

    at = app("bringer")
    at.switch_page("pages/my_data.py").run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Mine data"]
    assert not at.get("download_button") and made() == 0  # nothing made by opening the page
    click(at, "Hent mine data")
    no_exception(at)
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Hent som JSON", "Hent som PDF"] and made() == 1
    at.run()  # a rerun (any click elsewhere) makes nothing new
    assert len(at.get("download_button")) == 2 and made() == 1

    admin = app("admin")
    admin.switch_page("pages/admin.py").run()
    open_tab(admin, "admin", "Redigér bruger")
    admin.selectbox(key="edit:user").select(site.bringer).run()
    click(admin, "Lav udtræk")
    no_exception(admin)
    assert [d.proto.label for d in admin.get("download_button")] == labels and made() == 2
    assert any("Udtrækket for bringer er klar" in x.value for x in admin.success)
    admin.selectbox(key="edit:user").select(site.listener).run()
    assert not admin.get("download_button")  # never one person's extract under another's name
