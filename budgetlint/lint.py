"""The linting core: find files, read them, validate, run the rules, apply waivers.

`lint(paths, ...)` is what the CLI and the tests call; click only parses arguments.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .config import Config
from .findings import MAX_RELATED, DocPath, Finding, Location, Problem, format_path, parse_path
from .layout import Layout, layout_for
from .loader import Document, load_file
from .messages import Message, say, tr
from .model import Budget, without_malformed_rows
from .rule import Rule, why_not_waivable
from .rules import ALL_RULES, CATALOGUE
from .schema_check import Repair, as_meant, check_schema_and_repair

RULES_BY_ID = {entry.id: entry for entry in CATALOGUE}
DEFAULT_CONFIG = Config()  # frozen: safe to share as a default
# A rule that fires on every word of a 15 MB line would report 650,000 findings; nobody reads past
# the first few hundred, and placing each in the file costs time. The rest are counted in one finding.
MAX_FINDINGS_PER_RULE = 200
MIN_FILES_PER_WORKER = 4
# A file larger than this is checked on its own, after the others, never beside another worker's file:
# one file costs up to about 170 MiB per MiB of short values and 560 MiB at the size limit
# (docs/performance.md), so N workers each holding a large file would need N times that. Real budgets
# are under 100 KB.
ALONE_BYTES = 1 << 20
BUDGET_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A command-line mistake (a path that does not exist): exit code 2."""


@dataclass
class LintResult:
    files_checked: int
    findings: list[Finding]
    # file → the rules that did not run on it (its layout lacks their tables or columns) and why
    skipped: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def discover(paths: Iterable[str]) -> list[Path]:
    """Budget files named directly, and every *.yaml below named folders (hidden ones skipped).

    Symbolic links to folders are not followed, so a link loop cannot make the walk endless; a link
    that loops or leads nowhere is kept, and reading it gives a finding. A file named twice (or named
    and also inside a named folder) is checked once.
    """
    files: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    def unreadable(error: OSError) -> None:
        # os.walk skips a folder it cannot list without a word; its files would go unchecked.
        raise UsageError(tr("cli.folder_unreadable", folder=error.filename, error=error.strerror or error))

    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, filenames in os.walk(path, onerror=unreadable, followlinks=False):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for filename in sorted(filenames):
                    if filename.endswith(BUDGET_SUFFIXES) and not filename.startswith("."):
                        add(Path(folder, filename))
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            raise UsageError(tr("cli.no_such_path", name=name))
    return files


def _finding(document: Document | None, file: str, rule: Rule, problem: Problem, config: Config,
             at_key: bool = False) -> Finding:
    if document is not None:
        line, column = document.locate_key(problem.path) if at_key else document.locate(problem.path)
        if problem.anchor:
            line, column = _find_anchor(document, problem.anchor, line, column)
    else:
        line, column = 1, 1
    severity = config.severities.get(rule.id, rule.severity)
    related = _related_locations(document, problem, (line, column)) if document is not None else ()
    return Finding(file, line, column, rule.id, severity, problem.message, format_path(problem.path), rule.name,
                   related)


def _related_locations(document: Document, problem: Problem, at: tuple[int, int]) -> tuple[Location, ...]:
    """The other side of a finding, placed like its own path; a place that is the finding's own (a
    path written on the same spot) or named twice is shown once."""
    seen = {at}
    out: list[Location] = []
    for path in problem.related[:MAX_RELATED]:
        line, column = document.locate(path)
        if (line, column) not in seen:
            seen.add((line, column))
            out.append((line, column, format_path(path)))
    return tuple(out)


def _find_anchor(document: Document, anchor: str, line: int, column: int) -> tuple[int, int]:
    """Where `anchor` first appears in the file at or after `line` (a sentence inside a block of text)."""
    return document.find_text(anchor, line) or (line, column)


@lru_cache(maxsize=32)
def rules_for(layout: Layout) -> tuple[tuple[Rule, ...], tuple[tuple[str, str], ...]]:
    """The rules that run on files of a layout, and those that do not with the reason: a rule whose
    tables or columns the layout lacks does not run (a column a table does not print is not 0.00)."""
    runnable, skipped = [], []
    for rule in ALL_RULES:
        reason = layout.unmet(rule.needs)
        if reason is None:
            runnable.append(rule)
        else:
            skipped.append((rule.id, reason))
    return tuple(runnable), tuple(skipped)


