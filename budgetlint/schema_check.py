"""Validate loaded data against its layout's schema and say what was expected in plain words.

Each file is validated against the schema of its own layout (`schema.build.schema_for`): the format's
schema narrowed to the tables and columns that layout prints, so a column the layout's table does not
have is an unknown key (S002), never a silent 0.00.

Two validators, one answer. jsonschema's validator is the reference and writes every message, but
it costs about 17 ms for a 600-line budget, more than reading the file and running all the rules. So
the schema is also compiled, once per process, into plain Python checks that answer only "valid or
not" (0.6 ms). A file the compiled check passes has no schema findings; any other file goes
through jsonschema for its findings. The compiled check covers exactly the keywords the schema
uses; a schema with any other validation keyword is not compiled, and every file goes through
jsonschema (tests/test_properties.py compares both answers on random and mutated budgets).
jsonschema is imported only when a file needs its messages, which keeps start-up short.
"""

from __future__ import annotations

import datetime
import difflib
import json
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import DocPath, Problem
from .layout import DEFAULT_LAYOUT, load_layout
from .messages import Message, say
from .rule import documented

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

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

_LOOKS_NUMERIC = re.compile(r"\s*[-+]?[0-9][0-9,_ ]*(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*", re.ASCII)


LayoutKey = tuple[str, tuple[Path, ...]]  # a layout's name and the repository folders it is looked up in


@lru_cache(maxsize=16)
def schema(layout: LayoutKey = (DEFAULT_LAYOUT, ())) -> dict[str, Any]:
    """The schema of a layout (built once per process: a repository's own layout has no JSON file)."""
    from .schema.build import schema_for

    # Through JSON and back with Decimal for the schema's own numbers, so that bounds are exact on
    # Decimal amounts and the compiled check sees plain data.
    text = json.dumps(schema_for(load_layout(layout[0], layout[1])), ensure_ascii=False)
    return json.loads(text, parse_float=Decimal)  # type: ignore[no-any-return]


def _decimal_places(validator: Any, places: int, instance: Any, schema: dict[str, Any]) -> Any:
    """`x-decimal-places`: at most this many decimals, judged exactly on the Decimal read from the text."""
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, Decimal) and instance.is_finite():
        exponent = instance.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            yield ValidationError(f"{instance} has more than {places} decimals")


