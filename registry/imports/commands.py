"""`flask import csv FILE`, `flask import olms FILE` and `flask export --format F DIR`."""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import click
from flask.cli import AppGroup

from registry.database import db

import_cli = AppGroup("import", help="Import records (all-or-nothing; bad lines are named).")

dry_run_option = click.option("--dry-run", is_flag=True,
                              help="Validate and show what would change, writing nothing.")
encoding_option = click.option("--encoding", default="utf-8", show_default=True,
                               help="Text encoding of the file (e.g. latin-1, cp1252).")


def run_import(parse, paths: list[str], dry_run: bool, reason=None, label: str = "records") -> None:
    """Parse every file, apply them in one transaction, commit unless a dry run; exit 1 on errors."""
    from registry.imports.runner import ImportError_, apply

    today = date.today().isoformat()
    reason = reason or (lambda parsed: f"Import of {parsed.name} on {today}")
    try:
        files = [parse(path) for path in paths]
        total = sum(len(parsed.rows) for parsed in files)
        with click.progressbar(length=total, label=f"Importing {label}", file=sys.stderr) as bar:
            report = apply(files, reason, bar.update)
    except ImportError_ as error:
        db.session.rollback()
        click.echo(f"{error.path} has problems; nothing was imported:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    for note in report.notes[:50]:
        click.echo(f"  kept: {note}")
    if len(report.notes) > 50:
        click.echo(f"  … and {len(report.notes) - 50} more value(s) kept")
    names = ", ".join(os.path.basename(p) for p in paths)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run of {names} ({total:,} rows), nothing written. Would have: "
                   f"{report.summary()}.")
        return
    db.session.commit()
    click.echo(f"Imported {total:,} row(s) from {names}: {report.summary()}.")


@import_cli.command("csv")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@dry_run_option
@encoding_option
def import_csv(paths: tuple[str, ...], dry_run: bool, encoding: str) -> None:
    """The endorsement CSV, or the registry's own export files (a folder imports all of them)."""
    from registry.imports.runner import expand, parse_csv

    run_import(lambda path: parse_csv(path, encoding), expand(list(paths)), dry_run)


@import_cli.command("olms")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@dry_run_option
@encoding_option
def import_olms(path: str, dry_run: bool, encoding: str) -> None:
    """Union bodies from an OLMS yearly union data file (pipe-delimited, with a header row)."""
    from registry.imports.runner import parse_olms

    run_import(lambda p: parse_olms(p, encoding), [path], dry_run, label="OLMS unions")


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
