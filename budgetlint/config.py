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
from pathlib import Path
from typing import Any

import tomllib

from .findings import SEVERITIES


class ConfigError(Exception):
    """A configuration the tool cannot use; the CLI reports it with exit code 2."""


@dataclass(frozen=True)
class Config:
    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    source: str = ""
    # Folders with the repository's own layouts, searched before the packaged ones.
    layout_folders: tuple[Path, ...] = ()


def find_config(start: Path) -> Path | None:
    """The nearest budgetlint.toml, or pyproject.toml with a [tool.budgetlint] table, at or above start."""
    for folder in [start, *start.parents]:
        candidate = folder / "budgetlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "budgetlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def default_layout_folders(folder: Path) -> tuple[Path, ...]:
    """A `layouts/` folder in `folder`, if there is one (used when no configuration names another)."""
    candidate = folder / "layouts"
    return (candidate,) if candidate.is_dir() else ()


def load_config(path: Path | None, known_rules: set[str], start: Path | None = None) -> Config:
    if path is None:
        return Config(layout_folders=default_layout_folders(start or Path.cwd()))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
    table: Any = raw.get("tool", {}).get("budgetlint", {}) if path.name == "pyproject.toml" else raw
    disabled = table.get("disable", [])
    severities = table.get("severity", {})
    if not isinstance(disabled, list) or not isinstance(severities, dict):
        raise ConfigError(f"{path}: `disable` must be a list of rule IDs and `[severity]` a table")
    for rule_id in [*disabled, *severities]:
        if rule_id not in known_rules:
            raise ConfigError(f"{path}: unknown rule `{rule_id}` (see `budgetlint rules`)")
    for rule_id, severity in severities.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"{path}: severity of {rule_id} must be one of {', '.join(SEVERITIES)}")
    layouts = table.get("layouts")
    if layouts is not None and not isinstance(layouts, str):
        raise ConfigError(f"{path}: `layouts` must be a folder name, e.g. layouts = \"layouts\"")
    if layouts is not None and not (path.parent / layouts).is_dir():
        raise ConfigError(f"{path}: `layouts` names {layouts}, which is not a folder beside the configuration")
    folders = (path.parent / layouts,) if layouts is not None else default_layout_folders(path.parent)
    return Config(frozenset(disabled), dict(severities), str(path), folders)
