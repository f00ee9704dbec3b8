"""Flask CLI commands: `flask --app wsgi <command>`."""

from __future__ import annotations

import os
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from registry.database import db
from registry.geo.command import geocode_command
from registry.synthetic.command import bench_data_command

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
users_cli = AppGroup("users", help="Reviewer and administrator accounts.")


SEED_FILES = ("bills.csv", "endorsements.csv")  # in the order they refer to each other


@click.command("seed")
@click.option("--directory", default=os.path.join(PROJECT_ROOT, "seeds"), show_default="seeds/",
              type=click.Path(file_okay=False), help="Folder holding the seed CSV files.")
@click.option("--if-empty", is_flag=True, help="Only seed a registry that holds no body yet.")
def seed_command(directory: str, if_empty: bool) -> None:
    """Load the real, sourced seed data and the congress files of its congress/ folder
    (idempotent: a second run changes nothing; all or nothing).

    The seeds are the bills file and the endorsement CSV, read by the same import as every file."""
    from registry.bodies.services import count_bodies
    from registry.districts.commands import load_or_exit
    from registry.districts.services import districts_loaded
    from registry.imports.runner import ImportError_, apply, parse_csv

    congress = os.path.join(directory, "congress")
    if if_empty and count_bodies():
        if districts_loaded() or not os.path.isdir(congress):
            click.echo("The registry already holds data: seeding skipped.")
            return
        # A registry seeded before districts existed still gets them.
        districts = load_or_exit(congress)
        db.session.commit()
        click.echo(f"The registry already holds data; districts loaded: {districts.summary()}.")
        return
    try:
        files = [parse_csv(os.path.join(directory, name)) for name in SEED_FILES]
        report = apply(files, lambda parsed: f"Seed data: seeds/{parsed.name}")
    except ImportError_ as error:
        db.session.rollback()
        click.echo(f"Seed file {os.path.basename(error.path)} has errors; nothing was loaded:",
                   err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    districts = load_or_exit(congress) if os.path.isdir(congress) else None
    changed = any(n for what, n in report.counts.items() if what != "rows unchanged")
    if not changed and not (districts and districts.changed):
        db.session.rollback()
        click.echo("Seed data already loaded: nothing changed.")
        return
    db.session.commit()
    click.echo(f"Seeded: {report.summary()}.")
    if districts is not None:
        click.echo(f"Districts: {districts.summary()}.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["reviewer", "admin"]), default="reviewer",
              show_default=True)
def create_user_command(email: str, role: str) -> None:
    """Create an account; the password is prompted for, or read from stdin when piped."""
    from registry.accounts.services import AccountError, create_user

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = create_user(email, password, role)
    except AccountError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


def register(app: Flask) -> None:
    from registry.districts.commands import districts_cli
    from registry.imports.commands import export_command, import_cli

    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(import_cli)
    app.cli.add_command(export_command)
    app.cli.add_command(bench_data_command)
    app.cli.add_command(geocode_command)
    app.cli.add_command(districts_cli)
