"""One result, three renderings on stdout: a table for people, JSON or CSV for other programs.

Every command that prints data takes ``--format table|json|csv`` (``--json`` and ``--csv`` are
shorthands; ``options.output_format`` reads them). ``render`` calls the one the user chose,
so a new command (``history``) plugs in with its three renderings and nothing else.

CSV: the header names the columns as the JSON keys, numbers keep the decimal dot, and the
text starts with a byte-order mark so that Excel on Windows reads the Vietnamese letters.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from thidua_cli.cli.console import emit_json_document
from thidua_cli.cli.options import OutputFormat
from thidua_cli.numbers import json_number

CsvRows = tuple[Sequence[str], Iterable[Sequence[object]]]  # header, rows
BOM = "\ufeff"


def render(
    chosen: OutputFormat,
    *,
    table: Callable[[], None],
    document: Callable[[], Any],
    rows: Callable[[], CsvRows],
) -> None:
    if chosen is OutputFormat.json:
        emit_json_document(document())
    elif chosen is OutputFormat.csv:
        header, body = rows()
        write_csv(header, body)
    else:
        table()


def csv_cell(value: object) -> object:
    """A CSV field: exact numbers with a dot, nothing for ``None``, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(json_number(value))
    return value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    out = sys.stdout
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    out.flush()
