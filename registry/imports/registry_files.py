"""The registry's own export files (bills, bodies, resolutions, actions, checks, sources), read back
record for record: each row keeps its id and publication time, so export → import into an empty
registry → export gives the same files byte for byte.

A file is recognised by its header, which is exactly the export's. Columns the registry computes
(tier, flags, evidence levels…) are read past and recomputed. A row whose id is already on record
updates that record (each changed field becomes a revision); a new id creates it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select, text

from registry.database import db
from registry.districts.placement import assign_districts
from registry.exports.fields import (
    Field,
    action_fields,
    bill_fields,
    body_fields,
    check_fields,
    resolution_fields,
    source_fields,
)
from registry.exports.streams import restore_cell
from registry.followthrough.status import refresh_statuses
from registry.imports.common import ImportProblems, ImportReport
from registry.imports.reading import Record
from registry.models import Action, Bill, Body, Check, Resolution, Source
from registry.records import services
from registry.records.services import Provenance
from registry.textrules import text_problem
from registry.vocab import LENGTHS, MAX_RECORD_ID

FIELDS: dict[str, Callable[[], list[Field]]] = {
    "bills": bill_fields, "bodies": body_fields, "resolutions": resolution_fields,
    "actions": action_fields, "checks": check_fields, "sources": source_fields,
}
ORDER = tuple(FIELDS)  # what refers to what: import bills and bodies before their records
MODELS = {"bills": Bill, "bodies": Body, "resolutions": Resolution, "actions": Action,
          "checks": Check, "sources": Source}
MULTILINE = {"summary", "text", "description", "searched"}
# Columns that name another record, and the attribute they set.
REFERENCES = {"parent": "parent_id", "body": "body_id", "bill": "bill_id",
              "predecessor": "predecessor_id", "resolution": "resolution_id"}
# References within the same table, set once every row of the file is on record.
LATER = ("parent", "predecessor")


def table_of(names: list[str]) -> str | None:
    """Which export file a header is, if any: the header must be the export's exactly."""
    for table, fields in FIELDS.items():
        if names == [f.name for f in fields()]:
            return table
    return None


@dataclass
class Row:
    line: int
    values: dict[str, Any]


def parse(table: str, rows: Iterable[Record]) -> list[Row]:
    """Typed values of every stored column; raise ImportFileError naming each bad line and field."""
    problems = ImportProblems()
    fields = FIELDS[table]()
    parsed = []
    for record in rows:
        if problems.full(record.line):
            break
        if len(record.values) != len(fields):
            problems.add(record.line, "row", f"has {len(record.values)} fields; the header has "
                                             f"{len(fields)}")
            continue
        values = {}
        for field, raw in zip(fields, record.values, strict=True):
            if field.derived:
                continue
            try:
                values[field.name] = _value(field, raw)
            except ValueError as error:
                problems.add(record.line, field.name, str(error))
        parsed.append(Row(record.line, values))
    problems.raise_if_any()
    return parsed


