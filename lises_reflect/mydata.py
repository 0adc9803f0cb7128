"""A person's own data (GDPR article 15, the right of access): everything stored about one
account, as JSON for a machine and as a readable PDF.

A caseworker takes out his or her own; an admin answers an access request for anyone. Both
are written to the audit trail. What belongs to a person is read from the schema itself:
every row of every table with a column that refers to the person's account (so a table added
later is included without a change here), the learning points of the sessions the person
brought (formulated together, but the bringer's material), failed and successful logins under
the username, and the access log of the person's material as the app shows it. Nothing of
anyone else: others' contributions, tags and links in the person's sessions are theirs, and
secrets (the password hash, login-session keys) are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from lises_reflect import audit, auth
from lises_reflect.auth import Actor
from lises_reflect.db import session_scope
from lises_reflect.errors import NotFound
from lises_reflect.i18n import t
from lises_reflect.models import User, utcnow

__all__ = [
    "PersonalData",
    "access_request",
    "as_json",
    "as_pdf",
    "filename",
    "my_data",
    "user_columns",
]

# Never given out, also not to the person: they would open the account or a login.
SECRET_COLUMNS = frozenset({"password_hash", "key_hash"})
# Columns that name someone else in a row that is the person's own.
OTHERS_COLUMNS = {"reflection_session": frozenset({"proposed_by"})}


def user_columns() -> dict[str, tuple[str, ...]]:
    """Each table's columns that hold an account id: its foreign keys to `user`, and the
    audit trail's actor (no foreign key on purpose, so the trail outlives an account)."""
    found: dict[str, tuple[str, ...]] = {"audit_entry": ("actor_id",)}
    for table in SQLModel.metadata.sorted_tables:
        cols = tuple(
            c.name
            for c in table.columns
            if any(fk.column.table.name == User.__tablename__ for fk in c.foreign_keys)
        )
        if cols:
            found[table.name] = cols
    return found


@dataclass(frozen=True)
class PersonalData:
    username: str
    display_name: str
    exported_at: datetime
    by: str  # "self", or the admin who answered the access request
    tables: dict[str, list[dict[str, Any]]]  # table name -> the person's rows
    access_log: list[dict[str, Any]]  # who opened or exported the person's material


def _value(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def _rows(s: Session, table: Table, *where: Any) -> list[dict[str, Any]]:
    hidden = SECRET_COLUMNS | OTHERS_COLUMNS.get(table.name, frozenset())
    query = select(table).where(*where).order_by(*table.primary_key.columns)
    return [
        {k: _value(v) for k, v in row.items() if k not in hidden}
        for row in s.connection().execute(query).mappings()
    ]


def _collect(s: Session, user: User, by: str) -> PersonalData:
    meta = SQLModel.metadata.tables
    tables: dict[str, list[dict[str, Any]]] = {
        "user": _rows(s, meta["user"], meta["user"].c.id == user.id)
    }
    for name, cols in user_columns().items():
        table = meta[name]
        tables[name] = _rows(s, table, or_(*(table.c[c] == user.id for c in cols)))
    own = [r["id"] for r in tables["reflection_session"]]
    points = meta["learning_point"]
    tables["learning_point"] = _rows(s, points, points.c.session_id.in_(own or [-1]))
    logins = meta["login_attempt"]
    tables["login_attempt"] = _rows(s, logins, logins.c.username == user.username)
    log = [
        {"at": _value(r.at), "who": r.who, "what": r.what, "title": r.title}
        for r in audit.material_log(s, int(user.id), limit=None)  # type: ignore[arg-type]
    ]
    return PersonalData(user.username, user.display_name, utcnow(), by, tables, log)


def my_data(engine: Engine, actor_id: int | None) -> PersonalData:
    """Everything stored about the caller."""
    with session_scope(engine) as s:
        actor = auth.require(s, actor_id)
        audit.record(s, actor, "export.my_data", f"user:{actor.user_id}")
        s.flush()  # the export holds the fact that it was made
        return _collect(s, _user(s, actor.user_id), "self")


def access_request(engine: Engine, actor_id: int | None, user_id: int) -> PersonalData:
    """An admin answers a person's access request: the same as the person's own export."""
    with session_scope(engine) as s:
        actor: Actor = auth.require(s, actor_id, "admin")
        user = _user(s, user_id)
        audit.record(s, actor, "export.access_request", f"user:{user_id}")
        s.flush()
        return _collect(s, user, actor.username)


def _user(s: Session, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFound("error.user_not_found")
    return user


def as_json(data: PersonalData) -> bytes:
    body = {
        "username": data.username,
        "display_name": data.display_name,
        "exported_at": _value(data.exported_at),
        "by": data.by,
        "tables": data.tables,
        "access_log": data.access_log,
    }
    return json.dumps(body, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def filename(data: PersonalData, ext: str) -> str:
    return f"lises-mine-data-{data.username}-{data.exported_at:%Y%m%d}.{ext}"


def as_pdf(data: PersonalData, lang: str = "da") -> bytes:
    """The same as `as_json`, laid out to be read: one section per kind of data, each row as
    its fields, in the order stored."""
    from lises_reflect.export import new_pdf, write_paragraph

    pdf = new_pdf(t("export.file.page", lang))
    pdf.add_page()
    write_paragraph(pdf, t("mydata.pdf.title", lang, name=data.display_name), 15, 8, bold=True)
    write_paragraph(
        pdf,
        t(
            "mydata.pdf.made",
            lang,
            username=data.username,
            at=f"{data.exported_at:%d.%m.%Y %H:%M} UTC",
            by=t("mydata.pdf.by_self", lang) if data.by == "self" else data.by,
        ),
        9,
        5,
    )
    write_paragraph(pdf, t("mydata.pdf.intro", lang), 9, 5)
    width = pdf.epw
    sections = [(name, rows) for name, rows in data.tables.items()]
    sections.append(("access_log", data.access_log))
    for name, rows in sections:
        pdf.ln(3)
        write_paragraph(pdf, f"{t(f'mydata.table.{name}', lang)} ({len(rows)})", 12, 7, bold=True)
        if not rows:
            write_paragraph(pdf, t("mydata.pdf.none", lang), 9, 5)
        pdf.set_font("DejaVu", "", 8)
        for row in rows:
            for k, v in row.items():
                _field(pdf, f"{k}: {_shown(v)}", width)
            pdf.ln(1.5)
    return bytes(pdf.output())


def _field(pdf: Any, text: str, width: float) -> None:
    """One field on its line. fpdf's line breaking costs time with the square of a paragraph's
    length, so a line that fits is written as it is (a busy year is thousands of records)."""
    if "\n" not in text and pdf.get_string_width(text) < width:
        pdf.cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8)


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