def unknown_fact(rule: Rule, data: dict[str, object]) -> Message | None:
    """Why a rule cannot run on this file: a fact it needs (`fact/department.code`) that the file does
    not give — a Shanghai disclosure prints no department or unit codes. None when it can run."""
    for need in rule.needs:
        if need.startswith("fact/"):
            node: object = data
            for key in need[len("fact/"):].split("."):
                node = node.get(key) if isinstance(node, dict) else None
            if not node:
                return say("lint.unknown_fact", fact=need[len("fact/"):])
    return None


def skipped_rules(budget: Budget) -> tuple[tuple[str, str], ...]:
    """The rules that did not run on a file, and why: its layout lacks their tables or columns, or the
    file lacks a fact they need."""
    runnable, skipped = rules_for(budget.layout)
    facts = tuple((rule.id, reason) for rule in runnable if (reason := unknown_fact(rule, budget.data)))
    return skipped + facts


def load_budget(path: Path, display: str, folders: tuple[Path, ...] = ()) -> Budget | None:
    """A budget for cross-year checks: loaded quietly; None if it cannot be read."""
    result = load_file(path, display)
    if result.document is None or not isinstance(result.document.data, dict):
        return None
    return Budget(result.document, layout_folders=folders)


# A department's files of other years and kinds, beside each other by name: `2024.yaml` (预算) and
# `2024-juesuan.yaml` (决算 of the same year), `2023.yaml` / `2023-juesuan.yaml` the year before.
FINAL_ACCOUNTS_SUFFIX = "-juesuan"
Loader = Callable[[], "Budget | None"]


def _beside(path: Path, name: str, year: int, folders: tuple[Path, ...]) -> Loader | None:
    """How to load the budget file `name` beside `path`, if there is one: only a budget of `year`, and never
    this file itself (a 2023 budget saved as `2022.yaml`, a link to it): comparing with another year, or a
    file with itself, gives false findings."""
    candidate = path.with_name(name)
    try:
        if not candidate.is_file() or candidate.resolve() == path.resolve():
            return None
    except (OSError, RuntimeError):  # a link loop
        return None

    def load() -> Budget | None:
        budget = load_budget(candidate, str(candidate), folders)
        return budget if budget is not None and budget.fiscal_year == year else None

    return load


def _budget_with_neighbours(path: Path, document: Document, layout: Layout, folders: tuple[Path, ...],
                            options: dict[str, Decimal]) -> Budget:
    """The budget of `document`, with loaders for the files the cross-year rules read: last year's file
    of the same kind (a 决算 compares with last year's 决算, a 预算 with a 预算), for a 决算 the 预算 of its
    year, and for a 预算 last year's 决算 (its 年初预算 are last year's budget figures)."""
    year = document.data.get("fiscal_year")
    if not isinstance(year, int) or isinstance(year, bool):
        return Budget(document, None, folders, dict(options))
    rest = path.name[4:] if path.name.startswith(str(year)) else path.suffix
    is_final = "决算" in layout.document_kind
    return Budget(
        document, _beside(path, f"{year - 1}{rest}", year - 1, folders), folders, dict(options),
        load_same_year_budget=_beside(path, f"{year}{path.suffix}", year, folders) if is_final else None,
        load_previous_final_accounts=(_beside(path, f"{year - 1}{FINAL_ACCOUNTS_SUFFIX}{path.suffix}", year - 1, folders)
                                      if not is_final and path.stem == str(year) else None))


def budget_for(path: Path, config: Config = DEFAULT_CONFIG) -> Budget | None:
    """A file as the rules see it — its layout, last year's file, the 预算 of a 决算's year — for tools
    that report on one budget (`budgetlint narrative`); None if it cannot be read as a budget."""
    document = load_file(path, str(path)).document
    if document is None or not isinstance(document.data, dict):
        return None
    folders = tuple(config.layout_folders)
    layout = layout_for(document.data, folders)
    return _budget_with_neighbours(path, document, layout, folders, config.options)


def check_file(path: Path, config: Config = DEFAULT_CONFIG, today: datetime.date | None = None) -> list[Finding]:
    """All findings for one file. Never raises for bad input."""
    return check_file_in_layout(path, config, today)[0]


