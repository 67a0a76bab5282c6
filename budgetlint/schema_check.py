"""Validate loaded data against `schema/budget.schema.json` and say what was expected in plain words."""

from __future__ import annotations

import difflib
import json
import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

from .findings import DocPath, Problem
from .rule import documented

SCHEMA_RULES = (
    documented("S001", "schema-type", "error", """
        A value has the wrong type: text where a number is expected, a number where a code is expected.

        Why: budgetlint can only add up figures it can read as exact numbers, and codes keep their
        leading digits only as text.

        Bad::

            total: "1,909.07"
            code: 151

        Good::

            total: 1909.07
            code: "151"
    """),
    documented("S002", "schema-unknown-key", "error", """
        A key that the format does not define, usually a typo (`totla:`) or a column of another table.

        Why: a misspelt key is silently ignored by every tool that reads the file, so its figure would
        never be checked or published.

        Bad::

            - {code: "2013202", name: 一般行政管理事务, totla: 3.00}

        Good::

            - {code: "2013202", name: 一般行政管理事务, total: 3.00}
    """),
    documented("S003", "schema-missing-key", "error", """
        A required part of the disclosure or of a row is missing (e.g. `fiscal_year`, a row's `code`).

        Why: the disclosure template requires it; without it the tables cannot be linked or rendered.

        Bad::

            department: {name: 洛阳市西工区西工街道办事处}

        Good::

            department: {code: "151", name: 洛阳市西工区西工街道办事处, region_code: "410303", units: [...]}
    """),
    documented("S004", "amount-precision", "error", """
        An amount has more than two decimals.

        Why: disclosures print amounts to the cent of their unit (0.01万元); a third decimal is a
        typing or rounding error and would not appear in the publication.

        Bad::

            total: 1909.071

        Good::

            total: 1909.07
    """),
    documented("S005", "amount-negative", "error", """
        An amount is negative.

        Why: budget disclosure tables hold appropriations, which are never negative; a minus sign is a
        transcription error (a decrease belongs in the narrative, not in a table cell).

        Bad::

            total: -3.00

        Good::

            total: 3.00
    """),
    documented("S006", "code-format", "error", """
        A code does not have the form of its classification: functional codes are 3/5/7 digits starting
        with 2, department economic codes 3/5 digits starting with 3, government economic codes 3/5
        digits starting with 5, unit codes 3 or 6 digits, project codes 21 digits.

        Why: codes key every row; a malformed code cannot be matched to the official lists or to other
        tables.

        Bad::

            code: "201-32-02"

        Good::

            code: "2013202"
    """),
    documented("S007", "value-not-allowed", "error", """
        A value is not one of the values the format allows (a unit that is not 万元 or 元, a project type
        other than 其他运转类 / 特定目标类, an unknown fund source).

        Why: these values drive how figures are compared; an unknown one cannot be checked.

        Bad::

            amount_unit: 千元

        Good::

            amount_unit: 万元
    """),
    documented("S008", "schema-constraint", "error", """
        A value breaks another constraint of the format: empty text, an empty list that must have
        entries, a malformed date, a year out of range.

        Why: the format requires it so that the disclosure is complete and can be rendered.

        Bad::

            units: []

        Good::

            units:
              - {code: "151001", name: 洛阳市西工区西工街道办事处, kind: 行政单位}
    """),
)

_RULE_BY_KEYWORD = {
    "type": "S001", "additionalProperties": "S002", "required": "S003", "x-decimal-places": "S004",
    "minimum": "S005", "pattern": "S006", "enum": "S007", "const": "S007",
}

