"""Issue 17 item 11 (part): control characters from a file never reach a terminal raw.

An ESC in a name starts an escape sequence (colours, a cursor move, an OSC 8 link, the window title);
a `\\r` returns to the start of the line and hides what was printed before it. In the text reporter,
the text of `budgetlint diff` and `textconv` (which git prints to the terminal) each is written as
its escape: `\\x1b`, `\\r`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import MAINTAINED, dump, load_data

from budgetlint.cli import main

ESC_NAME = "行政运行\x1b]0;pwned\x07\x1b[2J\x9b31m"  # OSC window title, clear screen, a C1 CSI
CR_NAME = "机关服务\roverwritten"
RAW = ("\x1b", "\x07", "\x9b", "\r")


def budget_with_controls(folder: Path) -> Path:
    data: dict[str, Any] = load_data(MAINTAINED)
    rows = data["tables"]["expenditure"]["units"][0]["rows"]
    rows[6]["name"], rows[7]["name"] = ESC_NAME, CR_NAME  # T202/T203-like findings quote the names
    data["tables"]["expenditure"]["units"][0]["rows"][6]["total"] = rows[6]["total"] + 1  # an A-finding there
    path = folder / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result.output


def test_the_text_reporter_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    output = run("check", str(budget_with_controls(tmp_path)))
    assert not any(raw in output for raw in RAW), repr(output)
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m" in output and "机关服务\\roverwritten" in output
    # one line per finding, each followed by the lines of its other side
    assert all(line.startswith((str(tmp_path), f"    ↳ {tmp_path}")) for line in output.splitlines()[:-1])


def test_github_annotations_show_control_characters_as_escapes(tmp_path: Path) -> None:
    output = run("check", "--format", "github", str(budget_with_controls(tmp_path)))
    assert "\x1b" not in output and "\x9b" not in output and "\\x1b]0;pwned" in output


def test_diff_text_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    output = run("diff", str(MAINTAINED), str(budget_with_controls(tmp_path)))
    assert "renamed" in output or "changed" in output
    assert not any(raw in output for raw in RAW), repr(output)
    assert "\\x1b]0;pwned" in output
    # tabulate takes the `\r` in a cell for a line break: both parts of the name are shown.
    assert "机关服务" in output and "overwritten" in output


def test_textconv_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    output = run("textconv", str(budget_with_controls(tmp_path)))
    assert not any(raw in output for raw in RAW), repr(output)
    lines = output.splitlines()  # still one figure per line
    assert "预算03表 expenditure 151 2120103 机关服务\\roverwritten | 合计 = 756.86" in lines, lines[:50]
    assert any(line.startswith("预算03表 expenditure 151 2120101 行政运行\\x1b]0;pwned\\x07") for line in lines)


def test_textconv_of_a_file_that_is_not_yaml_shows_its_control_characters_as_escapes(tmp_path: Path) -> None:
    path = tmp_path / "2023.yaml"
    path.write_bytes(b"name: \x1b[31mred\x1b[0m\r\nnote: x\r\n")  # ESC is not allowed in YAML: shown raw
    output = run("textconv", str(path))
    assert output.startswith("# budgetlint textconv: could not parse")
    assert "\x1b" not in output and "\r" not in output
    assert "name: \\x1b[31mred\\x1b[0m\nnote: x\n" in output  # line ends as they are, without the \r


def test_diff_text_tables_stay_aligned_around_escaped_control_characters(tmp_path: Path) -> None:
    from wcwidth import wcswidth

    output = run("diff", str(MAINTAINED), str(budget_with_controls(tmp_path)))
    blocks = [block.splitlines() for block in output.split("\n\n")]
    tables = [lines for lines in blocks if any(set(line) <= {"-", " "} and "--" in line for line in lines)]
    assert tables
    for lines in tables:
        rows = lines[lines.index(next(line for line in lines if set(line) <= {"-", " "} and "--" in line)) - 1:]
        rows = [line for line in rows if not line.startswith(("+ ", "- ", "  ")) or set(line) <= {"-", " "}]
        widths = {wcswidth(line.rstrip()) for line in rows if line.strip()}
        rule = next(line for line in rows if set(line) <= {"-", " "})
        # every row ends at the end of the table's rule line, or before it (a left-aligned last column)
        assert all(wcswidth(line.rstrip()) <= len(rule) for line in rows), (widths, "\n".join(rows))
        # the column after the names starts at the same place in every row that has one
        starts = {wcswidth(line[:line.index("名称")]) for line in rows if "名称" in line}
        assert len(starts) <= 1, "\n".join(rows)
