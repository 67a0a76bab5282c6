"""`budgetlint fill FILE`: write every total and subtotal that the layout derives from its parts.

A clerk edits leaf figures; fill carries the totals. Which figures are derived, and from what, is the
layout's (`tables.derivations`: the sums the A1xx/A2xx rules check); the arithmetic is `tables.gap`, so
a figure the linter accepts (exactly, or within `rounding: rounded`) is left as it is. Figures are worked
out bottom up — rows, then 类/款 rows and units, then 合计 and closing lines — in an order found once from
what each figure is made of, so a loop in the layout's sums is refused rather than iterated.

The file is rewritten with ruamel.yaml's round trip, which keeps comments, key order, quoting and flow
style; before anything is changed the unchanged file must come back from it byte for byte, so the
figures written are the only difference. A file that does not load or fails its layout's schema is not
touched (exit code 2).
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import shutil
import sys
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from .config import ConfigError, find_config, load_config
from .findings import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, DocPath, format_path
from .layout import DEFAULT_LAYOUT, LayoutError, Term, layout_name, load_layout
from .loader import UTF8_BOM, Document, load_file, load_text
from .messages import current_language, in_language, say, tr
from .model import ZERO, Budget, fmt, money
from .report import emit, visible
from .tables import (
    FISCAL_SUMMARY_ORDER,
    SUMMARY_CLOSING,
    Derivation,
    derivations,
    describe_figure,
    gap,
    row_label,
)


class FillError(Exception):
    """A file fill will not write: it does not load, fails its schema, or its sums are ambiguous."""


@dataclass(frozen=True)
class Change:
    """A derived figure that is written: blank before (`old` None) or wrong."""

    path: DocPath
    old: Decimal | None
    new: Decimal
    rule: str


# ---------------------------------------------------------------- which figures change


def plan(budget: Budget) -> list[Change]:
    """The derived figures of a budget that are blank or wrong, with the values they should have.

    A figure none of whose parts is written is left alone (blank stays blank; a stated one is left to
    `budgetlint check`). A blank figure that the layout does not print is not added. Raises FillError
    when the layout's sums form a loop, or when two derivations of one figure disagree.
    """
    by_target: dict[DocPath, list[Derivation]] = {}
    for derivation in derivations(budget):
        by_target.setdefault(derivation.target, []).append(derivation)
    values: dict[DocPath, Decimal | None] = {}

    def value(path: DocPath) -> Decimal | None:
        if path not in values:
            values[path] = money(value_at(budget.data, path))
        return values[path]

    places: dict[str, int] = {}
    changes = []
    for target in bottom_up(by_target):
        stated = value(target)
        sums = [(derivation, present) for derivation in by_target[target]
                if (present := [v for part in derivation.parts if (v := value(part)) is not None])]
        if not sums:
            continue
        if stated is not None and all(gap(budget, stated, present) is None for _, present in sums):
            continue  # right (or within the rounding the file declares)
        if stated is None and not any(derivation.printed for derivation, _ in sums):
            continue
        results = {sum(present, ZERO) for _, present in sums}
        if len(results) > 1:
            ways = tr("cli.separator").join(
                tr("cli.fill.way", amount=fmt(sum(present, ZERO)), rule=derivation.rule,
                   parts=", ".join(format_path(part) for part in derivation.parts[:4]),
                   more=" …" if len(derivation.parts) > 4 else "") for derivation, present in sums)
            raise FillError(tr("cli.fill.two_ways", figure=figure_label(budget, target), path=format_path(target),
                               ways=ways))
        key = str(target[1])
        if key not in places:
            places[key] = table_places(budget, key)
        new = written(results.pop(), places[key])
        values[target] = new
        changes.append(Change(target, stated, new, sums[0][0].rule))
    return changes


def bottom_up(by_target: dict[DocPath, list[Derivation]]) -> list[DocPath]:
    """The derived figures in an order where every figure comes after the derived figures it is made of
    (Kahn's algorithm). Raises FillError for a loop: a figure that is, through its parts, part of itself."""
    waiting = {target: {part for derivation in derivations_ for part in derivation.parts if part in by_target}
               for target, derivations_ in by_target.items()}
    users: dict[DocPath, list[DocPath]] = {}
    for target, parts in waiting.items():
        for part in parts:
            users.setdefault(part, []).append(target)
    left = {target: len(parts) for target, parts in waiting.items()}
    ready = deque(target for target, count in left.items() if count == 0)
    order = []
    while ready:
        target = ready.popleft()
        order.append(target)
        for user in users.get(target, ()):
            left[user] -= 1
            if left[user] == 0:
                ready.append(user)
    if len(order) < len(by_target):
        stuck = next(target for target, count in left.items() if count)
        raise FillError(tr("cli.fill.loop", path=format_path(stuck)))
    return order


def value_at(data: Any, path: DocPath) -> Any:
    """The node at `path` (keys and list positions), or None where the path leads nowhere."""
    node = data
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def decimal_places(table: Any) -> int:
    """How many decimals the file writes the table's amounts with (the most any of them has): 2 for a
    table in 万元 or 元 with 分, 0 for a table of whole 元 as printed."""
    places, stack = 0, [table]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif type(node) is Decimal and node.is_finite():
            places = max(places, -int(node.as_tuple().exponent))
    return places


def table_places(budget: Budget, key: str) -> int:
    """The decimals figures of a table are written with: as its other amounts, or — a table whose amounts
    are all whole (a clerk typed `3`) — as the file's other tables in the same unit."""
    own = decimal_places(budget.table(key))
    if own:
        return own
    unit = budget.table_unit(key)
    return max((decimal_places(budget.table(other)) for other in budget.part("tables")
                if budget.table(other) is not None and budget.table_unit(other) == unit), default=0)


def written(value: Decimal, places: int) -> Decimal:
    """A computed figure as the file writes its amounts (3 → 3.00 in a table of two decimals); never rounded."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -places:
        value = value.quantize(Decimal(1).scaleb(-places))
    return abs(value) if value.is_zero() else value  # never -0.00 (Y004)


def figure_label(budget: Budget, path: DocPath) -> str:
    """`预算03表 合计 基本支出 小计`, `预算02表 unit 151 本年收入 合计`, `预算01表 收入总计` — the figure as a clerk finds it."""
    key = str(path[1])
    rows = [index for index, part in enumerate(path) if isinstance(part, int)]
    if path[2:3] == ("totals",) or rows:
        end = rows[-1] + 1 if rows else 3
        row = value_at(budget.data, path[:end])
        what = row_label(budget, key, path[:end], row if isinstance(row, dict) else {})
        return f"{what} {budget.layout.column_label(key, tuple(map(str, path[end:])))}".strip()
    return describe_figure(budget, Term(key, "", tuple(map(str, path[2:])), ""))


# ---------------------------------------------------------------- writing the file


class _Representer(RoundTripRepresenter):
    """ruamel keeps representers on the class: a subclass, so that budgetlint's Decimal does not change
    every other round trip in the process."""


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    # Plain, as the file writes amounts: `1909.07` (a YAML float by its look) or `189767551` (an int).
    text = format(value, "f")
    return representer.represent_scalar("tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text)


_Representer.add_representer(Decimal, _represent_decimal)

# Indentation styles tried, in order, until one gives the file back byte for byte: this repository's
# (sequences indented under their key), PyYAML's (not indented), and their four-space variants.
STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _yaml(style: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never fold a long line the file has on one line
    mapping, sequence, offset = style
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, tree: Any) -> str:
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()


def round_trip(text: str, file: str) -> tuple[YAML, Any]:
    """The file as ruamel's round-trip tree, and the settings that write it back byte for byte.
    Raises FillError when no setting does: fill would then change more than the figures."""
    try:
        tree = _yaml(STYLES[0]).load(text)
        first = ""
        for style in STYLES:
            yaml = _yaml(style)
            again = _dump(yaml, tree)
            if again == text:
                return yaml, tree
            first = first or again
    except (YAMLError, ValueError, TypeError, AttributeError) as error:
        raise FillError(tr("cli.fill.round_trip", file=file, error=f"{type(error).__name__}: "
                           f"{str(error).splitlines()[0] if str(error) else ''}")) from None
    line = next((number for number, (a, b) in enumerate(zip(text.splitlines(), first.splitlines()), 1) if a != b),
                min(len(text.splitlines()), len(first.splitlines())) + 1)
    raise FillError(tr("cli.fill.formatting", file=file, line=line))


def key_order(budget: Budget, key: str) -> list[str]:
    """The order keys of the table are written in: its closing lines and groups, then its columns, as the
    layout lists them. A new key goes before the first key that comes later in this order."""
    spec = budget.layout.table(key)
    order: list[str] = ["totals"]
    if spec is not None and spec.shape == "summary":
        order += ["revenue", "expenditure"]
        for this_year, added, grand in SUMMARY_CLOSING.values():
            order += [this_year, *added, grand]
    if spec is not None and spec.shape == "fiscal_summary":
        for keys in FISCAL_SUMMARY_ORDER.values():
            order += [name for name in keys if name not in order]
    columns = [*(spec.columns if spec else ()), *(c for cs in (spec.side_columns.values() if spec else ()) for c in cs)]
    for column in columns:
        order += [name for name in column if name not in order]
    return order


def _rank(name: Any, order: list[str]) -> int:
    if name in order:
        return order.index(name)
    if name in ("units", "rows", "targets", "footer", "note"):
        return len(order)  # the lists and notes of a table or row come after its figures
    return -1  # codes, names and the like come first


def _put(node: Any, key: Any, value: Any, order: list[str]) -> None:
    """Set `key` of a mapping (or list item); a new key goes where the layout's order puts it."""
    if isinstance(node, list) or key in node:
        node[key] = value
        return
    if not node and isinstance(node, CommentedMap):
        node.fa.set_flow_style()  # an empty mapping is written `{}`: its figures go between the braces
    rank = _rank(key, order)
    position = next((index for index, name in enumerate(node) if _rank(name, order) > rank), len(node))
    node.insert(position, key, value)


def apply(tree: Any, changes: list[Change], budget: Budget) -> None:
    """Write the changes into ruamel's tree; a group the file lacks (`totals`, `this_year`) is added in
    flow style, as the files write a row: `totals: {total: 1909.07, basic: 1137.99}`."""
    orders: dict[str, list[str]] = {}
    for change in changes:
        key = str(change.path[1])
        order = orders.setdefault(key, key_order(budget, key))
        node = tree
        for depth, name in enumerate(change.path[:-1]):
            child = value_at(node, (name,))
            if not isinstance(child, (dict, list)):
                child = CommentedMap()
                child.fa.set_flow_style()
                _put(node, name, child, order if depth >= 2 else [])
            node = child
        _put(node, change.path[-1], change.new, order)


def expected_data(data: Any, changes: list[Change]) -> Any:
    """The loaded data with the changes made: what the written file must load as."""
    out = copy.deepcopy(data)
    for change in changes:
        node = out
        for name in change.path[:-1]:
            child = value_at(node, (name,))
            if not isinstance(child, (dict, list)):
                child = node[name] = {}
            node = child
        node[change.path[-1]] = change.new
    return out


# ---------------------------------------------------------------- one file


@dataclass
class Filled:
    """A file and what fill makes of it: the text read, the text to write and the figures changed."""

    file: str
    text: str
    new_text: str
    changes: list[Change]
    document: Document
    budget: Budget
    bom: bool
    newline: str


def fill_file(path: Path, layout_folders: tuple[Path, ...] = ()) -> Filled:
    """Work out the filled text of one budget file (nothing is written). Raises FillError."""
    file = str(path)
    result = load_file(path, file)
    if result.document is None or result.problems:
        language = current_language()
        problems = "\n".join(visible(f"  {file}:{p.line}:{p.column}: {p.rule} {in_language(p.message, language)}",
                                     keep="") for p in result.problems[:5])
        raise FillError(tr("cli.fill.unreadable", file=file, problems=problems))
    document = result.document
    name = layout_name(document.data) or DEFAULT_LAYOUT
    try:
        layout = load_layout(name, layout_folders)
    except LayoutError as error:
        raise FillError(tr("cli.fill.layout", file=file, name=name, error=error.message)) from None
    from .schema_check import check_schema  # the validator is loaded only where it is needed

    budget = Budget(document, layout_folders=layout_folders)
    # A derived figure left empty (`total:`, `total: null`) is one for fill to write, not a fault.
    targets = {derivation.target for derivation in derivations(budget)}
    schema_problems = [(rule_id, problem, at_key) for rule_id, problem, at_key
                       in check_schema(document.data, (layout.name, layout_folders))
                       if not (problem.path in targets and value_at(document.data, problem.path) is None)]
    if schema_problems:
        lines = []
        language = current_language()
        for rule_id, problem, _ in schema_problems[:5]:
            line, column = document.locate(problem.path)
            lines.append(visible(f"  {file}:{line}:{column}: {rule_id} {in_language(problem.message, language)}",
                                 keep=""))
        more = say("cli.fill.more", count=len(schema_problems) - 5) if len(schema_problems) > 5 else ""
        raise FillError(tr("cli.fill.schema", file=file, lines="\n".join(lines), more=more))
    changes = plan(budget)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FillError(tr("cli.cannot_read", path=file, error=error.strerror or error)) from None
    bom = raw.startswith(UTF8_BOM)
    if raw.removeprefix(UTF8_BOM).decode("utf-8", "replace") != document.text:
        raise FillError(tr("cli.fill.changed", file=file))
    newline = "\r\n" if "\r\n" in document.text else "\n"
    if newline == "\r\n" and document.text.count("\r\n") != document.text.count("\n"):
        raise FillError(tr("cli.fill.line_endings", file=file))
    text = document.text.replace("\r\n", "\n")
    if not changes:
        return Filled(file, document.text, document.text, changes, document, budget, bom, newline)
    yaml, tree = round_trip(text, file)
    apply(tree, changes, budget)
    new_text = _dump(yaml, tree).replace("\n", newline)
    check = load_text(new_text, file)
    if check.problems or check.document is None or check.document.data != expected_data(document.data, changes):
        raise FillError(tr("cli.fill.read_back", file=file))
    return Filled(file, document.text, new_text, changes, document, budget, bom, newline)


def write_atomically(path: Path, text: str, bom: bool) -> None:
    """Replace the file whole: a new file beside it, renamed over it (a reader never sees half a file).
    A symbolic link is followed: the file it leads to is replaced, the link stays."""
    target = path.resolve()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.fill.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        try:
            with open(descriptor, "wb") as stream:
                stream.write((UTF8_BOM if bom else b"") + text.encode("utf-8"))
            shutil.copymode(target, temporary)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise FillError(tr("cli.cannot_write", path=path, error=error.strerror or error)) from None


def summary_lines(filled: Filled) -> list[str]:
    """`file:line:col: 预算03表 合计 基本支出 小计 (tables.expenditure.totals.basic) 1137.90 → 1137.99`."""
    lines = []
    for change in filled.changes:
        line, column = filled.document.locate(change.path)
        old = tr("cli.fill.blank") if change.old is None else format(change.old, "f")  # as the file writes it
        what = f"{figure_label(filled.budget, change.path)} ({format_path(change.path)})"
        lines.append((line, column, f"{filled.file}:{line}:{column}: {what} {old} → {format(change.new, 'f')}"))
    return [text for _, _, text in sorted(lines, key=lambda entry: entry[:2])]


def unified_diff(filled: Filled) -> str:
    return "".join(difflib.unified_diff(filled.text.splitlines(keepends=True),
                                        filled.new_text.splitlines(keepends=True),
                                        fromfile=filled.file, tofile=filled.file))


# ---------------------------------------------------------------- the command


@click.command("fill")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--diff", "show_diff", is_flag=True, help="Print the change as a unified diff; write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit with 1 when a figure would change (for CI).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="budgetlint.toml or pyproject.toml to use [default: nearest one].")
def fill_command(files: tuple[Path, ...], show_diff: bool, check_only: bool, config_path: Path | None) -> None:
    """Write every total and subtotal the layout derives from its parts (合计, unit and 类/款 rows, the
    columns of a row that add up, closing lines), in place, keeping comments and layout.

    A blank derived figure is written, a wrong one replaced and reported, a right one left as it is;
    figures that are not derived are never changed. Each changed figure is printed as
    `file:line:col: figure (path) old → new`. Exit code 0 (written, or nothing to change); with
    --check 1 when something would change; 2 for a file that cannot be read, fails its schema or whose
    sums are ambiguous (such a file is never written).
    """
    try:
        from .lint import RULES_BY_ID

        config = load_config(config_path or find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    code = EXIT_CLEAN
    for path in files:
        try:
            filled = fill_file(path, tuple(config.layout_folders))
            if show_diff:
                emit(unified_diff(filled), nl=False)
            if filled.changes and not (show_diff or check_only):
                write_atomically(path, filled.new_text, filled.bom)
        except FillError as error:
            click.echo(visible(f"budgetlint fill: {error}", keep="\n"), err=True)
            code = EXIT_USAGE
            continue
        except Exception as error:  # noqa: BLE001 - a bug must not end in a traceback; the file is not written
            click.echo(visible("budgetlint fill: " + tr("cli.fill.internal", path=path,
                                                         error=f"{type(error).__name__}: {error}"), keep=""), err=True)
            code = EXIT_USAGE
            continue
        if not show_diff:
            for line in summary_lines(filled):
                emit(line)
            count = len(filled.changes)
            key = "cli.fill.all_right" if not count else "cli.fill.would_change" if check_only else "cli.fill.written"
            emit(tr(key, file=filled.file, count=count, s="" if count == 1 else "s"))
        if check_only and filled.changes and code == EXIT_CLEAN:
            code = EXIT_FINDINGS
    sys.exit(code)
