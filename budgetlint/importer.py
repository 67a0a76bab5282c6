"""`budgetlint import FILE.pdf`: a published disclosure read into a budget file of its layout.

The PDF's text layer is read with pdfplumber: each page's tables with `find_tables()` (cell texts and
the boxes of merged header cells), and the text outside the tables as lines. Everything the import
knows about the document comes from the layout (docs/layouts.md): which tables there are, the line
printed above each (`table_heading` with {year} and {title}), the header tree whose `amount:` leaves
are the columns, the fixed rows of the two-sided tables, the totals label, the footers, the parts'
headings and sections and their numbering for the texts (the narrative, the department's duties and
composition). No code here names a province, a table number or a printed title, so a new layout is
imported without new code.

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

import itertools
import json
import logging
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .help import BudgetlintCommand
from .layout import Layout, LayoutError, TableSpec, fill, known_layouts, load_layout
from .messages import say, tr

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
# A note printed under a table starts with this mark (注：本部门无…, 注:…).
NOTE_MARK = re.compile(r"(?:备)?注\s*[:：]")
# Labels of a department printed on a cover, besides the layout's own `department_line_label`.
COVER_LABELS = ("预算主管部门", "预算单位", "部门名称", "单位名称")


class BadInput(Exception):
    """The input cannot be imported at all: exit code 2, with this message."""


def squash(text: str) -> str:
    """A printed text reduced for comparison (never written to the file)."""
    return _DROP.sub("", text).translate(_SQUASH)


def clean(text: str) -> str:
    """A printed cell as written to the file: the PDF's line breaks (and the spaces around them) taken
    out; spaces inside a line are the PDF's space characters and stay."""
    return "".join(text.splitlines()).strip()


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
    x0: float = 0.0  # where its first printed (not blank) character starts
    x1: float = 0.0  # where its last printed character ends
    size: float = 0.0  # the font size most of its characters are printed in
    raw: str = ""  # its characters only: a space where the PDF has a space character, not for a gap


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
    height: float = 0.0


def read_pdf(path: Path) -> list[Page]:
    """Every page's lines and tables. BadInput when the file is not a readable PDF with a text layer."""
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise BadInput(tr("cli.cannot_read", path=path, error=error.strerror or error)) from None
    if b"%PDF-" not in head:
        raise BadInput(tr("cli.import.not_pdf", path=path))
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
            raise BadInput(tr("cli.import.encrypted", path=path)) from None
        raise BadInput(tr("cli.import.unreadable_pdf", path=path, error=f"{type(cause).__name__}: {cause}")) from None
    if not pages:
        raise BadInput(tr("cli.import.no_pages", path=path))
    if not any(page.lines or page.grids for page in pages):
        raise BadInput(tr("cli.import.no_text", path=path))
    return pages


# Radicals that a PDF's text layer gives for the ideograph printed: a font that draws 门 and ⻔ (U+2ED4)
# with one glyph maps it back to either (Chromium's PDFs do, with Noto CJK). Kangxi radicals
# (U+2F00–U+2FD5) are mapped by NFKC; these are Unicode's EquivalentUnifiedIdeograph.txt for the CJK
# Radicals Supplement, as pairs. Neither block is ever a character of a budget text.
_RADICAL_PAIRS = ("⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡"
                  "⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗"
                  "⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶"
                  "⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤"
                  "⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟")
RADICALS = {ord(_RADICAL_PAIRS[index]): _RADICAL_PAIRS[index + 1] for index in range(0, len(_RADICAL_PAIRS), 2)}
RADICALS.update({code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)})
# Ideographs that Noto CJK SC draws with the glyph of another, so a PDF printed with it (Chromium's)
# says 戶 where 户 is printed: of the 6,763 characters of GB 2312 printed that way and read back, these
# two came back as another character (戶 by way of the Kangxi radical ⼾). Neither is used in a
# simplified-Chinese budget.
_SHARED_GLYPHS = {"戶": "户", "㬵": "胶"}
RADICALS = {code: _SHARED_GLYPHS.get(text, text) for code, text in RADICALS.items()}
RADICALS.update({ord(variant): text for variant, text in _SHARED_GLYPHS.items()})


def _read_page(page: Any, number: int) -> Page:
    grids = []
    boxes = []
    # Characters outside the page are not printed (a spreadsheet cell's overflow text, placed above
    # the page); the others are read as the ideographs they show.
    box = page.bbox
    page = page.filter(lambda obj: obj.get("object_type") != "char" or _on_page(obj, box))
    for char in page.chars:
        char["text"] = char["text"].translate(RADICALS)
    finder = page.debug_tablefinder()
    closing = _cut_cell_floors(finder, page.chars)
    if closing:
        finder = page.debug_tablefinder({"explicit_horizontal_lines": closing})
    for table in finder.tables:
        # a space where the PDF prints a space character, not where characters stand apart (justified
        # text in a narrow cell: 因 公 出 国 is 因公出国)
        rows = table.extract(x_tolerance=page.width, keep_blank_chars=True)
        if not rows:
            continue
        spans = [[(cell[0], cell[2]) if cell is not None else None for cell in row.cells] for row in table.rows]
        texts = [[text if text is not None else "" for text in row] for row in rows]
        x0, top, x1, bottom = table.bbox
        boxes.append((x0, top, x1, bottom))
        grids.append(Grid(number, top, bottom, texts, spans))
    chars = [char for char in page.chars if not _inside(char, boxes)]
    return Page(number, text_lines(chars), sorted(grids, key=lambda grid: grid.top), float(page.height))


