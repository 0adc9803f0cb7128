"""Figures for leads and facilitators are released once, for closed periods, and then frozen.

Issue 14: the adversary reads every figure at every moment and subtracts. A figure computed
"now" changed when a sixth answer arrived (6·3.5 − 5·4.0 recovered that person's score), and a
quarter read on two days gave one person's month. So (our design, not the research's):

* only periods that have closed (Danish local time) are released; a month's figures appear on
  the first day of the next month;
* when a month has closed, its grouped facts are taken once (`FrozenMonth`) and every figure is
  computed from those, never from live rows, so late or deleted data never moves a figure;
* every cell is stored as first released (`ReleasedCell`) and never changes; what is released
  later is decided with the earlier cells held fixed (`disclosure.release(fixed=...)`), so the
  union of all releases over time is audited, not one page view.

The frozen facts of a half year are deleted once every period of it has been released.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, select

from lises_reflect import disclosure
from lises_reflect.disclosure import Cell, Fact
from lises_reflect.models import FrozenMonth, ReleasedCell
from lises_reflect.periods import Period

Facts = dict[int, list[Fact]]
Cells = dict[tuple[str, str], Cell]


def _insert_ignoring_existing(s: Session, model: type[SQLModel], rows: list[dict]) -> None:
    """First writer wins: another replica releasing the same figure at the same moment keeps
    its version, and both read back the stored one."""
    if not rows:
        return
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    s.connection().execute(insert(model).on_conflict_do_nothing(), rows)


def frozen_facts(
    s: Session,
    measure: str,
    team_ids: Sequence[int],
    half: Period,
    now: datetime,
    live: Callable[[Sequence[int], Period], Facts],
) -> Facts:
    """The facts of the half year's closed months, each month as it was first taken."""
    months = [m.key for m in half.months if m.end() <= now]
    if not months or not team_ids:
        return {}
    these = (
        FrozenMonth.team_id.in_(list(team_ids)),
        FrozenMonth.measure == measure,
        FrozenMonth.month.in_(months),
    )
    have = set(s.exec(select(FrozenMonth.team_id, FrozenMonth.month).where(*these)).all())
    missing = [t for t in team_ids if any((t, m) not in have for m in months)]
    if missing:
        fresh = live(missing, half)
        rows = []
        for team in missing:
            for m in months:
                if (team, m) in have:
                    continue
                facts = [
                    [f.category, list(f.values), list(f.who)]
                    for f in fresh.get(team, [])
                    if f.month == m
                ]
                rows.append(
                    {
                        "team_id": team,
                        "measure": measure,
                        "month": m,
                        "facts": json.dumps(facts),
                        "frozen_at": now,
                    }
                )
        _insert_ignoring_existing(s, FrozenMonth, rows)
    out: Facts = {}
    for team, month, payload in s.exec(
        select(FrozenMonth.team_id, FrozenMonth.month, FrozenMonth.facts).where(*these)
    ).all():
        out.setdefault(team, []).extend(
            Fact(month, c, tuple(values), tuple(who)) for c, values, who in json.loads(payload)
        )
    return out


def _stored_cells(
    s: Session, measures: Iterable[str], team_ids: Sequence[int], half: Period
) -> dict[tuple[int, str], Cells]:
    """The cells as first released, whatever minimum they were released under.

    A changed minimum (LISES_MIN_CASEWORKERS) applies to periods released after the change:
    recomputing a released period under the new one would read facts again (from live rows,
    once a half year's frozen facts are gone) and let the old and the new figure be
    subtracted. Hiding less later or more later would both hand the adversary a second release
    of the same period. So a released figure stands as released.
    """
    rc = ReleasedCell
    rows = (
        s.connection()
        .execute(  # columns, not objects: thousands of cells a view
            select(rc.team_id, rc.measure, rc.period, rc.category, rc.cell_values, rc.status)
            .where(
                ReleasedCell.team_id.in_(list(team_ids)),
                ReleasedCell.measure.in_(list(measures)),
                ReleasedCell.period.in_([n.key for n in half.tree()]),
            )
            .order_by(ReleasedCell.released_at.desc(), ReleasedCell.k.desc())
        )
        .all()
    )
    out: dict[tuple[int, str], Cells] = {}
    for team, measure, period, category, stored, status in rows:  # newest first: the first
        values = tuple(json.loads(stored)) if stored is not None else None  # release wins
        out.setdefault((team, measure), {})[(period, category)] = Cell(
            period,
            category,
            values,
            status,  # type: ignore[arg-type]
        )
    return out


