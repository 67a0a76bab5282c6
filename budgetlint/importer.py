"""`budgetlint import FILE.pdf`: a published disclosure read into a budget file of its layout.

The PDF's text layer is read with pdfplumber: each page's tables with `find_tables()` (cell texts and
the boxes of merged header cells), and the text outside the tables as lines. Everything the import
knows about the document comes from the layout (docs/layouts.md): which tables there are, the line
printed above each (`table_heading` with {year} and {title}), the header tree whose `amount:` leaves
are the columns, the fixed rows of the two-sided tables, the totals label, the footers. No code here
names a province, a table number or a printed title, so a new layout is imported without new code.

What the import does not place — a row whose cells do not fit the header, a label no fixed row of
the layout has, a table whose title is not found — is reported with its page, never dropped in
silence or guessed; the exit code says whether the import was complete (0), written but incomplete
(1), or impossible (2: not a PDF, encrypted, scanned without a text layer, not a disclosure of a
layout, an output that exists without --force). docs/import.md describes it for users.

A workbook written by `budgetlint export --format xlsx` (FILE.xlsx, a clerk's edits included) is read
back by `workbook.read_workbook`, which knows the workbook's shape from the same description the export
writes it by; this module only dispatches on the suffix and writes the file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .layout import Layout, LayoutError, TableSpec, fill, known_layouts, load_layout

if TYPE_CHECKING:
    from .workbook import ReadBack

EXIT_COMPLETE = 0
EXIT_INCOMPLETE = 1
EXIT_BAD_INPUT = 2

SOURCE_MAP_NAME = "budgetlint-import.json"

# Amounts as the disclosures print them: 91,016,775.35, 189,767,551, 0, 0.00, -1,200.00.
AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# Ordinals printed before a row label or a heading: 一、 （一） 1. 1、 4． (1) — layout, not part of a name.
ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+[、.]|\d+[、.．](?!\d))")
UNIT_LINE = re.compile(r"单位[:：]\s*(万元|元)")
# Characters compared away when matching printed text against the layout: spaces (justified text
# puts them between characters), quotes (some PDFs place “ ” on a line of their own) and the width of
# brackets, colons and full stops (因公出国(境)费 and 因公出国（境）费 are the same label).
_SQUASH = str.maketrans({"（": "(", "）": ")", "：": ":", "．": ".", "，": ","})
_DROP = re.compile(r"[\s“”‘’\"'「」『』]")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
# A note printed under a table starts with this mark (注：本部门无…, 注:…).
NOTE_MARK = "注"
# Labels of a department printed on a cover, besides the layout's own `department_line_label`.
COVER_LABELS = ("预算主管部门", "预算单位", "部门名称", "单位名称")


class BadInput(Exception):
    """The input cannot be imported at all: exit code 2, with this message."""


def squash(text: str) -> str:
    """A printed text reduced for comparison (never written to the file)."""
    return _DROP.sub("", text).translate(_SQUASH)


def clean(text: str) -> str:
    """A printed cell or line as written to the file: the PDF's line breaks taken out, and the spaces
    that justified text puts between two Chinese characters removed (因 公 出 国 → 因公出国)."""
    joined = "".join(part.strip() for part in text.splitlines())
    return _CJK_GAP.sub("", joined).strip()


def strip_ordinal(text: str) -> str:
    """A label without its printed ordinal: `一、财政拨款收入` → `财政拨款收入`, `1. 一般…` → `一般…`."""
    text = text.strip()
    match = ORDINAL.match(text)
    return text[match.end():].strip() if match else text


def amount(text: str) -> Decimal | None:
    """The printed figure as an exact Decimal (`91,016,775.35` → 91016775.35, `0` stays 0); None when
    the cell is blank. ValueError when the cell is not a figure."""
    text = re.sub(r"\s", "", text)
    if not text:
        return None
    if not AMOUNT.fullmatch(text):
        raise ValueError(text)
    return Decimal(text.replace(",", ""))


def is_amount(text: str | None) -> bool:
    return bool(text) and AMOUNT.fullmatch(re.sub(r"\s", "", text or "")) is not None


# ---------------------------------------------------------------------------------------------------
# Reading the PDF


@dataclass(frozen=True)
class Line:
    """A line of text outside the tables, its characters in reading order."""

    top: float
    bottom: float
    text: str


@dataclass
class Grid:
    """One table pdfplumber found on a page: cell texts ('' when blank or covered by a merged cell) and
    the horizontal extent of each cell's box (None when covered), to tell which header cells stand
    over which column."""

    page: int
    top: float
    bottom: float
    rows: list[list[str]]
    spans: list[list[tuple[float, float] | None]]

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def centres(self) -> list[float]:
        """The x-centre of each column, from the narrowest cell box found in it."""
        out = []
        for column in range(self.width):
            boxes = [row[column] for row in self.spans if column < len(row) and row[column] is not None]
            narrow = min(boxes, key=lambda box: box[1] - box[0], default=None)  # type: ignore[index]
            out.append((narrow[0] + narrow[1]) / 2 if narrow else float(column))
        return out


@dataclass
class Page:
    number: int
    lines: list[Line]
    grids: list[Grid]


def read_pdf(path: Path) -> list[Page]:
    """Every page's lines and tables. BadInput when the file is not a readable PDF with a text layer."""
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from None
    if b"%PDF-" not in head:
        raise BadInput(f"{path} is not a PDF file (it does not start with %PDF-)")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    # pdfminer logs every oddity of a PDF (a missing CropBox …) as a warning; they are not the user's
    # concern, and what matters is reported by the import itself.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, 1)]
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds; each means "cannot read"
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise BadInput(f"{path} is encrypted (it needs a password or a method budgetlint cannot "
                           f"open); import an unencrypted copy") from None
        raise BadInput(f"{path} cannot be read as a PDF ({type(cause).__name__}: {cause})") from None
    if not pages:
        raise BadInput(f"{path} has no pages")
    if not any(page.lines or page.grids for page in pages):
        raise BadInput(f"{path} has no text layer (a scanned document?): budgetlint import reads the "
                       f"text of a PDF and does no OCR")
    return pages


def _read_page(page: Any, number: int) -> Page:
    grids = []
    boxes = []
    for table in page.find_tables():
        rows = table.extract()
        if not rows:
            continue
        spans = [[(cell[0], cell[2]) if cell is not None else None for cell in row.cells] for row in table.rows]
        texts = [[text if text is not None else "" for text in row] for row in rows]
        x0, top, x1, bottom = table.bbox
        boxes.append((x0, top, x1, bottom))
        grids.append(Grid(number, top, bottom, texts, spans))
    chars = [char for char in page.chars if not _inside(char, boxes)]
    return Page(number, text_lines(chars), sorted(grids, key=lambda grid: grid.top))


