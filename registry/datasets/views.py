"""/data: downloads, data package, dictionary, licence, citation and change log."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from registry.datasets import services
from registry.districts.congress import CURRENT_CONGRESS
from registry.districts.services import latest_load
from registry.exports.fields import TABLES, table_query
from registry.exports.responses import LICENCE, download
from registry.imports.endorsements import COLUMN_DOCS
from registry.main.links import site_root

bp = Blueprint("data", __name__, url_prefix="/data")


@bp.get("")
def index():
    return render_template(
        "data/index.html",
        tables=TABLES, sizes=services.table_sizes(), formats=services.formats,
        fields={table: services.FIELDS[table]() for table in TABLES},
        change_log=services.change_log(), licence=LICENCE,
        citation=services.citation(current_app.config["SITE_URL"]),
        endorsement_columns=COLUMN_DOCS,
        districts_load=latest_load(), districts_congress=services.congress_ordinal(CURRENT_CONGRESS),
        field_meaning=services.field_meaning,
    )


@bp.get("/<table>.<fmt>")
def table_download(table: str, fmt: str):
    """A whole table (published records only) as CSV, JSON or (bodies) GeoJSON."""
    if table not in TABLES or fmt not in services.formats(table):
        abort(404, description="There is no such download.")
    fields, query = table_query(table)
    return download(table, fmt, fields, query)


@bp.get("/datapackage.json")
def datapackage():
    return services.data_package(site_root() + "/data/")
