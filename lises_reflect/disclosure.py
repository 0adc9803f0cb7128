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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from lises_reflect.periods import Period

FLOOR = 3  # configuration may raise the thresholds, never lower them below this

Status = Literal["shown", "too_few", "complement"]


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
) -> dict[tuple[str, str], Cell]:
    """Decide every cell of one half year at once; keyed by (period key, category).

    Periods that have not begun yet (after `now`) are known to everyone to be empty, so they
    need no hiding partner: the current quarter can be shown while the next one is still
    ahead."""
    if half.kind != "half":
        raise ValueError("release works on a whole half year")
    if k < FLOOR:
        raise ThresholdError(f"k={k} is below the floor of {FLOOR}")
    moment = now or datetime.now(timezone.utc)
    tree = half.tree()
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

    hidden: dict[tuple[str, str], Status] = {}
    for node in tree:
        for c in cats:
            if any(len(s) < k for s in who((node.key, c))):
                hidden[(node.key, c)] = "too_few"

    def hide(key: tuple[str, str]) -> bool:
        if key in hidden:
            return False
        hidden[key] = "complement"
        return True

    changed = True
    while changed:
        changed = False
        for c in cats:
            for node in tree:
                kids = [kid for kid in node.children if kid.start() < moment]
                if not kids:
                    continue
                parent_hidden = (node.key, c) in hidden
                any_kid_hidden = any((kid.key, c) in hidden for kid in kids)
                if parent_hidden or any_kid_hidden:
                    for kid in kids:
                        changed |= hide((kid.key, c))
        if marginal:
            for node in tree:
                while True:
                    gone = [c for c in cats if (node.key, c) in hidden]
                    if not gone:
                        break
                    union = [set() for _ in range(roles)]
                    for c in gone:
                        for i, s in enumerate(who((node.key, c))):
                            union[i] |= s
                    if all(len(s) >= k for s in union):
                        break
                    left = [c for c in cats if (node.key, c) not in hidden]
                    if not left:
                        break
                    smallest = min(left, key=lambda c: (sums.get((node.key, c), [0.0])[0], c))
                    changed |= hide((node.key, smallest))

    out: dict[tuple[str, str], Cell] = {}
    for node in tree:
        for c in cats:
            key = (node.key, c)
            status = hidden.get(key)
            if status is None:
                values = tuple(sums.get(key, [0.0] * width))
                out[key] = Cell(node.key, c, values, "shown")
            else:
                out[key] = Cell(node.key, c, None, status)
    return out


def band(share: float) -> str:
    """A participation share as a quarter band, so one person more or less rarely shows."""
    if share >= 0.75:
        return "75-100"
    if share >= 0.5:
        return "50-75"
    if share >= 0.25:
        return "25-50"
    return "0-25"
