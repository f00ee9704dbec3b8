"""What /data describes: table sizes, the monthly change log, the data package, the citation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import func, select

from registry.cache import versioned
from registry.database import db, utcnow
from registry.districts.congress import CURRENT_BILL, ordinal
from registry.exports.fields import (
    COSPONSOR_COLUMN,
    COSPONSOR_DESCRIPTION,
    TABLES,
    Field,
    action_fields,
    bill_fields,
    body_fields,
    check_fields,
    resolution_fields,
    source_fields,
)
from registry.exports.responses import LICENCE
from registry.languages import current, translate
from registry.models import Action, Bill, Body, Check, Resolution, Source
from registry.text import N_

FORMATS = {"bodies": ("csv", "json", "geojson")}
DEFAULT_FORMATS = ("csv", "json")
FIELDS = {"bodies": body_fields, "resolutions": resolution_fields, "actions": action_fields,
          "checks": check_fields, "sources": source_fields, "bills": bill_fields}
MODELS = {"bodies": Body, "resolutions": Resolution, "actions": Action, "checks": Check,
          "sources": Source, "bills": Bill}


# The Frictionless types of the fields, as the data dictionary names them (N_: translated there).
FIELD_TYPES = (N_("string"), N_("integer"), N_("number"), N_("boolean"), N_("date"),
               N_("datetime"))


def field_meaning(field: Field) -> str:
    """A field's description in the reader's language (the data package keeps the English)."""
    if field.name == COSPONSOR_COLUMN:
        return gettext(COSPONSOR_DESCRIPTION, bill=CURRENT_BILL)
    return translate(field.description)


def congress_ordinal(number: int) -> str:
    """'119th' in English, '119.º' in Spanish (the only other language of the site)."""
    return ordinal(number) if current() == "en" else f"{number}.º"


def formats(table: str) -> tuple[str, ...]:
    return FORMATS.get(table, DEFAULT_FORMATS)


@versioned
def table_sizes() -> dict[str, int]:
    """Rows per table, in one statement."""
    row = db.session.execute(select(*(
        select(func.count()).select_from(model).scalar_subquery().label(name)
        for name, model in MODELS.items()
    ))).one()
    return row._asdict()


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    bodies: int
    resolutions: int
    actions: int


@versioned
def change_log() -> list[MonthCount]:
    """Records published per month, newest month first, months without any left out.

    Each month is counted as a range of the index on published_at (no date function on every
    row): one statement finds the first and last publication, a second counts every month."""
    tables = (("bodies", Body), ("resolutions", Resolution), ("actions", Action))
    moments = [moment for moment in db.session.execute(select(*(
        select(bound(model.published_at)).scalar_subquery()
        for _, model in tables for bound in (func.min, func.max)))).one() if moment is not None]
    if not moments:
        return []
    months = _months(min(moments), max(moments))
    counts = db.session.execute(select(*(
        select(func.count()).select_from(model)
        .where(model.published_at >= start, model.published_at < end).scalar_subquery()
        for start, end in months for _, model in tables))).one()
    log = [MonthCount(f"{start:%Y-%m}", *counts[index * 3:index * 3 + 3])
           for index, (start, _) in enumerate(months)]
    return [month for month in reversed(log) if month.bodies or month.resolutions or month.actions]


def _months(first: datetime, last: datetime) -> list[tuple[datetime, datetime]]:
    """[start, next start) of every month from first's to last's."""
    months = []
    start = datetime(first.year, first.month, 1)
    while start <= last:
        following = datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
        months.append((start, following))
        start = following
    return months


def data_package(base_url: str, csv_path: str = "{table}.csv") -> dict[str, Any]:
    """A Frictionless tabular data package describing every downloadable file and field."""
    resources = []
    for table, description in TABLES.items():
        fields = FIELDS[table]()
        resource = {
            "name": table,
            "path": base_url + csv_path.format(table=table),
            "profile": "tabular-data-resource",
            "title": table.capitalize(),
            "description": description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": f.name, "type": f.type, "description": f.description}
                                  for f in fields]},
        }
        if fields[0].name == "id":
            resource["schema"]["primaryKey"] = "id"
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "resolution-registry",
        "title": "Resolution Registry: union resolutions for Medicare for All and their follow-through",
        "created": utcnow().isoformat(timespec="seconds") + "Z",
        "licenses": [LICENCE],
        "sources": [{"title": "Public news releases, rosters and union pages cited row by row "
                              "(see sources.csv)"}],
        "resources": resources,
    }


def citation(site_url: str, on: date | None = None) -> str:
    on = on or utcnow().date()
    return (f"Resolution Registry (snapshot of {on.isoformat()}). Union resolutions for Medicare for "
            f"All and their follow-through. {site_url.rstrip('/')}/data")