@lru_cache(maxsize=1)
def budget_validator_class() -> Any:
    """The standard 2020-12 validator plus one keyword; other validators ignore unknown keywords."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"x-decimal-places": _decimal_places})


def __getattr__(name: str) -> Any:
    # `BudgetValidator` stays importable from here without importing jsonschema at start-up.
    if name == "BudgetValidator":
        return budget_validator_class()
    raise AttributeError(name)


@lru_cache(maxsize=16)
def validator(layout: LayoutKey = (DEFAULT_LAYOUT, ())) -> Any:
    from jsonschema import FormatChecker

    return budget_validator_class()(schema(layout), format_checker=FormatChecker())


@dataclass(frozen=True)
class Repair:
    """What a clerk evidently meant where the schema failed: the entry `key` of the mapping (or list)
    at `parent` read as `new_key: value` — a misspelt key renamed, a number typed with full-width digits
    read as the number, a code typed without quotes read as the code. The finding is reported all the
    same; the rules check the figures as meant, so that the one mistake is not reported again as every
    sum it breaks."""

    parent: DocPath
    key: str | int
    new_key: str | int
    value: Any


SchemaProblem = tuple[str, Problem, bool]  # (rule ID, problem, points at the key)


def check_schema(data: Any, layout: LayoutKey = (DEFAULT_LAYOUT, ())) -> list[SchemaProblem]:
    """Schema findings as (rule ID, problem, points_at_key), against the schema of `layout`."""
    return check_schema_and_repair(data, layout)[0]


def check_schema_and_repair(data: Any, layout: LayoutKey = (DEFAULT_LAYOUT, ())) -> tuple[list[SchemaProblem],
                                                                                             list[Repair]]:
    """Schema findings, and the repairs of those whose intended value is certain (see `as_meant`)."""
    quick = compiled_schema(layout)
    if quick is not None and quick(data):
        return [], []  # valid: jsonschema would find nothing
    from jsonschema.exceptions import best_match

    out: list[tuple[SchemaProblem, tuple[DocPath, str] | None]] = []  # with the key a `required` finding misses
    repairs: list[Repair] = []
    seen: set[tuple[DocPath, str]] = set()
    for error in validator(layout).iter_errors(data):
        if error.context:
            error = best_match(error.context)
        rule_id = _RULE_BY_KEYWORD.get(str(error.validator), "S008")
        for path, message, at_key, repair in _explain(error):
            if (path, message) in seen:
                continue
            seen.add((path, message))
            missing = (path, _missing_key(error)) if error.validator == "required" else None
            out.append(((rule_id, Problem(path, message), at_key), missing))
            if repair is not None:
                repairs.append(repair)
    # A key missing because it is misspelt (`fiscal_yaer:`) is one mistake: the misspelling says it.
    supplied = {(repair.parent, repair.new_key) for repair in repairs}
    return [problem for problem, missing in out if missing not in supplied], repairs


def as_meant(data: Any, repairs: list[Repair]) -> Any:
    """A copy of `data` with the repairs made (the original stays as written, for the findings)."""
    import copy

    meant = copy.deepcopy(data)
    # Deepest first: a renamed key higher up (`expenditur:`) must not move what is below it away.
    for repair in sorted(repairs, key=lambda r: len(r.parent), reverse=True):
        parent: Any = meant
        try:
            for part in repair.parent:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(parent, dict):
            # Rebuilt in order, so that a renamed key keeps its place (rows are read in order).
            items = [(repair.new_key, repair.value) if key == repair.key else (key, value)
                     for key, value in parent.items()]
            parent.clear()
            parent.update(items)
        else:
            parent[repair.key] = repair.value
    return meant


def _missing_key(error: ValidationError) -> str:
    missing = re.match(r"'([^']+)'", error.message)
    return missing.group(1) if missing else str(error.validator_value)


# ---------------------------------------------------------------------------------------------------
# The compiled check: the schema turned into nested closures that return True for valid data.

Check = Callable[[Any], bool]

# Keywords that only describe (jsonschema ignores them too).
_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default", "$schema", "$id",
                          "$defs", "deprecated", "readOnly", "writeOnly"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # jsonschema's own test for format: date


class _Unsupported(Exception):
    """The schema uses a keyword the compiled check does not implement: use jsonschema for all files."""


@lru_cache(maxsize=16)
def compiled_schema(layout: LayoutKey = (DEFAULT_LAYOUT, ())) -> Check | None:
    """The compiled check of a layout's schema, or None if the schema uses a keyword it lacks."""
    try:
        return _Compiler(schema(layout)).compile(schema(layout))
    except _Unsupported:
        return None


