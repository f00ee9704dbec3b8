"""Flask CLI commands: `flask --app wsgi <command>`."""

from __future__ import annotations

import os
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from registry.database import db
from registry.geo.command import geocode_command
from registry.submissions.retention import DEFAULT_RETENTION_DAYS
from registry.synthetic.command import bench_data_command

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
users_cli = AppGroup("users", help="Reviewer and administrator accounts.")
submissions_cli = AppGroup("submissions", help="Member submissions kept for review.")


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
    click.echo(f"Seeded: {report.in_words()}.")
    if districts is not None:
        click.echo(f"Districts: {districts.summary()}.")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["reviewer", "admin"]), default="reviewer",
              show_default=True)
def create_user_command(email: str, role: str) -> None:
    """Create an account; the password is prompted for, or read from stdin when piped."""
    from registry.accounts.services import AccountError, create_user

    password = _read_password()
    try:
        user = create_user(email, password, role)
    except AccountError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


@users_cli.command("set-password")
@click.argument("email")
def set_password_command(email: str) -> None:
    """Give an account a new password (prompted, or read from stdin when piped); every session
    signed in with the old one ends."""
    from registry.accounts.services import AccountError, set_password

    try:
        user = set_password(email, _read_password())
    except AccountError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"New password set for {user.email}; its sessions have ended.")


def _set_active(email: str, active: bool) -> None:
    from registry.accounts.services import AccountError, set_active

    try:
        user = set_active(email, active)
    except AccountError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    state = "active" if active else "deactivated: it can no longer log in"
    click.echo(f"{user.email} is {state}; its sessions have ended.")


@users_cli.command("deactivate")
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Stop an account from logging in, and end its sessions now."""
    _set_active(email, False)


@users_cli.command("activate")
@click.argument("email")
def activate_command(email: str) -> None:
    """Let a deactivated account log in again (with a fresh login)."""
    _set_active(email, True)


@submissions_cli.command("prune")
@click.option("--days", type=click.IntRange(min=0), default=DEFAULT_RETENTION_DAYS, show_default=True,
              help="Retention period: keep everything younger than this many days.")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; delete nothing.")
def prune_command(days: int, dry_run: bool) -> None:
    """Delete uploads of rejected or abandoned submissions, unreferenced files and spam caught by
    the forms' trap, once older than the retention period. Never touches pending submissions or
    what a published record cites."""
    from registry.submissions.retention import delete_uploads, prune

    report = prune(days, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    for sha256, names in report.uploads.items():
        click.echo(f"  {verb}: {names} ({sha256[:12]}…)")
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {_count(len(report.uploads), 'upload')} and "
                   f"{_count(report.spam, 'spam submission')} would be deleted; nothing changed.")
        return
    db.session.commit()
    delete_uploads(report)
    click.echo(f"Retention {days} days: {_count(len(report.uploads), 'upload')} deleted, "
               f"{_count(report.spam, 'spam submission')} deleted.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def register(app: Flask) -> None:
    from registry.districts.commands import districts_cli
    from registry.imports.commands import export_command, import_cli
    from registry.mail.commands import mail_cli
    from registry.watches.commands import reminders_cli

    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(submissions_cli)
    app.cli.add_command(import_cli)
    app.cli.add_command(export_command)
    app.cli.add_command(bench_data_command)
    app.cli.add_command(geocode_command)
    app.cli.add_command(districts_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(reminders_cli)
