"""Shared excerpts and learning points get a random place in the FLIP pool's order, and the
pool is read from indexes

Issue 16: a page of the pool read every shared excerpt and learning point of the period into
Python, ordered them by a SHA-256 of their ids and then paged them: 0.69 s a rerun at 100k
sessions. The pool now numbers, searches and pages in SQL, ordered by `pool_order`, a random
number given to each row when it is written (rows already stored get one here). Random, so the
order says nothing about when, by whom or in which team; `flip.order_key` mixes it with the
facilitator and the period, so each has an order of its own.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MODULUS = 2_147_483_647


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        random = f"floor(random() * {_MODULUS})::integer"
    else:
        random = f"abs(random() % {_MODULUS})"
    for table in ("reflection_session", "learning_point"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("pool_order", sa.Integer(), nullable=False, server_default="0")
            )
        op.execute(f"UPDATE {table} SET pool_order = {random}")
    # The pool reads a shared learning point from an index, without its text: a shared point
    # is never empty (sharing needs a text, and a shared text cannot be changed).
    op.execute("UPDATE learning_point SET shared = false WHERE shared AND trim(text) = ''")
    op.create_index(
        "ix_reflection_session_pool",
        "reflection_session",
        ["status", "excerpt_shared", "finished_at", "team_id", "bringer_id", "pool_order"],
    )
    op.create_index(
        "ix_reflection_session_finished",
        "reflection_session",
        ["status", "finished_at", "team_id", "bringer_id"],
    )
    op.create_index(
        "ix_learning_point_pool",
        "learning_point",
        ["session_id", "shared", "category", "pool_order"],
    )


def downgrade() -> None:
    op.drop_index("ix_learning_point_pool", table_name="learning_point")
    op.drop_index("ix_reflection_session_finished", table_name="reflection_session")
    op.drop_index("ix_reflection_session_pool", table_name="reflection_session")
    for table in ("learning_point", "reflection_session"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("pool_order")
