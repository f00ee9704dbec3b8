"""Time `flask import olms` on a 25,000-record OLMS union data file of the real layout.

The file is written fresh (invented unions, marked "(SYNTHETIC)", at real ZIP codes): a header row,
CRLF line ends, a byte-order mark, and one record in twenty whose unit name holds a line break, so it
spans two physical lines as real lm_data files do; some file numbers repeat with several years. Each
run imports it into a new, empty SQLite database (or DATABASE_URL's, emptied) through the real
command, and a second run over the same database times a re-import that changes nothing.

    python bench/olms_import.py [--records 25000] [--runs 3]

Prints the time of each run, the median, and records per second. The goal: under a minute.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from flask_migrate import upgrade  # noqa: E402

from registry import create_app  # noqa: E402
from registry.database import db  # noqa: E402

HEADER = ("RPT_ID|F_NUM|UNION_NAME|AFF_ABBR|DESIG_NAME|DESIG_NUM|UNIT_NAME|CITY|STATE|ZIP|MEMBERS|"
          "YR_COVERED")
UNIONS = (("STEELWORKERS AFL-CIO", "USW", "LU"), ("TEACHERS AFL-CIO", "AFT", "LU"),
          ("MACHINISTS AFL-CIO", "IAM", "LLG"), ("STATE COUNTY AND MUNICIPAL EMPLOYEES", "AFSCME", "C"),
          ("COMMUNICATIONS WORKERS", "CWA", "LU"), ("NURSES UNITED", "NNU", "LU"))
PLACES = (("PITTSBURGH", "PA", "15222"), ("OAKLAND", "CA", "94612"), ("COLUMBUS", "OH", "43215"),
          ("PORTLAND", "OR", "97232"), ("CHICAGO", "IL", "60601"), ("AUSTIN", "TX", "78701"))


def write_file(path: str, records: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - invented benchmark data
    lines = ["\ufeff" + HEADER]
    for n in range(records):
        name, aff, desig = rng.choice(UNIONS)
        city, state, zip_code = rng.choice(PLACES)
        file_number = 700000 + (n if rng.random() > 0.1 else max(0, n - 1))  # some repeat a year on
        unit = f"UNIT {n} (SYNTHETIC)"
        if n % 20 == 0:
            unit = f"UNIT {n}\r\nSECOND LINE (SYNTHETIC)"  # a value holding a line break
        lines.append(f"{n}|{file_number}|{name}|{aff}|{desig}|{n % 9000}|{unit}|{city}|{state}|"
                     f"{zip_code}|{rng.randint(10, 9000)}|{rng.choice((2022, 2023, 2024))}")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(lines) + "\r\n")


def run(path: str, url: str) -> tuple[float, str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "SECRET_KEY": "benchmark-secret-key-not-for-use", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    runner = app.test_cli_runner()
    started = time.perf_counter()
    result = runner.invoke(args=["import", "olms", path])
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(result.output)
    with app.app_context():
        db.engine.dispose()
    return elapsed, result.output.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "lm_data.txt")
        write_file(path, args.records)
        print(f"OLMS file: {args.records:,} records, {os.path.getsize(path) / 1e6:.1f} MB, "
              f"{args.records // 20:,} of them spanning two lines")
        times = []
        for index in range(args.runs):
            url = "sqlite:///" + os.path.join(folder, f"run{index}.sqlite3")
            elapsed, summary = run(path, url)
            times.append(elapsed)
            print(f"  run {index + 1}: {elapsed:6.1f} s into an empty registry — {summary}")
        again, summary = run(path, url)
        print(f"  again over the last database: {again:6.1f} s — {summary}")
        median = statistics.median(times)
        print(f"median {median:.1f} s ({args.records / median:,.0f} records/s); goal: under 60 s")


if __name__ == "__main__":
    main()
