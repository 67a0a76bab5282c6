"""Repository configuration: `budgetlint.toml`, or `[tool.budgetlint]` in `pyproject.toml`.

```toml
disable = ["A406"]             # rules that do not run
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


def load_config(path: Path | None, known_rules: set[str]) -> Config:
    if path is None:
        return Config()
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
    return Config(frozenset(disabled), dict(severities), str(path))
