"""Repository configuration: `budgetlint.toml`, or `[tool.budgetlint]` in `pyproject.toml`.

```toml
disable = ["A406"]             # rules that do not run
layouts = "layouts"            # the repository's own layouts (default: layouts/ beside this file)
[severity]
C102 = "error"                 # raise or lower a rule's severity
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomllib

from .findings import ERROR, SEVERITIES
from .messages import Message, say, tr
from .rule import why_not_waivable


class ConfigError(Exception):
    """A configuration the tool cannot use; the CLI reports it with exit code 2."""


@dataclass(frozen=True)
class Config:
    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    source: str = ""
    # Folders with the repository's own layouts, searched before the packaged ones.
    layout_folders: tuple[Path, ...] = ()
    # Thresholds the rules read (`execution_gap = "5%"`: a 决算 gap above 5% of the budget needs a reason).
    options: dict[str, Decimal] = field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    """The nearest budgetlint.toml, or pyproject.toml with a [tool.budgetlint] table, at or above start.

    A pyproject.toml whose `tool` is not a table is returned too, so that `load_config` says what is
    wrong with it rather than the configuration it may hold being silently ignored.
    """
    for folder in [start, *start.parents]:
        candidate = folder / "budgetlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
            if not isinstance(tool, dict) or "budgetlint" in tool:
                return pyproject
    return None


def default_layout_folders(folder: Path) -> tuple[Path, ...]:
    """A `layouts/` folder in `folder`, if there is one (used when no configuration names another)."""
    candidate = folder / "layouts"
    return (candidate,) if candidate.is_dir() else ()


def _kind(value: object) -> Message:
    """A TOML value's kind, for messages: `disable` must be a list, not a table."""
    kinds = {dict: "cli.config.kind_table", list: "cli.config.kind_list", str: "cli.config.kind_string",
             bool: "cli.config.kind_boolean", int: "cli.config.kind_number", float: "cli.config.kind_number"}
    key = kinds.get(type(value))
    return say(key) if key else say("cli.config.kind_other", name=type(value).__name__)


def _table(path: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """The budgetlint settings in a configuration file: all of budgetlint.toml, [tool.budgetlint] of
    pyproject.toml."""
    if path.name != "pyproject.toml":
        return raw
    tool = raw.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(tr("cli.config.tool_not_table", path=path, kind=_kind(tool)))
    table = tool.get("budgetlint", {})
    if not isinstance(table, dict):
        raise ConfigError(tr("cli.config.budgetlint_not_table", path=path, kind=_kind(table)))
    return table


def load_config(path: Path | None, known_rules: set[str], start: Path | None = None) -> Config:
    """The configuration in `path`. Every value is checked for its type before it is used: a value of
    another type is a ConfigError naming the file and the key (exit code 2), never a traceback."""
    if path is None:
        return Config(layout_folders=default_layout_folders(start or Path.cwd()))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise ConfigError(tr("cli.config.unreadable", path=path, error=error)) from error
    table = _table(path, raw)
    disabled = table.get("disable", [])
    if not isinstance(disabled, list) or not all(isinstance(rule_id, str) for rule_id in disabled):
        raise ConfigError(tr("cli.config.disable_not_list", path=path))
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(tr("cli.config.severity_not_table", path=path, kind=_kind(severities)))
    for rule_id in [*disabled, *severities]:
        if rule_id not in known_rules:
            raise ConfigError(tr("cli.config.unknown_rule", path=path, rule=rule_id))
    for rule_id, severity in severities.items():
        if not isinstance(severity, str) or severity not in SEVERITIES:
            raise ConfigError(tr("cli.config.bad_severity", path=path, rule=rule_id,
                                 severities=", ".join(SEVERITIES)))
    # What a waiver cannot silence, the configuration cannot either: a file the schema rejects must
    # never pass, so those rules can be neither disabled nor lowered below an error.
    for rule_id in [*disabled, *(rule_id for rule_id, severity in severities.items() if severity != ERROR)]:
        if why_not_waivable(rule_id):
            key = "cli.config.cannot_disable" if rule_id in disabled else "cli.config.cannot_lower"
            raise ConfigError(tr(key, path=path, rule=rule_id, why=why_not_waivable(rule_id)))
    layouts = table.get("layouts")
    if layouts is not None and not isinstance(layouts, str):
        raise ConfigError(tr("cli.config.layouts_not_text", path=path))
    if layouts is not None and not (path.parent / layouts).is_dir():
        raise ConfigError(tr("cli.config.layouts_not_folder", path=path, layouts=layouts))
    folders = (path.parent / layouts,) if layouts is not None else default_layout_folders(path.parent)
    options = {}
    if "execution_gap" in table:
        options["execution_gap"] = _share(path, "execution_gap", table["execution_gap"])
    return Config(frozenset(disabled), dict(severities), str(path), folders, options)


def _share(path: Path, key: str, value: object) -> Decimal:
    """A share written as text with a per cent sign (`"5%"`, exact), as a fraction (0.05)."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        share = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal("NaN")
    except ArithmeticError:
        share = Decimal("NaN")
    if not share.is_finite() or not 0 <= share <= 10:
        raise ConfigError(tr("cli.config.bad_share", path=path, setting=key))
    return share
