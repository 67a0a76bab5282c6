"""The rules that run, listed once. The catalogue (`budgetlint rules`, docs/rules.md) is built from it."""

from __future__ import annotations

from ..rule import Rule
from ..schema_check import SCHEMA_RULES
from .reading import INTERNAL_ERROR, READING_RULES, WAIVER_RULES

# Order is the order of the catalogue; findings are sorted by position anyway.
ALL_RULES: tuple[Rule, ...] = ()

CATALOGUE: tuple[Rule, ...] = READING_RULES + SCHEMA_RULES + ALL_RULES + WAIVER_RULES + (INTERNAL_ERROR,)
