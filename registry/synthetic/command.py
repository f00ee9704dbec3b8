"""`flask --app wsgi bench-data`: synthetic scale data in its own database."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from registry.synthetic.bodies import MINIMUM_BODIES
from registry.synthetic.target import SyntheticTargetError, check_not_main, default_database_url


@click.command("bench-data")
@click.option("--bodies", "total", type=click.IntRange(min=MINIMUM_BODIES), required=True,
              help="How many synthetic bodies to make (resolutions ≈ 1.5×, actions ≈ 3×).")
@click.option("--database-url", default=None,
              help="Database to fill. Default: bench.sqlite3 in the instance folder. Never the "
                   "registry's own database, never one holding real bodies.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Random seed: the same seed and size give the same data.")
@click.option("--replace", is_flag=True, help="Replace the synthetic data already in the target.")
@with_appcontext
def bench_data_command(total: int, database_url: str | None, seed: int, replace: bool) -> None:
    """SYNTHETIC DATA FOR BENCHMARKS ONLY: fills a separate database with invented bodies,
    resolutions and actions.

    Nothing it writes is real: slugs start "synthetic-", names end "(synthetic)", sources point
    at the reserved synthetic.invalid domain. It refuses the registry's own database and any
    database that holds real (non-synthetic) bodies or bills.
    """
    from registry.synthetic.generate import generate

    url = database_url or default_database_url(current_app)
    try:
        check_not_main(url, current_app)
        with click.progressbar(length=total, label="Synthetic bodies", show_pos=True) as bar:
            report = generate(url, total, seed=seed, replace=replace, progress=bar.update)
    except SyntheticTargetError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    levels = ", ".join(f"{n} {level}" for level, n in report.levels.most_common())
    tiers = ", ".join(f"tier {tier}: {report.tiers[tier]}" for tier in sorted(report.tiers))
    placed = ", ".join(f"{p}: {n}" for p, n in report.precisions.most_common())
    click.echo(f"Wrote {report.bodies} synthetic bodies ({levels}), {report.resolutions} resolutions, "
               f"{report.actions} actions and {report.sources} sources in {report.seconds:.1f} s.")
    click.echo(f"Endorsing: {report.endorsing} ({tiers}). Geocode precision: {placed}.")
