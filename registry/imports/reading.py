"""Reading an import file as text and records: encodings, byte-order marks, line ends, binary files.

A file is decoded whole (UTF-8 by default, a byte-order mark dropped) and split into records by the
csv module itself, which ends a line only at a line feed or a carriage return. So a vertical tab,
form feed, file/group/record separator, NEL or a Unicode line separator inside a value stays inside
that value (where the value checks then refuse it), instead of quietly starting a new record as
str.splitlines() would."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from registry.imports.common import ImportFileError

MAX_FIELD_CHARS = 1_000_000  # the csv module's own limit is 128 KiB; the longest column is 100,000


class ImportReadError(ImportFileError):
    """The file cannot be read as text at all (binary, wrong encoding, empty)."""


@dataclass(frozen=True)
class Record:
    line: int  # the physical line the record starts on (1 is the header)
    values: list[str]


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """The file's text; a clear error naming the line for binary data or another encoding."""
    if not data.strip():
        raise ImportReadError(["line 1: file: the file is empty"])
    if b"\x00" in data[:8192]:
        raise ImportReadError(["line 1: file: this is a binary file, not a text (CSV) file"])
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = (" (if it is a Latin-1 or Windows-1252 file, give --encoding latin-1 or cp1252)"
                if encoding == "utf-8-sig" else "")
        raise ImportReadError([f"line {line}: file: byte {data[error.start]:#04x} is not "
                               f"{encoding.removesuffix('-sig').upper()} text{hint}"]) from None
    except LookupError:
        raise ImportReadError([f"line 1: file: unknown encoding {encoding!r}"]) from None


def read_file(path: str, encoding: str = "utf-8") -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ImportReadError([f"line 1: file: cannot read it: {error.strerror}"]) from None
    return decode(data, encoding)


def records(text: str, delimiter: str = ",") -> Iterator[Record]:
    """Records with the physical line each starts on; a quoted value may span lines."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for values in reader:
            yield Record(start, values)
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportReadError([f"line {reader.line_num}: file: not readable as CSV ({error})"]) \
            from None


def physical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) split only at line feeds and carriage returns, the ends a CSV file has."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        yield number, line.rstrip("\r\n")


def header_names(values: list[str]) -> list[str]:
    return [value.strip().lower() for value in values]


def delimiter_hint(header: list[str]) -> str:
    """A word on a header that came out as one column: another delimiter was probably used."""
    if len(header) == 1:
        for mark, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "pipes")):
            if mark in header[0]:
                return f" (the columns seem to be separated by {name}; use commas)"
    return ""
