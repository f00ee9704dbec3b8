"""`flask --app wsgi geocode`: fill missing body coordinates, then say what happened."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from registry.geo.geocoders import geocoder_for
from registry.geo.placement import GeocodeReport, bodies_without_coordinates, place_bodies
from registry.vocab import GEOCODE_PRECISIONS


@click.command("geocode")
@with_appcontext
def geocode_command() -> None:
    """Place bodies that have no coordinates yet, from their ZIP, city or state.

    Uses the offline ZIP gazetteer unless GEOCODER=nominatim (then Nominatim first, rate-limited
    and cached, with the gazetteer whenever the service fails)."""
    ids = bodies_without_coordinates()
    if not ids:
        click.echo("Every body already has coordinates: nothing to do.")
        return
    geocoder = geocoder_for()
    with click.progressbar(length=len(ids), label="Placing bodies", show_pos=True) as bar:
        report = place_bodies(ids, geocoder, progress=bar.update)
    echo_report(report)


def echo_report(report: GeocodeReport) -> None:
    placed = sum(report.placed.values())
    detail = ", ".join(f"{report.placed[p]} at {label} precision"
                       for p, label in GEOCODE_PRECISIONS.items() if report.placed[p])
    click.echo(f"Placed {placed} bod{'y' if placed == 1 else 'ies'}" + (f": {detail}." if detail else "."))
    for reason, n in report.notes.most_common():
        click.echo(f"  less precise ({n}): {reason} — e.g. {', '.join(report.examples[reason])}")
    failed = sum(report.failed.values())
    if failed:
        click.echo(f"Could not place {failed} bod{'y' if failed == 1 else 'ies'}:")
        for reason, n in report.failed.most_common():
            click.echo(f"  {reason} ({n}) — e.g. {', '.join(report.examples[reason])}")
