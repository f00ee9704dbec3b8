"""Load the congress files of seeds/congress/ (validated first, all or nothing, re-runnable).

Files: `cosponsors-<bill>-<congress>.csv` for each Congress of CONGRESS_BILLS, `house_terms.csv`
and `zcta_cd_<current congress>.csv`. A second run with the same files changes nothing. The caller
commits; a DistrictDataLoad row records each load that changed something.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import delete, insert, select, tuple_

from registry.database import db
from registry.districts.congress import (
    CONGRESS_BILLS,
    CURRENT_CONGRESS,
    congress_end,
    congress_start,
    district_code,
)
from registry.districts.placement import assign_districts
from registry.districts.rows import CosponsorRowSchema, HouseTermRowSchema, ZipDistrictRowSchema
from registry.geo.gazetteer import state_place, zip_row
from registry.models import Bill, Cosponsorship, District, DistrictDataLoad, HouseTerm, ZipDistrict

TERMS_FILE = "house_terms.csv"
ZIP_FILE = f"zcta_cd_{CURRENT_CONGRESS}.csv"
CHUNK = 500


def cosponsor_file(congress: int) -> str:
    return f"cosponsors-{CONGRESS_BILLS[congress].replace(' ', '').lower()}-{congress}.csv"


def congress_files() -> dict[str, Any]:
    """Each file with its row schema (a marshmallow Schema class or one that acts alike)."""
    files: dict[str, Any] = {cosponsor_file(c): CosponsorRowSchema for c in CONGRESS_BILLS}
    files[TERMS_FILE] = HouseTermRowSchema
    files[ZIP_FILE] = ZipDistrictRowSchema
    return files


class DistrictDataError(Exception):
    """The congress files have problems; `problems` lists them as 'file:line: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Row:
    line: int
    data: dict[str, Any]


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    bodies_changed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values())
                    or sum(self.deleted.values()) or self.bodies_changed)

    def summary(self) -> str:
        parts = []
        for verb, counter in (("added", self.created), ("updated", self.updated),
                              ("removed", self.deleted)):
            if counts := ", ".join(f"{n} {what}" for what, n in sorted(counter.items()) if n):
                parts.append(f"{verb} {counts}")
        if self.bodies_changed:
            parts.append(f"district of {self.bodies_changed} bod"
                         f"{'y' if self.bodies_changed == 1 else 'ies'} set")
        return "; ".join(parts) or "nothing changed"


def read_congress_files(directory: str) -> tuple[dict[str, list[Row]], dict[str, str]]:
    """Parse and validate every file; raise DistrictDataError naming each bad line and field.

    Returns the rows per file and each file's SHA-256."""
    rows: dict[str, list[Row]] = {}
    digests: dict[str, str] = {}
    problems: list[str] = []
    for name, schema_class in congress_files().items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            problems.append(f"{name}: file not found in {directory}")
            continue
        with open(path, "rb") as handle:
            digests[name] = hashlib.sha256(handle.read()).hexdigest()
        schema, rows[name] = schema_class(), []
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
                rows[name].append(Row(reader.line_num, data))
    if not problems:
        problems = _check_consistency(rows)
    if problems:
        raise DistrictDataError(problems)
    return rows, digests


def uncovered_cosponsors(rows: dict[str, list[Row]]) -> list[str]:
    """Cosponsors with no House term covering the day they cosponsored: the term records end
    before their term began. The roster takes them as holding the cosponsor record's seat from
    that day (see roster.py); the load says so."""
    terms: dict[str, list[tuple]] = defaultdict(list)
    for row in rows[TERMS_FILE]:
        terms[row.data["bioguide_id"]].append((row.data["start"], row.data["end"]))
    notes = []
    for congress in CONGRESS_BILLS:
        name = cosponsor_file(congress)
        for row in rows[name]:
            data = row.data
            if not any(start <= data["date_cosponsored"] < end for start, end in terms[data["bioguide_id"]]):
                notes.append(f"{name}:{row.line}: {data['name']} ({data['bioguide_id']}) has no House "
                             f"term in {TERMS_FILE} covering {data['date_cosponsored']}: taken as "
                             f"holding {district_code(data['state'], data['district'])} from that day")
    return notes


def _check_consistency(rows: dict[str, list[Row]]) -> list[str]:
    """Each cosponsorship is dated within the bill's Congress and listed once; ZIP rows too."""
    problems = []
    for congress in CONGRESS_BILLS:
        name, seen = cosponsor_file(congress), set()
        for row in rows[name]:
            data = row.data
            on, who = data["date_cosponsored"], data["bioguide_id"]
            if who in seen:
                problems.append(f"{name}:{row.line}: bioguide_id: {who} is listed twice")
            seen.add(who)
            if not congress_start(congress) <= on < congress_end(congress):
                problems.append(f"{name}:{row.line}: date_cosponsored: {on} is outside the "
                                f"{congress}th Congress")
    seen_zips = Counter((row.data["zcta"], row.data["state_abbr"], row.data["cd"])
                        for row in rows[ZIP_FILE])
    for row in rows[ZIP_FILE]:
        key = (row.data["zcta"], row.data["state_abbr"], row.data["cd"])
        if seen_zips[key] > 1:
            problems.append(f"{ZIP_FILE}:{row.line}: zcta: {key[0]} is listed twice for "
                            f"{district_code(key[1], key[2])}")
            seen_zips[key] = 1
    return problems


