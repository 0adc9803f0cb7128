"""phase proposals by listeners, the bringer's choice to give listeners the excerpt

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_phase", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("proposed_by", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "excerpt_for_listeners", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.drop_column("excerpt_for_listeners")
        batch_op.drop_column("proposed_by")
        batch_op.drop_column("proposed_phase")
