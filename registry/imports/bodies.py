"""Import union bodies from a CSV file with a header row: the registry's own bodies export,
the seed file format, or any file with at least `name` and `level` columns."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from registry.imports.common import ImportProblems
from registry.records.rows import SLUG, http_url, text_field
from registry.vocab import GEOCODE_PRECISIONS, LEVELS, STATE_CODES


class BodyImportSchema(Schema):
    """One body row. Derived columns of an export (tier, flags, dates) are ignored on purpose:
    the registry recomputes them from published records."""

    slug = fields.String(allow_none=True, validate=SLUG)
    name = text_field("name", required=True)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    affiliation = text_field("affiliation")
    designation = text_field("designation")
    parent = fields.String(allow_none=True)
    olms_file_number = fields.Integer(allow_none=True, validate=validate.Range(min=1))
    city = text_field("city")
    state = fields.String(allow_none=True, validate=validate.OneOf(STATE_CODES))
    zip = fields.String(allow_none=True, validate=validate.Regexp(r"^\d{5}(-\d{4})?$"))
    latitude = fields.Float(allow_none=True, validate=validate.Range(-90, 90))
    longitude = fields.Float(allow_none=True, validate=validate.Range(-180, 180))
    geocode_precision = fields.String(allow_none=True, validate=validate.OneOf(GEOCODE_PRECISIONS))
    members = fields.Integer(allow_none=True, validate=validate.Range(min=0))
    website = fields.String(allow_none=True, validate=http_url)
    public_contact = text_field("contact")
    source_url = fields.String(allow_none=True, validate=http_url)

    @pre_load
    def blank_to_none(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        cleaned = {k: (v.strip() or None) if isinstance(v, str) else v
                   for k, v in data.items() if k in self.fields}
        if cleaned.get("state"):
            cleaned["state"] = cleaned["state"].upper()
        return cleaned


@dataclass
class BodyRow:
    line: int
    data: dict[str, Any]


def read_bodies(lines: list[str]) -> list[BodyRow]:
    """Parse and validate every row; raise ImportFileError naming each bad line and field."""
    problems = ImportProblems()
    reader = csv.DictReader(lines)
    header = set(reader.fieldnames or [])
    missing = [name for name in ("name", "level") if name not in header]
    if missing:
        problems.add(1, "header", f"missing column(s) {', '.join(missing)}")
        problems.raise_if_any()
    schema = BodyImportSchema()
    rows: list[BodyRow] = []
    slugs: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        try:
            data = schema.load(record)
        except ValidationError as error:
            for field_name, messages in sorted(error.normalized_messages().items()):
                problems.add(line, field_name, " ".join(messages))
            continue
        if data.get("slug"):
            if data["slug"] in slugs:
                problems.add(line, "slug", f"repeats line {slugs[data['slug']]}")
            slugs.setdefault(data["slug"], line)
        rows.append(BodyRow(line, data))
    problems.raise_if_any()
    return rows
