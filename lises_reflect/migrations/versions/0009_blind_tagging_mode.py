"""blind tagging: reflection_session.tagging_mode (open | blind | revealed)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tagging_mode",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                nullable=False,
                server_default="open",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("reflection_session", schema=None) as batch_op:
        batch_op.drop_column("tagging_mode")