def _inside(char: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def text_lines(chars: list[dict[str, Any]]) -> list[Line]:
    """Characters grouped into lines by vertical overlap, each line read left to right.

    pdfplumber's own lines group characters by their top within 3 points; some PDFs print digits and
    quotes in another font a few points lower (`2024` beside 年度部门决算, `“ ”` under 三公), which then
    land on a line of their own. Here a character joins a line when it overlaps the line's first
    character by half its height, so they are read where they are printed.
    """
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = char["bottom"] - char["top"]
        for line in reversed(lines[-4:]):
            anchor = line[0]
            overlap = min(anchor["bottom"], char["bottom"]) - max(anchor["top"], char["top"])
            if overlap >= 0.5 * min(height, anchor["bottom"] - anchor["top"]):
                line.append(char)
                break
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text = ""
        for previous, char in zip([None, *line], line):
            if previous is not None and char["x0"] - previous["x1"] > 0.3 * char.get("size", 10):
                text += " "
            text += char["text"]
        if text.strip():
            out.append(Line(line[0]["top"], line[0]["bottom"], text.strip()))
    return out


# ---------------------------------------------------------------------------------------------------
# Where the layout's tables are printed


@dataclass
class Problems:
    """What could not be placed, each with its page: printed on stderr, and exit code 1."""

    messages: list[str] = field(default_factory=list)

    def add(self, page: int | None, message: str) -> None:
        self.messages.append(f"page {page}: {message}" if page else message)


def layout_pattern(template: str, **literals: str) -> re.Pattern[str]:
    """A printed text of the layout (`{year}年部门{title}`) as a pattern over squashed text: {year} and
    {department} are what the document prints there, the other fields are the literals given."""
    out = []
    for part in re.split(r"(\{[a-z_]+\})", template):
        name = part[1:-1] if part.startswith("{") and part.endswith("}") else None
        if name is None:
            out.append(re.escape(squash(part)))
        elif name in literals:
            out.append(re.escape(squash(literals[name])))
        elif name == "year":
            out.append(r"(?P<year>\d{4})")
        elif name == "department":
            out.append(r"(?P<department>.+?)")
        else:
            out.append(".+?")
    return re.compile("".join(out))


def heading_pattern(layout: Layout, spec: TableSpec) -> re.Pattern[str]:
    """The line printed above a table: its own `heading`, else the layout's `table_heading`."""
    template = spec.raw.get("heading") or layout.raw.get("table_heading") or "{title}"
    return layout_pattern(str(template), title=spec.title, number=spec.number, label=spec.label)


@dataclass
class Found:
    """A table of the layout as printed: its title line, the lines above its grid, its grids (the
    table and its continuations on the following pages) and the note printed under it."""

    spec: TableSpec
    page: int
    year: str | None
    head: list[Line] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def titles_on(page: Page, patterns: dict[str, re.Pattern[str]]) -> list[tuple[Line, str, re.Match[str]]]:
    """The lines of a page that are a table's printed title, with the table's key."""
    out = []
    for line in page.lines:
        text = squash(line.text)
        for key, pattern in patterns.items():
            match = pattern.fullmatch(text)
            if match:
                out.append((line, key, match))
                break
    return out


def locate(pages: list[Page], layout: Layout, problems: Problems) -> dict[str, Found]:
    """Each table of the layout by its title, with the grids under it and those continuing it on the
    next pages (a page without a title whose table has the same columns)."""
    patterns = {key: heading_pattern(layout, spec) for key, spec in layout.tables.items()}
    found: dict[str, Found] = {}
    current: Found | None = None
    for page in pages:
        titles = titles_on(page, patterns)
        if not titles and not page.grids:
            current = None  # a page of text ends a table
            continue
        events: list[tuple[float, int, Any]] = [(line.top, 0, (line, key, match)) for line, key, match in titles]
        events += [(grid.top, 1, grid) for grid in page.grids]
        events += [(line.top, 2, line) for line in page.lines if line.text.startswith(NOTE_MARK)]
        for top, kind, item in sorted(events, key=lambda event: (event[0], event[1])):
            if kind == 0:
                line, key, match = item
                if key in found and found[key] is not current:
                    problems.add(page.number, f"the title of {layout.titled(key)} is printed again; the "
                                              f"second one is ignored")
                    current = None
                    continue
                if key not in found:
                    found[key] = Found(layout.tables[key], page.number, match.groupdict().get("year"))
                current = found[key]
                # the lines under the title (编制部门：…, 单位：元); cut at the first grid below
                current.head = current.head or [other for other in page.lines if other.top > line.top]
            elif kind == 1:
                grid = item
                if current is None:
                    continue  # a table of no table of the layout (a table of contents, 单位构成 …)
                if current.grids and grid.width != current.grids[0].width:
                    aligned = realign(grid, current.grids[0]) if grid.width < current.grids[0].width else None
                    if aligned is not None:
                        current.grids.append(aligned)
                        continue
                    problems.add(page.number, f"a table with {grid.width} columns after "
                                              f"{layout.titled(current.spec.key)} ({current.grids[0].width} "
                                              f"columns) belongs to no table of the layout: not imported")
                    current = None
                    continue
                current.grids.append(grid)
            elif current is not None and current.grids:
                current.notes.append(clean(item.text))
    for found_table in found.values():
        first = found_table.grids[0].top if found_table.grids else float("inf")
        found_table.head = [line for line in found_table.head if line.top < first]
    return found


def realign(grid: Grid, first: Grid) -> Grid | None:
    """A continuation whose rows pdfplumber split into fewer columns (a page holding only the 合计 row,
    printed across the code and name columns) in the columns of the table's first grid, each cell in
    the first column its box covers. None when a cell covers no column of the first grid."""
    centres = first.centres()
    rows: list[list[str]] = []
    spans: list[list[tuple[float, float] | None]] = []
    for texts, boxes in zip(grid.rows, grid.spans):
        row = [""] * len(centres)
        row_spans: list[tuple[float, float] | None] = [None] * len(centres)
        for text, box in zip(texts, boxes):
            if box is None:
                continue
            covered = [column for column, centre in enumerate(centres) if box[0] <= centre <= box[1]]
            if not covered:
                return None
            row[covered[0]] = text
            row_spans[covered[0]] = box
        rows.append(row)
        spans.append(row_spans)
    return Grid(grid.page, grid.top, grid.bottom, rows, spans)


# ---------------------------------------------------------------------------------------------------
# Header trees


@dataclass(frozen=True)
class Leaf:
    """A leaf of a layout's header tree: a code part, the name, an amount column, or a plain label."""

    path: tuple[str, ...]  # labels from the top of the tree to the leaf, `{fund}` filled in
    role: str  # code | name | amount | label
    column: tuple[str, ...] = ()
    part: int = 0

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else ""


def leaves(nodes: Any, spec: TableSpec, above: tuple[str, ...] = ()) -> list[Leaf]:
    out: list[Leaf] = []
    for node in nodes or []:
        if not isinstance(node, dict):
            continue
        label = fill(node.get("label", ""), fund=spec.raw.get("fund", ""))
        path = (*above, label)
        if node.get("children"):
            out += leaves(node["children"], spec, path)
        elif node.get("row") == "code":
            out.append(Leaf(path, "code", part=int(node.get("part", 0))))
        elif node.get("row") == "name":
            out.append(Leaf(path, "name"))
        elif "amount" in node:
            out.append(Leaf(path, "amount", tuple(str(node["amount"]).split("."))))
        else:
            out.append(Leaf(path, "label"))
    return out


def header_stacks(grid: Grid, header_rows: int) -> list[list[str]]:
    """For each column, the squashed header cells printed over it (a merged cell stands over every
    column its box covers)."""
    centres = grid.centres()
    stacks: list[list[str]] = [[] for _ in centres]
    for row_texts, row_spans in zip(grid.rows[:header_rows], grid.spans[:header_rows]):
        for text, span in zip(row_texts, row_spans):
            if span is None or not text.strip():
                continue
            for column, centre in enumerate(centres):
                if span[0] <= centre <= span[1]:
                    stacks[column].append(squash(text))
    return stacks


def _mentions(stack: list[str], label: str) -> bool:
    wanted = squash(label)
    return bool(wanted) and any(wanted == cell or wanted in cell or cell in wanted for cell in stack if cell)


def amount_columns(spec: TableSpec, tree: list[Leaf], grid: Grid, header_rows: int) -> dict[int, Leaf] | None:
    """Which printed column holds which amount leaf, within one block of the table.

    The leaves are the columns in printed order; this is checked against the printed header. Where it
    does not hold (a form that prints 预算数 and 决算数 under each item, where the layout groups items
    under 预算数 and 决算数) each leaf is found by its whole label path in the printed header. None
    when neither places every amount leaf in exactly one column.
    """
    width = len(tree)
    stacks = header_stacks(grid, header_rows)
    positional = {index: leaf for index, leaf in enumerate(tree) if leaf.role == "amount"}
    if not stacks or header_rows == 0 or all(_mentions(stacks[index], leaf.label)
                                               for index, leaf in positional.items()):
        return positional
    by_path: dict[int, Leaf] = {}
    for leaf in positional.values():
        labels = [label for label in leaf.path if squash(label)]
        hits = [column for column in range(min(width, len(stacks)))
                if all(any(squash(label) == cell for cell in stacks[column]) for label in labels)]
        if len(hits) != 1 or hits[0] in by_path:
            return None
        by_path[hits[0]] = leaf
    return by_path


# ---------------------------------------------------------------------------------------------------
# Rows of a table


@dataclass
class Row:
    """A printed body row of a table: its page, its number among the table's rows, its cells."""

    page: int
    number: int
    cells: list[str]


@dataclass
class Figure:
    """Where a figure of the file was printed (for the source map)."""

    page: int
    row: int
    column: str


@dataclass
class Entry:
    """A row of the file being built, with where each of its figures came from."""

    data: dict[str, Any]
    sources: dict[str, Figure] = field(default_factory=dict)


def split_rows(found: Found, labels: set[str], label_columns: set[int], problems: Problems
               ) -> tuple[int, list[Row]]:
    """How many header rows the first grid has, and the body rows of all grids. The body starts at the
    first row that prints a figure or one of the table's row labels; the rows before it on a
    continuation page are its repeated header (anything else there is reported)."""
    header: list[str] = []
    header_rows = 0
    body: list[Row] = []
    number = 0
    for index, grid in enumerate(found.grids):
        start = next((position for position, row in enumerate(grid.rows) if _is_body(row, labels, label_columns)),
                     len(grid.rows))
        if index == 0:
            header_rows = start
            header = ["|".join(squash(cell) for cell in row) for row in grid.rows[:start]]
        else:
            for row in grid.rows[:start]:
                text = "|".join(squash(cell) for cell in row)
                if text.strip("|") and text not in header:
                    problems.add(grid.page, f"{found.spec.label}: a row that is neither a header nor a row of "
                                            f"the table: {' | '.join(clean(cell) for cell in row)}")
        for row in grid.rows[start:]:
            number += 1  # blank rows count: the number is the row's place in the printed table
            if any(cell.strip() for cell in row):
                body.append(Row(grid.page, number, row))
    return header_rows, body


def _is_body(row: list[str], labels: set[str], label_columns: set[int]) -> bool:
    """A row of the table's body: a figure anywhere, or a row label in a label column (not 合计 as a
    column's header)."""
    if any(is_amount(cell) for cell in row):
        return True
    return any(strip_ordinal(squash(cell)) in labels for index, cell in enumerate(row)
               if index in label_columns and cell.strip())


def set_path(target: dict[str, Any], column: tuple[str, ...], value: Any) -> None:
    """`target[a][b] = value` for the column (a, b), creating the groups on the way."""
    for part in column[:-1]:
        target = target.setdefault(part, {})
    target[column[-1]] = value


def read_amounts(row: Row, cells: list[str], places: dict[int, tuple[str, ...]], entry: Entry,
                 label: str, problems: Problems) -> bool:
    """Put the row's figures into the entry; False (and a report) when a cell is not a figure."""
    complete = True
    for index, column in places.items():
        text = cells[index] if index < len(cells) else ""
        try:
            value = amount(text)
        except ValueError:
            problems.add(row.page, f"{label}, row {row.number}: `{clean(text)}` under "
                                   f"{'.'.join(column)} is not a figure: not imported")
            complete = False
            continue
        if value is not None:
            set_path(entry.data, column, value)
            entry.sources[".".join(column)] = Figure(row.page, row.number, ".".join(column))
    return complete


# ---------------------------------------------------------------------------------------------------
# Grid tables: rows by code, a 合计 row, footers


@dataclass
class Table:
    """A table of the file being built: its fields, and the sources of the figures of its rows."""

    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[tuple[Any, ...], Figure] = field(default_factory=dict)
    complete: bool = True

    def put(self, path: tuple[Any, ...], entry: Entry) -> None:
        """Record where the figures of a row stored at `path` (inside the table) were printed."""
        for column, figure in entry.sources.items():
            self.sources[(*path, *column.split("."))] = figure


def import_grid(found: Found, problems: Problems) -> Table:
    """A grid table: rows by code (类/款/项 cells joined), the 合计 row as `totals`, footer lines as
    `footer`, a table without code cells (the 三公 table) as its one row of `totals`. A table printed
    as two blocks side by side (a 决算's 基本支出表) is read left block first."""
    spec = found.spec
    label = spec.label
    table = Table()
    tree = leaves(spec.raw.get("header"), spec)
    if not tree:
        problems.add(found.page, f"{label}: the layout gives no header for this table: not imported")
        table.complete = False
        return table
    width = len(tree)
    grid_width = found.grids[0].width if found.grids else width
    blocks = grid_width // width if grid_width % width == 0 else 0
    if blocks == 0:
        problems.add(found.page, f"{label}: the table prints {grid_width} columns, the layout's header has "
                                 f"{width}: not imported")
        table.complete = False
        return table
    totals_label = squash(str(spec.raw.get("totals_label", "合计") or ""))
    footers = {squash(str(line.get("label", ""))): tuple(str(line["amount"]).split("."))
               for line in spec.raw.get("footer") or [] if isinstance(line, dict) and "amount" in line}
    labels = {name for name in (totals_label, *footers) if name}
    label_positions = {block * width + index for block in range(blocks)
                       for index, leaf in enumerate(tree) if leaf.role in ("code", "name")}
    header_rows, body = split_rows(found, labels, label_positions, problems)
    places = amount_columns(spec, tree, found.grids[0], header_rows) if found.grids else None
    if places is None:
        problems.add(found.page, f"{label}: the printed header does not match the layout's columns "
                                 f"({', '.join('.'.join(leaf.column) for leaf in tree if leaf.role == 'amount')}): "
                                 f"not imported")
        table.complete = False
        return table
    columns = {index: leaf.column for index, leaf in places.items()}
    code_split = [int(part) for part in (spec.raw.get("code_split") or {}).get("code", [])]
    rows_by_block: list[list[Entry]] = [[] for _ in range(blocks)]
    totals: Entry | None = None
    totals_first = False  # a 决算 prints 合计 above the rows, a 预算 under them: kept as printed
    footer = Entry({})
    for row in body:
        for block in range(blocks):
            cells = row.cells[block * width:(block + 1) * width]
            if not any(cell.strip() for cell in cells):
                continue
            kind, value = classify(cells, tree, totals_label, footers, code_split)
            entry = Entry({})
            if kind in ("code", "data"):
                if kind == "code":
                    entry.data = {"code": value, "name": clean(_cell(cells, tree, "name"))}
                table.complete &= read_amounts(row, cells, columns, entry, label, problems)
                rows_by_block[block].append(entry)
            elif kind == "totals" and totals is None:
                table.complete &= read_amounts(row, cells, columns, entry, label, problems)
                totals = entry
                totals_first = not any(rows_by_block)
            elif kind == "footer":
                first = min(columns, default=None)
                if first is not None:
                    table.complete &= read_amounts(row, cells, {first: footers[value]}, footer, label, problems)
            else:
                problems.add(row.page, f"{label}, row {row.number}: "
                                       f"`{' | '.join(clean(cell) for cell in cells)}` does not fit the "
                                       f"table ({value or 'a second 合计 row'}): not imported")
                table.complete = False
    rows = [entry for block_rows in rows_by_block for entry in block_rows]
    coded = any(leaf.role == "code" for leaf in tree)
    if not coded:
        totals, rows = _single_row(found, rows, totals, problems, table)
        totals_first = True
    parts: list[tuple[str, Any]] = []
    if totals is not None and totals.data:
        parts.append(("totals", totals))
    if coded:
        parts.insert(len(parts) if totals_first else 0, ("rows", rows))
    if footer.data:
        parts.append(("footer", footer))
    for name, part in parts:
        if isinstance(part, Entry):
            table.data[name] = part.data
            table.put((name,), part)
        else:
            table.data[name] = [entry.data for entry in part]
            for index, entry in enumerate(part):
                table.put((name, index), entry)
    return table


def _single_row(found: Found, rows: list[Entry], totals: Entry | None, problems: Problems,
                table: Table) -> tuple[Entry | None, list[Entry]]:
    """A table without code cells prints one row of figures: it is the table's `totals`."""
    if totals is None and rows:
        totals, rows = rows[0], rows[1:]
    for entry in rows:
        row = next(iter(entry.sources.values()), None)
        problems.add(row.page if row else found.page,
                     f"{found.spec.label}: a second row of figures in a one-row table: not imported")
        table.complete = False
    return totals, []


def _cell(cells: list[str], tree: list[Leaf], role: str) -> str:
    for index, leaf in enumerate(tree):
        if leaf.role == role and index < len(cells):
            return cells[index]
    return ""


def classify(cells: list[str], tree: list[Leaf], totals_label: str, footers: dict[str, tuple[str, ...]],
             code_split: list[int]) -> tuple[str, str]:
    """What a row of a grid is: ("code", code), ("totals", ""), ("footer", label), ("data", "") for a
    row of figures in a table without codes, or ("bad", why)."""
    label_cells = [squash(cells[index]) for index, leaf in enumerate(tree)
                   if leaf.role in ("code", "name") and index < len(cells)]
    if totals_label and totals_label in label_cells:
        return "totals", ""
    for label in label_cells:
        if label in footers:
            return "footer", label
    parts = [(leaf.part, squash(cells[index])) for index, leaf in enumerate(tree)
             if leaf.role == "code" and index < len(cells)]
    if not parts:
        if any(is_amount(cell) for cell in cells):
            return "data", ""
        return "bad", "no figures"
    parts.sort()
    texts = [text for _, text in parts]
    filled = [text for text in texts if text]
    if not filled:
        return "bad", "no code"
    if texts[:len(filled)] != filled or not all(text.isdigit() for text in filled):
        return "bad", f"the code cells {' | '.join(texts)} are not a code"
    for position, text in enumerate(filled):
        if position < len(code_split) and len(text) != code_split[position]:
            return "bad", f"the code cells {' | '.join(texts)} are not a code"
    return "code", "".join(filled)


# ---------------------------------------------------------------------------------------------------
# Two-sided tables: 收支总表 and 财政拨款收支总表


@dataclass
class Sides:
    """The columns of a two-sided table: the label column and the figure columns of each side."""

    revenue_label: int
    revenue: dict[int, tuple[str, ...]]
    expenditure_label: int
    expenditure: dict[int, tuple[str, ...]]

    @property
    def width(self) -> int:
        return 2 + len(self.revenue) + len(self.expenditure)


def sides(spec: TableSpec) -> Sides | None:
    """The two top-level groups of the header are the 收入 and 支出 sides; each starts with its label
    column (项目), then its figure columns: the leaves' `amount:` keys, else `{side}_columns`."""
    header = [node for node in spec.raw.get("header") or [] if isinstance(node, dict)]
    if len(header) != 2:
        return None
    out: list[tuple[int, dict[int, tuple[str, ...]]]] = []
    offset = 0
    for side, node in zip(("revenue", "expenditure"), header):
        tree = leaves([node], spec)
        defaults = [tuple(str(name).split(".")) for name in spec.raw.get(f"{side}_columns") or ["amount"]]
        figures: dict[int, tuple[str, ...]] = {}
        for index, leaf in enumerate(tree[1:], start=1):
            column = leaf.column or (defaults[len(figures)] if len(figures) < len(defaults) else ("amount",))
            figures[offset + index] = column
        out.append((offset, figures))
        offset += len(tree)
    return Sides(out[0][0], out[0][1], out[1][0], out[1][1])


def class_rows(layout: Layout, spec: TableSpec) -> list[dict[str, Any]]:
    """The 类 rows a two-sided table may print: its `expenditure_rows` (Shanghai: the layout's class
    list, printed only where they have amounts)."""
    rows = spec.raw.get("expenditure_rows") or layout.raw.get("function_classes") or []
    return [row for row in rows if isinstance(row, dict) and "code" in row]


def match_class(label: str, classes: list[dict[str, Any]], ordinals_fixed: bool) -> str | None:
    """The code of a printed 类 row: by its name; in a form whose ordinals are fixed (二十六、抗疫…), by
    the ordinal when the name is not the layout's."""
    name = squash(strip_ordinal(label))
    for row in classes:
        if squash(str(row.get("name", ""))) == name:
            return str(row["code"])
    if ordinals_fixed:
        ordinal = squash(label)[: len(squash(label)) - len(name)].rstrip("、.")
        for row in classes:
            if ordinal and str(row.get("ordinal", "")) == ordinal:
                return str(row["code"])
    return None


def import_summary(layout: Layout, found: Found, problems: Problems) -> Table:
    """A 收支总表: 收入 rows by the layout's `revenue_rows`, 支出 rows by 类, the closing lines."""
    spec = found.spec
    table = Table()
    columns = sides(spec)
    revenue_rows = [row for row in spec.raw.get("revenue_rows") or [] if isinstance(row, dict)]
    classes = class_rows(layout, spec)
    closing = [line for line in spec.raw.get("closing") or [] if isinstance(line, dict)]
    revenue_close = {squash(str(line["revenue"]["label"])): str(line["revenue"]["field"])
                     for line in closing if isinstance(line.get("revenue"), dict)}
    expenditure_close = {squash(str(line["expenditure"]["label"])): str(line["expenditure"]["field"])
                         for line in closing if isinstance(line.get("expenditure"), dict)}
    labels = {squash(str(row.get("name", ""))) for row in revenue_rows + classes}
    labels |= set(revenue_close) | set(expenditure_close)
    if columns is None or not _fits(found, columns, problems):
        table.complete = False
        return table
    _, body = split_rows(found, labels, {columns.revenue_label, columns.expenditure_label}, problems)
    revenue: list[Entry] = []
    expenditure: list[Entry] = []
    fixed = spec.raw.get("ordinals") != "consecutive"
    for row in body:
        left = clean(row.cells[columns.revenue_label])
        if left:
            source = next((item for item in revenue_rows
                           if squash(str(item.get("name", ""))) == squash(strip_ordinal(left))), None)
            if source is not None:
                entry = Entry({"source": source["source"], **({"of": source["of"]} if "of" in source else {}),
                               "name": strip_ordinal(left)})
                table.complete &= read_amounts(row, row.cells, columns.revenue, entry, spec.label, problems)
                revenue.append(entry)
            elif squash(left) in revenue_close:
                table.complete &= _closing(table, row, columns.revenue, revenue_close[squash(left)], spec, problems)
            else:
                table.complete = False
                problems.add(row.page, f"{spec.label}, row {row.number}: 收入 line `{left}` is none of the "
                                       f"layout's rows: not imported")
        right = clean(row.cells[columns.expenditure_label])
        if right:
            code = match_class(right, classes, fixed)
            if code is not None:
                entry = Entry({"code": code, "name": strip_ordinal(right)})
                table.complete &= read_amounts(row, row.cells, columns.expenditure, entry, spec.label, problems)
                expenditure.append(entry)
            elif squash(right) in expenditure_close:
                table.complete &= _closing(table, row, columns.expenditure, expenditure_close[squash(right)],
                                           spec, problems)
            else:
                table.complete = False
                problems.add(row.page, f"{spec.label}, row {row.number}: 支出 line `{right}` is no 类 of the "
                                       f"layout: not imported")
    ordered = {"revenue": [entry.data for entry in revenue], "expenditure": [entry.data for entry in expenditure]}
    for index, entry in enumerate(revenue):
        table.put(("revenue", index), entry)
    for index, entry in enumerate(expenditure):
        table.put(("expenditure", index), entry)
    table.data = {**ordered, **table.data}
    return table


def _fits(found: Found, columns: Sides, problems: Problems) -> bool:
    width = found.grids[0].width if found.grids else columns.width
    if width != columns.width:
        problems.add(found.page, f"{found.spec.label}: the table prints {width} columns, the layout's header "
                                 f"has {columns.width}: not imported")
        return False
    return True


def _closing(table: Table, row: Row, places: dict[int, tuple[str, ...]], name: str, spec: TableSpec,
             problems: Problems) -> bool:
    """A closing line (收入总计, 支出总计 …): one figure, or a mapping of the side's columns."""
    entry = Entry({})
    complete = read_amounts(row, row.cells, places, entry, spec.label, problems)
    if not entry.data:
        return complete
    if len(places) == 1:
        (column,) = places.values()
        table.data[name] = entry.data[column[0]] if len(column) == 1 else entry.data
        figure = next(iter(entry.sources.values()))
        table.sources[(name,)] = figure
    else:
        table.data[name] = entry.data
        table.put((name,), entry)
    return complete


def import_fiscal_summary(layout: Layout, found: Found, problems: Problems) -> Table:
    """A 财政拨款收支总表: 收入 lines by the layout's `revenue_lines` in printed order (a label printed
    twice, as 一、一般公共预算财政拨款 under 本年收入 and under 年初结转, is the next line of that label),
    支出 rows by 类, the lines after them and the totals."""
    spec = found.spec
    table = Table()
    columns = sides(spec)
    lines = [line for line in spec.raw.get("revenue_lines") or [] if isinstance(line, dict)]
    if isinstance(spec.raw.get("revenue_total"), dict):
        lines.append(spec.raw["revenue_total"])
    classes = class_rows(layout, spec)
    after = [line for line in spec.raw.get("expenditure_after") or [] if isinstance(line, dict)]
    if isinstance(spec.raw.get("expenditure_total"), dict):
        after.append(spec.raw["expenditure_total"])
    after_fields = {squash(str(line.get("label", ""))): str(line.get("field", "")) for line in after}
    labels = {squash(strip_ordinal(str(line.get("label", "")))) for line in lines}
    labels |= {squash(str(line.get("label", ""))) for line in lines}
    labels |= {squash(str(row.get("name", ""))) for row in classes} | set(after_fields)
    if columns is None or not _fits(found, columns, problems):
        table.complete = False
        return table
    _, body = split_rows(found, labels, {columns.revenue_label, columns.expenditure_label}, problems)
    revenue = Entry({})
    rows: list[Entry] = []
    expenditure = Table()
    fixed = spec.raw.get("ordinals") != "consecutive"
    next_line = 0
    revenue_place = next(iter(columns.revenue), None)
    for row in body:
        left = clean(row.cells[columns.revenue_label])
        if left and revenue_place is not None:
            position = _next_line(lines, left, next_line)
            if position is None:
                table.complete = False
                problems.add(row.page, f"{spec.label}, row {row.number}: 收入 line `{left}` is none of the "
                                       f"layout's lines: not imported")
            else:
                next_line = position + 1
                column = tuple(str(lines[position].get("amount", "total")).split("."))
                table.complete &= read_amounts(row, row.cells, {revenue_place: column}, revenue, spec.label,
                                               problems)
        right = clean(row.cells[columns.expenditure_label])
        if not right:
            continue
        code = match_class(right, classes, fixed)
        entry = Entry({})
        if code is not None:
            entry.data = {"code": code, "name": strip_ordinal(right)}
            table.complete &= read_amounts(row, row.cells, columns.expenditure, entry, spec.label, problems)
            rows.append(entry)
        elif squash(right) in after_fields:
            table.complete &= read_amounts(row, row.cells, columns.expenditure, entry, spec.label, problems)
            if entry.data:
                name = after_fields[squash(right)]
                expenditure.data[name] = entry.data
                expenditure.put((name,), entry)
        else:
            table.complete = False
            problems.add(row.page, f"{spec.label}, row {row.number}: 支出 line `{right}` is no 类 of the "
                                   f"layout: not imported")
    table.data["revenue"] = revenue.data
    table.put(("revenue",), revenue)
    table.data["expenditure"] = {"rows": [entry.data for entry in rows], **expenditure.data}
    for index, entry in enumerate(rows):
        table.put(("expenditure", "rows", index), entry)
    for path, figure in expenditure.sources.items():
        table.sources[("expenditure", *path)] = figure
    return table


def _next_line(lines: list[dict[str, Any]], label: str, start: int) -> int | None:
    """The layout line a printed 收入 label is: the first of that label at or after `start`, else the
    first of that label at all."""
    def same(line: dict[str, Any]) -> bool:
        wanted = str(line.get("label", ""))
        return squash(wanted) == squash(label) or squash(strip_ordinal(wanted)) == squash(strip_ordinal(label))

    hits = [index for index, line in enumerate(lines) if same(line)]
    return next((index for index in hits if index >= start), hits[0] if hits else None)


# ---------------------------------------------------------------------------------------------------
# The document: layout, year, department, units


def recognise(pages: list[Page], folders: tuple[Path, ...]) -> Layout:
    """The layout whose table titles the document prints: the most of its titles found, ahead of every
    other layout. BadInput (listing the candidates) when no layout is clearly the one."""
    scores: list[tuple[float, int, Layout]] = []
    for name in known_layouts(folders):
        try:
            layout = load_layout(name, folders)
        except LayoutError:
            continue
        patterns = {key: heading_pattern(layout, spec) for key, spec in layout.tables.items()}
        keys = {key for page in pages for _, key, _ in titles_on(page, patterns)}
        scores.append((len(keys) / max(len(layout.tables), 1), len(keys), layout))
    scores.sort(key=lambda score: (-score[0], score[2].name))
    listing = ", ".join(f"{layout.name} ({found} of {len(layout.tables)} table titles)"
                        for _, found, layout in scores if found) or "it prints none of their table titles"
    names = ", ".join(layout.name for _, _, layout in scores)
    if scores and scores[0][0] >= 0.5 and len(scores) > 1 and scores[1][0] == scores[0][0]:
        raise BadInput(f"several layouts fit this document equally: {listing}; name one with --layout")
    if not scores or scores[0][0] < 0.5:
        raise BadInput(f"cannot tell which layout this document is: {listing}. It may not be a budget "
                       f"disclosure; name its layout with --layout (candidates: {names})")
    return scores[0][2]


def department_and_year(pages: list[Page], layout: Layout, found: dict[str, Found]) -> tuple[str | None, str | None]:
    """The department as its tables' header lines (编制部门：…), the cover (预算单位：…) or a heading of the
    layout with {department} print it; the year from the table titles, else from such a heading."""
    label = str(layout.raw.get("department_line_label") or "")
    names: Counter[str] = Counter()
    for table in found.values():
        for line in table.head:
            name = _labelled(line.text, label) if label else None
            if name:
                names[name] += 1
    if not names:
        for page in pages[:2]:
            for line in page.lines:
                for cover in COVER_LABELS:
                    name = _labelled(line.text, cover)
                    if name:
                        names[name] += 1
    years = Counter(table.year for table in found.values() if table.year)
    templates = [str(layout.raw.get(key) or "") for key in ("annex_heading", "document_title")]
    templates += [str(part.get("heading") or "") for part in layout.parts()]
    for template in templates:
        if "{department}" not in template and "{year}" not in template:
            continue
        pattern = layout_pattern(template)
        for page in pages:
            for line in page.lines:
                match = pattern.fullmatch(squash(line.text))
                if not match:
                    continue
                groups = match.groupdict()
                if groups.get("department") and not names:
                    names[groups["department"]] += 1
                if groups.get("year") and not years:
                    years[groups["year"]] += 1
    department = names.most_common(1)[0][0] if names else None
    year = years.most_common(1)[0][0] if years else None
    return department, year


def _labelled(text: str, label: str) -> str | None:
    """`编制部门：上海市… 单位：元` → `上海市…` for the label 编制部门."""
    match = re.search(re.escape(label) + r"\s*[:：]\s*(\S+)", text)
    return clean(match.group(1)) if match else None


def printed_unit(table: Found) -> str | None:
    for line in table.head:
        match = UNIT_LINE.search(line.text)
        if match:
            return match.group(1)
    return None


# ---------------------------------------------------------------------------------------------------
# The glossary


SENTENCE_END = ("。", "；", "：", "，", ";", ":", ",", ".")


def glossary(pages: list[Page], layout: Layout, problems: Problems) -> list[dict[str, str]] | None:
    """The glossary part: found by its heading (the last line printing it: a table of contents comes
    before the part), its entries by the layout's `glossary_number` (else `section_number`), each
    `term：definition`. The part ends at a heading-like line (short, without a sentence's end), a page
    with a table, or the end of the document. None (and a report) when it cannot be placed."""
    part = next((part for part in layout.parts() if part.get("key") == "glossary"), None)
    if part is None:
        return None
    heading = fill(part.get("heading", ""))
    wanted = {squash(strip_ordinal(heading)), squash(str(part.get("title", ""))),
              squash(str(part.get("label", "")) + heading)} - {""}
    start = None
    for page_index, page in enumerate(pages):
        for line_index, line in enumerate(page.lines):
            if squash(line.text) in wanted or strip_ordinal(squash(line.text)) in wanted:
                start = (page_index, line_index)
    if start is None:
        problems.add(None, "the glossary's heading is printed nowhere: `glossary` left out")
        return None
    template = str(layout.raw.get("glossary_number") or layout.raw.get("section_number") or "{number}、")
    before, _, after = template.partition("{number}")
    entry_start = re.compile(re.escape(squash(before)) + r"[一二三四五六七八九十百\d]+" + re.escape(squash(after)))
    texts = _glossary_texts(pages, start, entry_start)
    entries = []
    for text in texts:
        term, colon, definition = re.split(r"([：:])", text[_prefix_length(text, entry_start):], maxsplit=1) \
            if re.search(r"[：:]", text) else (text, "", "")
        if not colon or not term.strip() or not definition.strip():
            problems.add(None, f"glossary entry `{text[:30]}…` is not `term：definition`: `glossary` left out")
            return None
        entries.append({"term": term.strip(), "definition": definition.strip()})
    if not entries:
        problems.add(None, "the glossary's heading is printed, but no numbered entry under it: `glossary` left out")
        return None
    return entries


def _glossary_texts(pages: list[Page], start: tuple[int, int], entry_start: re.Pattern[str]) -> list[str]:
    """The glossary's entries as printed, each one text: lines after the heading, a line that starts
    with an entry number starts an entry, the others continue it, until a heading-like line."""
    texts: list[str] = []
    for page_index in range(start[0], len(pages)):
        page = pages[page_index]
        if page_index > start[0] and page.grids:
            break
        for line in page.lines[start[1] + 1:] if page_index == start[0] else page.lines:
            text = clean(line.text)
            if entry_start.match(squash(text)):
                texts.append(text)
            elif texts and (len(text) > 25 or text.endswith(SENTENCE_END) or not texts[-1].endswith("。")):
                texts[-1] += text
            else:
                return texts
    return texts


def _prefix_length(text: str, pattern: re.Pattern[str]) -> int:
    """How many characters of the printed text the entry number takes (the pattern is over squashed
    text, so spaces inside the number are counted too)."""
    for end in range(1, len(text) + 1):
        if pattern.fullmatch(squash(text[:end])):
            return end
    return 0


# ---------------------------------------------------------------------------------------------------
# The whole import


@dataclass
class Imported:
    layout: Layout
    data: dict[str, Any]
    sources: dict[str, dict[str, Any]]
    problems: Problems
    complete: bool
    omitted: list[str]


def import_pdf(path: Path, layout_name: str | None = None, folders: tuple[Path, ...] = ()) -> Imported:
    """Read a disclosure PDF into budget file data. BadInput when it cannot be imported at all."""
    pages = read_pdf(path)
    if layout_name:
        try:
            layout = load_layout(layout_name, folders)
        except LayoutError as error:
            raise BadInput(str(error)) from None
    else:
        layout = recognise(pages, folders)
    problems = Problems()
    found = locate(pages, layout, problems)
    if not found:
        raise BadInput(f"{path} prints none of the table titles of layout {layout.name} "
                       f"(e.g. {_example_title(layout)}): it is not a disclosure of that layout")
    department, year = department_and_year(pages, layout, found)
    units = Counter(unit for table in found.values() if (unit := printed_unit(table)))
    file_unit = units.most_common(1)[0][0] if units else layout.amount_unit
    data: dict[str, Any] = {"budgetlint": 1, "layout": layout.name}
    if year:
        data["fiscal_year"] = int(year)
    else:
        problems.add(None, "the fiscal year is printed in no table title or heading: `fiscal_year` left out")
    data["amount_unit"] = file_unit
    if department:
        data["department"] = {"name": department}
    else:
        problems.add(None, "the department's name is printed on no header line, cover or heading: "
                           "`department` left out")
    tables: dict[str, Any] = {}
    sources: dict[str, dict[str, Any]] = {}
    for key, spec in layout.tables.items():
        table_found = found.get(key)
        if table_found is None:
            problems.add(None, f"{layout.titled(key)}: its title ({_example_title(layout, spec, year)}) is printed "
                               f"on no page: not imported")
            continue
        table = import_table(layout, table_found, problems)
        if not table.complete and not problems.messages:
            problems.add(table_found.page, f"{spec.label}: not imported completely")
        tables[key] = printed_fields(layout, table_found, table.data, file_unit, department)
        for where, figure in table.sources.items():
            sources[_doc_path(("tables", key, *where))] = {"page": figure.page, "table": spec.label,
                                                          "row": figure.row, "column": figure.column}
    # Whether the import is complete is a matter of the tables (and the year and department): the
    # narrative is never imported, and the glossary is reported apart.
    complete = not problems.messages
    omitted = ["narrative", "department.duties", "department.composition"]
    terms = glossary(pages, layout, problems)
    if terms is not None:
        data["glossary"] = terms
    else:
        omitted.append("glossary")
    data["tables"] = tables
    return Imported(layout, data, sources, problems, complete, omitted)


def printed_fields(layout: Layout, found: Found, data: dict[str, Any], file_unit: str,
                   department: str | None) -> dict[str, Any]:
    """A table's data with what its header and foot print: its unit where it is not the file's, the
    department where its header line names another, its note."""
    spec = found.spec
    unit = printed_unit(found) or spec.unit or layout.amount_unit
    out = {"amount_unit": unit, **data} if unit != file_unit else dict(data)
    label = str(layout.raw.get("department_line_label") or "")
    names = [name for line in found.head if label and (name := _labelled(line.text, label))]
    if names and department and names[0] != department:
        out["department_name"] = names[0]
    if found.notes:
        out["note"] = "\n".join(found.notes)
    return out


def import_table(layout: Layout, found: Found, problems: Problems) -> Table:
    if not found.grids:
        problems.add(found.page, f"{found.spec.label}: no table is printed under its title: not imported")
        return Table(complete=False)
    if found.spec.shape == "summary":
        return import_summary(layout, found, problems)
    if found.spec.shape == "fiscal_summary":
        return import_fiscal_summary(layout, found, problems)
    if found.spec.shape == "grid":
        return import_grid(found, problems)
    problems.add(found.page, f"{found.spec.label}: tables of the shape {found.spec.shape} are not imported yet")
    return Table(complete=False)


def _example_title(layout: Layout, spec: TableSpec | None = None, year: str | None = None) -> str:
    """A table's title line as the layout prints it (`2025年部门财务收支预算总表`), for messages."""
    spec = spec or next(iter(layout.tables.values()))
    template = spec.raw.get("heading") or layout.raw.get("table_heading") or "{title}"
    return fill(template, title=spec.title, number=spec.number, label=spec.label, **({"year": year} if year else {}))


def _doc_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


# ---------------------------------------------------------------------------------------------------
# Writing the budget file


_PLAIN_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|[,\[\]{}:#?]|\s$|[\n\t]""")
_YAML_WORDS = re.compile(r"^(?:y|n|yes|no|true|false|on|off|null|~|[-+.0-9_:eE]+)$", re.IGNORECASE)


def scalar(value: Any, quote: bool = False) -> str:
    """A value as YAML text: figures as written numbers, text plain where that is safe, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    if quote or not text or _PLAIN_UNSAFE.search(text) or _YAML_WORDS.match(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _flat(value: Any) -> bool:
    """Written on one line: a mapping of figures and short texts (and of such mappings), no lists."""
    if isinstance(value, dict):
        return all(_flat(item) for item in value.values())
    return not isinstance(value, list) and "\n" not in str(value) and len(str(value)) <= 60


def _scalars(value: dict[str, Any]) -> bool:
    return all(not isinstance(item, (dict, list)) for item in value.values())


def flow(value: dict[str, Any]) -> str:
    parts = []
    for key, item in value.items():
        text = flow(item) if isinstance(item, dict) else scalar(item, quote=key in ("code", "unit", "gov_code"))
        parts.append(f"{key}: {text}")
    return "{" + ", ".join(parts) + "}"


def write_yaml(value: dict[str, Any], indent: int = 0) -> Iterator[str]:
    """The lines of a budget file: a row per line as a flow mapping (one changed budget line is one
    changed text line in git), mappings of figures on one line, text as block scalars."""
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, dict) and item and _flat(item) and _scalars(item) and indent >= 4:
            yield f"{pad}{key}: {flow(item)}"
        elif isinstance(item, dict):
            yield f"{pad}{key}:" if item else f"{pad}{key}: {{}}"
            yield from write_yaml(item, indent + 2)
        elif isinstance(item, list):
            if not item:
                yield f"{pad}{key}: []"
                continue
            yield f"{pad}{key}:"
            one_line = all(isinstance(element, dict) and _flat(element) for element in item)  # one style a list
            for element in item:
                if isinstance(element, dict) and one_line:
                    yield f"{pad}  - {flow(element)}"
                elif isinstance(element, dict):
                    inner = list(write_yaml(element, indent + 4))
                    yield f"{pad}  - {inner[0].lstrip()}"
                    yield from inner[1:]
                else:
                    yield f"{pad}  - {scalar(element)}"
        elif isinstance(item, str) and "\n" in item:
            yield f"{pad}{key}: |-"
            for text_line in item.split("\n"):
                yield f"{pad}  {text_line}" if text_line else ""
        else:
            yield f"{pad}{key}: {scalar(item)}"


def budget_text(imported: Imported, source: Path) -> str:
    """The budget file: a comment saying where it came from and what it leaves out, then the data."""
    header = [f"# Imported by `budgetlint import` from {source.name} (layout {imported.layout.name}):",
              "# every table figure as printed, blank cells left out, names as printed.",
              f"# Not imported (add them by hand): {', '.join(imported.omitted)}."]
    if not imported.complete:
        header.append("# INCOMPLETE: what could not be placed was reported when importing.")
    return "\n".join([*header, *write_yaml(imported.data)]) + "\n"


def write_output(output: Path, text: str, force: bool) -> None:
    """Write the file whole (a temporary file renamed into place), never over an existing one unless
    `force`. BadInput when it cannot be written."""
    if output.is_dir():
        raise BadInput(f"{output} is a folder; name the budget file to write")
    if output.exists() and not force:
        raise BadInput(f"{output} exists; use --force to overwrite it")
    folder = output.parent if str(output.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        mask = os.umask(0)  # mkstemp makes the file private; the budget file gets the usual mode
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        if not force and output.exists():  # appeared while the PDF was read
            os.unlink(temporary)
            raise BadInput(f"{output} exists; use --force to overwrite it")
        os.replace(temporary, output)
    except OSError as error:
        raise BadInput(f"cannot write {output}: {error.strerror or error}") from None


def write_source_map(output: Path, sources: dict[str, dict[str, Any]], pdf: Path) -> None:
    """`budgetlint-import.json` beside the output: for each imported file, each figure's document path →
    page, table, row and column in the PDF. Entries of other files in the same folder are kept."""
    target = output.parent / SOURCE_MAP_NAME
    try:
        existing = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    except (OSError, ValueError):
        existing = {}
    if not isinstance(existing, dict):
        existing = {}
    existing[output.name] = {"pdf": str(pdf), "figures": sources}
    try:
        target.write_text(json.dumps(existing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise BadInput(f"cannot write {target}: {error.strerror or error}") from None


# ---------------------------------------------------------------------------------------------------
# The command


def _say(text: str) -> None:
    """A line on standard error, in the console's encoding (`?` for what it cannot show)."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    click.echo(text.encode(encoding, "replace").decode(encoding), err=True)


def _layout_folders() -> tuple[Path, ...]:
    """The repository's own layout folders (budgetlint.toml), searched before the packaged ones."""
    from .config import ConfigError, find_config, load_config
    from .lint import RULES_BY_ID

    try:
        return load_config(find_config(Path.cwd()), set(RULES_BY_ID)).layout_folders
    except ConfigError as error:
        raise BadInput(str(error)) from None


# ---------------------------------------------------------------------------------------------------
# A workbook written by `budgetlint export --format xlsx`


WORKBOOK_SUFFIXES = (".xlsx",)
# What a workbook does not carry, and the imported file so lacks (said in its first lines and the report).
WORKBOOK_OMITS = ("narrative", "glossary", "department.duties", "department.composition", "waivers")


def workbook_text(read: ReadBack, source: Path) -> str:
    """The budget file read back from a workbook: a comment saying where it came from and what a
    workbook does not carry, then the data."""
    header = [f"# Imported by `budgetlint import` from the workbook {source.name} (layout {read.layout.name}):",
              "# every table as the workbook shows it; amounts to the cent its cells show.",
              f"# Not in a workbook (add them from the budget file): {', '.join(WORKBOOK_OMITS)}."]
    return "\n".join([*header, *write_yaml(read.data)]) + "\n"


def import_workbook(file: Path, target: Path, layout_name: str | None, force: bool) -> ReadBack:
    """Read a workbook back and write its budget file (BadInput when it cannot be read: nothing written)."""
    from .workbook import WorkbookError, read_workbook

    try:
        read = read_workbook(file, _layout_folders())
    except WorkbookError as error:
        raise BadInput(str(error)) from None
    if layout_name and layout_name != read.layout.name:
        raise BadInput(f"{file} is a workbook of layout {read.layout.name}, not {layout_name}")
    write_output(target, workbook_text(read, file), force)
    return read


# ---------------------------------------------------------------------------------------------------
# The command


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--layout", "layout_name", default=None, metavar="NAME",
              help="The document's layout [default: recognised from the table titles it prints; a workbook "
                   "says its own].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The budget file to write [default: FILE's name with .yaml, in the current folder].")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--source-map/--no-source-map", default=True, show_default=True,
              help=f"Write {SOURCE_MAP_NAME} beside the output: where each figure is printed in the PDF.")
