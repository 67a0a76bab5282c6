"""The rule catalogue as Markdown: `docs/rules.md` is generated from the rules' own documentation.

Regenerate with `budgetlint rules --format markdown > docs/rules.md`; a test fails while the
committed file differs.
"""

from __future__ import annotations

from .rule import Rule

SERIES = (
    ("Y", "Reading the file"),
    ("S", "Schema"),
    ("A1", "Arithmetic within a table"),
    ("A2", "Summary tables"),
    ("A3", "Across tables"),
    ("A4", "Narrative figures"),
    ("C", "Classification"),
    ("T", "Disclosure completeness and text"),
    ("W", "Waivers"),
    ("X", "Internal"),
)

ROUNDING_POLICY = """\
## Rounding policy

Sums are **exact** by default: every amount is read as a `Decimal` from the text of the file, and a
total must equal the sum of its parts to the cent.

A file may declare `rounding: rounded` when its figures were rounded from a finer unit (for example
a table printed in 万元 with two decimals from accounts kept in 元). Each printed figure then stands
for the interval of values that round to it: `3.00` means anything in [2.995, 3.005). A sum passes
when the interval of the stated total and the interval of the sum of its parts overlap — that is,
when |total − Σ parts| ≤ half a unit of the total's last digit plus half a unit of each part's last
digit (the approach of XBRL Calculations 1.1). A finding under this policy says so:
`… (diff +0.03, beyond the rounding tolerance ±0.015)`.
"""


def markdown(rules: tuple[Rule, ...]) -> str:
    lines = ["# Rule catalogue", "",
             "Generated from the rules' documentation by `budgetlint rules --format markdown`; do not edit.", "",
             "| ID | name | severity | what it checks |", "|---|---|---|---|"]
    for entry in rules:
        summary = entry.summary.replace("|", "\\|")
        lines.append(f"| [{entry.id}](#{entry.id.lower()}-{entry.name}) | {entry.name} | {entry.severity} | {summary} |")
    lines += ["", ROUNDING_POLICY]
    for prefix, title in SERIES:
        members = [entry for entry in rules if entry.id.startswith(prefix)]
        if not members:
            continue
        lines += [f"## {title}", ""]
        for entry in members:
            lines += [f"### {entry.id} {entry.name}", "", f"Severity: **{entry.severity}**", "", entry.doc, ""]
    return "\n".join(lines).rstrip() + "\n"
