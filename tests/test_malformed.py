"""Fault injection: malformed input of every kind the UI accepts.

Every free-text field, every upload and every administrative name gets huge texts, binary
content, wrong encodings, control characters and HTML, script and Markdown payloads. Each either
comes out as clean plain text or is refused with a clear Danish message; a refusal stores
nothing (the whole database is compared before and after); nothing a user typed is ever
rendered as HTML or Markdown. Broken catalogue files stop the app with a message that names
the file and the field.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from lises_reflect import accounts, flip, freetext, sessions
from lises_reflect import catalogue as catalogue_module
from lises_reflect.catalogue import CatalogueError, catalogue, load_catalogue
from lises_reflect.errors import InvalidInput, ServiceError
from lises_reflect.i18n import t
from lises_reflect.privacy import PersonalDataError
from lises_reflect.transcript import MAX_UPLOAD_BYTES, UploadError, read_upload
from tests.conftest import Org
from tests.filler import snapshot

HUGE = ("x" * 1_000_000, "æøå " * 2_500_000)  # 1 MB and 10 MB of text
CONTROL = "før\x00\x07\x1b[31m\x7f\x85efter"
INVISIBLE = "ab\u202ecd\u2066ef\u200bgh\ufeffij"
SURROGATE = "halv\ud800par"
PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "**fed** _kursiv_ `kode`",
    "$$\\frac{1}{0}$$",
    ":red[rød] :material/home:",
    "<!-- kommentar --><b>html</b>",
)


# --------------------------------------------------------------------------- free text


def prepared(org: Org) -> int:
    """A session in phase 4 with all lenses, the listener invited."""
    e = org.engine
    sid = sessions.create_session(e, org.bringer, "Samtale")
    sessions.update_text(e, org.bringer, sid, "excerpt", "R: Hej.\nB: Hej.", "")
    lenses = [lens.id for lens in catalogue().lenses]
    sessions.update_choices(
        e, org.bringer, sid, conversation_kind="internship_follow_up", lenses=lenses
    )
    sessions.set_listeners(e, org.bringer, sid, [org.listener])
    return sid


def writers(org: Org, sid: int) -> dict[str, Callable[[str], object]]:
    """Every free-text field a page saves, by its field name in freetext.LIMITS."""
    e = org.engine
    slot = catalogue().lenses[0].questions[0].id
    return {
        "title": lambda text: sessions.create_session(e, org.bringer, text),
        # An excerpt must be turns: the payload is what one turn says.
        "excerpt": lambda text: sessions.update_text(
            e, org.bringer, sid, "excerpt", f"R: {text}", "R: Hej.\nB: Hej."
        ),
        "context_wish": lambda text: sessions.update_text(
            e, org.bringer, sid, "context_wish", text, ""
        ),
        "observation": lambda text: sessions.save_contribution(
            e, org.listener, sid, "observation", slot, text, 0
        ),
        "reflection": lambda text: sessions.save_contribution(
            e, org.listener, sid, "reflection", "", text, 0
        ),
        "struck": lambda text: sessions.save_contribution(
            e, org.bringer, sid, "struck", "", text, 0
        ),
        "takeaway": lambda text: sessions.save_contribution(
            e, org.bringer, sid, "takeaway", "", text, 0
        ),
        "learning_point": lambda text: sessions.save_learning_point(
            e, org.listener, sid, 1, text, 0
        ),
    }


def test_every_free_text_field_is_in_the_sweep(org: Org) -> None:
    assert set(writers(org, prepared(org))) == set(freetext.LIMITS)


@pytest.mark.parametrize("field", sorted(freetext.LIMITS))
def test_huge_texts_are_refused_and_store_nothing(org: Org, field: str) -> None:
    write = writers(org, prepared(org))[field]
    before = snapshot(org.engine)
    for text in HUGE:
        with pytest.raises(InvalidInput) as info:
            write(text)
        assert info.value.code == "error.too_long"
        message = t(info.value.code, "da", **info.value.params)
        assert str(freetext.LIMITS[field]) in message.replace(".", "")
    assert snapshot(org.engine) == before


@pytest.mark.parametrize("field", sorted(freetext.LIMITS))
def test_control_and_invisible_characters_never_reach_the_database(org: Org, field: str) -> None:
    sid = prepared(org)
    write = writers(org, sid)[field]
    before = snapshot(org.engine)
    write(f"{CONTROL} {INVISIBLE} {SURROGATE}")
    stored = [
        value
        for rows in snapshot(org.engine).values()
        for row in rows
        for value in row
        if isinstance(value, str) and "efter" in value
    ]
    assert snapshot(org.engine) != before and stored
    for value in stored:
        assert "før[31mefter abcdefghij halvpar" in value
        assert not any(ch in value for ch in "\x00\x07\x1b\x7f\x85\u202e\u2066\u200b\ufeff")
        value.encode("utf-8")  # no lone surrogate left


@pytest.mark.parametrize("field", sorted(freetext.LIMITS))
@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_is_stored_as_the_plain_text_typed(org: Org, field: str, payload: str) -> None:
    writers(org, prepared(org))[field](payload)
    stored = {value for rows in snapshot(org.engine).values() for row in rows for value in row}
    assert payload in stored or f"R: {payload}" in stored


def test_text_with_personal_data_is_refused_whole(org: Org) -> None:
    sid = prepared(org)
    before = snapshot(org.engine)
    for write in writers(org, sid).values():
        with pytest.raises(PersonalDataError):
            write("Borgeren 010190-1234 fortalte om praktikken.")
    assert snapshot(org.engine) == before


# --------------------------------------------------------------------------- names and packs


def test_administrative_names_refuse_or_clean_malformed_input(org: Org) -> None:
    e = org.engine
    before = snapshot(e)
    roles, team = ["caseworker"], org.team
    for bad in (*HUGE, "", "   ", "\x00\x00", "\u200b\u202e"):
        with pytest.raises(InvalidInput) as info:
            accounts.create_user(
                e, org.admin, "ny.bruger", bad, "correct horse battery", roles, team
            )
        assert info.value.code == "error.display_name"
        with pytest.raises(InvalidInput) as info:
            accounts.rename(e, org.admin, "team", org.team, bad)
        assert info.value.code == "error.name_required"
        with pytest.raises(InvalidInput):
            accounts.create_organisation(e, org.admin, bad)
    for bad_username in ("<script>", "a b", "x" * 500, "bruger\x00", "Æble"):
        with pytest.raises(ServiceError):
            accounts.create_user(
                e, org.admin, bad_username, "Navn", "correct horse battery", roles, team
            )
    assert snapshot(e) == before
    uid = accounts.create_user(
        e, org.admin, "ny.bruger", f"<b>Navn</b>\n {CONTROL}", "correct horse battery", roles, team
    )
    assert accounts.account(e, org.admin, uid).display_name == "<b>Navn</b> før[31mefter"


def test_seminar_pack_texts_refuse_personal_data_and_huge_input(org: Org) -> None:
    from lises_reflect.flip import PackRequest

    e = org.engine
    before = {k: v for k, v in snapshot(e).items() if k != "audit_entry"}
    for field in ("title", "questions", "intro"):
        for bad in (HUGE[1], "Ring til Jens på 22 33 44 55"):
            texts = {"title": "Seminar", "questions": ("Hvad hører vi?",), "intro": ""}
            texts[field] = (bad,) if field == "questions" else bad
            req = PackRequest(
                hours=2, participants=6, period_key="2026-H1", excerpt_tokens=(), **texts
            )
            with pytest.raises((ServiceError, PersonalDataError)):
                flip.export_pack(e, org.facilitator, req, "pdf")
    assert {k: v for k, v in snapshot(e).items() if k != "audit_entry"} == before


# --------------------------------------------------------------------------- uploads

DANISH = "R: Hvordan går det med æbler, øl og ål?\nB: Godt, tak."


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("udskrift.txt", DANISH.encode("utf-8")),
        ("udskrift.txt", DANISH.encode("utf-8-sig")),
        ("udskrift.txt", DANISH.encode("cp1252")),
        ("udskrift.txt", DANISH.encode("latin-1")),
        ("udskrift.txt", DANISH.encode("utf-16")),  # Notepad's "Unicode", with a BOM
        ("udskrift.txt", b"\xfe\xff" + DANISH.encode("utf-16-be")),
        ("udskrift.txt", DANISH.replace("\n", "\r\n").encode("utf-8")),
        ("udskrift.txt", DANISH.replace("\n", "\r").encode("utf-8")),
        ("UDSKRIFT.TXT", DANISH.encode("utf-8")),
        ("udskrift.docx", docx_bytes(DANISH)),
    ],
)
def test_uploads_in_the_encodings_danish_offices_produce_read_correctly(
    name: str, data: bytes
) -> None:
    assert read_upload(name, data).splitlines() == DANISH.splitlines()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * 60_000_000 + "</w:document>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(2000)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("billede.png", PNG, "understøttes ikke"),
        ("udskrift.txt", PNG, "ikke en almindelig tekstfil"),
        ("udskrift.txt", b"PK\x03\x04" + bytes(500), "ligner en Word-fil"),
        ("udskrift.txt", b"%PDF-1.7\n" + bytes(500), "ligner en PDF"),
        ("udskrift.txt", random.Random(2).randbytes(5000), "tekst"),
        ("udskrift.txt", b"R: hej\x00\x00\x00", "ikke en almindelig tekstfil"),
        ("udskrift.txt", DANISH.encode("utf-16-le"), "ikke en almindelig tekstfil"),  # no BOM
        ("udskrift.txt", b"", "ingen tekst"),
        ("udskrift.txt", b"   \n\t\n", "ingen tekst"),
        ("udskrift.txt", b"x" * (MAX_UPLOAD_BYTES + 1), "for stor"),
        ("udskrift.docx", b"PK\x03\x04 not really a zip", "kunne ikke åbnes"),
        ("udskrift.docx", DANISH.encode(), "kunne ikke åbnes"),
        ("udskrift.docx", _zip_bomb(), "fylder for meget"),
        ("udskrift.doc", b"\xd0\xcf\x11\xe0" + bytes(100), "Gem den gamle Word-fil"),
        ("udskrift", DANISH.encode(), "uden filendelse"),
        ("", DANISH.encode(), "uden filendelse"),
    ],
)
def test_bad_uploads_get_a_clear_danish_message(name: str, data: bytes, words: str) -> None:
    with pytest.raises(UploadError) as info:
        read_upload(name, data)
    assert words in info.value.message_da
    assert info.value.message_en and info.value.message_en != info.value.message_da


def test_a_refused_upload_changes_nothing(org: Org) -> None:
    sid = prepared(org)
    before = snapshot(org.engine)
    for data in (PNG, b"", b"x" * (MAX_UPLOAD_BYTES + 1)):
        with pytest.raises(UploadError):
            text = read_upload("udskrift.txt", data)
            sessions.update_text(org.engine, org.bringer, sid, "excerpt", text, "R: Hej.\nB: Hej.")
    assert snapshot(org.engine) == before


# --------------------------------------------------------------------------- the catalogue


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(catalogue_module.DEFAULT_DIR, target)
    return target


@pytest.mark.parametrize(
    ("breakage", "field"),
    [
        (lambda p: p.write_bytes(PNG), "(file)"),
        (
            lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("latin-1", "replace")),
            "(file)",
        ),
        (lambda p: p.write_text("", encoding="utf-8"), None),
        (lambda p: p.write_text("phases: [\n", encoding="utf-8"), "line"),
        (lambda p: p.write_text("- just\n- a list\n", encoding="utf-8"), None),
    ],
)
def test_a_broken_catalogue_file_is_named_with_the_field(
    prompts: Path, breakage: Callable[[Path], object], field: str | None
) -> None:
    broken = prompts / "phases.yaml"
    breakage(broken)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(prompts)
    assert info.value.file.endswith("phases.yaml")
    if field:
        assert field in info.value.field
    assert info.value.message


def test_the_app_shows_a_broken_catalogue_instead_of_starting(
    prompts: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.conftest import COOKIE_KEY
    from tests.pages import app, texts

    (prompts / "phases.yaml").write_bytes(PNG)
    monkeypatch.setattr(catalogue_module, "DEFAULT_DIR", prompts)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.sqlite3'}")
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.delenv("LISES_DEMO", raising=False)
    catalogue.cache_clear()
    try:
        at = app()
        assert not at.exception
        assert "phases.yaml" in texts(at)
    finally:
        catalogue.cache_clear()


# --------------------------------------------------------------------------- rendering


def test_nothing_typed_is_rendered_as_markup(engine: Engine, tmp_path: Path, monkeypatch) -> None:
    """Titles, excerpts, observations, learning points and names full of markup, shown on the
    pages that show them: the payload appears only as text, never as Markdown or HTML."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the pages run on the SQLite file of this test")
    from tests.conftest import COOKIE_KEY, make_org
    from tests.pages import app

    url = str(engine.url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.delenv("LISES_DEMO", raising=False)
    org = make_org(engine)
    payload = PAYLOADS[0] + " " + PAYLOADS[2] + " " + PAYLOADS[4]
    e = engine
    sid = sessions.create_session(e, org.bringer, payload[:120])
    sessions.update_text(e, org.bringer, sid, "excerpt", f"R: {payload}\nB: {PAYLOADS[1]}", "")
    lenses = [lens.id for lens in catalogue().lenses]
    sessions.update_choices(
        e, org.bringer, sid, conversation_kind="internship_follow_up", lenses=lenses
    )
    sessions.set_listeners(e, org.bringer, sid, [org.listener])
    slot = catalogue().lenses[0].questions[0].id
    sessions.save_contribution(e, org.listener, sid, "observation", slot, payload, 0)
    sessions.save_learning_point(e, org.listener, sid, 1, payload, 0)
    accounts.update_user(
        e,
        org.admin,
        org.listener,
        accounts.UserEdit(
            display_name="<b>Lytter</b> **fed**",
            email=None,
            team_id=org.team,
            roles=("caseworker",),
            active=True,
        ),
    )
    views = []
    for username, page in (
        ("bringer", "pages/my_reflections.py"),
        ("bringer", "pages/session.py"),
        ("listener", "pages/session.py"),
        ("admin", "pages/admin.py"),
    ):
        at = app(username)
        if page == "pages/session.py":
            at.query_params["s"] = str(sid)
        at.switch_page(page).run()
        assert not at.exception, [x.value for x in at.exception]
        views.append(at)
    raw = ("<script>", "<img", "](javascript:", "**fed**", "<b>")
    for at in views:
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning"):
            for element in getattr(at, kind):
                body = str(element.value)
                active = re.sub(r"\\.", "", body)  # an escaped mark is shown, not obeyed
                assert not any(r in active for r in raw), f"{kind} renders user markup: {body!r}"
    # ... and it is still there for the reader, as the literal text that was typed.
    for at in views[:-1]:
        assert "<script>" in visible_text(at)


def visible_text(at: object) -> str:
    """What a reader sees, plain text and code included."""
    from tests.pages import texts

    return texts(at) + "\n" + "\n".join(str(x.value) for x in at.get("code"))
