"""Issue 7: property-based tests. Random and mutated budgets — keys deleted, types changed, numbers
swapped for text, random unicode, the YAML text cut short or sprinkled with random bytes — go through
the loader, the schema and every rule, and the linter holds up:

- no exception escapes `check_file` (a rule that fails becomes an X001 finding, which is placed too;
  rules that fail on such input are bugs to fix in the rule, not here);
- every finding has a place in the file: 1 ≤ line ≤ lines of the file + 1, column ≥ 1;
- the command line exits with 0, 1 or 2;
- the compiled schema check and jsonschema agree on whether the data is valid (the compiled check
  decides whether jsonschema runs at all, see budgetlint/schema_check.py).

They start from the maintained budget, so most examples are nearly valid budgets with one to a few
things wrong: the inputs that reach deep into the rules.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import MAINTAINED, TODAY, dump, load_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.cli import main
from budgetlint.findings import Finding
from budgetlint.lint import check_file
from budgetlint.loader import load_text
from budgetlint.schema_check import compiled_schema, validator

BASE = load_data(MAINTAINED)
BASE_TEXT = MAINTAINED.read_bytes()
# Line breaks as YAML counts them (libyaml's marks): a stray \r or U+2028 starts a line too.
_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def all_paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every key and list index path in the data, the root excluded."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append(path + (key,))
            found.extend(all_paths(value, path + (key,)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append(path + (index,))
            found.extend(all_paths(value, path + (index,)))
    return found


def parent_of(data: Any, path: tuple) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # no lone surrogates: not UTF-8
odd_decimals = st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+30"),
                                Decimal("-0.001"), Decimal("123456789012345678.123"), Decimal("0E-10")])
leaf = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.decimals(min_value=-10**6, max_value=10**9, places=3, allow_nan=False), odd_decimals, text,
)
value = st.one_of(leaf, st.lists(leaf, max_size=3), st.dictionaries(text, leaf, max_size=3))
# What an amount may turn into: more or fewer decimals, a sign, a huge or odd number, text, nothing.
amount = st.one_of(
    st.integers(min_value=0, max_value=4).flatmap(
        lambda places: st.decimals(min_value=-10**4, max_value=10**6, places=places, allow_nan=False)),
    odd_decimals, st.integers(min_value=-10, max_value=10**6), st.booleans(), st.none(),
    st.sampled_from(["1,909.07", "1e3", "", "十", "1909.07万元"]),
)


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = all_paths(data)
        if not paths:
            break
        how = draw(st.sampled_from(["delete", "replace", "amount", "amount", "number as text", "unicode",
                                    "rename key"]))
        if how in ("amount", "number as text"):  # aim at the numbers: the rules' and the schema's food
            numbers = [path for path in paths if isinstance(parent_of(data, path)[path[-1]], (Decimal, int))]
            paths = numbers or paths
        path = draw(st.sampled_from(paths))
        parent = parent_of(data, path)
        old = parent[path[-1]]
        if how == "amount":
            parent[path[-1]] = draw(amount)
        elif how == "delete":
            del parent[path[-1]]
        elif how == "replace":
            parent[path[-1]] = draw(value)
        elif how == "number as text" and isinstance(old, (Decimal, int)):
            parent[path[-1]] = draw(st.sampled_from([str(old), f"{old:,}", f"{old:e}", f" {old} "]))
        elif how == "unicode":
            parent[path[-1]] = draw(text)
        elif how == "rename key" and isinstance(parent, dict):
            parent[draw(text)] = parent.pop(path[-1])
    if draw(st.integers(min_value=0, max_value=7)) == 0:  # now and then the whole document is something else
        data = draw(value)
    return data


@st.composite
def one_amount_changed(draw: st.DrawFn) -> Any:
    """The maintained budget with one amount changed: valid or invalid by that one cell alone, so the
    two schema checks must agree on exactly the keywords amounts have."""
    data = copy.deepcopy(BASE)
    numbers = [path for path in all_paths(data) if isinstance(parent_of(data, path)[path[-1]], (Decimal, int))]
    path = draw(st.sampled_from(numbers))
    parent_of(data, path)[path[-1]] = draw(amount)
    return data


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    raw = BASE_TEXT
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        how = draw(st.sampled_from(["truncate", "insert bytes", "insert text", "delete"]))
        if how == "truncate":
            raw = raw[:at]
        elif how == "insert bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
        elif how == "insert text":
            raw = raw[:at] + draw(st.sampled_from(["\t", ":", "- ", "{", "[", "&a ", "*a", "<<: ", "!!str ",
                                                   "'", '"', "#", "\n  ", "---\n", "? ", "1e3", ".nan"])).encode() \
                + raw[at:]
        else:
            raw = raw[:at] + raw[at + draw(st.integers(min_value=1, max_value=200)):]
    return raw


def lines_in(raw: bytes) -> int:
    return len(_BREAKS.split(raw.decode("utf-8", "replace").lstrip("\ufeff")))


def assert_placed(findings: list[Finding], raw: bytes) -> None:
    last = lines_in(raw) + 1
    for finding in findings:
        assert 1 <= finding.line <= last, finding
        assert finding.column >= 1, finding
        assert finding.rule and finding.severity in ("error", "warning"), finding


@SETTINGS
@given(mutated_data())
def test_mutated_data_never_crashes_and_every_finding_is_placed(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    findings = check_file(path, today=TODAY)
    assert_placed(findings, path.read_bytes())


@SETTINGS
@given(mutated_bytes())
def test_mutated_text_never_crashes_and_every_finding_is_placed(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "2023.yaml"
    path.write_bytes(raw)
    findings = check_file(path, today=TODAY)
    assert_placed(findings, raw)


@SETTINGS
@given(st.one_of(mutated_data(), one_amount_changed(), st.just(BASE)))
def test_compiled_schema_check_agrees_with_jsonschema(data: Any) -> None:
    # Through the loader, as check_file sees data: Decimal amounts, text codes.
    result = load_text(dump(data), "mutated.yaml")
    if result.document is None:
        return
    loaded = result.document.data
    quick = compiled_schema()
    assert quick is not None, "the shipped schema uses a keyword the compiled check does not know"
    assert quick(loaded) == validator().is_valid(loaded)


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(mutated_bytes(), mutated_data().map(lambda data: dump(data).encode())))
def test_command_line_exit_code_is_0_1_or_2(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "2023.yaml"
    path.write_bytes(raw)
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(path)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# ---------------------------------------------------------------- waivers and configuration of any type
# Issue 17: a waiver or a configuration value of an unexpected type is a finding or a usage error
# (exit 2, naming the file), never a traceback; a file the schema rejects never passes whatever the
# waivers and the configuration say.

RULE_IDS = st.sampled_from(["A101", "A304", "S001", "Y004", "T101", "W002", "Z999", "a101", ""])
waiver_value = st.one_of(leaf, RULE_IDS, st.lists(st.one_of(leaf, RULE_IDS), max_size=3),
                         st.sampled_from(["tables[x]", "tables.summary.this_year_revenue", "2099-01-01",
                                          "2000-01-01", "tables..x", "[3", "waivers[0]"]))


@st.composite
def waivers(draw: st.DrawFn) -> Any:
    keys = ["rule", "at", "reason", "expires", "figures", draw(text)]
    entries = draw(st.lists(st.dictionaries(st.sampled_from(keys), waiver_value, max_size=5), max_size=4))
    return draw(st.one_of(st.just(entries), value))  # now and then not a list of mappings at all


def toml_value(item: Any) -> str:
    """A value written as TOML (json.dumps gives TOML's basic strings, escapes included)."""
    import json

    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, Decimal)):
        return str(int(item)) if isinstance(item, int) or item == item.to_integral_value() else str(item)
    if isinstance(item, list):
        return "[" + ", ".join(toml_value(x) for x in item) + "]"
    if isinstance(item, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in item.items()) + "}"
    return json.dumps(str(item))