def _value(field: Field, raw: str) -> Any:
    if raw == "":
        return [] if field.name == "commitments" else None
    if field.type == "string":
        value = restore_cell(raw)
        problem = text_problem(value, multiline=field.name in MULTILINE)
        if problem:
            raise ValueError(problem)
        limit = LENGTHS.get(_LENGTH_OF.get(field.name, field.name))
        if limit and len(value) > limit:
            raise ValueError(f"longer than {limit} characters")
        if field.name == "commitments":
            return [item for item in value.split(";") if item]
        return value
    if field.type == "integer":
        if not raw.isdigit() or int(raw) > MAX_RECORD_ID:
            raise ValueError(f"{raw!r} is not a whole number up to {MAX_RECORD_ID:,}")
        return int(raw)
    if field.type == "number":
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a number") from None
        if not number.is_finite():
            raise ValueError(f"{raw!r} is not a number")
        return float(number) if field.name in ("latitude", "longitude") else number
    if field.type == "boolean":
        if raw not in ("true", "false"):
            raise ValueError(f"{raw!r} is not true or false")
        return raw == "true"
    if field.type == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD)") from None
    if field.type == "datetime":
        if not raw.endswith("Z"):
            raise ValueError(f"{raw!r} is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
        try:
            return datetime.fromisoformat(raw[:-1])
        except ValueError:
            raise ValueError(f"{raw!r} is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)") from None
    raise ValueError(f"unknown type {field.type}")


_LENGTH_OF = {"slug": "slug", "name": "name", "affiliation": "affiliation", "designation":
              "designation", "city": "city", "zip": "zip", "website": "url", "url": "url",
              "archived_url": "url", "members_source_url": "url", "source_url": "url",
              "title": "title", "public_contact": "contact", "publisher": "publisher",
              "credited_to": "person_name", "bill_as_reported": "bill_as_reported",
              "document_name": "title", "summary": "summary", "text": "text",
              "description": "description", "searched": "searched", "sponsor": "name"}


class Restorer:
    """Applies parsed rows of one export file, in the caller's transaction."""

    def __init__(self, table: str, reason: str, report: ImportReport) -> None:
        self.table, self.reason, self.report = table, reason, report
        self.model = MODELS[table]
        self.problems = ImportProblems()
        self.touched: set[int] = set()
        self.later: list[tuple[Any, int, str, Any]] = []  # (record, line, column, key)

    def provenance(self, line: int) -> Provenance:
        return Provenance(reason=f"{self.reason} line {line}")

    def references(self, row: Row) -> dict[str, Any]:
        """Column values turned into attribute values: slugs and codes into ids."""
        values = dict(row.values)
        for column, attribute in REFERENCES.items():
            if column not in values or column in LATER:
                continue
            key = values.pop(column)
            if key is None:
                values[attribute] = None
                continue
            target = self._lookup(column, key)
            if target is None:
                self.problems.add(row.line, column, f"no record {key!r} in the registry")
            values[attribute] = target
        return values

    def _lookup(self, column: str, key: Any) -> int | None:
        if column in ("parent", "body"):
            return db.session.scalar(select(Body.id).where(Body.slug == key))
        if column in ("bill", "predecessor"):
            return db.session.scalar(select(Bill.id).where(Bill.code == key))
        return db.session.scalar(select(Resolution.id).where(Resolution.id == key))

    def resolve_later(self) -> None:
        for record, line, column, key in self.later:
            target = self._lookup(column, key) if key is not None else None
            if key is not None and target is None:
                self.problems.add(line, column, f"no record {key!r} in the registry")
            elif target is not None and target == record.id:
                self.problems.add(line, column, "a record cannot point to itself")
            else:
                services.revise(record, {REFERENCES[column]: target}, self.provenance(line))

    def apply(self, row: Row) -> None:
        values = self.references(row)
        deferred = {column: values.pop(column) for column in LATER if column in values}
        if self.table == "sources":
            self._source(row, values)
            return
        if self.table == "bills":
            record = db.session.scalar(select(Bill).where(Bill.code == values["code"]))
            values.setdefault("slug", services.slugify(values["code"]))
        else:
            record = db.session.get(self.model, values["id"])
        if self.table == "bodies":
            owner = db.session.scalar(select(Body.id).where(Body.slug == values["slug"]))
            if owner is not None and owner != values["id"]:
                self.problems.add(row.line, "slug", f"belongs to body {owner} in the registry")
                return
        if record is None:
            record = services.create(self.model(**values), self.provenance(row.line))
            self.report.counts[f"{self.table} created"] += 1
        elif services.revise(record, {k: v for k, v in values.items() if k != "slug" or
                                      self.table != "bills"}, self.provenance(row.line)):
            self.report.counts[f"{self.table} updated"] += 1
        else:
            self.report.counts["rows unchanged"] += 1
        self.later += [(record, row.line, column, key) for column, key in deferred.items()]
        self.touched.add(record.id if self.table == "bodies" else getattr(record, "body_id", None))

    def _source(self, row: Row, values: dict[str, Any]) -> None:
        owner_type, owner_id = values.pop("record_type"), values.pop("record_id")
        owner_model = {"body": Body, "resolution": Resolution, "action": Action}.get(owner_type)
        owner = db.session.get(owner_model, owner_id) if owner_model and owner_id else None
        if owner is None:
            self.problems.add(row.line, "record_id", f"no {owner_type} {owner_id} in the registry")
            return
        values[f"{owner_type}_id"] = owner_id
        source = db.session.get(Source, values["id"])
        if source is None:
            source = Source(**values)
            owner.sources.append(source)
            db.session.flush()
            changes = {"source": (None, source.url or source.document_name or source.document_sha256)}
            if owner_type != "body":
                changes.update(services.apply_changes(
                    owner, {"evidence_level": services.evidence_level(owner.sources)}))
            entity = "body" if owner_type == "body" else owner_type
            services.record_revision(entity, owner.id, getattr(owner, "body_id", owner.id), changes,
                                     self.provenance(row.line))
            self.report.counts["sources created"] += 1
        else:
            changes = services.apply_changes(source, values)
            self.report.counts["sources updated" if changes else "rows unchanged"] += 1
        self.touched.add(getattr(owner, "body_id", owner.id))


def apply_rows(table: str, rows: list[Row], reason: str, progress=None,
               report: ImportReport | None = None) -> ImportReport:
    """Apply one export file's rows (no commit); refresh the statuses of the bodies touched."""
    report = report or ImportReport()
    restorer = Restorer(table, reason, report)
    for row in rows:
        restorer.apply(row)
        if progress:
            progress(1)
    restorer.resolve_later()
    restorer.problems.raise_if_any()
    db.session.flush()
    _advance_sequence(restorer.model)
    refresh_statuses(i for i in restorer.touched if i is not None)
    if table == "bodies":
        assign_districts(restorer.touched)
    return report


def _advance_sequence(model) -> None:
    """PostgreSQL hands out ids from a sequence that rows given their own ids do not move."""
    if db.engine.dialect.name != "postgresql":
        return
    table = model.__table__.name
    highest = db.session.scalar(select(func.max(model.id)))
    if highest:
        db.session.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
                           {"table": table, "value": highest})