def check_file_in_layout(path: Path, config: Config = DEFAULT_CONFIG, today: datetime.date | None = None,
                         waived: list[tuple[Finding, str, str]] | None = None) -> tuple[list[Finding], Budget | None]:
    """All findings for one file, and the budget as the rules saw it (None if it could not be read).
    `waived`, when given, receives the findings the file's waivers accept, each with the waiver's
    reason and expiry (the published findings page lists them).

    Positions are worked out last, and only for findings that survive the waivers: finding where a
    node is written means reading the text a second time, which a clean file (or one whose findings
    are all waived) does not need.
    """
    display = str(path)
    result = load_file(path, display)
    document = result.document
    findings: list[Finding] = []
    loader_paths: set[DocPath] = set()
    for reading in result.problems:
        entry = RULES_BY_ID[reading.rule]
        severity = config.severities.get(entry.id, entry.severity)
        findings.append(Finding(display, reading.line, reading.column, entry.id, severity, reading.message,
                                format_path(reading.path), entry.name))
        loader_paths.add(reading.path)
    if document is None:
        return sorted(findings, key=cause_first), None
    written = document.data
    # (rule, problem, points at the key) for every schema and rule problem, not yet placed in the file.
    unplaced: list[tuple[Rule, Problem, bool]] = []
    folders = tuple(config.layout_folders)
    layout = layout_for(document.data, folders)
    repairs: list[Repair] = []
    try:
        schema_problems, repairs = check_schema_and_repair(document.data, (layout.name, folders))
    except Exception as error:  # noqa: BLE001 - the validator must not take the rules' findings with it
        schema_problems = [("X001", Problem((), say("X001.schema", error=f"{type(error).__name__}: {error}")), False)]
    for rule_id, problem, at_key in schema_problems:
        if problem.path in loader_paths:  # already reported, in plainer words, by the loader
            continue
        if rule_id not in config.disabled:
            unplaced.append((RULES_BY_ID[rule_id], problem, at_key))
    schema_count = len(unplaced)
    if repairs:
        # The rules check the figures as the clerk meant them (a key's typo, a code without quotes): the
        # mistake is reported once, by the schema, not again by every sum and table it would break.
        document = dataclasses.replace(document, data=as_meant(document.data, repairs))
    if schema_problems:
        # Rules can rely on the schema's shapes only where the schema found nothing wrong.
        document = dataclasses.replace(document, data=without_malformed_rows(document.data))
    budget = _budget_with_neighbours(path, document, layout, folders, config.options)
    overflow: list[tuple[Rule, Problem, int]] = []  # (rule, first problem not shown, how many not shown)
    for rule in rules_for(budget.layout)[0]:
        if rule.id in config.disabled or unknown_fact(rule, budget.data):
            continue
        shown = hidden = 0
        first_hidden: Problem | None = None
        try:
            for problem in rule(budget):
                if shown < MAX_FINDINGS_PER_RULE:
                    shown += 1
                    unplaced.append((rule, problem, False))
                else:
                    hidden += 1
                    first_hidden = first_hidden or problem
        except Exception as error:  # noqa: BLE001 - a bug in a rule must not hide the other findings
            unplaced.append((RULES_BY_ID["X001"], Problem(
                (), say("X001.rule", rule=rule.id, name=rule.name, error=f"{type(error).__name__}: {error}")), False))
        if first_hidden is not None:
            overflow.append((rule, first_hidden, hidden))
    for rule, problem, count in overflow:
        # One finding for the rest, where the first of them is. A waiver for one of the rest by its
        # path matches nothing (W002): rare, and far better than placing 650,000 findings.
        more = say("lint.more_findings" if count != 1 else "lint.more_finding", count=count, rule=rule.id,
                   limit=MAX_FINDINGS_PER_RULE, first=problem.message)
        unplaced.append((rule, Problem(problem.path, more, anchor=problem.anchor), False))
    repaired = {repair.parent + (repair.key,) for repair in repairs}
    causes = [_Cause.of(document, written, problem.path, at_key, rule_id, findings, loader_paths)
              for rule_id, problem, at_key in schema_problems if problem.path not in repaired and rule_id != "X001"]
    if causes:
        unplaced = unplaced[:schema_count] + _consequences_marked(unplaced[schema_count:], causes)
    if not findings and not unplaced and "waivers" not in document.data and not document.inline_waivers:
        return [], budget  # the common case in a maintained repository

    placed: dict[int, Finding] = {}

    def place(index: int) -> Finding:
        if index not in placed:
            rule, problem, at_key = unplaced[index]
            placed[index] = _finding(document, display, rule, problem, config, at_key)
        return placed[index]

    loaded = len(findings)
    items = [(f.rule, f.path, f.message) for f in findings] + [
        (rule.id, format_path(problem.path), problem.message) for rule, problem, _ in unplaced]
    kept, extra, accepted = _waive(document, items,
                                   lambda i: findings[i].line if i < loaded else place(i - loaded).line,
                                   config, today or datetime.date.today())
    if waived is not None:
        waived += sorted(((findings[i] if i < loaded else place(i - loaded), *why) for i, why in accepted.items()),
                         key=lambda item: item[0])
    return sorted([findings[i] if i < loaded else place(i - loaded) for i in kept] + extra, key=cause_first), budget