def _is_number(value: Any) -> bool:
    kind = type(value)
    if kind is Decimal or kind is int:
        return True
    return not isinstance(value, bool) and isinstance(value, numbers.Number)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "number": _is_number,
    "integer": _is_integer,
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema judges `enum` and `const`: true is not 1, lists and maps compare deeply."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, (list, tuple)) and isinstance(two, (list, tuple)):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[key], two[key]) for key in one)
    try:
        return bool(one == two)
    except ArithmeticError:  # e.g. comparing a signalling Decimal
        return False


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, node: Any) -> Check:
        if node is True or node == {}:
            return lambda value: True
        if node is False:
            return lambda value: False
        if not isinstance(node, dict):
            raise _Unsupported(repr(node))
        known = {"type", "properties", "required", "additionalProperties", "items", "$ref", "pattern",
                 "enum", "const", "minimum", "maximum", "minLength", "minItems", "format",
                 "x-decimal-places"}
        unknown = set(node) - known - _ANNOTATIONS
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        keys = set(node)
        shaped = {  # which structural check the node has, by the type it applies to
            "object": bool({"properties", "required", "additionalProperties"} & keys),
            "array": bool({"items", "minItems"} & keys),
            "string": bool({"pattern", "minLength", "format"} & keys),
            "number": bool({"minimum", "maximum", "x-decimal-places"} & keys),
        }
        # A node of one type that has that type's structural check: the check also tests the type, one
        # closure instead of two (a file has hundreds of amounts, codes and rows).
        sole = node.get("type")
        strict = sole if isinstance(sole, str) and shaped.get(sole) else None
        if "type" in node and strict is None:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if any(t not in _TYPES for t in types):
                raise _Unsupported(f"type {types}")
            type_checks = [_TYPES[t] for t in types]
            checks.append(type_checks[0] if len(type_checks) == 1
                          else lambda value: any(check(value) for check in type_checks))
        if "$ref" in node:
            checks.append(self.ref(node["$ref"]))
        if "enum" in node:
            allowed = list(node["enum"])
            checks.append(lambda value: any(_equal(value, each) for each in allowed))
        if "const" in node:
            constant = node["const"]
            checks.append(lambda value: _equal(value, constant))
        if shaped["object"]:
            checks.append(self.mapping(node, must_be=strict == "object"))
        if shaped["array"]:
            checks.append(self.sequence(node, must_be=strict == "array"))
        if shaped["string"]:
            checks.append(self.text(node, must_be=strict == "string"))
        if shaped["number"]:
            checks.append(self.number(node, must_be=strict == "number"))
        if not checks:
            return lambda value: True
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda value: first(value) and second(value)
        return lambda value: all(check(value) for check in checks)

    def ref(self, ref: str) -> Check:
        if ref in self.refs:
            return self.refs[ref]
        if not (ref == "#" or ref.startswith("#/")):
            raise _Unsupported(f"$ref {ref}")
        target: Any = self.root
        for part in ref[2:].split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise _Unsupported(f"$ref {ref}")
            target = target[part]
        # A schema may refer to itself (a section has subsections): refer through a cell until compiled.
        cell: list[Check] = []
        self.refs[ref] = lambda value: cell[0](value)
        compiled = self.compile(target)
        cell.append(compiled)
        self.refs[ref] = compiled
        return compiled

    def mapping(self, node: dict[str, Any], must_be: bool = False) -> Check:
        properties = {key: self.compile(sub) for key, sub in node.get("properties", {}).items()}
        required = list(node.get("required", []))
        additional = node.get("additionalProperties", True)
        closed = additional is False
        extra = None if additional is True or closed else self.compile(additional)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not must_be
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                sub = properties.get(key)
                if sub is not None:
                    if not sub(item):
                        return False
                elif closed or extra is not None and not extra(item):
                    return False
            return True

        return check

    def sequence(self, node: dict[str, Any], must_be: bool = False) -> Check:
        items = self.compile(node["items"]) if "items" in node else None
        least = node.get("minItems", 0)

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return not must_be
            if len(value) < least:
                return False
            if items is not None:
                for item in value:
                    if not items(item):
                        return False
            return True

        return check

    def text(self, node: dict[str, Any], must_be: bool = False) -> Check:
        pattern = re.compile(node["pattern"]) if "pattern" in node else None
        shortest = node.get("minLength", 0)
        fmt = node.get("format")
        if fmt not in (None, "date"):
            raise _Unsupported(f"format {fmt}")

        def check(value: Any) -> bool:
            if not isinstance(value, str):
                return not must_be
            if len(value) < shortest:
                return False
            if pattern is not None and not pattern.search(value):
                return False
            return fmt is None or _valid_date(value)

        return check

    def number(self, node: dict[str, Any], must_be: bool = False) -> Check:
        least = node.get("minimum")
        most = node.get("maximum")
        places = node.get("x-decimal-places")
        # An amount written with exactly `places` decimals (1909.07) passes without `as_tuple`, which
        # costs six times as much and would run for every amount of every file.
        quantum = Decimal(1).scaleb(-places) if isinstance(places, int) else None

        def check(value: Any) -> bool:
            if not _is_number(value):
                return not must_be
            try:
                if least is not None and value < least:
                    return False
                if most is not None and value > most:
                    return False
            except (ArithmeticError, TypeError):  # an unordered number (NaN): let jsonschema report it
                return False
            if places is not None and isinstance(value, Decimal) and value.is_finite() \
                    and not (quantum is not None and value.same_quantum(quantum)):
                exponent = value.as_tuple().exponent
                if isinstance(exponent, int) and -exponent > places:
                    return False
            return True

        return check


