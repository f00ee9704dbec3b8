"""`flask --app wsgi mail …`: the daily digest, and a test message to check the settings."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from registry.main.links import site_root

mail_cli = AppGroup("mail", help="Email: the reviewers' daily digest; checking the settings.")


@mail_cli.command("digest")
def digest_command() -> None:
    """Send today's digest of the review queue to the reviewers who asked for it (once a day per
    reviewer however often it runs: schedule it daily, e.g. with cron)."""
    from registry.review.digest import send_digests

    # Links in the message name the public site (SITE_URL), as a request to it would.
    with current_app.test_request_context("/", base_url=site_root()):
        report = send_digests()
    if not (report.sent or report.failed or report.already):
        click.echo("No digest sent: nothing is waiting for review, or no reviewer asked for one.")
    for email in report.sent:
        click.echo(f"Digest sent to {email}.")
    if report.already:
        click.echo(f"{report.already} reviewer(s) already had today's digest.")
    for failure in report.failed:
        click.echo(f"Not sent (will be tried again on the next run): {failure}", err=True)
    if report.failed:
        sys.exit(1)


@mail_cli.command("test")
@click.argument("to")
def test_command(to: str) -> None:
    """Send a short test message to TO with the current settings."""
    from registry.mail import MailError, send

    try:
        send(to, "Resolution Registry: test message", "This is a test message: the email "
             "settings of the Resolution Registry work.\n")
    except MailError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    where = current_app.config.get("MAIL_SERVER") or current_app.config["MAIL_OUTBOX"]
    click.echo(f"Sent to {to} through {where}.")