def cause_first(finding: Finding) -> tuple[object, ...]:
    """How findings are ordered: by file; within a file the reading and schema findings (and T101)
    first, as the others may follow from them; then by place and rule, so the order is stable."""
    return (finding.file, not why_not_waivable(finding.rule), finding.line, finding.column, finding.rule,
            finding.message)


@dataclass(frozen=True)
class _Cause:
    """A value the schema rejected and no repair could read as meant (see schema_check.Repair), as the
    rules saw it: missing, or read as something else. Findings that follow from it are marked or dropped."""

    row: DocPath  # the table row (or unit) holding the value, or the value's own path outside tables
    figure: str | None  # an amount the rules could not read, as written (`812.44` of `812.44万元`)
    text: str | None  # a code or other text as written (`0151`)
    where: Message  # "the Y004 at 16:9": the finding that reports it

    @classmethod
    def of(cls, document: Document, data: object, path: DocPath, at_key: bool, rule_id: str,
           loader_findings: list[Finding], loader_paths: set[DocPath]) -> _Cause:
        value: object = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else \
                value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None
        rows = [index for index, part in enumerate(path) if isinstance(part, int)]
        row = path[: rows[-1] + 1] if rows and path[:1] == ("tables",) else path
        figure = text = None
        if isinstance(value, str) and len(value.strip()) >= 3:
            text = value.strip()
        # An amount: a number under an unknown key, or text where a number belongs (S001).
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) or isinstance(value, str) and rule_id == "S001":
            number = _LEADING_NUMBER.match(str(value))
            if number and Decimal(number.group().replace(",", "")) != 0:
                figure = f"{Decimal(number.group().replace(',', '')):f}"
        # Shown where it is printed: at the loader's finding when the loader reported the same value.
        reported = next((f for f in loader_findings if path in loader_paths and f.path == format_path(path)), None)
        if reported is not None:
            where = say("lint.finding_at", rule=reported.rule, line=reported.line, column=reported.column)
        else:
            line, column = document.locate_key(path) if at_key else document.locate(path)
            where = say("lint.finding_at", rule=rule_id, line=line, column=column)
        return cls(row, figure, text, where)

    def gap_of(self, message: str) -> bool:
        """The finding's gap is exactly the figure that was not read: it says nothing more than that."""
        return self.figure is not None and re.search(rf"\(diff [+-]{re.escape(self.figure)}\)", message) is not None

    def involves(self, problem: Problem) -> bool:
        """The finding is about the row that holds the value (or the unit total it adds into), or states
        the text that failed (a code compared with other codes)."""
        for path in (problem.path, *problem.related):
            if path[: len(self.row)] == self.row and self.row[:1] == ("tables",):
                return True
            # A figure of the unit (or mapping) whose rows include this one: `units[0].total`.
            if len(path) >= 2 and len(self.row) >= 3 and isinstance(path[-1], str) and path[:-1] == self.row[:-2]:
                return True
        return self.text is not None and states(problem.message, self.text)


# The number a value starts with (`812.44` of `812.44万元`, `1,569.30`).
_LEADING_NUMBER = re.compile(r"\s*[-+]?[0-9][0-9,]*(?:\.[0-9]+)?(?![0-9])")


