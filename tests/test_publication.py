"""The first demonstration (README): what budgetlint reports on the published 2023 Xigong budget.

The README lists these findings; this test keeps the list honest. Each comes from a general rule.
"""

from __future__ import annotations

from collections import Counter

from conftest import EXAMPLE, MAINTAINED, ROOT, TODAY

from budgetlint.lint import check_file

EXPECTED_ERRORS = Counter({"A304": 4, "A306": 1, "A405": 1, "T203": 1, "C104": 4, "C105": 4, "C107": 1,
                           "C114": 2, "C115": 1})


def test_the_publication_s_inconsistencies_are_each_reported_once() -> None:
    findings = check_file(EXAMPLE, today=TODAY)
    errors = Counter(f.rule for f in findings if f.severity == "error")
    assert errors == EXPECTED_ERRORS
    assert len({(f.rule, f.path) for f in findings}) == len(findings)  # nothing reported twice


def test_readme_states_the_same_counts() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    findings = check_file(EXAMPLE, today=TODAY)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    assert f"reports {errors} errors and {warnings} warnings" in readme


def test_the_maintained_budget_has_no_finding_left() -> None:
    assert check_file(MAINTAINED, today=TODAY) == []
