"""Render one budget file: what `budgetlint render` and the site builder call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from budgetlint.layout import find_table, layout_for
from budgetlint.loader import load_file

from .html import render_html
from .layout import Disclosure, layout_disclosure
from .markdown import render_markdown

FORMATS: dict[str, Callable[[Disclosure], str]] = {"markdown": render_markdown, "html": render_html}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class LoadError(Exception):
    """A budget file that cannot be read into a mapping (the message names the file and why)."""


def load_budget(path: Path) -> dict[str, Any]:
    result = load_file(path, str(path))
    document = result.document
    if document is not None and isinstance(document.data, dict):
        return document.data
    reasons = "; ".join(f"line {p.line}, column {p.column}: {p.message}" for p in result.problems)
    raise LoadError(f"cannot load {path}: {reasons or 'not a YAML mapping'}")


def disclosure_of(data: dict[str, Any], table: str | None = None) -> Disclosure:
    """The laid-out disclosure; `table` ("03", "3" or "expenditure") keeps that table alone.

    Raises layout.TableNotFound for a table the layout does not have.
    """
    key = find_table(layout_for(data), table).key if table else None
    return layout_disclosure(data, only_table=key)


def render(data: dict[str, Any], output_format: str, table: str | None = None) -> str:
    return FORMATS[output_format](disclosure_of(data, table))


def format_for(output: Path | None) -> str:
    """The format an output file name asks for (`x.html` → html); Markdown otherwise."""
    return SUFFIXES.get(output.suffix.lower(), "markdown") if output else "markdown"