def _consequences_marked(problems: list[tuple[Rule, Problem, bool]],
                         causes: list[_Cause]) -> list[tuple[Rule, Problem, bool]]:
    """The rules' problems with those that follow from a value the schema rejected dropped, where the
    finding's gap is that very value, or marked as following from it."""
    out = []
    for rule, problem, at_key in problems:
        if any(cause.gap_of(problem.message) for cause in causes):
            continue
        cause = next((cause for cause in causes if cause.involves(problem)), None)
        if cause is not None:
            problem = dataclasses.replace(problem, message=say("lint.follows_from", message=problem.message,
                                                               cause=cause.where))
        out.append((rule, problem, at_key))
    return out


def apply_waivers(document: Document, findings: list[Finding], config: Config,
                  today: datetime.date) -> list[Finding]:
    """Drop findings accepted by a waiver with a reason; report bad, expired and unused waivers."""
    kept, extra, _ = _waive(document, [(f.rule, f.path, f.message) for f in findings], lambda i: findings[i].line,
                            config, today)
    return [findings[i] for i in kept] + extra


# A number inside a finding's message, for suggesting the figures a waiver records: amounts and rates
# (with a decimal point), codes (3 or more digits), names (in 「」).
_DECIMAL_FIGURE = re.compile(r"(?<![\d.])\d+\.\d+(?!\.?\d)")
_CODE_FIGURE = re.compile(r"(?<![\d.])\d{3,}(?!\.?\d)")
_NAME_FIGURE = re.compile(r"「([^」]+)」")


def figure_text(figure: object) -> str | None:
    """A waiver's figure as the message would print it (1.20, 2013202, a name); None if it is not one."""
    if isinstance(figure, str):
        return figure.strip() or None
    if isinstance(figure, bool):
        return None
    if isinstance(figure, int):
        return str(figure)
    if isinstance(figure, Decimal) and figure.is_finite():
        return f"{figure:f}"
    return None


def states(message: str, figure: str) -> bool:
    """Whether a finding's message states `figure`. A figure that starts or ends with a digit is matched
    as a whole number: 1.20 is not found in 11.20 or 1.205, 151 not in 151001."""
    before = r"(?<![\d.])" if figure[0].isdigit() else ""
    after = r"(?!\.?\d)" if figure[-1].isdigit() else ""
    return re.search(before + re.escape(figure) + after, message) is not None


def suggested_figures(message: str) -> str:
    """What a waiver of this finding could record, as YAML: its amounts and rates; else the name it
    quotes; else its code: the one it repeats most ("row 30299 … code 50299: 50299 is not in"), the
    longest of those (a 7-digit code before the year of a code list)."""
    decimals = list(dict.fromkeys(_DECIMAL_FIGURE.findall(message)))[:4]
    if decimals:
        return f"[{', '.join(decimals)}]"
    name = _NAME_FIGURE.search(message)
    codes = _CODE_FIGURE.findall(message)
    text = name.group(1) if name else max(codes, key=lambda c: (codes.count(c), len(c))) if codes else ""
    return f"[{json.dumps(text, ensure_ascii=False)}]" if text else "[…]"