toml_leaf = st.one_of(st.booleans(), st.integers(min_value=-10**6, max_value=10**6), text, RULE_IDS,
                      st.sampled_from(["5%", "0.05", "-1%", "layouts", "../..", "warning", "error", "fatal"]))
toml_item = st.one_of(toml_leaf, st.lists(toml_leaf, max_size=3), st.dictionaries(RULE_IDS, toml_leaf, max_size=3))
config_keys = st.sampled_from(["disable", "severity", "layouts", "execution_gap", "tool", "budgetlint"])


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(waivers(), st.dictionaries(st.one_of(config_keys, text), toml_item, max_size=4),
       st.booleans())
def test_waivers_and_configuration_of_any_type_never_crash(tmp_path: Path, entries: Any,
                                                           config: dict[str, Any], rejected: bool) -> None:
    import json

    data = copy.deepcopy(BASE)
    data["waivers"] = entries
    if rejected:
        data["tables"]["summary"]["this_year_revenue"] = "1896.05"  # S001: the schema rejects the file
    path = tmp_path / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    config_file = tmp_path / "budgetlint.toml"
    config_file.write_text("".join(f"{json.dumps(str(key))} = {toml_value(item)}\n" for key, item in config.items()),
                           encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "--config", str(config_file), str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (1, 2) if rejected else result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert "budgetlint.toml" in result.output, result.output
    assert "Traceback" not in result.output
