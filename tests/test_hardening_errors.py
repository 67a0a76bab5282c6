"""Issue 17 item 7: values of the wrong type are a clear error naming the file and the key (exit code
2), never a traceback — in the configuration, in the files `diff` compares, and what `textconv` is
given (a pipe or a device is refused: reading one would never end)."""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, load_data, write_budget
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.cli import main
from budgetlint.config import ConfigError, find_config, load_config
from budgetlint.lint import RULES_BY_ID


def invoke(folder: Path, *args: str) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


BAD_BUDGETLINT_TOML = {
    "disable = [[1]]": "`disable`",
    "disable = [{a = 1}]": "`disable`",
    "disable = [1]": "`disable`",
    'disable = "A101"': "`disable`",
    "severity = [1]": "`[severity]`",
    "[severity]\nA101 = [1]": "A101",
    "[severity]\nA101 = {a = 1}": "A101",
    "layouts = [1]": "`layouts`",
    "layouts = 2024-01-01": "`layouts`",
}
BAD_PYPROJECT = {
    '[tool]\nbudgetlint = "x"': "`tool.budgetlint`",
    'tool = "xbudgetlintx"': "`tool`",
    "tool = [1]": "`tool`",
    "[tool.budgetlint]\ndisable = [[1]]": "`disable`",
    "[tool.budgetlint]\nseverity = 3": "`[severity]`",
}


@pytest.mark.parametrize(("name", "text", "key"), [("budgetlint.toml", text, key)
                                                  for text, key in BAD_BUDGETLINT_TOML.items()]
                         + [("pyproject.toml", text, key) for text, key in BAD_PYPROJECT.items()])
def test_a_configuration_value_of_the_wrong_type_is_a_usage_error(tmp_path: Path, name: str, text: str,
                                                                   key: str) -> None:
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    write_budget(tmp_path, load_data(MAINTAINED))
    for command in (["check", "2023.yaml"], ["check", "--config", name, "2023.yaml"], ["layout", "list"],
                    ["site", ".", "-o", str(tmp_path.parent / (tmp_path.name + "-site"))]):
        code, out = invoke(tmp_path, *command)
        assert code == 2, (command, out)
        assert name in out and key in out, (command, out)


def test_a_pyproject_that_does_not_configure_budgetlint_is_not_its_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    assert find_config(tmp_path) != tmp_path / "pyproject.toml"


# TOML values of every type, nested, written out by a small writer of our own (tomllib only reads).
SCALARS = (st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
           | st.integers(-10, 10) | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
           | st.dates() | st.sampled_from(["A101", "error", "warning", "layouts", "budgetlint"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(["A101", "W001", "a", "budgetlint"]), inner, max_size=3),
                      max_leaves=6)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items()) + "}"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["disable", "severity", "layouts", "tool", "other"]), VALUES, max_size=4),
       st.booleans())
def test_any_configuration_loads_or_is_a_configuration_error(table: dict[str, Any], in_pyproject: bool) -> None:
    with tempfile.TemporaryDirectory() as name:
        check_configuration(Path(name), table, in_pyproject)


def check_configuration(folder: Path, table: dict[str, Any], in_pyproject: bool) -> None:
    if in_pyproject:
        path = folder / "pyproject.toml"
        body = {"tool": {"budgetlint": table}} if "tool" not in table else table
    else:
        path, body = folder / "budgetlint.toml", table
    path.write_text("".join(f"{json.dumps(key)} = {toml_value(value)}\n" for key, value in body.items()),
                    encoding="utf-8")
    try:
        found = find_config(folder)
        load_config(found or path, set(RULES_BY_ID))
    except ConfigError as error:
        assert str(path) in str(error)


# ---------------------------------------------------------------- diff


def mistyped(data: dict[str, Any], where: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    if where == "amount_unit":
        data["amount_unit"] = {"a": 1}
    elif where == "tables":
        data["tables"] = [{"a": 1}]
    else:  # a table's own unit
        data["tables"]["three_public"]["amount_unit"] = ["万元"]
    return data


@pytest.mark.parametrize(("where", "key"), [("amount_unit", "amount_unit"), ("tables", "tables"),
                                            ("table unit", "tables.three_public.amount_unit")])
def test_diff_of_a_file_with_a_mistyped_part_is_a_usage_error(tmp_path: Path, where: str, key: str) -> None:
    (tmp_path / "good").mkdir()
    good = write_budget(tmp_path / "good", load_data(MAINTAINED))
    bad = write_budget(tmp_path, mistyped(load_data(MAINTAINED), where), "bad.yaml")
    for sides in ((good, bad), (bad, good), (bad, bad)):
        for output_format in ("text", "json"):
            code, out = invoke(tmp_path, "diff", "--format", output_format, str(sides[0]), str(sides[1]))
            assert code == 2, out
            assert "Traceback" not in out and str(bad) in out and f"`{key}`" in out, out


# ---------------------------------------------------------------- textconv


def textconv(path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetlint.cli", "textconv", path], capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_textconv_refuses_a_device() -> None:
    result = textconv("/dev/zero")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_textconv_refuses_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "budget.yaml"
    os.mkfifo(pipe)
    result = textconv(str(pipe))  # would wait for a writer forever if it opened the pipe
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(pipe) in result.stderr and "not a regular file" in result.stderr
