"""concrete_lm becomes names_concrete_job: the caseworker's naming of a job keeps its own tag

Issue 21: in the research the concrete labour-market perspective is the citizen's ("borgerens
konkrete arbejdsmarkedsperspektiv", 003:742-743); the catalogue now has it as a citizen-turn
tag (`citizen_concrete_lm`) and retires the caseworker-turn tag `concrete_lm`, whose turns are
the caseworker naming a particular job. Mapping, upgrade (downgrade maps back):

    turn_tag.tag_id             concrete_lm  ->  names_concrete_job
    released_cell.category      concrete_lm  ->  names_concrete_job   (measure "tags")
    frozen_month.facts entries  concrete_lm  ->  names_concrete_job   (measure "tags")

Every other tag id stays as it is (`general_lm` and `work_talk` are kept). Each turn_tag row
keeps its id, session, annotator, turn, speaker and time: no annotation is lost. The released
and frozen figures are relabelled, not recomputed, so a released figure stays as released.
No schema change; nothing new is inferred (no turn gets `citizen_concrete_lm`).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 05:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD, NEW = "concrete_lm", "names_concrete_job"
MEASURE = "tags"

_TAG = sa.table("turn_tag", sa.column("tag_id", sa.String))
_CELL = sa.table("released_cell", sa.column("measure", sa.String), sa.column("category", sa.String))
_SELECT_FROZEN = sa.text("SELECT team_id, month, facts FROM frozen_month WHERE measure = :m")
_UPDATE_FROZEN = sa.text(
    "UPDATE frozen_month SET facts = :f WHERE team_id = :t AND measure = :m AND month = :mo"
)


def _rename(old: str, new: str) -> None:
    conn = op.get_bind()
    conn.execute(sa.update(_TAG).where(_TAG.c.tag_id == old).values(tag_id=new))
    conn.execute(
        sa.update(_CELL)
        .where(_CELL.c.measure == MEASURE, _CELL.c.category == old)
        .values(category=new)
    )
    rows = conn.execute(_SELECT_FROZEN, {"m": MEASURE}).all()
    for team, month, payload in rows:
        try:
            facts = json.loads(payload)
        except ValueError:  # not written by the app: leave it as it is
            continue
        if not isinstance(facts, list):
            continue
        changed = False
        for fact in facts:
            if isinstance(fact, list) and fact and fact[0] == old:
                fact[0] = new
                changed = True
        if changed:
            conn.execute(
                _UPDATE_FROZEN, {"f": json.dumps(facts), "t": team, "m": MEASURE, "mo": month}
            )


def upgrade() -> None:
    _rename(OLD, NEW)


def downgrade() -> None:
    _rename(NEW, OLD)