def import_command(file: Path, layout_name: str | None, output: Path | None, force: bool, source_map: bool) -> None:
    """Import a published disclosure (PDF), or a workbook written by `budgetlint export --format xlsx`
    (FILE.xlsx, edited in Excel), into a budget file of its layout.

    Every table of the layout, figures exactly as printed (a workbook: to the cent its cells show).
    Exit code 0: every table imported completely; 1: the file is written, but something could not be
    placed (reported on stderr with its page); 2: nothing written (not a PDF, encrypted, no text layer,
    no layout fits, a workbook of another shape, the output exists without --force).
    """
    started = time.perf_counter()
    target = output if output is not None else Path(file.with_suffix(".yaml").name)
    read: ReadBack | None = None
    try:
        if not file.is_file():
            raise BadInput(f"no such file: {file}")
        if target.exists() and not force:
            raise BadInput(f"{target} exists; use --force to overwrite it")
        if target.resolve() == file.resolve():
            raise BadInput(f"-o {target} is the input file; choose another output file")
        if file.suffix.lower() in WORKBOOK_SUFFIXES:
            read = import_workbook(file, target, layout_name, force)
        else:
            imported = import_pdf(file, layout_name, _layout_folders())
            write_output(target, budget_text(imported, file), force)
            if source_map:
                write_source_map(target, imported.sources, file)
    except BadInput as error:
        _say(f"budgetlint import: {error}")
        sys.exit(EXIT_BAD_INPUT)
    except Exception as error:  # noqa: BLE001 - no traceback reaches the user; nothing was written
        _say(f"budgetlint import: internal error ({type(error).__name__}: {error}); nothing was written. "
             f"Please report this with the {'workbook' if file.suffix.lower() in WORKBOOK_SUFFIXES else 'PDF'}.")
        sys.exit(EXIT_BAD_INPUT)
    if read is not None:
        _say(f"{target}: {len(read.data['tables'])} of {len(read.layout.tables)} tables, {read.figures()} figures "
             f"read back from {file} (layout {read.layout.name}) in {time.perf_counter() - started:.1f} s")
        _say(f"not in a workbook (add from the budget file): {', '.join(WORKBOOK_OMITS)}")
        sys.exit(EXIT_COMPLETE)
    for message in imported.problems.messages:
        _say(f"{file}: {message}")
    figures = len(imported.sources)
    tables = len(imported.data.get("tables", {}))
    _say(f"{target}: {tables} of {len(imported.layout.tables)} tables, {figures} figures imported from {file} "
         f"(layout {imported.layout.name}) in {time.perf_counter() - started:.1f} s")
    _say(f"not imported (add by hand): {', '.join(imported.omitted)}")
    sys.exit(EXIT_COMPLETE if imported.complete else EXIT_INCOMPLETE)
