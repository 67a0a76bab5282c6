"""Render one budget file: what `budgetlint render` and the site builder call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from budgetlint.findings import Finding
from budgetlint.layout import find_table, layout_for
from budgetlint.loader import load_file
from budgetlint.messages import current_language, in_language, tr

from .findings import annotate
from .html import render_html
from .layout import Disclosure, layout_disclosure
from .markdown import render_markdown

FORMATS: dict[str, Callable[[Disclosure], str]] = {"markdown": render_markdown, "html": render_html}
PDF = "pdf"  # the HTML page, printed by headless Chromium (render.pdf)
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": PDF}


class LoadError(Exception):
    """A budget file that cannot be read into a mapping (the message names the file and why)."""


def load_budget(path: Path) -> dict[str, Any]:
    result = load_file(path, str(path))
    document = result.document
    if document is not None and isinstance(document.data, dict):
        return document.data
    language = current_language()
    reasons = tr("cli.separator").join(tr("render.load_reason", line=p.line, column=p.column,
                                          problem=in_language(p.message, language)) for p in result.problems)
    raise LoadError(tr("render.cannot_load", path=path, reasons=reasons or tr("render.not_a_mapping")))


def disclosure_of(data: dict[str, Any], table: str | None = None) -> Disclosure:
    """The laid-out disclosure; `table` ("03", "3" or "expenditure") keeps that table alone.

    Raises layout.TableNotFound for a table the layout does not have.
    """
    key = find_table(layout_for(data), table).key if table else None
    return layout_disclosure(data, only_table=key)


def render(data: dict[str, Any], output_format: str, table: str | None = None,
           findings: list[Finding] | None = None) -> str:
    """The disclosure as Markdown or HTML; with `findings` (of `budgetlint check`), each on its cell. With
    `table`, the findings of that table alone."""
    disclosure = disclosure_of(data, table)
    if findings is not None:
        keys = [f"tables.{block.key}" for block in disclosure.tables] if table else []
        annotate(disclosure, [finding for finding in findings if not table or any(
            finding.path == key or finding.path.startswith((key + ".", key + "[")) for key in keys)],
                 current_language())
    return FORMATS[output_format](disclosure)


def format_for(output: Path | None) -> str | None:
    """The format an output file name asks for (`x.html` → html, `x.pdf` → pdf); Markdown on standard
    output; None for a name that says none (`x.txt`)."""
    return SUFFIXES.get(output.suffix.lower()) if output else "markdown"
