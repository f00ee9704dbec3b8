"""`flask import csv FILE`, `flask import olms FILE` and `flask export --format F DIR`."""

from __future__ import annotations

import json
import os
import sys

import click
from flask.cli import AppGroup

from registry.database import db

import_cli = AppGroup("import", help="Import union bodies (all-or-nothing; bad lines are named).")


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return handle.read().splitlines(keepends=True)
    except (OSError, UnicodeDecodeError) as error:
        click.echo(f"Error: cannot read {path}: {error}", err=True)
        sys.exit(1)


def _run_import(path: str, read, apply, label: str) -> None:
    from registry.imports.common import ImportFileError

    try:
        rows = read(_read_lines(path))
        with click.progressbar(length=len(rows), label=f"Importing {label}", file=sys.stderr) as bar:
            report = apply(rows, f"Import of {os.path.basename(path)}", bar.update)
    except ImportFileError as error:
        db.session.rollback()
        click.echo(f"{path} has problems; nothing was imported:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Imported {len(rows)} row(s) from {path}: {report.summary()}.")


@import_cli.command("csv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_csv(path: str) -> None:
    """Union bodies from a CSV file (columns: name, level, and optionally slug, affiliation, …)."""
    from registry.imports.bodies import read_bodies
    from registry.imports.services import apply_bodies

    _run_import(path, read_bodies, apply_bodies, "bodies")


@import_cli.command("olms")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_olms(path: str) -> None:
    """Union bodies from an OLMS yearly union data file (pipe-delimited, with a header row)."""
    from registry.imports.olms import read_olms
    from registry.imports.services import apply_olms

    _run_import(path, read_olms, apply_olms, "OLMS unions")


EXPORT_FORMATS = ("csv", "json", "geojson", "datapackage")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
@click.argument("directory", type=click.Path(file_okay=False))
def export_command(fmt: str, directory: str) -> None:
    """Write the published registry to DIRECTORY (datapackage = CSV files + datapackage.json)."""
    from registry.datasets.services import data_package, formats
    from registry.exports.fields import TABLES, table_query
    from registry.exports.streams import csv_stream, geojson_stream, json_stream

    os.makedirs(directory, exist_ok=True)
    file_format = "csv" if fmt == "datapackage" else fmt
    tables = [t for t in TABLES if file_format in formats(t)]
    written = []
    with click.progressbar(tables, label=f"Exporting {fmt}", file=sys.stderr) as bar:
        for table in bar:
            fields, query = table_query(table)
            path = os.path.join(directory, f"{table}.{file_format}")
            meta = {"table": table}
            chunks = {"csv": lambda f=fields, q=query: csv_stream(f, q),
                      "json": lambda f=fields, q=query, m=meta: json_stream(f, q, m),
                      "geojson": lambda f=fields, q=query, m=meta: geojson_stream(f, q, m)}
            with open(path, "w", encoding="utf-8", newline="") as handle:
                for chunk in chunks[file_format]():
                    handle.write(chunk)
            written.append(path)
    if fmt == "datapackage":
        path = os.path.join(directory, "datapackage.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data_package(""), handle, indent=2)
        written.append(path)
    click.echo(f"Wrote {len(written)} file(s) to {directory}: "
               + ", ".join(os.path.basename(p) for p in written))
