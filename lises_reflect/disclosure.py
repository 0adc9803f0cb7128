"""Which aggregated figures may be shown to a team lead or facilitator, and which must be hidden.

The rules (issue 4, "when in doubt, show less"):

* A figure is shown only when at least `k` distinct caseworkers stand behind it, in every
  role the measure has (e.g. tags need k distinct excerpt owners *and* k distinct annotators).
* Periods nest: six months make a half year, three a quarter. Every view reads from one release
  of the whole half year, computed in one go, so two views can never disagree and no hidden
  month can be recovered as "quarter minus the other months" (complementary suppression):
    - the children of a node (the quarters of a half, the months of a quarter) are shown all
      together or not at all, and only under a shown parent;
    - for measures whose categories add up to a total shown elsewhere (`marginal`), the hidden
      categories of a period together must hold at least `k` people, otherwise more are hidden.
* Teams are separate trees: nothing shown adds teams together, so no team can be recovered by
  subtraction from a sum.

Everything here is pure and works on already grouped facts; the SQL that produces them lives
in `insights`. Per-person ids enter only as opaque numbers for distinct counts and never leave.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

import numpy as np

from lises_reflect.periods import Period, parse

FLOOR = 3  # configuration may raise the thresholds, never lower them below this

Status = Literal["shown", "too_few", "complement", "open"]


class ThresholdError(ValueError):
    """A configured threshold below the floor: refused at start-up, never silently used."""


@dataclass(frozen=True)
class Thresholds:
    figures: int = 5  # distinct caseworkers behind any shown number
    text: int = 10  # distinct caseworkers in a pool before free text is shown

    def __post_init__(self) -> None:
        for name, value in (("figures", self.figures), ("text", self.text)):
            if not isinstance(value, int) or value < FLOOR:
                raise ThresholdError(
                    f"privacy threshold '{name}' is {value!r}; the floor is {FLOOR}"
                )


@dataclass(frozen=True)
class Fact:
    """Values already summed in SQL for one month, one category and one combination of people.

    `who` holds one opaque person id per role of the measure (e.g. bringer, annotator); it is
    only ever used for distinct counts.
    """

    month: str
    category: str
    values: tuple[float, ...]
    who: tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    period: str
    category: str
    values: tuple[float, ...] | None  # None when hidden
    status: Status

    @property
    def shown(self) -> bool:
        return self.status == "shown"


Key = tuple[str, str]


def release(
    facts: Iterable[Fact],
    half: Period,
    categories: Sequence[str],
    k: int,
    *,
    roles: int = 1,
    width: int = 1,
    marginal: bool = False,
    now: datetime | None = None,
    fixed: Mapping[Key, Cell] | None = None,
    fixed_totals: Mapping[Key, Cell] | None = None,
    totals_out: dict[Key, Cell] | None = None,
) -> dict[tuple[str, str], Cell]:
    """Decide every cell of one half year at once; keyed by (period key, category).

    Only periods that have closed by `now` are released; the others are "open". `fixed` holds
    cells released earlier (issue 14: the attacker reads every figure at every moment and
    subtracts): they never change, a shown one cannot be hidden any more, and what is decided
    now is audited together with them. With a hidden child already out of reach, the parent is
    hidden instead. For `marginal` measures the totals across categories are released here too
    (against `fixed_totals`, into `totals_out`), since both tables are audited together."""
    if half.kind != "half":
        raise ValueError("release works on a whole half year")
    if k < FLOOR:
        raise ThresholdError(f"k={k} is below the floor of {FLOOR}")
    moment = now or datetime.now(timezone.utc)
    fixed = dict(fixed or {})
    tree = [node for node in half.tree() if node.end() <= moment]
    open_nodes = [node for node in half.tree() if node.end() > moment]
    month_to_nodes: dict[str, list[str]] = {}
    for node in tree:
        for m in node.month_keys:
            month_to_nodes.setdefault(m, []).append(node.key)
    cats = list(dict.fromkeys(categories))
    sums: dict[tuple[str, str], list[float]] = {}
    people: dict[tuple[str, str], list[set[int]]] = {}
    for f in facts:
        if f.month not in month_to_nodes:
            continue
        if f.category not in cats:
            cats.append(f.category)
        for node_key in month_to_nodes[f.month]:
            key = (node_key, f.category)
            acc = sums.setdefault(key, [0.0] * width)
            for i, v in enumerate(f.values[:width]):
                acc[i] += v
            sets = people.setdefault(key, [set() for _ in range(roles)])
            for i, person in enumerate(f.who[:roles]):
                sets[i].add(person)

    def who(key: tuple[str, str]) -> list[set[int]]:
        return people.get(key) or [set() for _ in range(roles)]

    def who_in(keys: Iterable[tuple[str, str]]) -> list[set[int]]:
        """Who stands behind these cells together, per role."""
        groups = [who(key) for key in keys]
        return [set().union(*(group[i] for group in groups)) for i in range(roles)]

    def remainder_people(node: Period, c: str) -> list[set[int]]:
        """Who stands behind `node` minus its largest shown sub-periods: what subtracting
        the shown figures below it from it would give (shown periods nest, so these
        remainders are all an attacker can isolate in one category)."""
        months = set(node.month_keys)
        stack = list(node.children)
        while stack:
            kid = stack.pop()
            if (kid.key, c) in hidden:
                stack.extend(kid.children)
            else:
                months -= set(kid.month_keys)
        if months == set(node.month_keys):
            return who_in(())  # nothing shown below: the node's own count, checked on its own
        return who_in((m, c) for m in months)

    for key in fixed:
        if key[1] not in cats:
            cats.append(key[1])
    hidden: dict[tuple[str, str], Status] = {}
    for node in tree:
        for c in cats:
            key = (node.key, c)
            if key in fixed:
                if not fixed[key].shown:
                    hidden[key] = fixed[key].status
            elif any(len(s) < k for s in who(key)):
                hidden[key] = "too_few"

    def hide(key: tuple[str, str]) -> bool:
        if key in hidden or key in fixed:
            return False
        hidden[key] = "complement"
        return True

    def settle() -> None:
        changed = True
        while changed:
            changed = False
            for c in cats:
                for node in tree:
                    kids = list(node.children)  # a closed node's children have closed too
                    if not kids:
                        continue
                    parent_hidden = (node.key, c) in hidden
                    any_kid_hidden = any((kid.key, c) in hidden for kid in kids)
                    if parent_hidden or any_kid_hidden:
                        for kid in kids:
                            changed |= hide((kid.key, c))
                    if (node.key, c) not in hidden and any(
                        0 < len(group) < k for group in remainder_people(node, c)
                    ):
                        # Shown parts below it were released earlier and stay: it goes.
                        changed |= hide((node.key, c))
            if marginal:
                for node in tree:
                    while True:
                        gone = [c for c in cats if (node.key, c) in hidden]
                        if not gone:
                            break
                        if all(len(s) >= k for s in who_in((node.key, c) for c in gone)):
                            break
                        left = [c for c in cats if (node.key, c) not in hidden]
                        if not left:
                            break
                        smallest = min(left, key=lambda c: (sums.get((node.key, c), [0.0])[0], c))
                        changed |= hide((node.key, smallest))

    settle()
    if marginal:
        # The total across categories is released elsewhere by the same rules, on its own; a
        # category cell hidden here must not come back as "total minus the shown ones", in
        # this period or any other of the half year. The rules above are decided table by
        # table, so an exact audit over both tables together closes what they leave open.
        totals = release(
            [Fact(f.month, "", f.values, f.who) for f in facts],
            half,
            [""],
            k,
            roles=roles,
            width=width,
            now=moment,
            fixed=fixed_totals,
        )
        if totals_out is not None:
            totals_out.update(totals)
        total_rows = [_months_of(key[0]) for key, cell in totals.items() if cell.shown]
        audit = _Audit(facts, month_to_nodes, roles)
        while True:
            shown = [(n.key, c) for n in tree for c in cats if (n.key, c) not in hidden]
            worst = audit.exposure(shown, total_rows)
            movable = [key for key in shown if key not in fixed]
            if not worst or not movable:  # the totals alone are one tree, safe by the rules
                break
            hide(audit.best_to_hide(shown, total_rows, worst, sums, movable))
            settle()

    out: dict[tuple[str, str], Cell] = {}
    for node in tree:
        for c in cats:
            key = (node.key, c)
            status = hidden.get(key)
            if key in fixed:
                out[key] = fixed[key]
            elif status is None:
                values = tuple(sums.get(key, [0.0] * width))
                out[key] = Cell(node.key, c, values, "shown")
            else:
                out[key] = Cell(node.key, c, None, status)
    for node in open_nodes:
        for c in cats:
            out[(node.key, c)] = Cell(node.key, c, None, "open")
    return out


def _months_of(period_key: str) -> frozenset[str]:
    return frozenset(parse(period_key).month_keys)


class _Audit:
    """The attacker of `tests.attack`, run on the release itself.

    Every released cell is a sum over (month, category) columns. A person is exposed when some
    combination of released rows touches only columns in which that person alone (in one role)
    has facts: rank(all rows) > rank(rows without those columns). Columns, not single facts,
    are enough because facts in the same column always appear in the same released cells."""

    def __init__(self, facts: Iterable[Fact], months: dict[str, list[str]], roles: int) -> None:
        owners: dict[tuple[str, str], list[set[int]]] = {}
        for f in facts:
            if f.month not in months:
                continue
            sets = owners.setdefault((f.month, f.category), [set() for _ in range(roles)])
            for i, person in enumerate(f.who[:roles]):
                sets[i].add(person)
        self.columns = sorted(owners)
        self.lonely: dict[tuple[int, int], set[int]] = {}
        for j, col in enumerate(self.columns):
            for role, people in enumerate(owners[col]):
                if len(people) == 1:
                    self.lonely.setdefault((role, next(iter(people))), set()).add(j)

    def _matrix(
        self, shown: Sequence[tuple[str, str]], total_rows: Sequence[frozenset[str]]
    ) -> np.ndarray:
        rows = []
        for node, cat in shown:
            months = _months_of(node)  # once per cell, not once per cell and column
            rows.append([1.0 if (m in months and c == cat) else 0.0 for m, c in self.columns])
        rows += [[1.0 if m in months else 0.0 for m, _ in self.columns] for months in total_rows]
        return np.array(rows, dtype=float).reshape(len(rows), len(self.columns))

    def _exposure(self, a: np.ndarray) -> int:
        if a.size == 0:
            return 0
        full = np.linalg.matrix_rank(a)
        worst = 0
        for cols in self.lonely.values():
            keep = [j for j in range(a.shape[1]) if j not in cols]
            rest = np.linalg.matrix_rank(a[:, keep]) if keep else 0
            worst += full - rest
        return int(worst)

    def exposure(
        self, shown: Sequence[tuple[str, str]], total_rows: Sequence[frozenset[str]]
    ) -> int:
        """How many independent single-person figures the attacker can compute (0 is safe)."""
        if not self.lonely:
            return 0
        return self._exposure(self._matrix(shown, total_rows))

    def best_to_hide(
        self,
        shown: Sequence[tuple[str, str]],
        total_rows: Sequence[frozenset[str]],
        now: int,
        sums: dict[tuple[str, str], list[float]],
        movable: Sequence[tuple[str, str]],
    ) -> tuple[str, str]:
        """The movable shown cell whose hiding exposes least; the smallest figure among
        equals (cells released earlier cannot be taken back)."""
        a = self._matrix(shown, total_rows)
        can = set(movable)

        def cost(i: int) -> tuple[int, float, str, str]:
            left = self._exposure(np.delete(a, i, axis=0)) if now else 0
            node, cat = shown[i]
            return (left, sums.get((node, cat), [0.0])[0], node, cat)

        return shown[min((i for i in range(len(shown)) if shown[i] in can), key=cost)]


def band(share: float) -> str:
    """A participation share as a quarter band, so one person more or less rarely shows."""
    if share >= 0.75:
        return "75-100"
    if share >= 0.5:
        return "50-75"
    if share >= 0.25:
        return "25-50"
    return "0-25"
