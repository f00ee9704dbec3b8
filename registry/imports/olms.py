"""The OLMS yearly union data file (pipe-delimited, header row): one body per file number.

Only identity fields are read: file number, union name, affiliation, designation, unit name,
city, state, ZIP, members and the year covered. Several reports of one union keep the latest year.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from registry.imports.common import ImportProblems, clean, parse_int
from registry.vocab import LENGTHS, STATE_CODES

REQUIRED = ("F_NUM", "UNION_NAME")
OLMS_URL = "https://olmsapps.dol.gov/olpdr/"

# OLMS designation codes → (words shown in the designation, registry level)
DESIGNATIONS: dict[str, tuple[str, str]] = {
    "LU": ("Local", "local"), "L": ("Local", "local"), "LL": ("Local Lodge", "local"),
    "LLG": ("Local Lodge", "local"), "LG": ("Lodge", "local"), "BR": ("Branch", "local"),
    "CH": ("Chapter", "local"), "DIV": ("Division", "local"), "UNIT": ("Unit", "local"),
    "DC": ("District Council", "district_council"), "D": ("District", "district_council"),
    "DLG": ("District Lodge", "district_council"), "JC": ("Joint Council", "district_council"),
    "C": ("Council", "district_council"), "CONF": ("Conference", "other"),
    "SC": ("State Council", "other"), "SA": ("State Association", "other"),
    "FED": ("Federation", "other"), "NHQ": ("National Headquarters", "national_union"),
}


@dataclass
class OlmsRow:
    line: int
    file_number: int
    name: str
    affiliation: str | None
    designation: str | None
    level: str
    city: str | None
    state: str | None
    zip: str | None
    members: int | None
    year: int | None

    def values(self) -> dict[str, Any]:
        return {"olms_file_number": self.file_number, "name": self.name, "level": self.level,
                "affiliation": self.affiliation, "designation": self.designation, "city": self.city,
                "state": self.state, "zip": self.zip, "members": self.members,
                "members_source_url": OLMS_URL if self.members is not None else None}


def _name(union_name: str, unit_name: str | None, designation: str | None) -> str:
    name = union_name.title() if union_name.isupper() else union_name
    if designation:
        name = f"{name} {designation}"
    if unit_name:
        name = f"{name} ({unit_name.title() if unit_name.isupper() else unit_name})"
    return name[: LENGTHS["name"]]


def read_olms(lines: list[str]) -> list[OlmsRow]:
    """Parse and validate the file; raise ImportProblems listing every bad line."""
    problems = ImportProblems()
    reader = csv.DictReader(lines, delimiter="|")
    header = {h.strip().upper() for h in (reader.fieldnames or [])}
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        problems.add(1, "header", f"missing column(s) {', '.join(missing)}")
        problems.raise_if_any()
    latest: dict[int, OlmsRow] = {}
    for raw in reader:
        line = reader.line_num
        record = {k.strip().upper(): clean(v) for k, v in raw.items() if k}
        file_number = parse_int(record.get("F_NUM"), "F_NUM", line, problems, minimum=1)
        name = record.get("UNION_NAME")
        if not name:
            problems.add(line, "UNION_NAME", "is empty")
        state = (record.get("STATE") or "").upper() or None
        if state and state not in STATE_CODES:
            problems.add(line, "STATE", f"{state!r} is not a US state or territory code")
        members = parse_int(record.get("MEMBERS"), "MEMBERS", line, problems, minimum=0)
        year = parse_int(record.get("YR_COVERED"), "YR_COVERED", line, problems, minimum=1900)
        if file_number is None or not name or (state and state not in STATE_CODES):
            continue
        code = (record.get("DESIG_NAME") or "").upper()
        words, level = DESIGNATIONS.get(code, (record.get("DESIG_NAME"), "other"))
        number = record.get("DESIG_NUM")
        designation = " ".join(p for p in (words, number) if p) or None
        row = OlmsRow(line, file_number, _name(name, record.get("UNIT_NAME"), designation),
                      record.get("AFF_ABBR"), designation, level, record.get("CITY"), state,
                      (record.get("ZIP") or "")[:5] or None, members, year)
        current = latest.get(file_number)
        if current is None or (row.year or 0) >= (current.year or 0):
            latest[file_number] = row
    problems.raise_if_any()
    return sorted(latest.values(), key=lambda r: r.file_number)