def _waive(document: Document, items: list[tuple[str, str, str]], line_of: Callable[[int], int], config: Config,
           today: datetime.date) -> tuple[list[int], list[Finding], dict[int, tuple[str, str]]]:
    """Which findings (given as (rule, path, message) and a way to get their line) stay after the
    waivers, by index; the findings about the waivers themselves; and, for each finding a waiver
    accepted, the waiver's reason and expiry ("" for none). The line is asked for only to match an
    inline waiver, so that findings waived by path are never placed in the file."""
    kept = list(range(len(items)))
    extra: list[Finding] = []
    accepted: dict[int, tuple[str, str]] = {}
    file = document.file

    def waiver_finding(rule_id: str, path: DocPath, message: Message, line: int | None = None) -> None:
        entry = RULES_BY_ID[rule_id]
        if rule_id in config.disabled:
            return
        position = (line, 1) if line is not None else document.locate(path)
        extra.append(Finding(file, position[0], position[1], rule_id, config.severities.get(rule_id, entry.severity),
                             message, format_path(path), entry.name))

    # A file that did not load cleanly may lack the very findings its waivers accept (a typo in
    # `fiscal_year` stops the code-list checks): its unmatched waivers are reported together, with the
    # cause, and never with the advice to remove them.
    unclean = next((i for i, item in enumerate(items) if why_not_waivable(item[0]) and item[0] != "T101"), None)
    unmatched: list[tuple[DocPath, int | None]] = []  # (waiver path, inline waiver line)

    def unused(path: DocPath, message: Message, line: int | None = None) -> None:
        if unclean is None:
            waiver_finding("W002", path, message, line)
        else:
            unmatched.append((path, line))

    waivers = document.data.get("waivers")
    for index, waiver in enumerate(waivers if isinstance(waivers, list) else []):
        if not isinstance(waiver, dict) or not isinstance(waiver.get("rule"), str):
            continue  # the schema reports it
        path: DocPath = ("waivers", index)
        rule_id = waiver["rule"]
        not_waivable = why_not_waivable(rule_id)
        if not_waivable:
            waiver_finding("W005", path + ("rule",), say("W005.waiver", rule=rule_id, why=not_waivable))
            continue
        reason = waiver.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            waiver_finding("W001", path, say("W001.waiver", rule=rule_id))
            continue
        expires = waiver.get("expires")
        if isinstance(expires, str):
            try:
                if datetime.date.fromisoformat(expires) < today:
                    waiver_finding("W003", path + ("expires",), say("W003.expired", rule=rule_id, date=expires))
                    continue
            except ValueError:
                continue  # the schema reports a malformed date
        at = waiver.get("at")
        try:
            target = format_path(parse_path(at)) if isinstance(at, str) else None
        except ValueError as error:
            # parse_path's own words: its Message when it gives one, so that they are said in Chinese too
            reason = error.args[0] if error.args else error
            waiver_finding("W004", path + ("at",), say("W004.bad_path", rule=rule_id, error=reason))
            continue
        figures = _figures(waiver)
        if figures == []:
            continue  # `figures` is not a list of figures: the schema reports it, and the waiver waives nothing
        at_place = [i for i in kept if items[i][0] == rule_id and (
            target is None or items[i][1] == target or items[i][1].startswith((target + ".", target + "[")))]
        matched = {i for i in at_place if figures is None or all(states(items[i][2], f) for f in figures)}
        where = say("W002.at", at=at) if isinstance(at, str) else ""
        if not matched and at_place and figures:
            unused(path, say("W002.changed", rule=rule_id, at=where, figures=", ".join(figures),
                             line=line_of(at_place[0])))
        elif not matched:
            unused(path, say("W002.unused", rule=rule_id, at=where))
        elif figures is None and target is not None:
            waiver_finding("W006", path, say("W006.no_figures", rule=rule_id, at=where,
                                             figures=suggested_figures(items[min(matched)][2])))
        accepted.update((i, (reason.strip(), "" if expires is None else str(expires))) for i in matched)
        kept = [i for i in kept if i not in matched]

    for inline in document.inline_waivers:
        refused = [rule_id for rule_id in inline.rules if why_not_waivable(rule_id)]
        for rule_id in refused:
            waiver_finding("W005", (), say("W005.inline", rule=rule_id, why=why_not_waivable(rule_id)), inline.line)
        rules = [rule_id for rule_id in inline.rules if rule_id not in refused]
        if not rules:
            continue
        if not inline.reason:
            waiver_finding("W001", (), say("W001.inline", rules=", ".join(rules)), inline.line)
            continue
        matched = {i for i in kept if items[i][0] in rules and line_of(i) == inline.line}
        if not matched:
            unused((), say("W002.inline", rules=", ".join(rules), line=inline.line), inline.line)
        accepted.update((i, (inline.reason, "")) for i in matched)
        kept = [i for i in kept if i not in matched]
    if unmatched and unclean is not None:
        count = len(unmatched)
        key = "W002.unclean_many" if count > 1 else "W002.unclean_one"
        waiver_finding("W002", unmatched[0][0], say(key, more=count - 1, rule=items[unclean][0],
                                                    line=line_of(unclean)), unmatched[0][1])
    return kept, extra, accepted


def _figures(waiver: dict[str, object]) -> list[str] | None:
    """A waiver's `figures` as text; None when it gives none, [] when they are not figures."""
    if "figures" not in waiver:
        return None
    figures = waiver["figures"]
    shown: list[str] = []
    for figure in figures if isinstance(figures, list) else []:
        text = figure_text(figure)
        if text is None:
            return []
        shown.append(text)
    return shown


