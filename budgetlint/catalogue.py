"""The rule catalogue as Markdown: `docs/rules.md` is generated from the rules' own documentation.

Regenerate with `budgetlint rules --format markdown > docs/rules.md`; a test fails while the
committed file differs. docs/rules.md is English; `budgetlint rules` and `explain` and the site's
rules page also say what a rule checks and why in Chinese (`explained`).
"""

from __future__ import annotations

from .messages import RULE_DOCS_ZH, ZH
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


# The parts of a rule's documentation that are prose, in order; the rest (bad and good) are examples.
PROSE = ("title", "details", "why")


def sections(entry: Rule) -> dict[str, str]:
    """A rule's documentation in parts: "title", its first paragraph (what the rule checks); "details",
    the paragraphs between it and "Why:" ("" if none); "why"; "examples", the rest (bad and good)."""
    paragraphs = entry.doc.split("\n\n")
    why = next((n for n, paragraph in enumerate(paragraphs) if paragraph.startswith("Why:")), len(paragraphs))
    return {"title": paragraphs[0], "details": "\n\n".join(paragraphs[1:why]),
            "why": "\n\n".join(paragraphs[why:why + 1]), "examples": "\n\n".join(paragraphs[why + 1:])}


def explained(entry: Rule, language: str) -> tuple[list[str], str]:
    """A rule's prose paragraphs in `language` (what it checks, details, why) and its examples. The Chinese
    is messages.RULE_DOCS_ZH (a part it lacks is shown in English rather than not at all); the examples
    are YAML and the documents' own text, the same in every language."""
    english = sections(entry)
    prose = [RULE_DOCS_ZH.get(f"{entry.id}.{part}", english[part]) if language == ZH else english[part]
             for part in PROSE if english[part]]
    return prose, english["examples"]


def title(entry: Rule, language: str) -> str:
    """What a rule checks, on one line: what `budgetlint rules` prints."""
    return RULE_DOCS_ZH.get(f"{entry.id}.title", entry.summary) if language == ZH else entry.summary


def explanation(entry: Rule, language: str) -> str:
    """A rule's documentation as `budgetlint explain` prints it; in English, its docstring as written."""
    if language != ZH:
        return entry.doc
    prose, examples = explained(entry, language)
    return "\n\n".join([*prose, examples] if examples else prose)
