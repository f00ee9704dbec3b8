"""Load the real, sourced seed files in `seeds/` through the record services.

Validation reads every file first; only a clean set is applied, in the caller's transaction.
Re-running changes nothing: records are matched, never duplicated, and filled, never overwritten.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema, ValidationError
from sqlalchemy import select

from registry.database import db
from registry.followthrough.status import refresh_statuses
from registry.geo import place_for_body
from registry.models import Action, Bill, Body, Resolution
from registry.records import services
from registry.records.rows import (
    SeedActionSchema,
    SeedBillSchema,
    SeedBodySchema,
    SeedResolutionSchema,
)
from registry.records.services import Provenance, SourceRef

SEED_FILES: dict[str, type[Schema]] = {
    "bills.csv": SeedBillSchema,
    "bodies.csv": SeedBodySchema,
    "resolutions.csv": SeedResolutionSchema,
    "actions.csv": SeedActionSchema,
}


@dataclass
class Row:
    file: str
    line: int
    data: dict[str, Any]

    def provenance(self) -> Provenance:
        return Provenance(reason=f"Seed data: seeds/{self.file} line {self.line}")


class SeedError(Exception):
    """One or more seed rows are invalid; `problems` lists them as 'file:line: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    sources_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()) or self.sources_added)


def read_seed_files(directory: str) -> dict[str, list[Row]]:
    """Parse and validate every seed file; raise SeedError naming each bad file, line and field."""
    rows: dict[str, list[Row]] = {}
    problems: list[str] = []
    for name, schema_class in SEED_FILES.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            problems.append(f"{name}: file not found in {directory}")
            continue
        schema = schema_class()
        rows[name] = []
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = set(schema.fields) - set(reader.fieldnames or [])
            if missing:
                problems.append(f"{name}:1: missing column(s): {', '.join(sorted(missing))}")
                continue
            for record in reader:
                try:
                    data = schema.load({k: v for k, v in record.items() if k in schema.fields})
                except ValidationError as error:
                    for field_name, messages in sorted(error.normalized_messages().items()):
                        text = " ".join(messages) if isinstance(messages, list) else str(messages)
                        problems.append(f"{name}:{reader.line_num}: {field_name}: {text}")
                    continue
                rows[name].append(Row(name, reader.line_num, data))
    if not problems:
        problems = _check_references(rows)
    if problems:
        raise SeedError(problems)
    return rows


def _check_references(rows: dict[str, list[Row]]) -> list[str]:
    problems = []
    bills = {row.data["code"] for row in rows["bills.csv"]}
    bodies = {row.data["slug"] for row in rows["bodies.csv"]}
    for row in rows["bills.csv"]:
        if row.data["predecessor"] and row.data["predecessor"] not in bills:
            problems.append(f"bills.csv:{row.line}: predecessor: unknown bill {row.data['predecessor']}")
    seen: set[str] = set()
    for row in rows["bodies.csv"]:
        if row.data["slug"] in seen:
            problems.append(f"bodies.csv:{row.line}: slug: duplicate slug {row.data['slug']}")
        seen.add(row.data["slug"])
        if row.data["parent"] and row.data["parent"] not in bodies:
            problems.append(f"bodies.csv:{row.line}: parent: unknown body {row.data['parent']}")
    for name in ("resolutions.csv", "actions.csv"):
        for row in rows[name]:
            if row.data["body"] not in bodies:
                problems.append(f"{name}:{row.line}: body: unknown body {row.data['body']}")
            if row.data["bill"] and row.data["bill"] not in bills:
                problems.append(f"{name}:{row.line}: bill: unknown bill {row.data['bill']}")
    return problems


def load_seeds(directory: str) -> SeedReport:
    """Apply the seed files (validated first) in the current transaction; the caller commits."""
    rows = read_seed_files(directory)
    report = SeedReport()
    bills = _load_bills(rows["bills.csv"], report)
    bodies = _load_bodies(rows["bodies.csv"], report)
    for row in rows["resolutions.csv"]:
        _load_resolution(row, bodies[row.data["body"]], bills.get(row.data["bill"]), report)
    for row in rows["actions.csv"]:
        _load_action(row, bodies[row.data["body"]], bills.get(row.data["bill"]), report)
    db.session.flush()
    refresh_statuses(body.id for body in bodies.values())
    return report


