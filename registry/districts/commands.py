"""`flask districts load`: the congress files of seeds/congress/ into the database."""

from __future__ import annotations

import os
import sys

import click
from flask.cli import AppGroup

from registry.database import db

CONGRESS_DIRECTORY = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "seeds", "congress")

districts_cli = AppGroup("districts", help="Congressional districts, representatives, cosponsors.")


def load_or_exit(directory: str):
    """Load the congress files in the current transaction; on problems roll back and exit 1."""
    from registry.districts.loader import DistrictDataError, load_districts

    try:
        return load_districts(directory)
    except DistrictDataError as error:
        db.session.rollback()
        click.echo("Congress files have errors; nothing was loaded:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)


@districts_cli.command("load")
@click.option("--directory", default=CONGRESS_DIRECTORY, show_default="seeds/congress/",
              type=click.Path(file_okay=False), help="Folder holding the congress CSV files.")
def load_command(directory: str) -> None:
    """Load districts, House terms, cosponsors and ZIP areas; place every body in its district.

    Validates every file first and loads nothing if one row is bad; a second run changes nothing."""
    report = load_or_exit(directory)
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    if not report.changed:
        db.session.rollback()
        click.echo("District data already loaded: nothing changed.")
        return
    db.session.commit()
    click.echo(f"Districts loaded: {report.summary()}.")
