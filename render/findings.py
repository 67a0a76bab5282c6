"""Findings in the rendered disclosure: each finding of `budgetlint check` put on the cell it is about.

A finding's document path (`tables.fiscal_summary.expenditure.rows[6].general_budget`) is the path of a
cell of the laid-out disclosure: render.layout gives every cell the path of the value it shows and of
its row. A finding about a whole row, or about a field the form does not print (the 类 code of a row of
预算01表), goes on the first cell of its row. The others (a sentence of the narrative, the year of the
code lists) are listed at the top of the page with their place.

Each finding gets a number in the page: the marker on its cell, and its entry in the list under its
table. Places are said in the layout's own words (table label, row, column), never as document paths.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from budgetlint.config import Config
from budgetlint.findings import ERROR, WARNING, DocPath, Finding, format_path, parse_path
from budgetlint.lint import check_file_in_layout
from budgetlint.messages import EN, in_language

from .grid import expand, width_of
from .layout import Cell, Disclosure, Grid, Note, TableBlock

WHOLE_FILE = "全文"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}
ROW_WORDS = 2  # a row is named by its code and its name: an indicator's long explanation would drown it
ROW_LABEL_LENGTH = 60


def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


def _parts(path: str) -> DocPath:
    try:
        return parse_path(path)
    except ValueError:  # not a document path (a finding about the whole file has "")
        return ()


def _ancestors(path: str) -> list[str]:
    """`a.b[3].c` → ['a.b[3]', 'a.b', 'a'] (nearest first)."""
    parts = _parts(path)
    return [format_path(parts[:end]) for end in range(len(parts) - 1, 0, -1)]


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


@dataclass
class _Place:
    block: TableBlock
    grid: Grid
    cell: Cell


class Places:
    """Where each document path is shown in a laid-out disclosure, and how to say it in its words."""

    def __init__(self, disclosure: Disclosure) -> None:
        self.disclosure = disclosure
        self.by_path: dict[str, _Place] = {}
        self.by_row: dict[str, _Place] = {}
        # Per grid, worked out once when a cell of it is described: each cell's column, each row's words.
        self._columns: dict[int, dict[int, str]] = {}
        self._rows: dict[int, dict[str, str]] = {}
        for block in disclosure.tables:
            for grid in block.grids:
                for row in grid.body:
                    for cell in row:
                        # The first cell that shows a path, or belongs to a row, is where it is marked.
                        if cell.path:
                            self.by_path.setdefault(cell.path, _Place(block, grid, cell))
                        if cell.row:
                            self.by_row.setdefault(cell.row, _Place(block, grid, cell))

    def cell_of(self, path: str) -> _Place | None:
        """The cell a finding at `path` is marked on: the cell that shows it, else the first cell of the
        nearest row above it (`rows[3].code` where the form prints no code; `rows[3]` itself)."""
        if not path.startswith("tables."):
            return None
        if path in self.by_path:
            return self.by_path[path]
        for above in [path] + _ancestors(path):
            if above in self.by_row:
                return self.by_row[above]
        return None

    def describe(self, path: str, line: int = 0) -> tuple[str, str]:
        """(the place of `path` in the layout's words, the id of the page element it is in or "")."""
        place = self.cell_of(path)
        if place is not None:
            return self.cell_place(place), ""
        for block in self.disclosure.tables:
            if _under(path, f"tables.{block.key}"):
                return f"{block.label} {block.heading}", f"table-{block.number}"
        for part in self.disclosure.parts:
            headings = [item.lead.rstrip("：") or item.text for item in part.blocks
                        if item.path and (item.kind != "p" or item.lead) and _under(path, item.path)]
            if headings:
                return " ".join([part.title or f"{part.label} {part.heading}".strip(), *headings]), f"part-{part.key}"
        parts = _parts(path)
        if parts[:1] == ("waivers",) and len(parts) > 1 and isinstance(parts[1], int):  # W001–W006
            where = f"豁免清单第 {parts[1] + 1} 条"
        else:
            where = WHOLE_FILE
        return (f"{where}（文件第 {line} 行）" if line else where), ""


    def cell_place(self, place: _Place) -> str:
        """`预算04表 行：（七）文化体育旅游与传媒支出 列：支出 一般公共预算 小计`: the table, the row by the
        first two things it prints in words (its code and name), the column by its header."""
        grid = place.grid
        if id(grid) not in self._rows:
            self._rows[id(grid)] = _row_words(grid)
            self._columns[id(grid)] = _column_labels(grid)
        words = [place.block.label]
        row = self._rows[id(grid)].get(place.cell.row, "")
        if row:
            words.append("行：" + (row if len(row) <= ROW_LABEL_LENGTH else row[:ROW_LABEL_LENGTH] + "…"))
        column = self._columns[id(grid)].get(id(place.cell), "")
        if column:
            words.append("列：" + column)
        return " ".join(words)


def _row_words(grid: Grid) -> dict[str, str]:
    """Each row's words: its first label cells (a code printed in 3 cells is one), by the row's path."""
    pieces: dict[str, dict[str, str]] = {}
    for row in grid.body:
        for cell in row:
            if cell.row and cell.kind not in ("amount", "target", "head") and cell.text.strip():
                words = pieces.setdefault(cell.row, {})
                key = cell.path or str(id(cell))
                if key in words or len(words) < ROW_WORDS:
                    words[key] = words.get(key, "") + cell.text
    return {row: " ".join(" ".join(piece.split()) for piece in words.values()) for row, words in pieces.items()}


def _column_labels(grid: Grid) -> dict[int, str]:
    """The header label of each cell's column, by the cell (a spanned cell: its first column)."""
    if not grid.header:
        return {}
    return {id(cell): grid.columns[index] for row in expand(grid.body, width_of(grid))
            for index, cell in enumerate(row) if index < len(grid.columns)}


def annotate(disclosure: Disclosure, findings: list[Finding], language: str = EN) -> list[Note]:
    """Put the findings on the disclosure: each on its cell (and in its table's list) or in the list at
    the top, its message in `language`. Returns every note, in the order of their numbers: the top list
    first, then table by table."""
    places = Places(disclosure)
    disclosure.checked = True
    on_cell: dict[int, list[Finding]] = {}
    elsewhere: list[Finding] = []
    for finding in findings:
        place = places.cell_of(finding.path)
        if place is None:
            elsewhere.append(finding)
        else:
            on_cell.setdefault(id(place.cell), []).append(finding)
    notes: list[Note] = []

    def note(finding: Finding, place: str, anchor: str = "") -> Note:
        made = Note(len(notes) + 1, finding.severity, finding.rule, finding.rule_name,
                    in_language(finding.message, language), place, finding.path, anchor, finding.line)
        notes.append(made)
        return made

    for finding in elsewhere:
        disclosure.notes.append(note(finding, *places.describe(finding.path, finding.line)))
    for block in disclosure.tables:
        for grid in block.grids:
            for row in grid.body:
                for cell in row:
                    for finding in on_cell.get(id(cell), []):
                        made = note(finding, places.cell_place(_Place(block, grid, cell)))
                        made.anchor = f"cell-{(cell.notes or [made])[0].number}"  # the cell's id: its first
                        cell.notes.append(made)
                        block.notes.append(made)
    return notes


# ---------------------------------------------------------------- waived findings


@dataclass(frozen=True)
class Waived:
    """A finding that a waiver of the file accepts, with the waiver's reason and expiry."""

    finding: Finding
    reason: str
    expires: str  # "" when the waiver gives no date


def checked_with_waived(path: Path, config: Config,
                        today: datetime.date | None = None) -> tuple[list[Finding], list[Waived]]:
    """The findings of a file, as `check` gives them, and those its waivers accept, each with the
    waiver's reason and expiry: one run of the linter, which knows which waiver accepted what."""
    accepted: list[tuple[Finding, str, str]] = []
    findings = check_file_in_layout(path, config, today, waived=accepted)[0]
    return findings, [Waived(finding, reason, expires) for finding, reason, expires in accepted]
