"""What a rule is: an ID, a kebab-case name, a default severity, and a function whose docstring is
its user documentation.

Rules are plain generator functions over a loaded budget. The `rule` decorator only attaches the
metadata; the list of rules that run is written out once, in `budgetlint/rules/__init__.py`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .findings import Problem
from .messages import say

if TYPE_CHECKING:
    from .model import Budget

CheckFunction = Callable[["Budget"], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    check: CheckFunction | None  # None for findings made by the loader or the schema validator
    doc: str
    # What the rule reads, so that it runs only where the file's layout has it (see layout.unmet):
    # "table", "table/column" (a column the table prints), "sums/A110" (the layout declares row
    # identities of this rule), "identities" (the layout declares identities across tables).
    needs: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line: what `budgetlint rules` prints."""
        first = self.doc.strip().split("\n\n")[0]
        return " ".join(line.strip() for line in first.splitlines())

    def __call__(self, budget: Budget) -> Iterator[Problem]:
        if self.check is None:
            return iter(())
        return self.check(budget)


def rule(rule_id: str, name: str, severity: str, needs: tuple[str, ...] = ()) -> Callable[[CheckFunction], Rule]:
    """Attach an ID, a name, a severity and what it reads to a check function; its docstring is its
    documentation."""

    def wrap(check: CheckFunction) -> Rule:
        return Rule(rule_id, name, severity, check, inspect.cleandoc(check.__doc__ or ""), needs)

    return wrap


def documented(rule_id: str, name: str, severity: str, doc: str) -> Rule:
    """A catalogue entry for findings made outside the rule functions (loader, schema, waivers)."""
    return Rule(rule_id, name, severity, None, inspect.cleandoc(doc))


def why_not_waivable(rule_id: str) -> str:
    """Why findings of a rule cannot be waived ("" when they can). A file that cannot be read as written
    (Y), does not have the format's shape (S) or lacks a required table or part (T101) is not a
    disclosure anyone can accept: it must never pass."""
    if rule_id.startswith("Y"):
        return say("W005.reading_finding")
    if rule_id.startswith("S"):
        return say("W005.schema_finding")
    if rule_id == "T101":
        return say("W005.missing_part")
    return ""
