"""Reading CSV (plain or gzip) and xlsx files into rows with their line numbers.

The header row is searched for in the first rows of the file (publishers put titles and notes
above it); the first layout whose required columns are all present wins.
"""

import csv
import gzip
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

HEADER_SEARCH_ROWS = 30


class LayoutError(Exception):
    """The file is not in any layout the importer knows; says which columns are missing."""


def normalise_header(cell) -> str:
    return " ".join(str(cell if cell is not None else "").split()).lower()


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with _open_binary(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _open_binary(path: Path):
    return gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")


def _is_xlsx(path: Path) -> bool:
    return path.name.lower().removesuffix(".gz").endswith((".xlsx", ".xlsm"))


@dataclass
class Table:
    layout: object
    header: list[str]
    rows: object  # iterator of (line number, dict)
    sheet: str = ""


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names


def _match(header: list[str], layouts):
    names = set(header)
    for layout in layouts:
        if all(column in names for column in layout.columns):
            return layout
    return None


def _missing_message(best_header: list[str], layouts) -> str:
    names = set(best_header)
    parts = []
    for layout in layouts:
        missing = [c for c in layout.columns if c not in names]
        parts.append(f"{layout.name}: missing {', '.join(repr(c) for c in missing)}")
    return "The file is not in a layout this importer knows. " + "; ".join(parts) + "."


def _find_header(rows_iter, layouts):
    """Consume rows until a header matching a layout; returns (layout, header, line, best)."""
    best: list[str] = []
    best_score = -1
    for line, row in enumerate(rows_iter, start=1):
        header = _unique([normalise_header(cell) for cell in row])
        layout = _match(header, layouts)
        if layout:
            return layout, header, line, header
        score = max(sum(c in set(header) for c in lay.columns) for lay in layouts)
        if score > best_score:
            best, best_score = header, score
        if line >= HEADER_SEARCH_ROWS:
            break
    return None, None, None, best


def _dict_rows(rows_iter, header, first_line):
    width = len(header)
    for line, row in enumerate(rows_iter, start=first_line + 1):
        if not any(cell is not None and cell != "" for cell in row):
            continue
        if len(row) != width:
            row = (list(row) + [None] * width)[:width]
        yield line, dict(zip(header, row, strict=True))


def open_table(path: Path, layouts) -> Table:
    if _is_xlsx(path):
        return _open_xlsx(path, layouts)
    handle = io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", newline="")
    reader = csv.reader(handle)
    layout, header, line, best = _find_header(reader, layouts)
    if layout is None:
        handle.close()
        raise LayoutError(_missing_message(best, layouts))
    return Table(layout, header, _dict_rows(reader, header, line))


def _open_xlsx(path: Path, layouts) -> Table:
    from openpyxl import load_workbook

    with _open_binary(path) as handle:
        data = io.BytesIO(handle.read())
    book = load_workbook(data, read_only=True, data_only=True)
    best: list[str] = []
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        layout, header, line, candidate = _find_header(rows, layouts)
        if layout is not None:
            return Table(layout, header, _dict_rows(rows, header, line), sheet.title)
        if len(set(candidate)) > len(set(best)):
            best = candidate
    raise LayoutError(_missing_message(best, layouts))
