"""The rule catalogue: unique IDs, documentation for every rule, docs/rules.md kept current."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from budgetlint.catalogue import markdown
from budgetlint.cli import main
from budgetlint.rules import ALL_RULES, CATALOGUE


def test_rule_ids_and_names_are_unique_and_well_formed() -> None:
    ids = [entry.id for entry in CATALOGUE]
    names = [entry.name for entry in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
    for entry in CATALOGUE:
        assert re.fullmatch(r"[A-Z][0-9]{3}", entry.id)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name), entry.name
        assert entry.severity in {"error", "warning"}


def test_every_rule_documents_what_why_bad_and_good() -> None:
    for entry in CATALOGUE:
        doc = entry.doc
        assert entry.summary, entry.id
        assert "Why" in doc, f"{entry.id} has no 'Why'"
        assert "Bad" in doc and "Good" in doc, f"{entry.id} has no bad/good example"


def test_every_rule_function_is_listed_once() -> None:
    assert len({id(rule) for rule in ALL_RULES}) == len(ALL_RULES)
    assert all(rule.check is not None for rule in ALL_RULES)


def test_docs_rules_md_is_generated_from_the_code() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(CATALOGUE), "run: budgetlint rules --format markdown > docs/rules.md"


def test_rules_and_explain_commands() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0
    assert all(entry.id in listing.output for entry in CATALOGUE)
    explained = runner.invoke(main, ["explain", "a101"])
    assert explained.exit_code == 0
    assert "A101 totals-equal-sum-of-rows (error)" in explained.output
    assert "Bad" in explained.output
    unknown = runner.invoke(main, ["explain", "Z999"])
    assert unknown.exit_code == 2
    assert "unknown rule" in unknown.output
