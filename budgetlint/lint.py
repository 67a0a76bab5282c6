"""The linting core: find files, read them, validate, run the rules, apply waivers.

`lint(paths, ...)` is what the CLI and the tests call; click only parses arguments.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .findings import DocPath, Finding, Problem, format_path, parse_path
from .loader import Document, load_file
from .model import Budget
from .rule import Rule
from .rules import ALL_RULES, CATALOGUE
from .schema_check import check_schema

RULES_BY_ID = {entry.id: entry for entry in CATALOGUE}
BUDGET_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A command-line mistake (a path that does not exist): exit code 2."""


@dataclass
class LintResult:
    files_checked: int
    findings: list[Finding]


def discover(paths: Iterable[str]) -> list[Path]:
    """Budget files named directly, and every *.yaml below named folders (hidden ones skipped).

    Symbolic links to folders are not followed, so a link loop cannot make the walk endless.
    """
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, filenames in os.walk(path, followlinks=False):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                files.extend(Path(folder, f) for f in sorted(filenames)
                             if f.endswith(BUDGET_SUFFIXES) and not f.startswith("."))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"no such file or folder: {name}")
    return files


def _finding(document: Document | None, file: str, rule: Rule, problem: Problem, config: Config,
             at_key: bool = False) -> Finding:
    if document is not None:
        line, column = document.locate_key(problem.path) if at_key else document.locate(problem.path)
        if problem.anchor:
            line, column = _find_anchor(file, problem.anchor, line, column)
    else:
        line, column = 1, 1
    severity = config.severities.get(rule.id, rule.severity)
    return Finding(file, line, column, rule.id, severity, problem.message, format_path(problem.path), rule.name)


def _find_anchor(file: str, anchor: str, line: int, column: int) -> tuple[int, int]:
    """Where `anchor` first appears in the file at or after `line` (a sentence inside a block of text).

    The file is read again only for findings that carry an anchor, which are few.
    """
    try:
        lines = Path(file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return line, column
    for number in range(line - 1, len(lines)):
        found = lines[number].find(anchor)
        if found >= 0:
            return number + 1, found + 1
    return line, column


def load_budget(path: Path, display: str) -> Budget | None:
    """A budget for cross-year checks: loaded quietly; None if it cannot be read."""
    result = load_file(path, display)
    if result.document is None or not isinstance(result.document.data, dict):
        return None
    return Budget(result.document)


def _previous_year_loader(path: Path, document: Document):  # type: ignore[no-untyped-def]
    year = document.data.get("fiscal_year")
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    candidate = path.with_name(f"{year - 1}{path.suffix}")
    if not candidate.is_file():
        return None
    return lambda: load_budget(candidate, str(candidate))


def check_file(path: Path, config: Config = Config(), today: datetime.date | None = None) -> list[Finding]:
    """All findings for one file. Never raises for bad input."""
    display = str(path)
    result = load_file(path, display)
    document = result.document
    findings: list[Finding] = []
    loader_paths: set[DocPath] = set()
    for problem in result.problems:
        entry = RULES_BY_ID[problem.rule]
        line, column = problem.line, problem.column
        severity = config.severities.get(entry.id, entry.severity)
        findings.append(Finding(display, line, column, entry.id, severity, problem.message,
                                format_path(problem.path), entry.name))
        loader_paths.add(problem.path)
    if document is None:
        return sorted(findings)
    for rule_id, problem, at_key in check_schema(document.data):
        if problem.path in loader_paths:  # already reported, in plainer words, by the loader
            continue
        if rule_id not in config.disabled:
            findings.append(_finding(document, display, RULES_BY_ID[rule_id], problem, config, at_key))
    budget = Budget(document, _previous_year_loader(path, document))
    for rule in ALL_RULES:
        if rule.id in config.disabled:
            continue
        try:
            for problem in rule(budget):
                findings.append(_finding(document, display, rule, problem, config))
        except Exception as error:  # a bug in a rule must not hide the other findings or show a traceback
            findings.append(_finding(document, display, RULES_BY_ID["X001"], Problem(
                (), f"rule {rule.id} {rule.name} failed on this file ({type(error).__name__}: {error}); "
                "the other rules ran. Please report this with the file."), config))
    findings = apply_waivers(document, findings, config, today or datetime.date.today())
    return sorted(findings)


def apply_waivers(document: Document, findings: list[Finding], config: Config,
                  today: datetime.date) -> list[Finding]:
    """Drop findings accepted by a waiver with a reason; report bad, expired and unused waivers."""
    kept = list(findings)
    extra: list[Finding] = []
    file = document.file

    def waiver_finding(rule_id: str, path: DocPath, message: str, line: int | None = None) -> None:
        entry = RULES_BY_ID[rule_id]
        if rule_id in config.disabled:
            return
        position = (line, 1) if line is not None else document.locate(path)
        extra.append(Finding(file, position[0], position[1], rule_id, config.severities.get(rule_id, entry.severity),
                             message, format_path(path), entry.name))

    waivers = document.data.get("waivers")
    for index, waiver in enumerate(waivers if isinstance(waivers, list) else []):
        if not isinstance(waiver, dict) or not isinstance(waiver.get("rule"), str):
            continue  # the schema reports it
        path: DocPath = ("waivers", index)
        rule_id = waiver["rule"]
        reason = waiver.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            waiver_finding("W001", path, f"waiver for {rule_id} gives no reason; write why the finding is accepted")
            continue
        expires = waiver.get("expires")
        if isinstance(expires, str):
            try:
                if datetime.date.fromisoformat(expires) < today:
                    waiver_finding("W003", path + ("expires",), f"waiver for {rule_id} expired on {expires}; "
                                   "fix the finding or renew the waiver with a new reason and date")
                    continue
            except ValueError:
                continue  # the schema reports a malformed date
        at = waiver.get("at")
        target = format_path(parse_path(at)) if isinstance(at, str) else None
        matched = [f for f in kept if f.rule == rule_id and (target is None or f.path == target
                                                             or f.path.startswith(target + ".")
                                                             or f.path.startswith(target + "["))]
        if not matched:
            where = f" at `{at}`" if isinstance(at, str) else ""
            waiver_finding("W002", path, f"waiver for {rule_id}{where} matches no finding; remove it")
        kept = [f for f in kept if f not in matched]

    for inline in document.inline_waivers:
        if not inline.reason:
            waiver_finding("W001", (), f"inline waiver for {', '.join(inline.rules)} gives no reason; "
                           "add `reason: …`", inline.line)
            continue
        matched = [f for f in kept if f.rule in inline.rules and f.line == inline.line]
        if not matched:
            waiver_finding("W002", (), f"inline waiver for {', '.join(inline.rules)} matches no finding on "
                           f"line {inline.line}; remove it", inline.line)
        kept = [f for f in kept if f not in matched]
    return kept + extra


def _check_one(args: tuple[str, Config, datetime.date | None]) -> list[Finding]:
    path, config, today = args
    return check_file(Path(path), config, today)


def lint(paths: Iterable[str], config: Config = Config(), jobs: int = 1,
         today: datetime.date | None = None) -> LintResult:
    """Check every budget file under `paths`; raises UsageError for a path that does not exist."""
    files = discover(paths)
    work = [(str(path), config, today) for path in files]
    if jobs > 1 and len(files) > 1:
        # Files are independent; a process per core beats threads because the work is Python code.
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            chunk = max(1, len(files) // (jobs * 8))
            results = list(pool.map(_check_one, work, chunksize=chunk))
    else:
        results = [_check_one(item) for item in work]
    findings = [finding for result in results for finding in result]
    return LintResult(len(files), findings)