def load_districts(directory: str) -> LoadReport:
    """Apply the congress files (validated first) in the current transaction; the caller commits.

    Needs the bills (`flask seed` loads them): each cosponsor file names its bill."""
    rows, digests = read_congress_files(directory)
    bills = {bill.code: bill for bill in db.session.scalars(
        select(Bill).where(Bill.code.in_(list(CONGRESS_BILLS.values()))))}
    missing = [code for code in CONGRESS_BILLS.values() if code not in bills]
    if missing:
        raise DistrictDataError([f"bill {code} is not in the registry: run `flask seed` (which loads "
                                 "seeds/bills.csv) before loading districts" for code in missing])
    report = LoadReport(notes=uncovered_cosponsors(rows))
    districts = _load_districts(rows, report)
    _load_zip_districts(rows[ZIP_FILE], districts, report)
    _load_terms(rows[TERMS_FILE], report)
    for congress, code in CONGRESS_BILLS.items():
        _load_cosponsors(rows[cosponsor_file(congress)], bills[code], congress, report)
    db.session.flush()
    report.bodies_changed = assign_districts()
    if report.changed:
        db.session.add(DistrictDataLoad(congress=CURRENT_CONGRESS, files=digests,
                                        summary=report.summary()))
        db.session.flush()
    return report


def _centre(zctas: list[str], state: str) -> tuple[float | None, float | None]:
    points = [(float(r["lat"]), float(r["long"])) for z in zctas if (r := zip_row(z))]
    if points:
        return round(fmean(p[0] for p in points), 5), round(fmean(p[1] for p in points), 5)
    place = state_place(state)
    return (place.latitude, place.longitude) if place else (None, None)


def _load_districts(rows: dict[str, list[Row]], report: LoadReport) -> dict[tuple[str, int], District]:
    """The seats of the current map: every district of the ZIP file and every seat held in the
    current Congress (the territories' delegates have no ZIP areas in the file)."""
    zctas: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in rows[ZIP_FILE]:
        zctas[(row.data["state_abbr"], row.data["cd"])].append(row.data["zcta"])
    seats = set(zctas)
    start, end = congress_start(CURRENT_CONGRESS), congress_end(CURRENT_CONGRESS)
    seats |= {(r.data["state"], r.data["district"]) for r in rows[TERMS_FILE]
              if r.data["start"] < end and r.data["end"] > start}
    existing = {(d.state, d.number): d for d in db.session.scalars(
        select(District).where(District.congress == CURRENT_CONGRESS))}
    for seat in sorted(seats):
        latitude, longitude = _centre(zctas[seat], seat[0])
        values = {"code": district_code(*seat), "latitude": latitude, "longitude": longitude,
                  "zip_areas": len(zctas[seat])}
        district = existing.get(seat)
        if district is None:
            existing[seat] = District(congress=CURRENT_CONGRESS, state=seat[0], number=seat[1], **values)
            db.session.add(existing[seat])
            report.created["districts"] += 1
        elif any(getattr(district, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(district, key, value)
            report.updated["districts"] += 1
    for seat in set(existing) - seats:
        db.session.delete(existing.pop(seat))
        report.deleted["districts"] += 1
    db.session.flush()
    return existing


def _load_zip_districts(rows: list[Row], districts: dict[tuple[str, int], District],
                        report: LoadReport) -> None:
    wanted = {(r.data["zcta"], districts[(r.data["state_abbr"], r.data["cd"])].id) for r in rows}
    current_ids = [d.id for d in districts.values()]
    have = set(db.session.execute(select(ZipDistrict.zcta, ZipDistrict.district_id)
                                  .where(ZipDistrict.district_id.in_(current_ids))).all())
    extra, new = sorted(have - wanted), sorted(wanted - have)
    for start in range(0, len(extra), CHUNK):
        db.session.execute(delete(ZipDistrict).where(
            tuple_(ZipDistrict.zcta, ZipDistrict.district_id).in_(extra[start:start + CHUNK])))
    if new:
        db.session.execute(insert(ZipDistrict), [{"zcta": z, "district_id": d} for z, d in new])
    report.created["ZIP areas"] += len(new)
    report.deleted["ZIP areas"] += len(extra)


def _sync(model: Any, key_fields: tuple[str, ...], wanted: dict[tuple, dict[str, Any]],
          existing_query, report: LoadReport, label: str) -> None:
    """Make the rows of `existing_query` equal `wanted` (key → all column values)."""
    existing = {tuple(getattr(row, f) for f in key_fields): row
                for row in db.session.scalars(existing_query)}
    fresh = []
    for key, values in wanted.items():
        row = existing.pop(key, None)
        if row is None:
            fresh.append(values)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            report.updated[label] += 1
    for row in existing.values():
        db.session.delete(row)
    report.deleted[label] += len(existing)
    if fresh:
        db.session.flush()
        db.session.execute(insert(model), fresh)
    report.created[label] += len(fresh)


def _load_terms(rows: list[Row], report: LoadReport) -> None:
    wanted = {}
    for row in rows:
        d = row.data
        values = {"bioguide_id": d["bioguide_id"], "name": d["name"], "party": d["party"],
                  "state": d["state"], "number": d["district"], "start_on": d["start"], "end_on": d["end"]}
        wanted[(d["bioguide_id"], d["state"], d["district"], d["start"])] = values
    _sync(HouseTerm, ("bioguide_id", "state", "number", "start_on"), wanted, select(HouseTerm),
          report, "House terms")


def _load_cosponsors(rows: list[Row], bill: Bill, congress: int, report: LoadReport) -> None:
    wanted = {}
    for row in rows:
        d = row.data
        wanted[(d["bioguide_id"],)] = {
            "bill_id": bill.id, "congress": congress, "bioguide_id": d["bioguide_id"],
            "name": d["name"], "party": d["party"], "state": d["state"], "number": d["district"],
            "cosponsored_on": d["date_cosponsored"], "original": d["original"], "source": d["source"]}
    _sync(Cosponsorship, ("bioguide_id",), wanted,
          select(Cosponsorship).where(Cosponsorship.bill_id == bill.id), report, "cosponsorships")