def _fill(record: Any, values: dict[str, Any], provenance: Provenance) -> bool:
    """Fill fields that are still empty; published values are never overwritten by seeds."""
    empty = {k: v for k, v in values.items() if v is not None and getattr(record, k) in (None, "")}
    return bool(services.revise(record, empty, provenance))


def _load_bills(rows: list[Row], report: SeedReport) -> dict[str, Bill]:
    existing = {bill.code: bill for bill in db.session.scalars(select(Bill))}
    for row in rows:
        data = {k: v for k, v in row.data.items() if k != "predecessor"}
        bill = existing.get(data["code"])
        if bill is None:
            data["slug"] = services.slugify(data["code"])
            bill = existing[data["code"]] = services.create(Bill(**data), row.provenance())
            report.created["bills"] += 1
        elif _fill(bill, data, row.provenance()):
            report.updated["bills"] += 1
    for row in rows:
        bill, predecessor = existing[row.data["code"]], row.data["predecessor"]
        if predecessor and bill.predecessor_id is None:
            services.revise(bill, {"predecessor_id": existing[predecessor].id}, row.provenance())
    return existing


def _load_bodies(rows: list[Row], report: SeedReport) -> dict[str, Body]:
    existing = {body.slug: body for body in db.session.scalars(select(Body))}
    for row in rows:
        data = dict(row.data)
        source_url = data.pop("source_url")
        del data["parent"]
        body = existing.get(data["slug"])
        if body is None:
            place = place_for_body(data["city"], data["state"])
            if place:
                data.update(latitude=place.latitude, longitude=place.longitude,
                            geocode_precision=place.precision)
            body = existing[data["slug"]] = services.create(Body(**data), row.provenance())
            report.created["bodies"] += 1
        elif _fill(body, data, row.provenance()):
            report.updated["bodies"] += 1
        report.sources_added += services.attach_source(body, SourceRef(url=source_url),
                                                       row.provenance())
    for row in rows:
        parent = row.data["parent"]
        body = existing[row.data["slug"]]
        if parent and body.parent_id is None:
            services.revise(body, {"parent_id": existing[parent].id}, row.provenance())
    return existing


def _title(bill: Bill | None, bill_as_reported: str | None, stance: str) -> str:
    verb = "Endorsement of" if stance == "support" else "Opposition to"
    return f"{verb} {bill.code if bill else bill_as_reported}"


def _load_resolution(row: Row, body: Body, bill: Bill | None, report: SeedReport) -> None:
    data = row.data
    on, precision = data["date"] or (None, None)
    as_reported = None if bill else (data["bill_as_reported"] or "Medicare for All (no bill named)")
    resolution = services.find_resolution(body, bill, as_reported, data["stance"])
    dating = {"adopted_on": on, "date_precision": precision, "date_kind": data["date_kind"]}
    if resolution is None:
        resolution = services.create(Resolution(
            body=body, bill=bill, bill_as_reported=as_reported, stance=data["stance"],
            title=_title(bill, as_reported, data["stance"]), commitments=data["commitments"],
            **dating,
        ), row.provenance())
        report.created["resolutions"] += 1
    else:
        changes = {}
        current = (resolution.adopted_on, resolution.date_precision, resolution.date_kind)
        if services.better_date(current, (on, precision, data["date_kind"])):
            changes.update(dating)
        merged = sorted(set(resolution.commitments or []) | set(data["commitments"]))
        if merged != sorted(resolution.commitments or []):
            changes["commitments"] = merged
        if services.revise(resolution, changes, row.provenance()):
            report.updated["resolutions"] += 1
    published_on = on if data["date_kind"] == "reported" and precision == "day" else None
    report.sources_added += services.attach_source(
        resolution, SourceRef(url=data["source_url"], published_on=published_on), row.provenance()
    )


def _load_action(row: Row, body: Body, bill: Bill | None, report: SeedReport) -> None:
    data = row.data
    on, precision = data["date"] or (None, None)
    action = services.find_action(body, data["kind"], on, precision, data["description"])
    if action is None:
        action = services.create(Action(
            body=body, bill=bill, kind=data["kind"], occurred_on=on, date_precision=precision,
            description=data["description"], participants=data["participants"],
            amount_usd=data["amount_usd"],
        ), row.provenance())
        report.created["actions"] += 1
    elif _fill(action, {"participants": data["participants"], "amount_usd": data["amount_usd"],
                        "bill_id": bill.id if bill else None}, row.provenance()):
        report.updated["actions"] += 1
    report.sources_added += services.attach_source(action, SourceRef(url=data["source_url"]),
                                                   row.provenance())