def _describe(value: Any) -> Message:
    if isinstance(value, bool):
        return say("schema.yes_no", value=str(value).lower())
    if isinstance(value, (int, Decimal)):
        return say("schema.number", value=value)
    if isinstance(value, str):
        return say("schema.text", value=value if len(value) < 40 else f"{value[:37]}…")
    if value is None:
        return say("schema.nothing")
    if isinstance(value, list):
        return say("schema.list")
    return say("schema.mapping")


def _where(path: DocPath) -> str:
    from .findings import format_path

    return f"`{format_path(path)}`" if path else say("schema.top_level")


Explained = tuple[DocPath, Message, bool, Repair | None]  # (path, message, points at the key, repair)

# What a type was expected to be, in words; a type that is not here is named as the schema names it.
_EXPECTED = {"string": "schema.want_text", "number": "schema.want_number", "integer": "schema.want_integer",
             "object": "schema.want_mapping", "array": "schema.want_list", "boolean": "schema.want_boolean"}


def _explain(error: ValidationError) -> list[Explained]:
    path: DocPath = tuple(error.absolute_path)
    value = error.instance
    keyword = error.validator
    title = str(error.schema.get("title", "")) if isinstance(error.schema, dict) else ""
    if keyword == "type":
        expected = error.validator_value
        want: str = say(_EXPECTED[expected]) if isinstance(expected, str) and expected in _EXPECTED else str(expected)
        fix: str = ""  # what to write instead, when it is certain
        meant: Any = None
        if expected in ("number", "integer") and isinstance(value, str):
            meant = _number_in_text(value, whole=expected == "integer")
            if meant is not None and _has_full_width(value):
                fix = say("S001.full_width", meant=meant)
            elif meant is not None:
                fix = say("S001.plain_number", meant=meant)
            elif written := _FIGURE_WITH_WORDS.fullmatch(unicodedata.normalize("NFKC", value)):
                # Not read as meant: `812.44万元` in a 元 table would be off by 10,000.
                fix = say("S001.figure_only", figure=written.group(1), words=written.group(2))
        # A code typed without quotes is read as a number; it is still a code, never called an amount.
        if expected == "string" and _is_code(error.schema) and isinstance(value, (int, Decimal)) \
                and not isinstance(value, bool):
            meant = str(value if isinstance(value, int) else f"{value:f}")
            fix = say("S001.quote_code", code=meant)
        message = say("S001.expected", want=want, found=_describe(value), fix=fix)
        return [(path, message, False, _value_repair(path, meant))]
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [key for key in value if key not in allowed] if isinstance(value, dict) else []
        return [_unknown_key(path, key, value, allowed) for key in extra or ["?"]]
    if keyword == "required":
        return [(path, say("S003.missing", name=_missing_key(error), where=_where(path)), False, None)]
    if keyword == "x-decimal-places":
        try:
            example: str = say("S004.example", value=Decimal(value).quantize(Decimal("0.01")))
        except ArithmeticError:  # too many digits to round within Decimal's precision
            example = ""
        return [(path, say("S004.decimals", value=value, example=example), False, None)]
    if keyword == "minimum":
        return [(path, say("S005.negative", value=value), False, None)]
    if keyword == "pattern":
        # The schema's title names the code in both languages (`功能分类科目编码 / functional classification code`).
        description = error.schema.get("description", "")
        what = title or say("S006.code")
        fixed = _code_as_meant(value, str(error.validator_value))
        if fixed is not None:
            return [(path, say("S006.as_written", value=value, what=what, how=fixed[1], fixed=fixed[0]),
                     False, _value_repair(path, fixed[0]))]
        explained = say("S006.description", description=description) if description else ""
        return [(path, say("S006.invalid", value=value, what=what, description=explained), False, None)]
    if keyword in {"enum", "const"}:
        allowed_values = error.validator_value if keyword == "enum" else [error.validator_value]
        shown = ", ".join(str(v) for v in allowed_values)
        return [(path, say("S007.not_allowed", value=_describe(value), allowed=shown), False, None)]
    if keyword == "minLength":
        return [(path, say("S008.empty", where=_where(path)), False, None)]
    if keyword == "minItems":
        return [(path, say("S008.too_few", where=_where(path), count=error.validator_value), False, None)]
    # jsonschema's own words (English) for a keyword the schema may use one day
    return [(path, say("S008.other", where=_where(path), detail=error.message), False, None)]


