"""The lead's and facilitator's functions, attacked: nothing single-person comes out.

1. Property test: hypothesis builds a team and its sessions in the database, calls every lead
   function for every period of the half year, and hands every shown number to a linear-algebra
   attacker who knows who took part where (`tests.attack`). No single caseworker's contribution
   may be recoverable.
2. Enumeration: every public function of `insights` and `flip` is called, and nothing it
   returns carries a person's id or name.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from lises_reflect import auth, flip, insights, periods
from lises_reflect.db import session_scope
from lises_reflect.models import Team, User
from lises_reflect.sessions import catalogue
from tests import builders as b
from tests.attack import exposed_people
from tests.conftest import PASSWORD, Org

H1 = periods.parse("2026-H1")
K = 3  # the floor: the hardest setting for the rules, small examples reach it
LENSES = ("gribning", "institutional_turns")
TAGS = ("institutional", "concrete_lm")
OUTCOMES = ("taken_up", "passed_over")
_counter = itertools.count()

session_st = st.tuples(
    st.integers(1, 6),  # month
    st.integers(0, 6),  # bringer index
    st.lists(st.integers(0, 6), min_size=1, max_size=2, unique=True),  # listeners
    st.sampled_from([(LENSES[0],), (LENSES[1],), LENSES]),
    st.lists(st.tuples(st.booleans(), st.sampled_from(TAGS)), max_size=3),  # (by bringer?, tag)
    st.lists(st.tuples(st.booleans(), st.sampled_from(OUTCOMES)), max_size=1),
    st.lists(st.integers(1, 5), max_size=2),  # process answers
)


def _labels() -> dict[str, tuple[str, str]]:
    """Shown label → (measure, category) for the category figures, Danish."""
    cat = catalogue()
    out = {}
    for lid in LENSES:
        out[("lenses", cat.lens(lid).title.get("da"))] = lid
    for tid in TAGS:
        out[("tags", cat.tag(tid).label.get("da"))] = tid
    for oid in OUTCOMES:
        out[("outcomes", cat.outcome(oid).label.get("da"))] = oid
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(5, 7), st.lists(session_st, min_size=1, max_size=22))
def test_no_caseworker_can_be_recovered_from_the_lead_pages(org: Org, size: int, raw: list):
    engine = org.engine
    n = next(_counter)
    with session_scope(engine) as s:
        org_id = s.get(Team, org.team).organisation_id
    team = auth.create_team(engine, auth.OPERATOR, org_id, f"Hyp {n}")
    people = b.caseworkers(engine, team, size, f"h{n}x")
    lead = auth.create_user(engine, auth.OPERATOR, f"lead{n}", "Lead", PASSWORD, ["teamlead"], team)
    atoms: dict[str, list[tuple]] = {
        k: [] for k in ("sessions", "lenses", "tags", "outcomes", "process")
    }
    taking_part: list[tuple[str, set[int]]] = []
    for j, (month, bi, lis, lenses, tags, links, answers) in enumerate(raw):
        bringer = people[bi % size]
        listeners = list(
            dict.fromkeys(people[x % size] for x in lis if people[x % size] != bringer)
        )
        listeners = listeners or [people[(bi + 1) % size]]
        mk = f"2026-0{month}"
        tag_rows = tuple((bringer if mine else listeners[0], tag) for mine, tag in tags)
        tag_rows = tuple(dict.fromkeys(tag_rows))  # one tag per annotator and turn here
        link_rows = tuple((bringer if mine else listeners[0], o) for mine, o in links)
        who_answers = tuple(zip([bringer, *listeners], answers, strict=False))
        b.session(
            engine,
            team,
            bringer,
            listeners,
            b.when(mk, 1 + j % 27),
            lenses=lenses,
            tags=tuple((a, t) for a, t in tag_rows),
            links=link_rows,
            answers=who_answers,
        )
        atoms["sessions"].append((mk, "", (bringer,), 1))
        taking_part.append((mk, {bringer, *listeners}))
        atoms["lenses"].extend((mk, lid, (bringer,), 1) for lid in lenses)
        atoms["tags"].extend((mk, t, (bringer, a), 1) for a, t in tag_rows)
        atoms["outcomes"].extend((mk, o, (bringer, a), 1) for a, o in link_rows)
        atoms["process"].extend((mk, "", (u,), score) for u, score in who_answers)

    labels = _labels()
    shown: dict[str, set[tuple[str, str]]] = {k: set() for k in atoms}
    th = insights.Thresholds(figures=K, text=K)
    for node in H1.tree():
        ov = insights.team_overview(engine, lead, team, node.key, thresholds=th)
        assert not ov.small_team
        for fig in ov.figures:
            for bar in fig.bars:
                if bar.status != "shown":
                    assert bar.value is None
                    continue
                if fig.key == "participation":
                    continue  # a band over distinct people, not a sum: checked below
                if fig.key in ("sessions", "process"):
                    p = next(
                        x
                        for x in (*node.months, node)
                        if bar.label in (x.short_label("da"), x.label("da"))
                    )
                    shown[fig.key].add((p.key, ""))
                else:
                    shown[fig.key].add((node.key, labels[(fig.key, bar.label)]))
        part = {f.key: f for f in ov.figures}["participation"]
        for bar in part.bars:
            if bar.status == "shown":
                p = next(
                    x
                    for x in (*node.months, node)
                    if bar.label in (x.short_label("da"), x.label("da"))
                )
                took = set().union(*(who for m, who in taking_part if m in p.month_keys))
                assert len(took) >= K

    for key, facts in atoms.items():
        index = {i: fact for i, fact in enumerate(facts)}
        rows = [
            [i for i, f in index.items() if f[0] in periods.parse(pk).month_keys and f[1] == c]
            for pk, c in shown[key]
        ]
        if key == "lenses":  # sessions per period are shown too: a total over lenses
            single = all(len(x[3]) == 1 for x in raw)
            if single:
                rows += [
                    [i for i, f in index.items() if f[0] in periods.parse(pk).month_keys]
                    for pk, _ in shown["sessions"]
                ]
        roles = 2 if key in ("tags", "outcomes") else 1
        atoms_of: dict[tuple[int, int], list[int]] = {}
        for i, f in index.items():
            for r in range(roles):
                atoms_of.setdefault((r, f[2][r]), []).append(i)
        assert exposed_people(rows, atoms_of, len(index)) == [], key


# ------------------------------------------------------------------------ enumeration


def _walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (field path, leaf) in what a function returned."""
    out: list[tuple[str, Any]] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            out += _walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for k, v in value.items():
            out += _walk(v, f"{path}[{k}]")
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            out += _walk(v, f"{path}[]")
    elif isinstance(value, pd.DataFrame):
        out += _walk(value.to_dict("records"), path)
    elif isinstance(value, bytes):
        out.append((path, value.decode("utf-8", "ignore")))
    else:
        out.append((path, value))
    return out