# What a worker sends back for a file: its findings, and the rules skipped on it with the reason.
FileResult = tuple[list[Finding], tuple[tuple[str, str], ...]]


def _check_one(args: tuple[str, Config, datetime.date | None]) -> FileResult:
    path, config, today = args
    try:
        findings, budget = check_file_in_layout(Path(path), config, today)
        return findings, skipped_rules(budget) if budget is not None else ()
    except Exception as error:  # noqa: BLE001 - last line of defence: a finding, never a traceback
        return [_internal_error(path, config, f"{type(error).__name__}: {error}")], ()


def _check_chunk(chunk: list[tuple[str, Config, datetime.date | None]]) -> list[FileResult]:
    return [_check_one(item) for item in chunk]


def lint(paths: Iterable[str], config: Config = DEFAULT_CONFIG, jobs: int = 1,
         today: datetime.date | None = None) -> LintResult:
    """Check every budget file under `paths`; raises UsageError for a path that does not exist."""
    files = discover(paths)
    work = [(str(path), config, today) for path in files]
    jobs = min(jobs, os.cpu_count() or 1)  # more workers than cores only add forks and memory
    # A worker costs a fork; a file costs about 10 ms. Measured with 2 workers: 4 files take as long
    # as without a pool, 8 files a quarter less. Fewer files than that are checked here, in order.
    workers = min(jobs, len(work) // MIN_FILES_PER_WORKER)
    result = LintResult(len(files), [])

    def add(item: tuple[str, Config, datetime.date | None], checked: FileResult) -> None:
        result.findings.extend(checked[0])
        if checked[1]:
            result.skipped[item[0]] = list(checked[1])

    if workers < 2:
        for item in work:
            add(item, _check_one(item))
        return result
    pooled, alone = plan_work(work)
    done: dict[str, FileResult] = {}
    if pooled:
        _check_in_pool(pooled, workers, done)
    for item in alone:  # one at a time, in this process, once the workers have ended
        done[item[0]] = _check_one(item)
    for item in work:  # the order of the files, whichever process checked them
        add(item, done[item[0]])
    return result


Work = list[tuple[str, Config, datetime.date | None]]  # (path, configuration, today) per file


def plan_work(work: Work) -> tuple[Work, Work]:
    """The files for the pool, and the large ones (over ALONE_BYTES) to be checked alone."""
    pooled: Work = []
    alone: Work = []
    for item in work:
        try:
            size = os.stat(item[0]).st_size
        except OSError:
            size = 0  # the loader says why it cannot be read
        (alone if size > ALONE_BYTES else pooled).append(item)
    return pooled, alone


def _check_in_pool(work: Work, workers: int,
                   done: dict[str, FileResult]) -> None:
    """Check `work` in `workers` processes into `done` (path → result)."""
    # The first file is checked here, before the workers are forked: they inherit what it loaded
    # once (code lists, templates, the compiled schema) instead of each loading it again.
    done[work[0][0]] = _check_one(work[0])
    rest = work[1:]
    # Imported here: one file (a pre-commit hook) needs no pool and should not pay for its import.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # A few chunks per worker: big enough that sending work costs little, small enough that a
    # worker that finishes early takes another chunk rather than wait for the slowest one. At most 16
    # files (about 0.1 s of work): with 64, the last chunk left one worker idle for up to half a second
    # (measured: 1,000 files 0.1-0.2 s slower).
    size = max(1, min(16, len(rest) // (workers * 4)))
    chunks = [rest[start:start + size] for start in range(0, len(rest), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                for item, checked in zip(chunk, future.result()):
                    done[item[0]] = checked
            except BrokenProcessPool:
                # A worker was killed (out of memory, a crash in C code): say which files went
                # unchecked rather than end in a traceback.
                for path, config_, _ in chunk:
                    done[path] = [_internal_error(path, config_, say("X001.killed"))], ()


def _internal_error(path: str, config: Config, what: str) -> Finding:
    entry = RULES_BY_ID["X001"]
    return Finding(path, 1, 1, entry.id, config.severities.get(entry.id, entry.severity),
                   say("X001.internal", what=what), "", entry.name)