_LOOKS_NUMERIC = re.compile(r"\s*[-+]?[0-9][0-9,，_ ]*(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("budgetlint.schema").joinpath("budget.schema.json").read_text(encoding="utf-8")
    # Decimal for the schema's own numbers, so that `multipleOf: 0.01` is tested exactly on Decimal amounts.
    return json.loads(text, parse_float=Decimal)  # type: ignore[no-any-return]


def _decimal_places(validator: Any, places: int, instance: Any, schema: dict[str, Any]) -> Any:
    """`x-decimal-places`: at most this many decimals, judged exactly on the Decimal read from the text."""
    if isinstance(instance, Decimal) and instance.is_finite():
        exponent = instance.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            yield ValidationError(f"{instance} has more than {places} decimals")


# The standard 2020-12 validator plus one keyword; other validators ignore unknown keywords.
BudgetValidator = validators.extend(Draft202012Validator, {"x-decimal-places": _decimal_places})


@lru_cache(maxsize=1)
def validator() -> Any:
    return BudgetValidator(schema(), format_checker=FormatChecker())


def check_schema(data: Any) -> list[tuple[str, Problem, bool]]:
    """Schema findings as (rule ID, problem, points_at_key)."""
    out = []
    seen: set[tuple[DocPath, str]] = set()
    for error in validator().iter_errors(data):
        if error.context:
            error = best_match(error.context)
        rule_id = _RULE_BY_KEYWORD.get(str(error.validator), "S008")
        path, message, at_key = _explain(error)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        out.append((rule_id, Problem(path, message), at_key))
    return out


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text `{value}`" if len(value) < 40 else f"the text `{value[:37]}…`"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _where(path: DocPath) -> str:
    from .findings import format_path

    return f"`{format_path(path)}`" if path else "the top level"


def _explain(error: ValidationError) -> tuple[DocPath, str, bool]:
    path: DocPath = tuple(error.absolute_path)
    value = error.instance
    keyword = error.validator
    title = str(error.schema.get("title", "")) if isinstance(error.schema, dict) else ""
    if keyword == "type":
        expected = error.validator_value
        expected_words = {"string": "text", "number": "a number", "integer": "a whole number",
                          "object": "a mapping (key: value lines)", "array": "a list (lines starting with -)",
                          "boolean": "true or false"}
        want = expected_words.get(expected, str(expected)) if isinstance(expected, str) else str(expected)
        message = f"expected {want}, found {_describe(value)}"
        if expected == "number" and isinstance(value, str) and _LOOKS_NUMERIC.fullmatch(value):
            cleaned = re.sub(r"[,，_ ]", "", value.strip())
            try:
                plain = format(Decimal(cleaned), "f")
                message += f": write it as a plain number, {plain} (no quotes, thousands separators or exponent)"
            except Exception:
                pass
        if expected == "string" and isinstance(value, (int, Decimal)) and "编码" in title + "代码":
            message += f": write codes in quotes, e.g. \"{value}\", so that leading digits are kept"
        return path, message, False
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [key for key in value if key not in allowed] if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        hint = difflib.get_close_matches(key, allowed, n=1)
        message = f"unknown key `{key}` in {_where(path)}"
        message += f"; did you mean `{hint[0]}`?" if hint else f"; expected one of: {', '.join(allowed)}"
        return path + (key,), message, True
    if keyword == "required":
        missing = re.match(r"'([^']+)'", error.message)
        key = missing.group(1) if missing else str(error.validator_value)
        return path, f"missing required key `{key}` in {_where(path)}", False
    if keyword == "x-decimal-places":
        return path, f"{value} has more than two decimals: amounts are printed to the cent, e.g. " \
                     f"{Decimal(value).quantize(Decimal('0.01'))}", False
    if keyword == "minimum":
        return path, f"{value} is negative: amounts in a budget table are never negative", False
    if keyword == "pattern":
        description = error.schema.get("description", "")
        return path, f"`{value}` is not a valid {title or 'code'}" + (f": {description}" if description else ""), False
    if keyword in {"enum", "const"}:
        allowed_values = error.validator_value if keyword == "enum" else [error.validator_value]
        shown = ", ".join(str(v) for v in allowed_values)
        return path, f"{_describe(value)} is not allowed here; expected one of: {shown}", False
    if keyword == "minLength":
        return path, f"{_where(path)} is empty; write the text or leave the key out", False
    if keyword == "minItems":
        return path, f"{_where(path)} needs at least {error.validator_value} entry", False
    return path, f"{_where(path)}: {error.message}", False
