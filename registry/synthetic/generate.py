"""Generate synthetic data and bulk-load it (SQLAlchemy Core inserts of row batches)."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import text

from registry.database import db, utcnow
from registry.followthrough.status import today
from registry.models import Action, Bill, Body, Check, Resolution, Source
from registry.synthetic.bodies import MINIMUM_BODIES, BodyMaker, level_counts
from registry.synthetic.places import Placer
from registry.synthetic.records import RecordMaker, Records, bill_rows, synthetic_bills
from registry.synthetic.target import SyntheticTargetError, prepare, target_app

BATCH = 2000
TABLES = (Body, Resolution, Action, Source, Check)


@dataclass
class SyntheticReport:
    levels: Counter = field(default_factory=Counter)
    tiers: Counter = field(default_factory=Counter)
    precisions: Counter = field(default_factory=Counter)
    endorsing: int = 0
    resolutions: int = 0
    actions: int = 0
    sources: int = 0
    seconds: float = 0.0

    @property
    def bodies(self) -> int:
        return sum(self.levels.values())

    def count(self, bodies: list[dict], records: Records) -> None:
        for body in bodies:
            self.levels[body["level"]] += 1
            self.precisions[body["geocode_precision"] or "none"] += 1
            if body["endorsing"]:
                self.endorsing += 1
                self.tiers[body["tier"]] += 1
        self.resolutions += len(records.resolutions)
        self.actions += len(records.actions)
        self.sources += len(records.sources)


def batches(total: int, seed: int) -> Iterator[tuple[list[dict], Records]]:
    """Bodies with their records, parents always in an earlier (or the same) batch."""
    rng = random.Random(seed)  # noqa: S311 - reproducible invented data, not security
    now = utcnow()
    bodies = BodyMaker(rng, Placer(rng), now)
    records = RecordMaker(rng, today(), now)
    counts = level_counts(total)
    pending = bodies.hubs(counts)
    makers = ["local"] * counts["local"] + ["other"] * counts["other"]
    rng.shuffle(makers)
    for kind in makers:
        if len(pending) >= BATCH:
            yield _with_records(pending, records)
            pending = []
        pending.append(bodies.local() if kind == "local" else bodies.other())
    if pending:
        yield _with_records(pending, records)


def _with_records(bodies: list[dict], maker: RecordMaker) -> tuple[list[dict], Records]:
    records = Records()
    for body in bodies:
        maker.make(body, records)
    return bodies, records


def refresh_statistics() -> None:
    """Planner statistics (and, on PostgreSQL, the visibility map) as after a quiet night."""
    autocommit = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    with autocommit as connection:
        is_postgres = connection.dialect.name == "postgresql"
        connection.execute(text("VACUUM ANALYZE" if is_postgres else "ANALYZE"))


def generate(url: str, total: int, seed: int = 1, replace: bool = False,
             progress: Callable[[int], None] | None = None) -> SyntheticReport:
    """Fill the database at `url` with `total` synthetic bodies and their records."""
    if total < MINIMUM_BODIES:
        raise SyntheticTargetError(f"--bodies must be at least {MINIMUM_BODIES}.")
    started = time.perf_counter()
    report = SyntheticReport()
    with target_app(url):
        prepare(replace)
        with db.engine.begin() as connection:
            connection.execute(Bill.__table__.insert(), bill_rows(synthetic_bills(), utcnow()))
            for bodies, records in batches(total, seed):
                connection.execute(Body.__table__.insert(), bodies)
                for model, rows in ((Resolution, records.resolutions), (Action, records.actions),
                                    (Source, records.sources), (Check, records.checks)):
                    if rows:
                        connection.execute(model.__table__.insert(), rows)
                report.count(bodies, records)
                if progress:
                    progress(len(bodies))
            if connection.dialect.name == "postgresql":
                for model in (Bill, *TABLES):
                    table = model.__tablename__
                    connection.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"))
        refresh_statistics()
    report.seconds = time.perf_counter() - started
    return report
