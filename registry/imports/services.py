"""Apply a validated OLMS file through the record services (revisions included; no commit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.database import db
from registry.districts.placement import assign_districts
from registry.followthrough.status import refresh_statuses
from registry.geo import place_for_body
from registry.imports.common import ImportReport
from registry.imports.olms import OLMS_URL, OlmsRow
from registry.models import Body
from registry.records import services
from registry.records.services import Provenance, SourceRef

Progress = Callable[[int], None]


def _placed(values: dict[str, Any]) -> dict[str, Any]:
    """Offline coordinates from the ZIP, city or state."""
    place = place_for_body(values.get("city"), values.get("state"), values.get("zip"))
    if place:
        values.update(latitude=place.latitude, longitude=place.longitude,
                      geocode_precision=place.precision)
    return values


def apply_olms(rows: list[OlmsRow], reason: str, progress: Progress | None = None,
               report: ImportReport | None = None) -> ImportReport:
    """One body per OLMS file number: new ones are created, known ones get empty fields filled."""
    report = report or ImportReport()
    numbers = [row.file_number for row in rows]
    known: dict[int, Body] = {}
    for start in range(0, len(numbers), 1000):
        chunk = numbers[start:start + 1000]
        known.update({b.olms_file_number: b for b in db.session.scalars(
            select(Body).where(Body.olms_file_number.in_(chunk)).options(selectinload(Body.sources)))})
    taken = set(db.session.scalars(select(Body.slug)))
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        new = [row for row in chunk if row.file_number not in known]
        created = {row.file_number for row in new}
        bodies = [Body(**_placed({**row.values(), "slug": services.unique_slug(
            row.name, row.state, taken)}), sources=[]) for row in new]
        services.create_many(bodies, [_provenance(reason, row) for row in new])
        known.update({body.olms_file_number: body for body in bodies})
        report.counts["bodies created"] += len(bodies)
        for row in chunk:
            body, provenance = known[row.file_number], _provenance(reason, row)
            if row.file_number not in created:
                empty = {k: v for k, v in row.values().items()
                         if v is not None and getattr(body, k) in (None, "")}
                if services.revise(body, empty, provenance):
                    report.counts["bodies updated"] += 1
            title = f"OLMS union report, file number {row.file_number}" + (
                f", {row.year}" if row.year else "")
            report.counts["sources attached"] += services.attach_source(
                body, SourceRef(url=OLMS_URL, title=title, publisher="US Department of Labor, OLMS"),
                provenance)
            if progress:
                progress(1)
    db.session.flush()
    refresh_statuses(b.id for b in known.values())
    assign_districts(b.id for b in known.values())
    return report


CHUNK = 1000  # new bodies are written a thousand at a time


def _provenance(reason: str, row: OlmsRow) -> Provenance:
    return Provenance(reason=f"{reason} line {row.line}")
