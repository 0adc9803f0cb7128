"""An attacker who sees every released number and knows who took part where.

Released cells are linear sums of atoms (one atom per grouped fact: a month, a category and
one combination of people). Anything the attacker can compute is a vector in the row space of
the released rows. A single person's contribution is exposed when some non-zero vector in that
row space only touches atoms of that person (in one role). Exact rank arithmetic over floats is
fine here: all coefficients are 0/1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def exposed_people(
    rows: Sequence[Sequence[int]], atoms_of: dict[tuple[int, int], list[int]], n_atoms: int
) -> list[tuple[int, int]]:
    """(role, person) pairs whose own atoms intersect the row space of `rows` (0/1 rows)."""
    if not rows or n_atoms == 0:
        return []
    a = np.zeros((len(rows), n_atoms))
    for i, row in enumerate(rows):
        for j in row:
            a[i, j] += 1.0
    rank_a = np.linalg.matrix_rank(a)
    out = []
    for key, cols in sorted(atoms_of.items()):
        e = np.zeros((len(cols), n_atoms))
        for i, j in enumerate(cols):
            e[i, j] = 1.0
        both = np.linalg.matrix_rank(np.vstack([a, e]))
        if rank_a + len(cols) - both > 0:
            out.append(key)
    return out
