"""Issue 17 item 4: output never fails on the encoding of standard output.

A Chinese Windows console, or a pipe there, encodes in GBK (PYTHONIOENCODING=gbk reproduces it),
which has no `¶` (textconv) and no `−` U+2212 (the rules' messages and documentation). Text for a
person is written in the console's encoding with what it cannot show replaced; what a program reads
(JSON, SARIF, GitHub annotations, Markdown, HTML, textconv for git) is written as UTF-8 bytes.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, MAINTAINED, load_data, write_budget

NOT_IN_GBK = "−¶€"  # U+2212 MINUS SIGN, PILCROW, EURO SIGN: none of them has a GBK code


def run(*args: str, encoding: str = "gbk", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "budgetlint.cli", *args], capture_output=True, env=environment,
                          cwd=cwd, timeout=300, check=False)


def ok(result: subprocess.CompletedProcess[bytes], *codes: int) -> None:
    assert result.returncode in (codes or (0,)), result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The maintained budget with characters GBK cannot encode in a name and in the narrative."""
    data: dict[str, Any] = copy.deepcopy(load_data(MAINTAINED))
    data["tables"]["expenditure"]["units"][0]["rows"][0]["name"] += NOT_IN_GBK
    data["narrative"][0]["text"] += "\n\n第二段 " + NOT_IN_GBK
    return write_budget(tmp_path_factory.mktemp("foreign"), data)


def test_check_text_replaces_what_the_console_cannot_show() -> None:
    result = run("check", str(EXAMPLE))
    ok(result, 1)
    text = result.stdout.decode("gbk")  # the console's encoding, all of it
    assert "A405" in text and "3.00 ? change 3.00" in text  # `−` (U+2212) shown as `?`


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_machine_formats_are_utf8_whatever_the_console(output_format: str) -> None:
    result = run("check", "--format", output_format, str(EXAMPLE))
    ok(result, 1)
    document = json.loads(result.stdout.decode("utf-8"))
    assert "−" in json.dumps(document, ensure_ascii=False)


def test_github_annotations_are_utf8() -> None:
    result = run("check", "--format", "github", str(EXAMPLE))
    ok(result, 1)
    assert "−" in result.stdout.decode("utf-8")


def test_rules_and_explain() -> None:
    text = run("rules")
    ok(text)
    assert "A405" in text.stdout.decode("gbk")
    markdown = run("rules", "--format", "markdown")  # redirected into docs/rules.md: UTF-8
    ok(markdown)
    assert "−" in markdown.stdout.decode("utf-8")
    explain = run("explain", "A405")
    ok(explain)
    assert "A405" in explain.stdout.decode("gbk")


def test_textconv_writes_utf8_for_git(foreign: Path) -> None:
    result = run("textconv", str(foreign))
    ok(result)
    text = result.stdout.decode("utf-8")
    assert "¶1 = " in text and NOT_IN_GBK in text
    assert text == run("textconv", str(foreign), encoding="utf-8").stdout.decode("utf-8")


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_diff(foreign: Path, output_format: str) -> None:
    result = run("diff", "--format", output_format, str(MAINTAINED), str(foreign))
    ok(result)
    if output_format == "text":
        assert "?" in result.stdout.decode("gbk")
    else:
        assert NOT_IN_GBK in result.stdout.decode("utf-8")


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_render(foreign: Path, output_format: str) -> None:
    result = run("render", "--format", output_format, str(foreign))
    ok(result)
    assert NOT_IN_GBK in result.stdout.decode("utf-8")


def test_site_and_init_say_what_they_did_in_a_folder_gbk_cannot_name(tmp_path: Path, foreign: Path) -> None:
    budgets = tmp_path / "budgets"
    (budgets / "151-x").mkdir(parents=True)
    (budgets / "151-x" / "2023.yaml").write_bytes(foreign.read_bytes())
    site = run("site", str(budgets), "-o", str(tmp_path / "public€"), cwd=tmp_path)
    ok(site)
    assert "public?" in site.stdout.decode("gbk")
    init = run("init", str(tmp_path / "repo€"))
    ok(init)
    assert "created" in init.stdout.decode("gbk")
