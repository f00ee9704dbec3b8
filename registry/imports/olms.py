"""The OLMS yearly union data file (pipe-delimited, header row): one body per file number.

Only identity fields are read: file number, union name, affiliation, designation, unit name,
city, state, ZIP, members and the year covered. Several reports of one union keep the latest year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from registry.imports.common import ImportProblems, check_text, clean, parse_int
from registry.imports.reading import delimiter_hint, physical_lines
from registry.vocab import LENGTHS, STATE_CODES

REQUIRED = ("F_NUM", "UNION_NAME")
ZIP = re.compile(r"\d{5}(-?\d{4})?")
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


def logical_records(text: str, problems: ImportProblems) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the records of a pipe-delimited file, joining continuation lines.

    A value with a line break in it spills a record over several physical lines: a line with too
    few fields continues the record before it (the break becomes a space), as the public
    converters of these files do. A record with too many fields is an error naming its line."""
    lines = ((number, line) for number, line in physical_lines(text) if line.strip())
    first = next(lines, None)
    if first is None:
        problems.add(1, "header", "the file is empty")
        return [], []
    header = [name.strip().upper() for name in first[1].split("|")]
    width = len(header)
    records: list[tuple[int, list[str]]] = []
    pending: tuple[int, list[str]] | None = None
    for number, line in lines:
        values = line.split("|")
        if pending is not None and len(pending[1]) < width:
            start, sofar = pending
            pending = (start, sofar[:-1] + [f"{sofar[-1].rstrip()} {values[0].lstrip()}"] + values[1:])
        else:
            if pending is not None:
                records.append(pending)
            pending = (number, values)
        if len(pending[1]) > width:
            problems.add(pending[0], "record", f"has {len(pending[1])} fields; the header has {width}")
            pending = None
    if pending is not None:
        if len(pending[1]) < width:
            problems.add(pending[0], "record", f"ends after {len(pending[1])} of {width} fields")
        else:
            records.append(pending)
    return header, records


def read_olms(text: str) -> list[OlmsRow]:
    """Parse and validate the file; raise ImportFileError listing every bad line."""
    problems = ImportProblems()
    header, records = logical_records(text, problems)
    missing = [h for h in REQUIRED if header and h not in header]
    if missing:
        problems.add(1, "header", f"missing column(s) {', '.join(missing)}" + delimiter_hint(
            [" ".join(header)] if len(header) == 1 else header))
    problems.raise_if_any()
    latest: dict[int, OlmsRow] = {}
    for line, values in records:
        if problems.full(line):
            break
        record = {name: clean(value) for name, value in zip(header, values, strict=True)}
        for name, value in record.items():
            limit = TEXT_LIMITS.get(name)
            check_text(value, name, line, problems, limit)
        row = _row(line, record, problems)
        if row is None:
            continue
        current = latest.get(row.file_number)
        if current is None or (row.year or 0) >= (current.year or 0):
            latest[row.file_number] = row
    problems.raise_if_any()
    return sorted(latest.values(), key=lambda r: r.file_number)


# Columns read into a body, with the longest value each may hold.
TEXT_LIMITS = {"UNION_NAME": 400, "AFF_ABBR": LENGTHS["affiliation"], "DESIG_NAME": 40,
               "DESIG_NUM": 30, "UNIT_NAME": 200, "CITY": LENGTHS["city"], "STATE": 2, "ZIP": 10}


def _row(line: int, record: dict[str, str | None], problems: ImportProblems) -> OlmsRow | None:
    before = len(problems.items)
    file_number = parse_int(record.get("F_NUM"), "F_NUM", line, problems, minimum=1)
    name = record.get("UNION_NAME")
    if not name:
        problems.add(line, "UNION_NAME", "is empty")
    state = (record.get("STATE") or "").upper() or None
    if state and state not in STATE_CODES:
        problems.add(line, "STATE", f"{state!r} is not a US state or territory code")
    zip_code = record.get("ZIP")
    if zip_code and not ZIP.fullmatch(zip_code):
        problems.add(line, "ZIP", f"{zip_code!r} is not a 5-digit ZIP or ZIP+4")
    members = parse_int(record.get("MEMBERS"), "MEMBERS", line, problems, minimum=0)
    year = parse_int(record.get("YR_COVERED"), "YR_COVERED", line, problems, minimum=1900,
                     maximum=2200)
    if len(problems.items) > before or file_number is None or not name:
        return None
    code = (record.get("DESIG_NAME") or "").upper()
    words, level = DESIGNATIONS.get(code, (record.get("DESIG_NAME"), "other"))
    number = record.get("DESIG_NUM")
    designation = (" ".join(p for p in (words, number) if p) or None)
    designation = designation[: LENGTHS["designation"]] if designation else None
    return OlmsRow(line, file_number, _name(name, record.get("UNIT_NAME"), designation),
                   record.get("AFF_ABBR"), designation, level, record.get("CITY"), state,
                   zip_code[:5] if zip_code else None, members, year)
