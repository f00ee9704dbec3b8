"""Read import files, recognise each by its header, validate them all, then apply them in order.

All-or-nothing: the caller commits only when every file applied cleanly (and never on a dry run)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from registry.imports import registry_files
from registry.imports.claims import apply_claims
from registry.imports.common import ImportFileError, ImportReport
from registry.imports.endorsements import COLUMNS, is_endorsement_header, read_endorsements
from registry.imports.olms import read_olms
from registry.imports.reading import delimiter_hint, header_names, read_file, records
from registry.imports.services import apply_olms

Progress = Callable[[int], None]


@dataclass
class ParsedFile:
    path: str
    layout: str  # "endorsements", an export table ("bodies", …) or "olms"
    rows: list[Any]

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


class ImportError_(ImportFileError):
    """Problems in one file, named with the file."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        super().__init__(problems)


def expand(paths: list[str]) -> list[str]:
    """Files as given; a folder stands for the export files in it, in the order they refer."""
    expanded = []
    for path in paths:
        if os.path.isdir(path):
            names = [f"{table}.csv" for table in registry_files.ORDER] + ["endorsements.csv"]
            expanded += [os.path.join(path, n) for n in names if os.path.exists(os.path.join(path, n))]
        else:
            expanded.append(path)
    return expanded


def parse_csv(path: str, encoding: str = "utf-8") -> ParsedFile:
    """Read and validate one CSV file of a layout the registry knows."""
    try:
        text = read_file(path, encoding)
        # Read lazily: validation stops once enough problems are named in a file of garbage.
        items = (item for item in records(text) if any(value.strip() for value in item.values))
        header = next(items, None)
        if header is None:
            raise ImportFileError(["line 1: file: the file holds no header row"])
        rows = items
        names = header_names(header.values)
        table = registry_files.table_of(names)
        if table:
            return ParsedFile(path, table, registry_files.parse(table, rows))
        if is_endorsement_header(names):
            return ParsedFile(path, "endorsements", read_endorsements(header, rows))
        raise ImportFileError([
            f"line {header.line}: header: not a layout the registry knows{delimiter_hint(header.values)}"
            f": use the endorsement CSV ({', '.join(COLUMNS[:3])}, …) or one of the registry's "
            "own export files"])
    except ImportFileError as error:
        raise ImportError_(path, error.problems) from None


def parse_olms(path: str, encoding: str = "utf-8") -> ParsedFile:
    try:
        return ParsedFile(path, "olms", read_olms(read_file(path, encoding)))
    except ImportFileError as error:
        raise ImportError_(path, error.problems) from None


def apply(files: list[ParsedFile], reason: Callable[[ParsedFile], str],
          progress: Progress | None = None) -> ImportReport:
    """Apply parsed files in order, in the caller's transaction; one report for them all."""
    report = ImportReport()
    for parsed in files:
        try:
            if parsed.layout == "endorsements":
                apply_claims(parsed.rows, reason(parsed), progress, report)
            elif parsed.layout == "olms":
                apply_olms(parsed.rows, reason(parsed), progress, report)
            else:
                registry_files.apply_rows(parsed.layout, parsed.rows, reason(parsed), progress,
                                          report)
        except ImportFileError as error:
            raise ImportError_(parsed.path, error.problems) from None
    return report
