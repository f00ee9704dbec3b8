"""Bodies keep how precisely their first resolution and last activity are known.

A resolution known only by its year is stored as a day of that year; without its precision the
lists showed that day ("31 December 2019") as if it were on record. The backfill repeats, in
plain Python, what the follow-through status computes: the finest precision among the records
that give the body its date.

Revision ID: d2f7a9c3e5b1
Revises: d4e7a9c2b815
Create Date: 2026-12-03 15:45:00

"""
import calendar
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "d2f7a9c3e5b1"
down_revision = "d4e7a9c2b815"
branch_labels = None
depends_on = None

ORDER = ("day", "month", "year")


def period_end(day, precision):
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def finest(precisions):
    given = {p or "day" for p in precisions}
    return next((p for p in ORDER if p in given), "day")


def as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def upgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_resolution_precision", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("last_activity_precision", sa.String(length=5), nullable=True))
    bind = op.get_bind()
    dates = {}  # body id -> [(date, precision, is_resolution)]
    for body_id, on, precision in bind.execute(sa.text(
            "SELECT body_id, adopted_on, date_precision FROM resolutions "
            "WHERE stance = 'support' AND adopted_on IS NOT NULL")):
        dates.setdefault(body_id, []).append((as_date(on), precision, True))
    for body_id, on, precision in bind.execute(sa.text(
            "SELECT body_id, occurred_on, date_precision FROM actions WHERE occurred_on IS NOT NULL")):
        dates.setdefault(body_id, []).append((as_date(on), precision, False))
    bodies = bind.execute(sa.text(
        "SELECT id, first_resolution_on, last_activity_on FROM bodies "
        "WHERE first_resolution_on IS NOT NULL OR last_activity_on IS NOT NULL")).all()
    for body_id, first_on, last_on in bodies:
        records = dates.get(body_id, [])
        first_on, last_on = as_date(first_on), as_date(last_on)
        first = (finest(p for on, p, is_resolution in records if is_resolution and on == first_on)
                 if first_on else None)
        last = (finest(p for on, p, _ in records if period_end(on, p) == last_on) if last_on else None)
        bind.execute(sa.text("UPDATE bodies SET first_resolution_precision = :first, "
                             "last_activity_precision = :last WHERE id = :id"),
                     {"first": first, "last": last, "id": body_id})


def downgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_column("last_activity_precision")
        batch_op.drop_column("first_resolution_precision")