def _is_code(schema: Any) -> bool:
    """Text whose pattern allows digits only (`^2[0-9]{2}…$`): a code, whose digits are its meaning."""
    pattern = schema.get("pattern") if isinstance(schema, dict) else None
    return isinstance(pattern, str) and re.fullmatch(r"[\^$0-9{}()?|,]*", pattern.replace("[0-9]", "")) is not None


def _value_repair(path: DocPath, meant: Any) -> Repair | None:
    if meant is None or not path:
        return None
    return Repair(path[:-1], path[-1], path[-1], meant)


def _unknown_key(path: DocPath, key: str, mapping: Any, allowed: list[str]) -> Explained:
    """An unknown key: what the clerk meant, when that is certain enough to check the figures as meant."""
    where = _where(path)
    present = mapping if isinstance(mapping, dict) else {}
    half = unicodedata.normalize("NFKC", key)
    # `total： 812.44` inside {…}: a full-width colon does not separate key and value, the whole is a key.
    name, colon, rest = half.partition(":")
    if colon and name.strip() in allowed and name.strip() not in present and present.get(key) is None:
        from .loader import plain_value

        advice = say("S002.full_width_colon", shown=f"{name.strip()}: {rest.strip()}")
        message = say("S002.unknown", name=key, where=where, advice=advice)
        return path + (key,), message, True, Repair(path, key, name.strip(), plain_value(rest.strip()))
    if half != key and half in allowed and half not in present:
        message = say("S002.unknown", name=key, where=where, advice=say("S002.full_width_letters", half=half))
        return path + (key,), message, True, Repair(path, key, half, present.get(key))
    hint = difflib.get_close_matches(key, allowed, n=1)
    if not hint:
        advice = say("S002.expected", allowed=", ".join(allowed))
        return path + (key,), say("S002.unknown", name=key, where=where, advice=advice), True, None
    # Renamed for the rules only where the key meant is not there already (else the typo is a second value).
    repair = Repair(path, key, hint[0], present.get(key)) if hint[0] not in present else None
    advice = say("S002.did_you_mean", hint=hint[0])
    return path + (key,), say("S002.unknown", name=key, where=where, advice=advice), True, repair


_FIGURE_WITH_WORDS = re.compile(r"\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*([^\s0-9].*?)\s*", re.ASCII)
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")  # full-width ASCII (digits, letters, punctuation) and space


def _has_full_width(text: str) -> bool:
    return _FULL_WIDTH.search(text) is not None


def _number_in_text(text: str, whole: bool = False) -> int | Decimal | None:
    """The number a text written for one means (`"1,909.07"`, `８１２.４４`, `" 3.00"`), or None."""
    half = unicodedata.normalize("NFKC", text)
    if not _LOOKS_NUMERIC.fullmatch(half):
        return None
    cleaned = re.sub(r"[,_ ]", "", half.strip())
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    # Bounded: `1e999999999` would print a billion digits.
    if not number.is_finite() or not -15 < number.adjusted() < 15:
        return None
    if "." not in cleaned and "e" not in cleaned.lower():
        return int(cleaned)  # a whole number as written (amounts in 元, a year)
    return None if whole else Decimal(f"{number:f}")


def _code_as_meant(value: Any, pattern: str) -> tuple[str, Message] | None:
    """A code that fails its pattern only through the keyboard: (the code, what was wrong), or None."""
    if not isinstance(value, str):
        return None
    half = unicodedata.normalize("NFKC", value)
    fixed = half.strip().strip("\"'“”‘’").strip()
    if fixed == value or not re.search(pattern, fixed):
        return None
    if _has_full_width(value):
        return fixed, say("S006.full_width")
    if half.strip() != half:
        return fixed, say("S006.spaces")
    return fixed, say("S006.quotes")
