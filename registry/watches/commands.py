"""`flask --app wsgi reminders send [--dry-run]`: the follow-through reminders that are due."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from registry.main.links import site_root

reminders_cli = AppGroup("reminders", help="Follow-through reminders to the people who follow a body.")


@reminders_cli.command("send")
@click.option("--dry-run", is_flag=True, help="List what would be sent; send and record nothing.")
def send_command(dry_run: bool) -> None:
    """Send every due reminder once (safe to run from cron every hour, or twice at once: each
    reminder is recorded per follower and six-month period, and sent exactly once)."""
    from registry.watches.reminders import send_due

    with current_app.test_request_context("/", base_url=site_root()):
        report = send_due(dry_run=dry_run)
    verb = "Would send" if dry_run else "Sent"
    for due in report.sent:
        # The command's output goes to the operator's log: the watch number, never the address.
        click.echo(f"{verb}: reminder to follower #{due.watch.id} of {due.body.name} "
                   f"(due {due.period.isoformat()}, nothing on record since {due.since_words}).")
    if not report.sent and not report.failed:
        click.echo("No reminder is due." if not report.already else
                   f"No reminder sent: {report.already} due reminder(s) were sent by another run.")
    for failure in report.failed:
        click.echo(f"Not sent (will be tried again on the next run): {failure}", err=True)
    if report.failed:
        sys.exit(1)