def _rows(team: int, measure: str, k: int, cells: Cells, before: Cells, now: datetime) -> list:
    return [
        {
            "team_id": team,
            "measure": measure,
            "k": k,
            "period": key[0],
            "category": key[1],
            "status": cell.status,
            "cell_values": json.dumps(list(cell.values)) if cell.values is not None else None,
            "released_at": now,
        }
        for key, cell in cells.items()
        if cell.status != "open" and key not in before
    ]


def release(
    s: Session,
    measure: str,
    team_ids: Sequence[int],
    half: Period,
    now: datetime,
    k: int,
    live: Callable[[Sequence[int], Period], Facts],
    *,
    categories: Sequence[str],
    roles: int = 1,
    width: int = 1,
    marginal: bool = False,
) -> dict[int, Cells]:
    """Every cell of the half year per team: as first released, newly released now, or
    "open" (the period has not closed)."""
    total = f"{measure}:total"
    before = _stored_cells(s, (measure, total), team_ids, half)
    closed = [n for n in half.tree() if n.end() <= now]
    wanted = {(n.key, c) for n in closed for c in categories}
    pending = [t for t in team_ids if not before.get((t, measure), {}).keys() >= wanted]
    facts = frozen_facts(s, measure, pending, half, now, live)
    new_rows = []
    for team in pending:
        totals: Cells = {}
        cells = disclosure.release(
            facts.get(team, []),
            half,
            categories,
            k,
            roles=roles,
            width=width,
            marginal=marginal,
            now=now,
            fixed=before.get((team, measure)),
            fixed_totals=before.get((team, total)),
            totals_out=totals,
        )
        new_rows += _rows(team, measure, k, cells, before.get((team, measure), {}), now)
        new_rows += _rows(team, total, k, totals, before.get((team, total), {}), now)
    _insert_ignoring_existing(s, ReleasedCell, new_rows)
    stored = _stored_cells(s, (measure,), team_ids, half) if new_rows else before
    out: dict[int, Cells] = {}
    nodes = [(node, node.end() > now) for node in half.tree()]
    for team in team_ids:
        cells = dict(stored.get((team, measure), {}))
        for node, running in nodes:
            for c in categories:
                if running:
                    cells[(node.key, c)] = Cell(node.key, c, None, "open")
                else:  # a category nobody used in a closed period: nothing to hide
                    cells.setdefault((node.key, c), Cell(node.key, c, None, "too_few"))
        out[team] = cells
    if pending and len(closed) == len(half.tree()):  # all released: the facts are done with
        s.connection().execute(
            delete(FrozenMonth).where(
                FrozenMonth.team_id.in_(pending),
                FrozenMonth.measure == measure,
                FrozenMonth.month.in_(half.month_keys),
            )
        )
    return out


def released_value(
    s: Session,
    measure: str,
    team: int,
    node: Period,
    k: int,
    now: datetime,
    compute: Callable[[], Cell],
) -> Cell:
    """One cell decided on its own (participation bands): computed at its first release after
    the period closed, then read back as stored."""
    if node.end() > now:
        return Cell(node.key, "", None, "open")
    key = (node.key, "")
    stored = _stored_cells(s, (measure,), [team], node.half).get((team, measure), {})
    if key in stored:
        return stored[key]
    cell = compute()
    _insert_ignoring_existing(s, ReleasedCell, _rows(team, measure, k, {key: cell}, {}, now))
    return _stored_cells(s, (measure,), [team], node.half)[(team, measure)][key]
