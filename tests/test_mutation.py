"""Transcription-level mutation test (issue 3): change each amount of the as-published example by
+0.01 and by −0.01; every change must produce at least one new error finding.

An amount that no identity covers would be a figure a clerk could mistype without anyone noticing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import EXAMPLE, findings_for, load_data, set_at

from budgetlint.findings import ERROR, format_path

CENT = Decimal("0.01")


def amount_paths(node: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from amount_paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from amount_paths(value, path + (index,))
    elif isinstance(node, Decimal):
        yield path


def errors(folder: Path, data: Any) -> set[tuple[str, str, str]]:
    return {(f.rule, f.path, f.message) for f in findings_for(folder, data) if f.severity == ERROR}


def test_every_amount_is_covered_by_an_identity(tmp_path: Path) -> None:
    original = load_data(EXAMPLE)
    baseline = errors(tmp_path, original)
    paths = list(amount_paths(original["tables"]))
    assert len(paths) > 300
    uncaught = []
    for path in paths:
        full = ("tables",) + path
        for step in (CENT, -CENT):
            data = load_data(EXAMPLE)
            node: Any = data
            for key in full:
                node = node[key]
            if node + step < 0:
                continue  # a negative amount is a schema finding (S005), tested elsewhere
            set_at(data, full, node + step)
            if not errors(tmp_path, data) - baseline:
                uncaught.append(f"{format_path(full)} {step:+}")
    assert uncaught == []
