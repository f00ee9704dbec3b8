"""Apply a validated OLMS file through the record services (revisions included; no commit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from registry.database import db
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
            select(Body).where(Body.olms_file_number.in_(chunk)))})
    for row in rows:
        provenance = Provenance(reason=f"{reason} line {row.line}")
        values = row.values()
        body = known.get(row.file_number)
        if body is None:
            values["slug"] = services.unique_slug(values["name"], values["state"])
            body = services.create(Body(**_placed(values)), provenance)
            report.counts["bodies created"] += 1
        else:
            empty = {k: v for k, v in values.items()
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
    return report