def _cut_cell_floors(finder: Any, chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines that close the merged cells a page break cuts, for pdfplumber to find them as cells.

    A merged cell whose rows go on on the next page (预算12表's 一级指标 in Chromium's PDF) is printed
    without a line under it: its side lines run down to the table's last line, which closes the other
    columns, but not it, so pdfplumber finds no cell there and its label is lost. Only the table that
    ends the page (nothing printed under it) is closed, and only where its last line closes other
    columns: a row cut in two by the page (no last line at all) stays unread as before.
    """
    if not finder.tables:
        return []
    x0, _, x1, bottom = max((table.bbox for table in finder.tables), key=lambda box: box[3])
    if any(char["top"] > bottom and char["text"].strip() for char in chars):
        return []
    tolerance = 1.0  # points: the edges are already snapped together by pdfplumber
    sides = sorted({edge["x0"] for edge in finder.edges if edge["orientation"] == "v"
                    and x0 - tolerance <= edge["x0"] <= x1 + tolerance
                    and edge["top"] < bottom - tolerance <= edge["bottom"]})
    floor = [(edge["x0"], edge["x1"]) for edge in finder.edges
             if edge["orientation"] == "h" and abs(edge["top"] - bottom) <= tolerance]
    if not floor:
        return []
    return [{"object_type": "line", "x0": left, "x1": right, "top": bottom, "bottom": bottom,
             "width": right - left, "height": 0.0}
            for left, right in itertools.pairwise(sides)
            if not any(start <= (left + right) / 2 <= end for start, end in floor)]


def _on_page(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return bool(char["top"] >= top - 1 and char["bottom"] <= bottom + 1 and char["x1"] >= x0 and char["x0"] <= x1)


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
        printed = [char for char in line if char["text"].strip()]
        if printed:
            # the size and top most of its characters have (digits may be set lower or larger)
            size = Counter(round(float(char.get("size", 0.0)), 1) for char in printed).most_common(1)[0][0]
            top = Counter(round(float(char["top"]), 1) for char in printed).most_common(1)[0][0]
            bottom = max(float(char["bottom"]) for char in printed if round(float(char["top"]), 1) == top)
            out.append(Line(top, bottom, text.strip(), printed[0]["x0"], printed[-1]["x1"], size,
                            "".join(char["text"] for char in line).strip()))
    return out


# ---------------------------------------------------------------------------------------------------
# Where the layout's tables are printed


@dataclass
class Problems:
    """What could not be placed, each with its page: printed on stderr, and exit code 1."""

    messages: list[str] = field(default_factory=list)

    def add(self, page: int | None, message: str) -> None:
        self.messages.append(tr("cli.import.on_page", page=page, message=message) if page else message)


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
        events += [(line.top, 2, line) for line in page.lines if NOTE_MARK.match(line.raw)]
        for top, kind, item in sorted(events, key=lambda event: (event[0], event[1])):
            if kind == 0:
                line, key, match = item
                if key in found and found[key] is not current:
                    problems.add(page.number, tr("cli.import.title_again", table=layout.titled(key)))
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
                # a form and its indicators (部门整体绩效目标表) are grids of different widths
                if current.grids and grid.width != current.grids[0].width and current.spec.shape != "department_performance":
                    aligned = realign(grid, current.grids[0]) if grid.width < current.grids[0].width else None
                    if aligned is not None:
                        current.grids.append(aligned)
                        continue
                    problems.add(page.number, tr("cli.import.stray_table", width=grid.width,
                                                 table=layout.titled(current.spec.key),
                                                 table_width=current.grids[0].width))
                    current = None
                    continue
                current.grids.append(grid)
            elif current is not None and current.grids:
                current.notes.append(note_text(page, item))
    for found_table in found.values():
        first = found_table.grids[0].top if found_table.grids else float("inf")
        found_table.head = [line for line in found_table.head if line.top < first]
    return found


def note_text(page: Page, first: Line) -> str:
    """A note under a table: its first line and the lines it wraps onto (the line above reaches the
    right edge of the page's widest line, the line below follows at the note's line spacing)."""
    right = max(line.x1 for line in page.lines)
    lines = [line for line in page.lines if line.top >= first.top]
    text = first.raw
    for above, below in itertools.pairwise(lines):
        if above.x1 < right - above.size or below.top - above.top > 2 * (above.bottom - above.top) \
                or NOTE_MARK.match(below.raw):
            break
        text += below.raw
    return text


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
    """A leaf of a layout's header tree: an amount column, a target column (a project's indicators), or
    a label column whose cell is a field of a data row (`row:`) and/or of a unit's line (`unit:`).
    `part` joins several cells into one code (类 | 款 | 项); `lookup: unit_name` prints a unit's name for
    the unit code the row holds."""

    path: tuple[str, ...]  # labels from the top of the tree to the leaf, `{fund}` filled in
    role: str  # amount | target | label
    column: tuple[str, ...] = ()
    part: int | None = None
    row: str = ""  # the data row's field the cell prints
    unit: str = ""  # the unit line's field the cell prints
    lookup: str = ""
    target: str = ""  # cost | output | …: the kind of target; `field` its name or value
    field: str = ""

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
        elif "amount" in node:
            out.append(Leaf(path, "amount", tuple(str(node["amount"]).split("."))))
        elif node.get("target"):
            out.append(Leaf(path, "target", target=str(node["target"]), field=str(node.get("field", "name"))))
        else:
            part = node.get("part")
            out.append(Leaf(path, "label", part=int(part) if part is not None else None, row=str(node.get("row") or ""),
                            unit=str(node.get("unit") or ""), lookup=str(node.get("lookup") or "")))
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
                    problems.add(grid.page, tr("cli.import.stray_row", label=found.spec.label,
                                               cells=" | ".join(clean(cell) for cell in row)))
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
            problems.add(row.page, tr("cli.import.not_a_figure", label=label, row=row.number, text=clean(text),
                                      column=".".join(column)))
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


@dataclass
class Units:
    """What the document prints of its budget units, for the lines that print a unit by its code or its
    name only: the codes printed where only a unit's code can stand (a column of unit codes), and
    for each name the code of the unit lines and of the rows that are units (预算02表 lists each budget
    unit under its department). `pending` are the fields to fill from them once every table is read."""

    codes: set[str] = field(default_factory=set)
    lines: dict[str, str] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[dict[str, Any], str, str, bool, int, str]] = field(default_factory=list)

    def resolve(self, problems: Problems) -> None:
        """Fill each unit code the table printed as a name (its line's kind decides which code first)."""
        for target, key, name, is_row, page, label in self.pending:
            order = (self.rows, self.lines) if is_row else (self.lines, self.rows)
            code = next((codes[name] for codes in order if name in codes), None)
            if code is not None:
                target[key] = code  # in the place the field was printed
            else:
                target.pop(key, None)
                problems.add(page, tr("cli.import.unit_without_code", label=label, name=name))
        self.pending.clear()


def unit_codes(found: dict[str, Found]) -> set[str]:
    """The codes printed in the columns that hold only a unit's code (a row's `unit`, a unit line's code
    where rows print nothing there)."""
    codes: set[str] = set()
    for table in found.values():
        tree = leaves(table.spec.raw.get("header"), table.spec)
        width = len(tree)
        wanted = [index for index, leaf in enumerate(tree)
                  if leaf.role == "label" and (leaf.row == "unit" or (leaf.unit == "unit" and not leaf.row)) and not leaf.lookup]
        for grid in table.grids if width and wanted and table.spec.shape == "grid" else []:
            for row in grid.rows:
                for start in range(0, len(row) - width + 1, width):
                    codes.update(text for index in wanted if (text := squash(row[start + index])).isdigit())
    return codes


def import_grid(found: Found, problems: Problems, units: Units | None = None) -> Table:
    """A grid table: rows by code (类/款/项 cells joined), the 合计 row as `totals`, footer lines as
    `footer`, a table without label cells (the 三公 table) as its one row of `totals`. A unit's line
    (a subtotal over the rows under it: `unit:` fields in the header) starts a unit; the lines under a
    row that print only targets are that row's targets. A table printed as two blocks side by side (a
    决算's 基本支出表) is read left block first."""
    units = units if units is not None else Units()
    spec = found.spec
    label = spec.label
    table = Table()
    tree = leaves(spec.raw.get("header"), spec)
    if not tree:
        problems.add(found.page, tr("cli.import.no_header", label=label))
        table.complete = False
        return table
    width = len(tree)
    grid_width = found.grids[0].width if found.grids else width
    blocks = grid_width // width if grid_width % width == 0 else 0
    if blocks == 0:
        problems.add(found.page, tr("cli.import.width", label=label, printed=grid_width, width=width))
        table.complete = False
        return table
    totals_label = squash(str(spec.raw.get("totals_label", "合计") or ""))
    footers = {squash(str(line.get("label", ""))): tuple(str(line["amount"]).split("."))
               for line in spec.raw.get("footer") or [] if isinstance(line, dict) and "amount" in line}
    labels = {name for name in (totals_label, *footers) if name}
    label_positions = {block * width + index for block in range(blocks)
                       for index, leaf in enumerate(tree) if leaf.role == "label"}
    header_rows, body = split_rows(found, labels, label_positions, problems)
    places = amount_columns(spec, tree, found.grids[0], header_rows) if found.grids else None
    if places is None:
        problems.add(found.page, tr("cli.import.header_mismatch", label=label,
                                    columns=", ".join(".".join(leaf.column) for leaf in tree if leaf.role == "amount")))
        table.complete = False
        return table
    columns = {index: leaf.column for index, leaf in places.items()}
    splits = {str(key): [int(part) for part in value] for key, value in (spec.raw.get("code_split") or {}).items()
              if isinstance(value, list)}
    lines: list[list[Any]] = []
    for row in body:
        for block in range(blocks):
            cells = row.cells[block * width:(block + 1) * width]
            if any(cell.strip() for cell in cells):
                lines.append([row, block, cells, *classify(cells, tree, totals_label, footers, splits, units.codes)])
    for position, line in enumerate(lines):
        if line[3] == "either":  # a line printing fields of a unit and of a row alike: a unit over the rows
            as_row, as_unit = line[4]  # whose code continues its code (151 over 151001)
            code = as_unit.get("unit", "")
            below = next((other for other in lines[position + 1:] if other[1] == line[1]), None)
            after = below[4][1].get("unit", "") if below is not None and below[3] == "either" else ""
            line[3:] = ["unit", as_unit] if code and after.startswith(code) and after != code else ["row", as_row]
    rows_by_block: list[list[Entry]] = [[] for _ in range(blocks)]
    unit_lines: list[tuple[Entry, list[Entry]]] = []
    current: list[Entry] | None = None
    last: Entry | None = None
    totals: Entry | None = None
    totals_first = False  # a 决算 prints 合计 above the rows, a 预算 under them: kept as printed
    footer = Entry({})
    for row, block, cells, kind, value in lines:
        entry = Entry({})
        if kind in ("row", "data", "unit"):
            entry.data = {key: item for key, item in value.items() if key != "targets"} if value else {}
            table.complete &= read_amounts(row, cells, columns, entry, label, problems)
            if value and value.get("targets"):
                entry.data["targets"] = value["targets"]
            # a unit printed by its name only: its code comes from the tables that print both
            if kind == "unit" and "unit" not in entry.data and entry.data.get("name"):
                entry.data = {"unit": None, **entry.data}
                units.pending.append((entry.data, "unit", str(entry.data["name"]), False, row.page, label))
            for leaf in tree if kind != "unit" else ():
                if leaf.lookup == "unit_name" and leaf.row and entry.data.get(leaf.row):
                    units.pending.append((entry.data, leaf.row, str(entry.data[leaf.row]), True, row.page, label))
                    entry.data[leaf.row] = None
            if kind == "unit":
                unit_lines.append((entry, []))
                current = unit_lines[-1][1]
            else:
                (current if current is not None else rows_by_block[block]).append(entry)
                last = entry
        elif kind == "targets" and last is not None:
            for target, found_targets in value.items():
                last.data.setdefault("targets", {}).setdefault(target, []).extend(found_targets)
        elif kind == "totals" and totals is None:
            table.complete &= read_amounts(row, cells, columns, entry, label, problems)
            totals = entry
            totals_first = not any(rows_by_block) and not unit_lines
        elif kind == "footer":
            first = min(columns, default=None)
            if first is not None:
                table.complete &= read_amounts(row, cells, {first: footers[value]}, footer, label, problems)
        else:
            why = value if kind == "bad" else (say("cli.import.targets_under_no_row") if kind == "targets"
                                               else say("cli.import.second_totals"))
            problems.add(row.page, tr("cli.import.line_does_not_fit", label=label, row=row.number,
                                      cells=" | ".join(clean(cell) for cell in cells), why=why))
            table.complete = False
    rows = [entry for block_rows in rows_by_block for entry in block_rows]
    labelled = any(leaf.role == "label" for leaf in tree)
    if not labelled:
        totals, rows = _single_row(found, rows, totals, problems, table)
        totals_first = True
    parts: list[tuple[str, Any]] = []
    if totals is not None and totals.data:
        parts.append(("totals", totals))
    body_parts: list[tuple[str, Any]] = []
    # an empty table is written as the layout prints its lines: by unit where the header has unit lines
    by_unit = unit_lines or (not rows and any(leaf.unit for leaf in tree))
    if by_unit:
        body_parts.append(("units", unit_lines))
    if labelled and (rows or not by_unit):
        body_parts.append(("rows", rows))
    parts = parts + body_parts if totals_first else body_parts + parts
    if footer.data:
        parts.append(("footer", footer))
    for name, part in parts:
        if isinstance(part, Entry):
            table.data[name] = part.data
            table.put((name,), part)
        elif name == "units":
            table.data[name] = []
            for index, (unit, unit_rows) in enumerate(part):
                unit.data["rows"] = [entry.data for entry in unit_rows]  # the same mapping: a unit's code
                table.data[name].append(unit.data)  # printed elsewhere is filled in later
                table.put((name, index), unit)
                for position, entry in enumerate(unit_rows):
                    table.put((name, index, "rows", position), entry)
        else:
            table.data[name] = [entry.data for entry in part]
            for index, entry in enumerate(part):
                table.put((name, index), entry)
    return table


def _single_row(found: Found, rows: list[Entry], totals: Entry | None, problems: Problems,
                table: Table) -> tuple[Entry | None, list[Entry]]:
    """A table without label cells prints one row of figures: it is the table's `totals`."""
    if totals is None and rows:
        totals, rows = rows[0], rows[1:]
    for entry in rows:
        row = next(iter(entry.sources.values()), None)
        problems.add(row.page if row else found.page, tr("cli.import.second_row", label=found.spec.label))
        table.complete = False
    return totals, []


def classify(cells: list[str], tree: list[Leaf], totals_label: str, footers: dict[str, tuple[str, ...]],
             splits: dict[str, list[int]], unit_codes: set[str]) -> tuple[str, Any]:
    """What a line of a grid is: ("totals", None), ("footer", label), ("unit", its fields), ("row", its
    fields), ("either", (as a row, as a unit)) where every label cell prints a field of both, ("targets",
    targets) for a line printing only a row's targets, ("data", {}) for a row of figures in a table
    without label cells, or ("bad", why).

    A unit's line prints a cell that only a unit's line prints, or none of the cells only a row prints;
    where each cell prints a row's field and a unit's field alike, a code printed in a column of unit
    codes elsewhere is a unit's."""
    labels = [(leaf, clean(cells[index])) for index, leaf in enumerate(tree) if leaf.role == "label" and index < len(cells)]
    squashed = [squash(text) for _, text in labels]
    if totals_label and totals_label in squashed:
        return "totals", None
    for text in squashed:
        if text in footers:
            return "footer", text
    targets = targets_of(cells, tree)
    figures = any(is_amount(cells[index]) for index, leaf in enumerate(tree) if leaf.role == "amount" and index < len(cells))
    if not labels:
        return ("data", {}) if figures else ("bad", say("cli.import.no_figures"))
    if not any(text for _, text in labels):
        return ("targets", targets) if targets and not figures else ("bad", say("cli.import.no_code"))
    row_only = [text for leaf, text in labels if leaf.row and not leaf.unit]
    unit_only = [text for leaf, text in labels if leaf.unit and not leaf.row]
    unit_fields = {leaf.unit: text for leaf, text in labels if leaf.unit and text}
    if any(unit_only) or (row_only and not any(row_only)):
        return "unit", unit_fields
    fields = row_fields(labels, splits)
    if isinstance(fields, str):
        return "bad", fields
    if targets:
        fields["targets"] = targets
    if not row_only and unit_fields:
        if all(leaf.row == leaf.unit for leaf, text in labels if text):
            return "either", (fields, unit_fields)
        if unit_fields.get("unit") in unit_codes:
            return "unit", unit_fields
    return "row", fields


def row_fields(labels: list[tuple[Leaf, str]], splits: dict[str, list[int]]) -> dict[str, Any] | str:
    """A data row's fields from its label cells: a code printed in parts joined (`201 | 03 | 01` →
    2010301, each part as long as `code_split` says); why not, when the cells are no code."""
    out: dict[str, Any] = {}
    pieces: dict[str, list[tuple[int, str]]] = {}
    for leaf, text in labels:
        if not leaf.row:
            continue
        if leaf.part is not None:
            out.setdefault(leaf.row, None)  # the code's place among the fields: where it is printed
            pieces.setdefault(leaf.row, []).append((leaf.part, squash(text)))
        elif text:
            out[leaf.row] = text
    for name, parts in pieces.items():
        texts = [text for _, text in sorted(parts)]
        filled = [text for text in texts if text]
        lengths = splits.get(name, [])
        if not filled:
            return say("cli.import.no_code")
        if (texts[:len(filled)] != filled or not all(text.isdigit() for text in filled)
                or any(position < len(lengths) and len(text) != lengths[position] for position, text in enumerate(filled))):
            return say("cli.import.code_cells", cells=" | ".join(texts))
        out[name] = "".join(filled)
    return out


def targets_of(cells: list[str], tree: list[Leaf]) -> dict[str, list[dict[str, str]]]:
    """The targets a line prints: for each kind, its name and value when either is printed."""
    found: dict[str, dict[str, str]] = {}
    for index, leaf in enumerate(tree):
        if leaf.role == "target" and index < len(cells) and (text := clean(cells[index])):
            found.setdefault(leaf.target, {})[leaf.field] = text
    return {kind: [entry] for kind, entry in found.items()}


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
    previous: tuple[dict[str, Any], Entry] | None = None
    for row in body:
        left = clean(row.cells[columns.revenue_label])
        if left:
            source = next((item for item in revenue_rows
                           if squash(str(item.get("name", ""))) == squash(strip_ordinal(left))), None)
            fiscal = str(previous[0].get("fiscal") or spec.raw.get("fiscal_label") or "") if previous else ""
            if previous is not None and fiscal and squash(left) == squash(fiscal):
                # 其中：财政拨款 printed as a line of its own under its row: that row's `fiscal`
                places: dict[int, tuple[str, ...]] = {index: ("fiscal",) for index in columns.revenue}
                table.complete &= read_amounts(row, row.cells, places, previous[1], spec.label, problems)
            elif source is not None:
                entry = Entry({"source": source["source"], **({"of": source["of"]} if "of" in source else {}),
                               "name": strip_ordinal(left)})
                table.complete &= read_amounts(row, row.cells, columns.revenue, entry, spec.label, problems)
                revenue.append(entry)
                previous = (source, entry)
            elif squash(left) in revenue_close:
                table.complete &= _closing(table, row, columns.revenue, revenue_close[squash(left)], spec, problems)
            else:
                table.complete = False
                problems.add(row.page, tr("cli.import.revenue_not_row", label=spec.label, row=row.number, line=left))
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
                problems.add(row.page, tr("cli.import.expenditure_not_class", label=spec.label, row=row.number,
                                          line=right))
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
        problems.add(found.page, tr("cli.import.width", label=found.spec.label, printed=width, width=columns.width))
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
    after += [spec.raw[key] for key in ("expenditure_first", "expenditure_last", "expenditure_total")
              if isinstance(spec.raw.get(key), dict)]
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
                problems.add(row.page, tr("cli.import.revenue_not_line", label=spec.label, row=row.number,
                                          line=left))
            else:
                next_line = position + 1
                column = tuple(str(lines[position].get("amount", "total")).split("."))
                table.complete &= read_amounts(row, row.cells, {revenue_place: column}, revenue, spec.label,
                                               problems)
        right = clean(row.cells[columns.expenditure_label])
        if not right:
            continue
        # the lines around the 类 rows first (一、本年支出 is no 类, though it has the first 类's ordinal)
        code = None if squash(right) in after_fields else match_class(right, classes, fixed)
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
            problems.add(row.page, tr("cli.import.expenditure_not_class", label=spec.label, row=row.number,
                                      line=right))
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
    listing = ", ".join(tr("cli.import.candidate", name=layout.name, found=found, count=len(layout.tables))
                        for _, found, layout in scores if found) or say("cli.import.no_titles")
    names = ", ".join(layout.name for _, _, layout in scores)
    if scores and scores[0][0] >= 0.5 and len(scores) > 1 and scores[1][0] == scores[0][0]:
        raise BadInput(tr("cli.import.ambiguous", listing=listing))
    if not scores or scores[0][0] < 0.5:
        raise BadInput(tr("cli.import.unrecognised", listing=listing, names=names))
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
        problems.add(None, tr("cli.import.no_glossary"))
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
            problems.add(None, tr("cli.import.bad_glossary_entry", text=text[:30]))
            return None
        entries.append({"term": term.strip(), "definition": definition.strip()})
    if not entries:
        problems.add(None, tr("cli.import.empty_glossary"))
        return None
    return entries


def _glossary_texts(pages: list[Page], start: tuple[int, int], entry_start: re.Pattern[str]) -> list[str]:
    """The glossary's entries as printed, each one text: lines after the heading, a line that starts
    with an entry number starts an entry, the others continue it, until a heading-like line (short
    and without a sentence's end, or printed larger than the entries)."""
    texts: list[str] = []
    size = 0.0  # of the entries' lines: a line printed larger is a heading (the tables' annex)
    for page_index in range(start[0], len(pages)):
        page = pages[page_index]
        if page_index > start[0] and page.grids:
            break
        for line in page.lines[start[1] + 1:] if page_index == start[0] else page.lines:
            text = clean(line.raw)
            if size and line.size > size + 0.4:
                return texts
            if entry_start.match(squash(text)):
                texts.append(text)
                size = size or line.size
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
# The texts: the department's duties and composition, the narrative


# A page number printed alone under the text (`3`, `- 3 -`): not part of the text.
PAGE_NUMBER = re.compile(r"[-—–－\s]*\d{1,4}[-—–－\s]*")
# The leader dots and page number after a title in a table of contents.
LEADERS = re.compile(r"(?:[.．…⋯·]{2,}|…)[.．…⋯·\s]*\d*\s*$")
# The numbers of parts and sections: 一、 （三） 十一、 (the layouts' `{number}`).
NUMERAL = "[一二三四五六七八九十百]+"
TITLE_LENGTH = 40  # characters: a longer line is text, never a heading


@dataclass
class Piece:
    """A line of running text, or a table printed among the texts, in reading order."""

    page: Page
    line: Line | None = None
    grid: Grid | None = None


@dataclass
class Heading:
    """A heading printed among the texts: flow[start:end] are its lines (a long one wraps)."""

    start: int
    end: int
    text: str
    display: bool  # printed larger than the text; else a numbered line of the text's size


def text_flow(pages: list[Page]) -> list[Piece]:
    """Every page's lines outside tables and its tables, in reading order, without what is no text: a
    page number under the text, and the lines at the top of a page that repeat the last lines of the
    page before (a spreadsheet cell's overflow: printed once, twice in the text layer)."""
    flow: list[Piece] = []
    before: list[str] = []
    for page in pages:
        lines = list(page.lines)
        if lines and PAGE_NUMBER.fullmatch(lines[-1].raw) and lines[-1].top > 0.8 * page.height:
            lines.pop()
        texts = [line.raw for line in lines]
        repeated = max((count for count in range(2, min(len(texts), len(before)) + 1)
                        if texts[:count] == before[-count:]), default=0)
        before = texts
        items = [(line.top, Piece(page, line=line)) for line in lines[repeated:]]
        items += [(grid.top, Piece(page, grid=grid)) for grid in page.grids]
        flow += [piece for _, piece in sorted(items, key=lambda item: item[0])]
    return flow


def body_size(flow: list[Piece]) -> float:
    """The size most of the text is printed in."""
    sizes: Counter[float] = Counter()
    for piece in flow:
        if piece.line is not None:
            sizes[piece.line.size] += len(piece.line.raw)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# A paragraph ends with a sentence: its last line ends so (a closing quote or bracket may follow).
PARAGRAPH_END = re.compile(r"[。；：！？!?;:][”’」』）)]*$")


class Margins:
    """Where the lines of the text start and end on each page, to tell a line that wraps from a line
    that ends its paragraph, and a paragraph's first line (indented) from the lines under it."""

    def __init__(self, flow: list[Piece], body: float) -> None:
        self.right: dict[int, float] = {}
        self.left: dict[int, float] = {}
        counts: Counter[int] = Counter()
        above: Line | None = None
        for piece in flow:
            line = piece.line
            if line is None or abs(line.size - body) > 0.4:
                above = None
                continue
            number = piece.page.number
            counts[number] += 1
            self.right[number] = max(self.right.get(number, line.x1), line.x1)
            # the margin is where a line starts that continues the sentence of the line above (a
            # paragraph's first line may be indented, a heading may start further out)
            if above is not None and not PARAGRAPH_END.search(above.raw) and line.top > above.top:
                self.left[number] = min(self.left.get(number, line.x0), line.x0)
            above = line
        # a page with a line or two (a table's head), or only short lines, does not show where the
        # text's lines end: the usual right margin of the document's pages of text does
        rights = sorted(right for number, right in self.right.items() if counts[number] >= 3)
        usual = rights[len(rights) // 2] if rights else 0.0
        self.right = {number: max(right, usual) if counts[number] >= 3 else usual for number, right in self.right.items()}
        self.usual = usual
        lefts = sorted(self.left.values())
        self.usual_left = lefts[len(lefts) // 2] if lefts else 0.0

    def short(self, piece: Piece) -> float:
        """How many characters of its size the line ends before the right margin."""
        assert piece.line is not None
        right = self.right.get(piece.page.number, self.usual)
        return (right - piece.line.x1) / (piece.line.size or 1)

    def indented(self, piece: Piece, above: Piece) -> bool:
        """The line is a paragraph's first line by its indent: it starts further in than the line above,
        or as far in as the line above where that one is a first line (indented from the margin)."""
        assert piece.line is not None and above.line is not None
        size = piece.line.size
        if piece.line.x0 > above.line.x0 + 0.8 * size:
            return True
        left = self.left.get(piece.page.number, self.usual_left)
        return abs(piece.line.x0 - above.line.x0) < 0.3 * size and piece.line.x0 > left + 0.8 * size

    def width(self, piece: Piece) -> float:
        """The width of the text, in characters of the line's size."""
        assert piece.line is not None
        number = piece.page.number
        return (self.right.get(number, self.usual) - self.left.get(number, self.usual_left)) / (piece.line.size or 1)



def paragraphs(pieces: list[Piece], margins: Margins) -> list[str]:
    """The paragraphs of a run of text, each one string: a line that wraps is joined to the next (the
    spaces the PDF prints inside a line are kept, an indent is not). A line starts a paragraph when it
    is indented, when it stands apart from the line above by more than the usual line spacing, or when
    the line above ends a sentence a character or more short of the margin (a line that ends short in
    the middle of a sentence wraps early: a figure or a bracket did not fit), or ends a third of the
    line short. A table among the texts gives a paragraph per row, its cells joined by ` | `."""
    lines = [piece for piece in pieces if piece.line is not None]
    # the usual line spacing: the most common distance between two lines (to the point), the smallest
    # of equals (between paragraphs the distances vary, within them they repeat)
    steps = Counter(round(after.line.top - before.line.top) for before, after in itertools.pairwise(lines)  # type: ignore[union-attr]
                    if after.page is before.page and after.line.top > before.line.top)  # type: ignore[union-attr]
    spacing = float(min(steps, key=lambda step: (-steps[step], step))) if steps else 0.0
    out: list[str] = []
    previous: Piece | None = None
    for piece in pieces:
        if piece.grid is not None:
            rows = [[clean(cell) for cell in row] for row in piece.grid.rows]
            out += [" | ".join(row).rstrip(" |") for row in rows if any(row)]
            previous = None
            continue
        assert piece.line is not None
        text = piece.line.raw.strip()
        starts = previous is None or previous.line is None or margins.indented(piece, previous)
        if previous is not None and previous.line is not None and not starts:
            short = margins.short(previous)
            starts = (short >= 0.9 and bool(PARAGRAPH_END.search(previous.line.raw.strip()))) \
                or short > margins.width(previous) / 3
            if previous.page is piece.page and spacing:
                starts = starts or piece.line.top - previous.line.top > 1.5 * spacing
        if starts or not out:
            out.append(text)
        else:
            out[-1] += text
        previous = piece
    return [paragraph for paragraph in out if paragraph]


def headings(flow: list[Piece], body: float, margins: Margins) -> list[Heading]:
    """The lines that may be headings: lines printed larger than the text (a heading that wraps is
    one, as far as the next line does not start with a number), and short lines of the text's size
    that start with a number and end their paragraph (一、收入支出决算总体情况说明)."""
    out: list[Heading] = []
    index = 0
    while index < len(flow):
        line = flow[index].line
        if line is None:
            index += 1
            continue
        if line.size > body + 0.4:
            end, text = index + 1, line.raw
            while end < len(flow):
                below = flow[end].line
                above = flow[end - 1].line
                if (below is None or above is None or flow[end].page is not flow[index].page
                        or abs(below.size - line.size) > 0.2 or below.top - above.top > 2 * line.size
                        or len(text + below.raw) > TITLE_LENGTH or ORDINAL.match(squash(below.raw))):
                    break
                text += below.raw
                end += 1
            out.append(Heading(index, end, text, True))
            index = end
            continue
        if (len(line.raw) <= TITLE_LENGTH and re.match(f"[（(]?{NUMERAL}[、）)]", squash(line.raw))
                and margins.short(flow[index]) > 2):
            out.append(Heading(index, index + 1, line.raw, False))
        index += 1
    return out


def bare(text: str, department: str | None) -> str:
    """A heading reduced for comparing it with a title: squashed, without its number, the department's
    name, the brackets and the leader dots of a table of contents."""
    text = LEADERS.sub("", text)
    text = strip_ordinal(squash(text))
    if department:
        text = text.replace(squash(department), "")
    return re.sub(r"[()]", "", text)


def same_title(heading: str, title: str, department: str | None) -> bool:
    """A printed heading is the title when one ends with the other: headings add the department or the
    year in front (`2025年部门预算编制说明` for 部门预算编制说明) or leave a word out (`上海市普陀区财政局主要
    职能` for 部门主要职能)."""
    printed, wanted = bare(heading, department), bare(title, department)
    return bool(printed and wanted) and (printed.endswith(wanted) or (len(printed) >= 4 and wanted.endswith(printed)))


def numbered(text: str, template: str) -> tuple[str, str] | None:
    """(number, title) of a heading printed with the layout's numbering (`{number}、` → 四、…)."""
    before, _, after = template.partition("{number}")
    pattern = re.escape(squash(before)) + f"({NUMERAL})" + re.escape(squash(after))
    match = re.match(pattern, squash(text))
    if not match:
        return None
    return match.group(1), clean(LEADERS.sub("", text[_prefix_length(text, re.compile(pattern)):]))


@dataclass
class Texts:
    """What the import read of the texts: department fields, the narrative, and what it could not place."""

    department: dict[str, str] = field(default_factory=dict)
    narrative: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def import_texts(pages: list[Page], layout: Layout, department: str | None, year: str | None) -> Texts:
    """The department's texts (the overview part's sections with a `field`) and the narrative, placed
    by the headings the layout gives: its parts' headings, its sections' titles and its numbering.

    A part whose heading is not printed (Shanghai prints each section of the 编制说明 and 其他相关情况说明
    under its own heading) has as sections the titles its table of contents numbers (`六、其他相关情况
    说明`) that no other part, section or table has, each read under the heading that prints it."""
    texts = Texts()
    flow = text_flow(pages)
    body = body_size(flow)
    margins = Margins(flow, body)
    heads = headings(flow, body, margins)
    names = {"department": department or "", "year": year or ""}
    parts = {str(part.get("key")): part for part in layout.parts()}

    def part_heading(part: dict[str, Any]) -> Heading | None:
        label = squash(str(part.get("label") or ""))
        pattern = layout_pattern(fill(part.get("heading", ""), **names))
        hits = [head for head in heads if head.display and any(
            pattern.fullmatch(text) for text in {squash(head.text), strip_ordinal(squash(head.text)),
                                                 squash(head.text).removeprefix(label) if label else ""} if text)]
        return hits[-1] if hits else None  # a table of contents prints it first

    starts = {key: head for key, part in parts.items() if (head := part_heading(part)) is not None}
    patterns = [heading_pattern(layout, spec) for spec in layout.tables.values()]
    annex = layout_pattern(fill(layout.raw.get("annex_heading") or "", **names))
    # where a part ends: the next part's heading, a table's title, the heading over the tables
    boundaries = {head.start for head in starts.values()}
    boundaries |= {index for index, piece in enumerate(flow) if piece.line is not None and (
        any(pattern.fullmatch(squash(piece.line.text)) for pattern in patterns)
        or annex.fullmatch(squash(piece.line.text)))}
    # where a text ends: also any heading printed larger than the text
    stops = boundaries | {head.start for head in heads if head.display}
    taken: set[int] = {head.start for head in starts.values()}

    # The overview part's sections: the department's duties and composition.
    overview = parts.get("overview") or {}
    first = starts["overview"].end if "overview" in starts else 0
    region = range(first, min((index for index in boundaries if index >= first), default=len(flow))) \
        if "overview" in starts else range(len(flow))
    section_number = str(layout.raw.get("section_number") or "{number}、")
    for section in overview.get("sections") or []:
        if not isinstance(section, dict) or not section.get("field"):
            continue
        hits = [head for head in heads if head.start in region and (head.display or numbered(head.text, section_number))
                and same_title(head.text, str(section.get("title", "")), department)]
        text = paragraphs(run(flow, hits[-1].end, stops), margins) if hits else []
        if text:
            taken.add(hits[-1].start)
            texts.department[str(section["field"])] = "\n\n".join(text)
        else:
            texts.missing.append(f"department.{section['field']}")
    if "narrative" in parts:
        if "narrative" in starts:
            first = starts["narrative"].end
            end = min((index for index in boundaries if index >= first), default=len(flow))
            texts.narrative = numbered_sections(flow, [head for head in heads if first <= head.start < end],
                                                end, stops, layout, margins)
        else:
            texts.narrative = listed_sections(flow, heads, stops, taken, layout, parts, department, margins)
        if not texts.narrative:
            texts.missing.append("narrative")
    return texts


def run(flow: list[Piece], start: int, stops: set[int]) -> list[Piece]:
    """The pieces from `start` to the next stop (a heading, a table's title)."""
    return flow[start:min((index for index in stops if index >= start), default=len(flow))]


def numbered_sections(flow: list[Piece], heads: list[Heading], end: int, stops: set[int], layout: Layout,
                      margins: Margins) -> list[dict[str, Any]]:
    """The sections of a part, by the layout's `section_number` and `subsection_number` (一、…, （一）…).
    Where the part prints its headings larger than the text, only those are headings; where both
    numberings are the same, a section's heading is printed larger than a subsection's."""
    section_number = str(layout.raw.get("section_number") or "{number}、")
    subsection_number = str(layout.raw.get("subsection_number") or section_number)
    marked = [head for head in heads if numbered(head.text, section_number) or numbered(head.text, subsection_number)]
    if any(head.display for head in marked):
        marked = [head for head in marked if head.display]
    sizes = {head.start: flow[head.start].line.size for head in marked}  # type: ignore[union-attr]
    top = max(sizes.values(), default=0.0)
    sections: list[dict[str, Any]] = []
    for position, head in enumerate(marked):
        stop = marked[position + 1].start if position + 1 < len(marked) else end
        same = squash(section_number) == squash(subsection_number)
        level = 1 if (sizes[head.start] >= top if same else numbered(head.text, section_number)) else 2
        number, title = numbered(head.text, section_number if level == 1 else subsection_number) or ("", head.text)
        entry: dict[str, Any] = {"number": number, "title": title}
        text = paragraphs(run(flow, head.end, stops | {stop}), margins)
        if text:
            entry["text"] = "\n\n".join(text)
        if level == 1 or not sections:
            sections.append(entry)
        else:
            sections[-1].setdefault("subsections", []).append(entry)
    return sections


def listed_sections(flow: list[Piece], heads: list[Heading], stops: set[int], taken: set[int], layout: Layout,
                    parts: dict[str, dict[str, Any]], department: str | None, margins: Margins) -> list[dict[str, Any]]:
    """A narrative printed without its part's heading: the titles numbered with `section_number` (in a
    table of contents, a line or a cell) that no other part, section or the tables' annex has, each
    read under the last heading printed larger than the text that has its title; its subsections by
    `subsection_number`."""
    section_number = str(layout.raw.get("section_number") or "{number}、")
    others = [str(section.get("title", "")) for section in (parts.get("overview") or {}).get("sections") or []
              if isinstance(section, dict)]
    others += [str(part.get(key) or "") for part in parts.values() if part.get("key") != "narrative"
               for key in ("title", "heading")]
    others.append(str(layout.raw.get("annex_heading") or ""))
    texts = [piece.line.raw for piece in flow if piece.line is not None]
    texts += [cell for piece in flow if piece.grid is not None for row in piece.grid.rows for cell in row]
    listed = dict.fromkeys(pair for text in texts if (pair := numbered(text, section_number))
                           and not any(same_title(pair[1], other, department) for other in others if "{" not in other))
    found: dict[int, tuple[Heading, str, str]] = {}
    for number, title in listed:
        hits = [head for head in heads if head.display and head.start not in taken and head.start in stops
                and same_title(head.text, title, department)]
        if hits:
            found.setdefault(hits[-1].start, (hits[-1], number, title))
    subsection_number = str(layout.raw.get("subsection_number") or section_number)
    sections = []
    for _, (head, number, title) in sorted(found.items()):
        end = min((index for index in stops if index >= head.end), default=len(flow))
        inner = [other for other in heads if head.end <= other.start < end and numbered(other.text, subsection_number)]
        entry: dict[str, Any] = {"number": number, "title": title}
        text = paragraphs(flow[head.end:inner[0].start if inner else end], margins)
        if text:
            entry["text"] = "\n\n".join(text)
        for position, sub in enumerate(inner):
            stop = inner[position + 1].start if position + 1 < len(inner) else end
            sub_number, sub_title = numbered(sub.text, subsection_number) or ("", sub.text)
            subsection: dict[str, Any] = {"number": sub_number, "title": sub_title}
            sub_text = paragraphs(flow[sub.end:stop], margins)
            if sub_text:
                subsection["text"] = "\n\n".join(sub_text)
            entry.setdefault("subsections", []).append(subsection)
        sections.append(entry)
    return sections


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
        raise BadInput(tr("cli.import.no_title_of_layout", path=path, layout=layout.name,
                          example=_example_title(layout)))
    department, year = department_and_year(pages, layout, found)
    units = Counter(unit for table in found.values() if (unit := printed_unit(table)))
    file_unit = units.most_common(1)[0][0] if units else layout.amount_unit
    data: dict[str, Any] = {"budgetlint": 1, "layout": layout.name}
    if year:
        data["fiscal_year"] = int(year)
    else:
        problems.add(None, tr("cli.import.no_year"))
    data["amount_unit"] = file_unit
    if department:
        data["department"] = {"name": department}
    else:
        problems.add(None, tr("cli.import.no_department"))
    tables: dict[str, Any] = {}
    sources: dict[str, dict[str, Any]] = {}
    known = Units(unit_codes(found))
    for key, spec in layout.tables.items():
        table_found = found.get(key)
        if table_found is None:
            problems.add(None, tr("cli.import.title_missing", table=layout.titled(key),
                                  title=_example_title(layout, spec, year)))
            continue
        table = import_table(layout, table_found, problems, known)
        if not table.complete and not problems.messages:
            problems.add(table_found.page, tr("cli.import.incomplete", label=spec.label))
        tables[key] = printed_fields(layout, table_found, table.data, file_unit, department)
        for where, figure in table.sources.items():
            sources[_doc_path(("tables", key, *where))] = {"page": figure.page, "table": spec.label,
                                                          "row": figure.row, "column": figure.column}
    if known.pending:
        unit_names(layout, tables, known)
        known.resolve(problems)
    # Whether the import is complete is a matter of the tables (and the year and department): the
    # texts the import cannot place are reported apart, as not imported.
    complete = not problems.messages
    texts = import_texts(pages, layout, department, year)
    omitted = list(texts.missing)
    if texts.department:
        data.setdefault("department", {}).update(texts.department)
    if texts.narrative:
        data["narrative"] = texts.narrative
    terms = glossary(pages, layout, problems)
    if terms is not None:
        data["glossary"] = terms
    else:
        omitted.append("glossary")
    # the department's fields the layout says the disclosure prints, where no table or heading gives
    # them (Henan's 部门代码, 行政区划代码 and its units with their kind)
    omitted += [f"department.{name}" for name in layout.raw.get("required_department_fields") or []
                if name not in data.get("department", {})]
    data["tables"] = tables
    return Imported(layout, data, sources, problems, complete, omitted)


def unit_names(layout: Layout, tables: dict[str, Any], units: Units) -> None:
    """The code printed beside each unit's name: on unit lines, and on the rows of a table whose rows
    are units (a row's `unit` printed as a code)."""
    for key, table in tables.items():
        spec = layout.tables[key]
        lines = [unit for unit in table.get("units") or [] if isinstance(unit, dict)]
        for unit in lines:
            if unit.get("unit") and unit.get("name"):
                units.lines.setdefault(str(unit["name"]), str(unit["unit"]))
        if any(leaf.row == "unit" and not leaf.lookup for leaf in leaves(spec.raw.get("header"), spec)):
            for row in [*(table.get("rows") or []), *(row for unit in lines for row in unit.get("rows") or [])]:
                if isinstance(row, dict) and row.get("unit") and row.get("name"):
                    units.rows.setdefault(str(row["name"]), str(row["unit"]))


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


def import_table(layout: Layout, found: Found, problems: Problems, units: Units | None = None) -> Table:
    if not found.grids:
        problems.add(found.page, tr("cli.import.no_table_under_title", label=found.spec.label))
        return Table(complete=False)
    if found.spec.shape == "summary":
        return import_summary(layout, found, problems)
    if found.spec.shape == "fiscal_summary":
        return import_fiscal_summary(layout, found, problems)
    if found.spec.shape == "grid":
        return import_grid(found, problems, units)
    if found.spec.shape == "department_performance":
        return import_performance_form(found, problems)
    problems.add(found.page, tr("cli.import.shape_not_supported", label=found.spec.label, shape=found.spec.shape))
    return Table(complete=False)


def import_performance_form(found: Found, problems: Problems) -> Table:
    """A 部门整体绩效目标表: the form (the layout's `form` labels: the department's name, the annual goal,
    the tasks under their column headings, the budget lines with their figures) and the indicators
    (the grid of the header's `row:` columns; a blank cell of a `merge:` column under the same cells
    to its left is the merged cell above)."""
    spec = found.spec
    table = Table()
    form = spec.raw.get("form") or {}
    tree = leaves(spec.raw.get("header"), spec)
    budget_spec = form.get("budget") or {}
    tasks_spec = form.get("tasks") or {}
    lines = {squash(str(line.get("label", ""))): tuple(str(line["amount"]).split("."))
             for line in budget_spec.get("lines") or [] if isinstance(line, dict) and "amount" in line}
    fields = {squash(str(form.get(key) or "")): key for key in ("department_name", "annual_goal") if form.get(key)}
    section = ""
    budget = Entry({})
    tasks: list[dict[str, str]] = []
    indicators: list[dict[str, str]] = []
    header = {squash(leaf.label) for leaf in tree}
    number = 0
    for grid in found.grids:
        indicator_grid = grid.width == len(tree)
        for cells in grid.rows:
            number += 1
            texts = [clean(cell) for cell in cells]
            if not any(texts):
                continue
            if indicator_grid:
                if all(squash(text) in header for text in texts if text):
                    continue  # the indicators' header (repeated on each page)
                indicators.append({leaf.row: text for leaf, text in zip(tree, texts) if leaf.row})
                continue
            first, rest = squash(texts[0]), [text for text in texts[1:] if text]
            if first in fields and rest:
                table.data[fields[first]] = rest[0]
                continue
            if first:
                section = first
            if section == squash(str(tasks_spec.get("label") or "")):
                if [squash(text) for text in rest] != [squash(str(label)) for label in tasks_spec.get("columns") or []]:
                    tasks.append(dict(zip(("name", "content"), rest)))
            elif section == squash(str(budget_spec.get("label") or "")) and rest and squash(rest[0]) in lines:
                places = {len(cells) - 1: lines[squash(rest[0])]}
                table.complete &= read_amounts(Row(grid.page, number, cells), cells, places, budget, spec.label, problems)
            else:
                problems.add(grid.page, tr("cli.import.not_a_form_line", label=spec.label, row=number,
                                           cells=" | ".join(texts)))
                table.complete = False
    if tasks:
        table.data["tasks"] = tasks
    if budget.data:
        table.data["budget"] = budget.data
        table.put(("budget",), budget)
    merged = [leaf.row for leaf in tree if leaf.row and _merged(spec, leaf)]
    for above, row in itertools.pairwise(indicators):
        # a blank cell is the merged cell above while the cells printed to its left are blank too;
        # what is filled in here is not printed (a filled 一级指标 does not end the 二级指标 above)
        printed = dict(row)
        for name in merged:
            if printed.get(name) or any(printed.get(other) for other in merged[:merged.index(name)]):
                break
            if above.get(name):
                row[name] = above[name]
    if indicators and merged and not indicators[0].get(merged[0]):
        problems.add(found.page, tr("cli.import.open_indicator_cell", label=spec.label, field=merged[0]))
        table.complete = False
    elif indicators:
        table.data["indicators"] = [{key: value for key, value in row.items() if value} for row in indicators]
    return table


def _merged(spec: TableSpec, leaf: Leaf) -> bool:
    """Whether the header column of this leaf prints merged cells (`merge: true`)."""
    return any(isinstance(node, dict) and node.get("row") == leaf.row and node.get("merge")
               for node in spec.raw.get("header") or [])


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
              f"# Not imported (add them by hand): {', '.join(imported.omitted)}." if imported.omitted
              else "# Every part of the layout was found; the texts are as printed, line breaks taken out."]
    if not imported.complete:
        header.append("# INCOMPLETE: what could not be placed was reported when importing.")
    return "\n".join([*header, *write_yaml(imported.data)]) + "\n"


def write_output(output: Path, text: str, force: bool) -> None:
    """Write the file whole (a temporary file renamed into place), never over an existing one unless
    `force`. BadInput when it cannot be written."""
    if output.is_dir():
        raise BadInput(tr("cli.import.output_is_folder", output=output))
    if output.exists() and not force:
        raise BadInput(tr("cli.import.output_exists", output=output))
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
            raise BadInput(tr("cli.import.output_exists", output=output))
        os.replace(temporary, output)
    except OSError as error:
        raise BadInput(tr("cli.cannot_write", path=output, error=error.strerror or error)) from None


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
        raise BadInput(tr("cli.cannot_write", path=target, error=error.strerror or error)) from None


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
        raise BadInput(tr("cli.import.other_layout", file=file, layout=read.layout.name, wanted=layout_name))
    write_output(target, workbook_text(read, file), force)
    return read


# ---------------------------------------------------------------------------------------------------
# The command


@click.command("import", cls=BudgetlintCommand)
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

    Every table of the layout, figures exactly as printed (a workbook: to the cent its cells show),
    and from a PDF the narrative, the department's duties and composition and the glossary as printed.
    Exit code 0: every table imported completely; 1: the file is written, but something could not be
    placed (reported on stderr with its page); 2: nothing written (not a PDF, encrypted, no text layer,
    no layout fits, a workbook of another shape, the output exists without --force).
    """
    started = time.perf_counter()
    target = output if output is not None else Path(file.with_suffix(".yaml").name)
    read: ReadBack | None = None
    try:
        if not file.is_file():
            raise BadInput(tr("cli.import.no_such_file", file=file))
        if target.exists() and not force:
            raise BadInput(tr("cli.import.output_exists", output=target))
        if target.resolve() == file.resolve():
            raise BadInput(tr("cli.output_is_input", output=target))
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
        key = "cli.import.internal_workbook" if file.suffix.lower() in WORKBOOK_SUFFIXES else "cli.import.internal_pdf"
        _say("budgetlint import: " + tr(key, error=f"{type(error).__name__}: {error}"))
        sys.exit(EXIT_BAD_INPUT)
    if read is not None:
        _say(tr("cli.import.read_back", target=target, tables=len(read.data["tables"]), count=len(read.layout.tables),
                figures=read.figures(), file=file, layout=read.layout.name,
                seconds=f"{time.perf_counter() - started:.1f}"))
        _say(tr("cli.import.not_in_workbook", omitted=", ".join(WORKBOOK_OMITS)))
        sys.exit(EXIT_COMPLETE)
    for message in imported.problems.messages:
        _say(f"{file}: {message}")
    figures = len(imported.sources)
    tables = len(imported.data.get("tables", {}))
    _say(tr("cli.import.imported", target=target, tables=tables, count=len(imported.layout.tables), figures=figures,
            file=file, layout=imported.layout.name, seconds=f"{time.perf_counter() - started:.1f}"))
    if imported.omitted:
        _say(tr("cli.import.not_imported", omitted=", ".join(imported.omitted)))
    sys.exit(EXIT_COMPLETE if imported.complete else EXIT_INCOMPLETE)
