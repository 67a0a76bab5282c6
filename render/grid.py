"""Spanned cells to a plain matrix (for output formats without rowspan/colspan, such as Markdown)."""

from __future__ import annotations

from .layout import Cell, Grid


def expand(rows: list[list[Cell]], width: int) -> list[list[Cell]]:
    """Every row as `width` cells: a spanned cell's text in its top-left position, blanks elsewhere."""
    taken: set[tuple[int, int]] = set()
    matrix: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out = [Cell("", "blank") for _ in range(width)]
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if c < width:
                out[c] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        matrix.append(out)
    return matrix


def width_of(grid: Grid) -> int:
    widths = [sum(cell.colspan for cell in row) for row in grid.header[:1] + grid.body[:1]]
    return max([len(grid.columns)] + widths)


def numeric_columns(grid: Grid, matrix: list[list[Cell]]) -> list[bool]:
    """Columns that hold amounts (right-aligned)."""
    width = width_of(grid)
    return [any(row[i].kind == "amount" for row in matrix if i < len(row)) for i in range(width)]
