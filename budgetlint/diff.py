"""`budgetlint diff OLD NEW`: what changed between two budgets, budget line by budget line.

Each side is a file or a git revision `REV:path` (`HEAD~1:budgets/151-xigong-jiedao/2023.yaml`).
The two budgets are aligned by meaning — functional and economic codes, project codes (names when
a project has no code), unit codes, narrative section titles, glossary terms — so that a moved or
inserted row changes nothing else. A line whose code stays but whose name changes is *renamed*; a
line that keeps its name (or, failing that, exactly its figures) under another code, or changes its
project type or economic correspondence, is *reclassified*; a line that keeps its code under another
unit is *moved*. Everything else is *added*, *removed* or *changed*, with old value, new value, the
change and the change as a percentage of the old value.

Between two fiscal years of one department the diff is the year-over-year comparison: a summary
(收支总计, 基本支出/项目支出, each 类, the 三公经费, the projects) comes first, then the details.

Amounts absent from a file and amounts written `0.00` compare equal: a maintained file leaves
empty template rows out where a transcription prints `0.00`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import click

from .findings import EXIT_USAGE, DocPath, format_path
from .gitools import git_command
from .items import (
    RECLASSIFYING_FIELDS,
    Column,
    Item,
    budget_items,
    column_sort,
    column_text,
    field_text,
    normalise,
    section_title,
)
from .layout import Layout, layout_for
from .loader import MAX_FILE_BYTES, Document, load_text, read_text
from .messages import say, tr
from .model import UNIT_FACTORS, ZERO, Budget, dicts, money
from .tables import all_leaf_rows, cell, rollup, table_totals

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class DiffError(click.ClickException):
    """A side that cannot be read (no such file, a bad git revision, not a budget): exit code 2."""

    exit_code = EXIT_USAGE


# ---------------------------------------------------------------------------------------------------
# What a diff is made of


@dataclass(frozen=True)
class FigureChange:
    """One amount that differs: old and new value (None: the line or the cell is absent)."""

    column: Column
    label: str
    old: Decimal | None
    new: Decimal | None

    @property
    def change(self) -> Decimal:
        return (self.new or ZERO) - (self.old or ZERO)

    @property
    def percent(self) -> Decimal | None:
        """The change as a percentage of the old value, to two decimals; None when there was none."""
        return percent(self.old, self.new)

    @property
    def rate(self) -> Decimal | None:
        """The new value as a percentage of the old one (a 决算's 执行率 of its 预算); None without an old value."""
        return rate(self.old, self.new)


@dataclass(frozen=True)
class FieldChange:
    """A text that differs: a name, a code, a project type, a paragraph of the narrative …"""

    field: str
    label: str
    old: str | None
    new: str | None


@dataclass
class LineChange:
    """One budget line that was added, removed, changed, renamed, reclassified or moved."""

    status: str
    section: str
    section_title: str
    old: Item | None
    new: Item | None
    figures: list[FigureChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    lines_under: int = 0  # lines under an added or removed line (a project's targets), not listed apart

    @property
    def item(self) -> Item:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def label(self) -> str:
        return self.item.label()


@dataclass(frozen=True)
class SummaryLine:
    """A headline figure of the year-over-year comparison."""

    key: str
    label: str
    old: Decimal | None
    new: Decimal | None
    count: bool = False  # a number of things (projects), printed without decimals

    @property
    def change(self) -> Decimal:
        return (self.new or ZERO) - (self.old or ZERO)

    @property
    def percent(self) -> Decimal | None:
        return percent(self.old, self.new)

    @property
    def rate(self) -> Decimal | None:
        return rate(self.old, self.new)


@dataclass(frozen=True)
class Side:
    source: str  # what the user named: a path or REV:path
    fiscal_year: int | None
    department_code: str
    department_name: str
    amount_unit: str
    document_kind: str = ""  # 部门预算, 单位预算, 部门决算 (from the file's layout)


@dataclass
class BudgetDiff:
    old: Side
    new: Side
    year_over_year: bool
    amount_unit: str
    notes: list[str]
    summary: list[SummaryLine]
    changes: list[LineChange]
    # The 预算 of a year against the 决算 of the same year: old is budgeted, new is final; the figures'
    # `rate` (决算 ÷ 预算) is the execution rate.
    execution: bool = False

    @property
    def has_differences(self) -> bool:
        return bool(self.changes)


def percent(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    if old is None or old == ZERO:
        return None
    return (((new or ZERO) - old) * HUNDRED / old).quantize(CENT, rounding=ROUND_HALF_UP)


def rate(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """new ÷ old in per cent, to two decimals (half up); None when there is no old value to divide by."""
    if old is None or old == ZERO:
        return None
    return ((new or ZERO) * HUNDRED / old).quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------------
# Aligning the lines of two budgets


Pair = tuple[Item | None, Item | None]


def _remap(key: tuple[str, ...], moved: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """An old key under the new identity of its nearest re-identified ancestor (a recoded project)."""
    for length in range(len(key) - 1, 0, -1):
        if key[:length] in moved:
            return moved[key[:length]] + key[length:]
    return key


def _same_ident(item: Item) -> Hashable | None:
    """The same code in another place of the same table: a row moved to another unit."""
    return (item.section, item.list_field, item.key[-1]) if item.in_list else None


def _same_name(item: Item) -> Hashable | None:
    """A coded row that kept its name under another code; a section that kept its number."""
    return (item.section, item.list_field, item.alt) if item.in_list and item.alt else None


def _same_content(item: Item) -> Hashable | None:
    """Exactly the same figures and texts under another code and name."""
    figures = frozenset((c, v) for c, v in item.figures.items() if v != ZERO)
    if not item.in_list or not (figures or item.fields):
        return None
    return (item.section, item.list_field, figures, frozenset(item.fields.items()))


HEURISTICS: tuple[Callable[[Item], Hashable | None], ...] = (_same_ident, _same_name, _same_content)


def _pair_unique(olds: list[Item], news: list[Item], signature: Callable[[Item], Hashable | None]) -> list[Pair]:
    """Pairs of one old and one new line sharing a signature; an ambiguous signature pairs nothing."""
    by_old: dict[Hashable, list[Item]] = {}
    by_new: dict[Hashable, list[Item]] = {}
    for item in olds:
        if (sig := signature(item)) is not None:
            by_old.setdefault(sig, []).append(item)
    for item in news:
        if (sig := signature(item)) is not None:
            by_new.setdefault(sig, []).append(item)
    return [(by_old[sig][0], by_new[sig][0]) for sig in by_old
            if len(by_old[sig]) == 1 and len(by_new.get(sig, [])) == 1]


def align(old: list[Item], new: list[Item]) -> tuple[list[Pair], dict[tuple[str, ...], tuple[str, ...]]]:
    """Pair the lines of two budgets, shallow lines first so that a re-identified row carries its
    sub-lines (a recoded project keeps its targets). Returns the pairs and the old → new keys of
    re-identified lines."""
    pairs: list[Pair] = []
    moved: dict[tuple[str, ...], tuple[str, ...]] = {}
    for depth in sorted({len(item.key) for item in old + new}):
        waiting = {item.key: item for item in new if len(item.key) == depth}
        unmatched: list[Item] = []
        for item in (i for i in old if len(i.key) == depth):
            target = _remap(item.key, moved)
            partner = waiting.pop(target, None)
            if partner is None:
                unmatched.append(item)
                continue
            pairs.append((item, partner))
            if target != item.key:
                moved[item.key] = target
        for signature in HEURISTICS:
            for before, after in _pair_unique(unmatched, list(waiting.values()), signature):
                assert before is not None and after is not None
                pairs.append((before, after))
                moved[before.key] = after.key
                unmatched.remove(before)
                del waiting[after.key]
        pairs.extend((item, None) for item in unmatched)
        pairs.extend((None, item) for item in waiting.values())
    return pairs, moved


# ---------------------------------------------------------------------------------------------------
# Comparing two lines


def _figure_changes(old: Item | None, new: Item | None, layout: Layout | None = None) -> list[FigureChange]:
    before = old.figures if old else {}
    after = new.figures if new else {}
    where = (new or old).key  # type: ignore[union-attr]
    changes = []
    for column in sorted(set(before) | set(after), key=column_sort):
        a, b = before.get(column), after.get(column)
        if old is not None and new is not None and (a or ZERO) == (b or ZERO):
            continue  # absent and 0.00 are the same amount
        changes.append(FigureChange(column, column_text(column, where, layout), a, b))
    return changes


def _field_changes(old: Item | None, new: Item | None) -> list[FieldChange]:
    before = old.fields if old else {}
    after = new.fields if new else {}
    return [FieldChange(name, field_text(name), before.get(name), after.get(name))
            for name in list(dict.fromkeys([*before, *after])) if before.get(name) != after.get(name)]


def _identity_changes(old: Item, new: Item, moved_parent: bool) -> list[FieldChange]:
    changes = []
    if old.coded and new.coded and old.ident != new.ident:
        changes.append(FieldChange("code", "代码", old.ident, new.ident))
    elif old.ident != new.ident:
        changes.append(FieldChange("number", "序号", old.ident or None, new.ident or None))
    if old.name != new.name:
        changes.append(FieldChange("name", "名称", old.name or None, new.name or None))
    if moved_parent:
        changes.append(FieldChange("place", "位置", " ".join(old.trail) or None, " ".join(new.trail) or None))
    return changes


def compare(old: Item, new: Item, moved: dict[tuple[str, ...], tuple[str, ...]], title: str,
            layout: Layout | None = None) -> LineChange | None:
    """The change between two paired lines, or None when they are the same."""
    moved_parent = _remap(old.key, moved)[:-1] != new.key[:-1]  # its ancestors' new keys, not its own
    identity = _identity_changes(old, new, moved_parent)
    fields = identity + _field_changes(old, new)
    figures = _figure_changes(old, new, layout)
    if not fields and not figures:
        return None
    names = {change.field for change in fields}
    if names & RECLASSIFYING_FIELDS:
        status = "reclassified"
    elif "place" in names:
        status = "moved"
    elif "name" in names:
        status = "renamed"
    else:
        status = "changed"
    return LineChange(status, new.section, title, old, new, figures, fields)


def _fold_under(changes: list[LineChange], status: str) -> list[LineChange]:
    """Lines under an added (removed) line are counted on it instead of listed one by one."""
    keys = {change.item.key for change in changes if change.status == status}
    kept: list[LineChange] = []
    parents: dict[tuple[str, ...], LineChange] = {}
    for change in sorted(changes, key=lambda c: len(c.item.key)):
        key = change.item.key
        ancestor = next((key[:n] for n in range(len(key) - 1, 0, -1) if key[:n] in keys), None)
        if change.status == status and ancestor is not None and ancestor in parents:
            parents[ancestor].lines_under += 1
            parents[key] = parents[ancestor]
            continue
        if change.status == status:
            parents[key] = change
        kept.append(change)
    return kept


def _is_empty(item: Item | None) -> bool:
    """A row with nothing in it (a template row without amounts, which a maintained file leaves out)."""
    return item is not None and not item.fields and all(value == ZERO for value in item.figures.values())


def diff_items(old_data: dict[str, Any], new_data: dict[str, Any]) -> list[LineChange]:
    """Every budget line that differs between two loaded files, in the order of the new one."""
    unit = Budget.of(new_data).amount_unit
    before, after = budget_items(old_data), budget_items(new_data)
    normalise(before, old_data, unit)
    normalise(after, new_data, unit)
    pairs, moved = align(before, after)
    layout = layout_for(new_data)  # columns are called what the new file's tables print
    changes: list[LineChange] = []
    for old, new in pairs:
        item = new or old
        assert item is not None
        title = section_title(new_data if new else old_data, item.section)
        if old is not None and new is not None:
            change = compare(old, new, moved, title, layout)
            if change is not None:
                changes.append(change)
        elif _is_empty(new or old):
            continue  # an empty template row printed on one side only: no budget line changed
        elif new is not None:
            changes.append(LineChange("added", new.section, title, None, new, _figure_changes(None, new, layout),
                                      _field_changes(None, new)))
        elif old is not None:
            changes.append(LineChange("removed", old.section, title, old, None, _figure_changes(old, None, layout),
                                      _field_changes(old, None)))
    changes = _fold_under(_fold_under(changes, "added"), "removed")
    return sorted(changes, key=lambda change: change.item.sort)


# ---------------------------------------------------------------------------------------------------
# The year-over-year summary


THREE_PUBLIC_LINES = (("total", "“三公”经费合计"), ("overseas", "因公出国（境）费"),
                      ("vehicles", "公务用车购置及运行费"), ("vehicle_purchase", "其中：公务用车购置费"),
                      ("vehicle_operation", "其中：公务用车运行费"), ("reception", "公务接待费"))


def headline(data: dict[str, Any], unit: str) -> dict[str, tuple[str, Decimal | None, bool]]:
    """The figures a year-over-year comparison starts with: key → (label, amount in `unit`, is a count).

    Worked out with the rules' table arithmetic (`budgetlint.tables`): printed totals, else computed.
    """
    budget = Budget.of(data)
    scale = UNIT_FACTORS[budget.amount_unit] / UNIT_FACTORS[unit]  # tables give figures in the file's unit
    out: dict[str, tuple[str, Decimal | None, bool]] = {}

    def put(key: str, label: str, value: Decimal | None) -> None:
        out[key] = (label, None if value is None else value * scale, False)

    expenditure = table_totals(budget, "expenditure") or {}
    stated = (budget.table("summary") or {}).get("expenditure_total")
    total = cell(stated, ("amount",)) if isinstance(stated, dict) else money(stated)
    put("total", "收支总计", total * budget.table_factor("summary") if total is not None
        else expenditure.get(("total",)))
    put("basic", "基本支出", expenditure.get(("basic",)))
    put("project", "项目支出", expenditure.get(("project",)))
    for code, (name, amount) in sorted(_classes(budget).items()):
        put(f"class {code}", f"类 {code} {name}".rstrip(), amount)
    three_public = table_totals(budget, "three_public") or {}
    for key, label in THREE_PUBLIC_LINES:
        # A 决算 prints each item's 预算数 and 决算数: what was spent is its figure here.
        final = budget.layout.has("three_public", ("final", key))
        put(f"three_public {key}", label, three_public.get(("final", key) if final else (key,)))
    projects = budget.table("projects")
    out["projects count"] = ("项目个数", Decimal(len(all_leaf_rows(projects))) if projects is not None else ZERO, True)
    put("projects total", "项目支出合计 (项目表)", (table_totals(budget, "projects") or {}).get(("total",)))
    return out


def _classes(budget: Budget) -> dict[str, tuple[str, Decimal | None]]:
    """Expenditure by functional 类: code → (name, amount in the file's unit), from the 收支总表's 类 rows,
    else from the 支出表 (its rows summed by 类, named by its printed 类 rows)."""
    factor = budget.table_factor("summary")
    out: dict[str, tuple[str, Decimal | None]] = {}
    for row in dicts((budget.table("summary") or {}).get("expenditure")):
        code, name, value = row.get("code"), row.get("name"), money(row.get("amount"))
        if isinstance(code, str) and len(code) == 3:
            out[code] = (name if isinstance(name, str) else "", None if value is None else value * factor)
    if out:
        return out
    names = {row["code"]: row["name"] for _, row in budget.leaf_rows("expenditure")
             if isinstance(row.get("code"), str) and len(row["code"]) == 3 and isinstance(row.get("name"), str)}
    return {code: (names.get(code, ""), columns.get(("total",)))
            for code, columns in rollup(budget, "expenditure", 3).items()}


def summarise(old_data: dict[str, Any], new_data: dict[str, Any], unit: str, everything: bool) -> list[SummaryLine]:
    """Headline figures side by side; `everything` keeps the unchanged ones (year over year)."""
    before, after = headline(old_data, unit), headline(new_data, unit)
    classes = sorted(key for key in {*before, *after} if key.startswith("class "))
    keys = [k for k in after if not k.startswith("class ")]
    keys = keys[:3] + classes + keys[3:]  # 总计, 基本, 项目, then each 类 by code, then 三公 and projects
    lines = []
    for key in keys:
        label, new, count = after.get(key) or before[key]
        old = before[key][1] if key in before else None
        if old is None and new is None or not everything and (old or ZERO) == (new or ZERO):
            continue
        if key in before and key in after and before[key][0] != label:
            label = f"{label} (was {before[key][0]})"
        lines.append(SummaryLine(key, label, old, new, count))
    return lines


# ---------------------------------------------------------------------------------------------------
# Reading the two sides


def _side(data: dict[str, Any], source: str) -> Side:
    year = data.get("fiscal_year")
    department = data.get("department")
    department = department if isinstance(department, dict) else {}
    code, name = department.get("code"), department.get("name")
    return Side(source, year if isinstance(year, int) and not isinstance(year, bool) else None,
                code if isinstance(code, str) else "", name if isinstance(name, str) else "",
                Budget.of(data).amount_unit, layout_for(data).document_kind)


def read_side(spec: str, cwd: Path | None = None) -> tuple[bytes, str]:
    """The bytes of one side: a file, or `REV:path` read with `git show` from the current repository."""
    where = cwd or Path.cwd()
    path = where / spec
    if path.is_file():
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:  # the limit of `check`, which keeps one file under 1 GB of memory
                raise DiffError(_too_large(spec, f"{size / 1048576:.1f} MiB"))
            with path.open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grew since stat
        except OSError as error:
            raise DiffError(tr("cli.cannot_read", path=spec, error=error.strerror or error)) from None
        if len(raw) > MAX_FILE_BYTES:
            raise DiffError(_too_large(spec, say("cli.diff.more_than", mib=MAX_FILE_BYTES // 1048576)))
        return raw, spec
    if spec.startswith("-"):
        raise DiffError(tr("cli.diff.dash", spec=spec))
    if ":" not in spec:
        raise DiffError(tr("cli.diff.no_such_file", spec=spec))
    try:
        process = subprocess.Popen(git_command(["show"], [spec]), cwd=where, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise DiffError(tr("cli.diff.no_git", spec=spec)) from None
    with process:
        assert process.stdout is not None  # for mypy: both pipes were asked for
        raw = process.stdout.read(MAX_FILE_BYTES + 1)  # never more than a budget file may be
        if len(raw) > MAX_FILE_BYTES:
            process.kill()
            process.communicate()
            raise DiffError(_too_large(spec, say("cli.diff.more_than", mib=MAX_FILE_BYTES // 1048576)))
        _, errors = process.communicate()
    if process.returncode != 0:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        reason = message[0] if message else say("cli.diff.git_show_failed", code=process.returncode)
        raise DiffError(tr("cli.diff.git_unreadable", spec=spec, reason=reason))
    return raw, spec


def _too_large(spec: str, size: str) -> str:
    return tr("cli.diff.too_large", spec=spec, size=size, limit=MAX_FILE_BYTES // 1048576)


def load_side(raw: bytes, source: str) -> Document:
    """One side as a loaded budget file. DiffError (exit 2) when it is not one, or when a part the
    comparison relies on has another type than in a budget file (`budgetlint check` says more)."""
    text, problems = read_text(raw)
    if text is not None:
        result = load_text(text, source)
        if result.document is not None:
            _check_shapes(result.document, source)
            return result.document
        problems = result.problems
    first = problems[0] if problems else None
    where = say("cli.diff.first_problem", line=first.line, rule=first.rule, message=first.message) if first else ""
    raise DiffError(tr("cli.diff.not_loadable", source=source, where=where))


def _check_shapes(document: Document, source: str) -> None:
    """The parts the comparison reads before anything else: the file a mapping, its `tables` a mapping,
    every `amount_unit` a text. The rules' code relies on these without checking (the schema does)."""
    data = document.data
    if not isinstance(data, dict):
        raise DiffError(tr("cli.diff.not_mapping", source=source))
    unit = say("cli.diff.a_unit")
    tables = data.get("tables")
    parts: list[tuple[DocPath, Any, type, str]] = [(("amount_unit",), data.get("amount_unit"), str, unit),
                                                   (("tables",), tables, dict, say("cli.diff.tables_by_key"))]
    for key, table in tables.items() if isinstance(tables, dict) else ():
        if isinstance(table, dict):
            parts.append((("tables", key, "amount_unit"), table.get("amount_unit"), str, unit))
    for path, value, expected, what in parts:
        if value is not None and not isinstance(value, expected):
            kind = (say("cli.diff.a_mapping") if isinstance(value, dict) else say("cli.diff.a_list")
                    if isinstance(value, list) else repr(value))
            raise DiffError(tr("cli.diff.wrong_type", source=source, line=document.locate(path)[0],
                               path=format_path(path), what=what, kind=kind))


def diff_budgets(old_data: dict[str, Any], new_data: dict[str, Any], old_source: str = "old",
                 new_source: str = "new") -> BudgetDiff:
    """Compare two loaded budget files (what `budgetlint diff` and the tests call)."""
    old, new = _side(old_data, old_source), _side(new_data, new_source)
    year_over_year = old.fiscal_year is not None and new.fiscal_year is not None and old.fiscal_year != new.fiscal_year
    # A 预算 against the 决算 of its year: every headline figure is listed, with its execution rate.
    execution = not year_over_year and "决算" in new.document_kind and "决算" not in old.document_kind
    unit = new.amount_unit
    notes = []
    if old.department_code and new.department_code and old.department_code != new.department_code:
        notes.append(f"the files are budgets of different departments: {old.department_code} "
                     f"{old.department_name} and {new.department_code} {new.department_name}")
    if old.amount_unit != new.amount_unit:
        notes.append(f"{old_source} is kept in {old.amount_unit}; its amounts are shown in {unit}")
    changes = diff_items(old_data, new_data)
    if execution:  # budget against final accounts: the tables' lines, not the two texts
        changes = [change for change in changes if change.item.key[0] == "tables"]
    if year_over_year:  # the heading says which years are compared
        for change in changes:
            change.fields = [f for f in change.fields if not (change.section == "file" and f.field == "fiscal_year")]
        changes = [change for change in changes if change.fields or change.figures or change.status != "changed"]
    return BudgetDiff(old, new, year_over_year, unit, notes,
                      summarise(old_data, new_data, unit, everything=year_over_year or execution), changes, execution)
