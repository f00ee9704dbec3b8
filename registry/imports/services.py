"""Apply validated import rows through the record services (revisions included; no commit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from registry.database import db
from registry.districts.placement import assign_districts
from registry.followthrough.status import refresh_statuses
from registry.geo import place_for_body
from registry.imports.bodies import BodyRow
from registry.imports.common import ImportProblems
from registry.imports.olms import OLMS_URL, OlmsRow
from registry.models import Body
from registry.records import services
from registry.records.services import Provenance, SourceRef

Progress = Callable[[int], None]


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        changed = [f"{n} {what}" for what, n in sorted(self.counts.items()) if n]
        return ", ".join(changed) or "nothing changed"


def _placed(values: dict[str, Any]) -> dict[str, Any]:
    """Add offline coordinates when the file gives no coordinates column at all (an export's
    empty coordinates mean "not placed" and are kept)."""
    if "latitude" not in values:
        place = place_for_body(values.get("city"), values.get("state"), values.get("zip"))
        if place:
            values.update(latitude=place.latitude, longitude=place.longitude,
                          geocode_precision=place.precision)
    return values


def apply_bodies(rows: list[BodyRow], reason: str, progress: Progress | None = None) -> ImportReport:
    """Create bodies the registry lacks (by slug) and update the fields a row sets."""
    report = ImportReport()
    existing = {b.slug: b for b in db.session.scalars(select(Body))}
    problems = ImportProblems()
    pending_parents: list[tuple[Body, str, int]] = []
    for row in rows:
        values = {k: v for k, v in row.data.items() if k not in ("parent", "source_url")}
        provenance = Provenance(reason=f"{reason} line {row.line}")
        body = existing.get(values.get("slug") or "")
        if body is None:
            values["slug"] = values.get("slug") or services.unique_slug(values["name"], values.get("state"))
            body = existing[values["slug"]] = services.create(Body(**_placed(values)), provenance)
            report.counts["bodies created"] += 1
        else:
            changes = {k: v for k, v in values.items() if v is not None}
            if services.revise(body, changes, provenance):
                report.counts["bodies updated"] += 1
        if row.data.get("source_url"):
            report.counts["sources attached"] += services.attach_source(
                body, SourceRef(url=row.data["source_url"]), provenance)
        if row.data.get("parent"):
            pending_parents.append((body, row.data["parent"], row.line))
        if progress:
            progress(1)
    for body, parent_slug, line in pending_parents:
        parent = existing.get(parent_slug)
        if parent is None:
            problems.add(line, "parent", f"no body has the slug {parent_slug!r}")
        elif body.parent_id != parent.id:
            services.revise(body, {"parent_id": parent.id}, Provenance(reason=f"{reason} line {line}"))
    problems.raise_if_any()
    assign_districts(b.id for b in existing.values())
    return report


def apply_olms(rows: list[OlmsRow], reason: str, progress: Progress | None = None) -> ImportReport:
    """One body per OLMS file number: new ones are created, known ones get empty fields filled."""
    report = ImportReport()
    numbers = [row.file_number for row in rows]
    known: dict[int, Body] = {}
    created: list[int] = []
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
            created.append(body.id)
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
    assign_districts(created + [b.id for b in known.values()])
    return report