ALLOWED_ID_FIELDS = {".team_id", ".category_id", ".lens_ids", ".tag_ids"}


def test_every_lead_and_facilitator_function_returns_nothing_personal(org: Org):
    from tests.test_insights import busy_team

    busy_team(org, n=10)
    with session_scope(org.engine) as s:
        org_id = s.get(Team, org.team).organisation_id
    b.assign(org.engine, org.facilitator, "facilitator", org_id=org_id)
    with session_scope(org.engine) as s:
        from lises_reflect.models import ReflectionSession

        for rs in s.exec(select(ReflectionSession)).all():
            rs.excerpt_shared = True
            s.add(rs)
    e, lead, fac = org.engine, org.lead, org.facilitator
    pool = flip.shared_pool(e, fac, "2026-H1")
    tokens = tuple(x.token for x in pool.excerpts[:2])
    request = flip.PackRequest(
        "FLIP", 3, 6, "2026-H1", tokens, ("tags",), ("gribning",), ("Hvad hører I?",)
    )
    calls = {
        "led_teams": lambda: insights.led_teams(e, lead),
        "facilitated_teams": lambda: insights.facilitated_teams(e, fac),
        "team_overview": lambda: insights.team_overview(e, lead, org.team, "2026-H1"),
        "team_figure_csv": lambda: insights.team_figure_csv(e, lead, org.team, "2026-H1", "tags"),
        "flip_patterns": lambda: insights.flip_patterns(e, fac, "2026-H1"),
        "flip_figure_csv": lambda: insights.flip_figure_csv(e, fac, "2026-H1", "tags"),
        "period_choices": lambda: insights.period_choices("quarter"),
        "shared_pool": lambda: flip.shared_pool(e, fac, "2026-H1", tag="institutional"),
        "pack_choices": lambda: flip.pack_choices(e, fac, "2026-H1"),
        "export_pack": lambda: flip.export_pack(e, fac, request, "pptx"),
    }
    public = {
        name
        for module in (insights, flip)
        for name in module.__all__
        if callable(getattr(module, name)) and not isinstance(getattr(module, name), type)
    }
    assert public == set(calls), "a new lead/facilitator function must be added here"
    with session_scope(org.engine) as s:
        users = s.exec(select(User)).all()
        names = {u.username for u in users} | {u.display_name for u in users}
    for name, call in calls.items():
        result = call()
        for path, leaf in _walk(result, name):
            field = path[path.rfind(".") :].rstrip("[]")
            assert (
                not (field.endswith("_id") or field.endswith("id")) or field in ALLOWED_ID_FIELDS
            ), path
            if isinstance(leaf, str):
                hits = [n for n in names if len(n) > 2 and n in leaf]
                assert not hits, (path, hits)
