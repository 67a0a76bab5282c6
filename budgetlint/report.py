"""Reporters: turn a list of findings into text for a terminal, JSON, GitHub annotations or SARIF."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from urllib.parse import quote

import click

from . import __version__
from .findings import ERROR, Finding
from .messages import Message, current_language, in_language, say, tr
from .rule import Rule

# Control characters from a file must never reach a terminal as they are: ESC starts escape sequences
# (colours, cursor moves, OSC 8 links, a window title), `\r` returns to the start of the line and so
# overwrites what was printed before it. Each is shown as its escape instead: ESC as `\x1b`, `\r` as
# `\r`. C1 controls (U+0080–U+009F) count too: some terminals read U+009B as ESC [.
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]


def _visible_table(keep: str) -> dict[int, str]:
    return {code: _NAMED.get(chr(code), f"\\x{code:02x}") for code in _CONTROLS if chr(code) not in keep}


_VISIBLE = {keep: _visible_table(keep) for keep in ("", "\n", "\t", "\n\t", "\r\n")}


def visible(text: str, keep: str = "\n\t") -> str:
    """`text` with its control characters written as escapes (`\x1b`, `\r`), except those in `keep`
    (line breaks and tabs of the output itself, by default)."""
    table = _VISIBLE.get(keep) or _visible_table(keep)
    return text.translate(table)


def emit(text: str, machine: bool = False, nl: bool = True, styled: bool = False) -> None:
    """Write a command's output to standard output; never fails on the encoding of standard output.

    `machine`: output a program reads (JSON, SARIF, GitHub annotations, Markdown and HTML documents,
    textconv for git) is written as UTF-8 bytes whatever the console, because its reader expects
    UTF-8 (HTML even says so). Otherwise the text is for a person and is written in the console's
    encoding (GBK on a Chinese Windows console) with `?` for a character it cannot show: a missing
    `−` is better than no output at all.

    `styled`: the text was already made `visible` and carries colours of its own (`click.style`);
    they are written as they are, even where click would strip them (the caller chose colour).
    """
    if machine:
        click.echo((text + ("\n" if nl else "")).encode("utf-8", "replace"), nl=False)
        return
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    # A person reads this in a terminal: no control character of a file's text reaches it raw.
    shown = text if styled else visible(text)
    click.echo(shown.encode(encoding, "replace").decode(encoding), nl=nl, color=True if styled else None)


def _plain(text: str, **style: object) -> str:
    return text


def text(findings: list[Finding], files_checked: int, quiet: bool = False, color: bool = False) -> str:
    """`file:line:col: severity RULE message` — clickable in editors and terminals — and under it, for a
    finding that compares two places, one line per place of the other side:
    `    ↳ file:line:col: other side (path)`. Then a count of files, errors and warnings.

    `quiet` (as ruff's `--quiet`): the finding lines only, without the other side and the count.
    `color`: severities, rules and places in colour (for a terminal); the text is already `visible`.
    """
    style: Callable[..., str] = click.style if color else _plain
    language = current_language()
    other_side = tr("report.other_side")
    lines = []
    for f in findings:
        # One line per finding: a line break in a message (a quoted text) is shown, not printed.
        place = visible(f"{f.file}:{f.line}:{f.column}:", keep="")
        severity = style(f.severity, fg="red" if f.severity == ERROR else "yellow", bold=True)
        lines.append(f"{style(place, bold=True)} {severity} {style(f.rule, bold=True)} "
                     f"{visible(in_language(f.message, language), keep=chr(9))}")
        if not quiet:
            lines += [style(visible(f"    ↳ {f.file}:{line}:{column}: {other_side} ({path})", keep=""), dim=True)
                      for line, column, path in f.related]
    if quiet:
        return "\n".join(lines)
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    summary = tr("report.summary", files=_count("report.files", files_checked),
                 errors=_count("report.errors", errors), warnings=_count("report.warnings", warnings))
    lines.append(style(summary, fg="red" if errors else "yellow" if warnings else "green"))
    return "\n".join(lines)


def _count(key: str, count: int) -> Message:
    return say(key, count=count, s="s" if count != 1 else "")


def as_json(findings: list[Finding], files_checked: int,
            skipped: dict[str, list[tuple[str, str]]] | None = None) -> str:
    """`{"files_checked", "findings", "skipped"}`; `skipped` names, per file, the rules that did not run
    on it because its layout lacks their tables or columns, and why."""
    report: dict[str, object] = {"files_checked": files_checked, "findings": [f.as_dict(current_language()) for f in findings]}
    if skipped is not None:
        report["skipped"] = {file: [{"rule": rule, "reason": reason} for rule, reason in rules]
                             for file, rules in skipped.items()}
    return json.dumps(report, ensure_ascii=False, indent=2)


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github(findings: list[Finding], files_checked: int) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on the pull request. An
    annotation has one place; the other side of a comparison is named in its message:
    `… (other side: file:line, file:line)`."""
    lines = []
    for f in findings:
        command = "error" if f.severity == ERROR else "warning"
        message = in_language(f.message, current_language())
        if f.related:
            message += f" ({tr('report.other_side')}: {', '.join(f'{f.file}:{line}' for line, _, _ in f.related)})"
        # The Actions log shows ANSI escape sequences as colours and links: controls are shown instead.
        lines.append(f"::{command} file={_escape_property(visible(f.file, keep=''))},line={f.line},col={f.column},"
                     f"title={_escape_property(f.rule + ' ' + f.rule_name)}::"
                     f"{_escape_data(visible(message, keep=chr(13) + chr(10)))}")
    return "\n".join(lines)


def sarif(findings: list[Finding], files_checked: int, catalogue: tuple[Rule, ...] = ()) -> str:
    """SARIF 2.1.0, for code-scanning and review tools."""
    used = sorted({f.rule for f in findings})
    by_id = {entry.id: entry for entry in catalogue}
    rules = []
    for rule_id in used:
        entry = by_id.get(rule_id)
        rules.append({
            "id": rule_id,
            "name": entry.name if entry else rule_id,
            "shortDescription": {"text": entry.summary if entry else rule_id},
            "fullDescription": {"text": entry.doc if entry else rule_id},
            "defaultConfiguration": {"level": "error" if entry is None or entry.severity == ERROR else "warning"},
        })
    index = {rule_id: position for position, rule_id in enumerate(used)}
    results = []
    for f in findings:
        # a URI reference: a path with spaces or Chinese characters is percent-encoded (RFC 3986)
        uri = quote(f.file.replace("\\", "/"))
        result: dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": "error" if f.severity == ERROR else "warning",
            "message": {"text": in_language(f.message, current_language())},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": f.line, "startColumn": f.column},
            }}],
        }
        if f.related:
            result["relatedLocations"] = [{
                "id": number,
                "physicalLocation": {"artifactLocation": {"uri": uri},
                                     "region": {"startLine": line, "startColumn": column}},
                "message": {"text": f"{tr('report.other_side')}: {path}"},
            } for number, (line, column, path) in enumerate(f.related, 1)]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "budgetlint", "version": __version__,
                                "informationUri": "https://budgetlint.example/", "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


REPORTERS = {"text": text, "json": as_json, "github": github, "sarif": sarif}
