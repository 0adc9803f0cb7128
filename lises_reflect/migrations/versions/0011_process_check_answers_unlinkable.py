"""process check answers unlinkable: the stored answers are rewritten in a random order

Answers used to be inserted in the same order as their receipts, so pairing
process_check.id with the receipts' rowid (or heap order) tied every answer to its person
(issue 14, item 5). From now on each answer rewrites its team's month in a fresh random order
(`sessions.store_process_answer`); this migration does the same once for the answers already
stored: within each team and month the scores are dealt out again to the same rows at random,
so ids, teams and months stay and old answers lose their order too. No schema change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 20:30:00
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECK = sa.table(
    "process_check",
    sa.column("id", sa.Integer),
    sa.column("team_id", sa.Integer),
    sa.column("period", sa.String),
    sa.column("safe_frame", sa.Integer),
)


def upgrade() -> None:
    conn = op.get_bind()
    groups: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for row_id, team, period, score in conn.execute(
        sa.select(_CHECK.c.id, _CHECK.c.team_id, _CHECK.c.period, _CHECK.c.safe_frame)
    ).all():
        groups.setdefault((team, period), []).append((row_id, score))
    shuffler = secrets.SystemRandom()
    update = (
        sa.update(_CHECK)
        .where(_CHECK.c.id == sa.bindparam("row_id"))
        .values(safe_frame=sa.bindparam("score"))
    )
    for rows in groups.values():
        scores = [score for _id, score in rows]
        shuffler.shuffle(scores)
        changed = [
            {"row_id": row_id, "score": new}
            for (row_id, old), new in zip(rows, scores, strict=True)
            if new != old
        ]
        if changed:
            conn.execute(update, changed)


def downgrade() -> None:
    """Nothing to undo: the old order is gone on purpose, and the schema is unchanged."""
