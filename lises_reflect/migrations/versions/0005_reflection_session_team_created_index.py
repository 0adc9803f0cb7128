"""index for the lead and facilitator figures: reflection_session (team_id, created_at, bringer_id)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reflection_session_team_created",
            ["team_id", "created_at", "bringer_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.drop_index("ix_reflection_session_team_created")
