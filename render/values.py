"""Reading cells out of budget data: amounts as Decimal, printed with two decimals, and computed sums.

Amounts are never floats: the loader gives `Decimal`s built from the text of the file, sums are
`Decimal` sums, and formatting quantizes to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from budgetlint.layout import row_sums
from budgetlint.model import add_into, amounts, money

CENT = Decimal("0.01")

Column = tuple[str, ...]
Flat = dict[Column, Decimal]


def column(dotted: str) -> Column:
    """`this_year.general_budget` → ('this_year', 'general_budget')."""
    return tuple(part for part in str(dotted).split(".") if part)


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def indexed_dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list with their positions in it, which document paths count (`rows[3]`)."""
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)] \
        if isinstance(value, list) else []


def text(value: Any) -> str:
    """A label cell: strings as written; codes and numbers as their text; blank for nothing."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def value_at(row: Any, path: Column) -> Any:
    node = row
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def format_amount(value: Any) -> str:
    """An amount cell: two decimals (`3` → `3.00`); blank when absent; odd values shown as written."""
    if value is None:
        return ""
    number = money(value)
    if number is None:
        return text(value)
    try:
        cents = number.quantize(CENT)
    except InvalidOperation:  # more digits than the context holds: show it whole
        return f"{number:f}"
    # A figure with more than two decimals breaks the format (the schema reports it); show it whole
    # rather than round it away.
    return f"{cents:f}" if cents == number else f"{number.normalize():f}"


def flat_amounts(row: Any) -> Flat:
    """The amount cells of a row (nested groups flattened), as Decimals."""
    return amounts(row) if isinstance(row, dict) else {}


def column_sums(spec: Any, prefix: Column = ()) -> list[tuple[Column, list[Column]]]:
    """A layout table's `column_sums` as (target, parts), optionally under a group prefix, in the
    layout's order (a later sum may use an earlier one's target)."""
    if not isinstance(spec, list):
        return []
    return [(prefix + sum_.column, [prefix + part for part in sum_.parts])
            for sum_ in row_sums({"column_sums": spec})]


def add_all(rows: Iterable[Flat]) -> Flat:
    total: Flat = {}
    for row in rows:
        add_into(total, row)
    return total


def nest(flat: Flat) -> dict[str, Any]:
    """{('this_year', 'total'): 1} → {'this_year': {'total': 1}} (for data that other code reads nested)."""
    out: dict[str, Any] = {}
    for path, value in flat.items():
        node = out
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return out
