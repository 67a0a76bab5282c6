"""Issue 7: bad input. Whatever an editor, Excel or a hostile file feeds it, `budgetlint check` answers
with findings at file:line:col (exit 1) or a usage error (exit 2): never a traceback, never a hang,
and it never writes to the files it reads.

Every case runs the real command line in a subprocess with a time limit, because some failures this
guards against (a C stack overflow in the YAML composer, a pipe that blocks a read) would take the
test process down or hang it, not just fail an assertion.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import LAUNCHER, MAINTAINED, ROOT

TEXT = MAINTAINED.read_text(encoding="utf-8")
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning) (?P<rule>[A-Z]\d{3}) "
                  r"(?P<message>.*)$")
TIME_LIMIT = 60  # seconds; every case here takes well under 5 on a 2-core machine


@dataclass
class Result:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_mib: float
    findings: list[dict[str, str]]

    def rules(self) -> set[str]:
        return {f["rule"] for f in self.findings}

    def at(self, rule: str) -> list[tuple[int, int]]:
        return [(int(f["line"]), int(f["column"])) for f in self.findings if f["rule"] == rule]

    def message(self, rule: str) -> str:
        return next(f["message"] for f in self.findings if f["rule"] == rule)


def check(*args: str | Path, cwd: Path | None = None, prefix: tuple[str, ...] = ()) -> Result:
    """`budgetlint check ARGS` in a fresh process: exit code, output, time and peak memory.

    Also asserts what must hold for every input: no traceback, an exit code of 0, 1 or 2, an end
    within the time limit, and every file in the folders of the paths unchanged (bytes and mtime).
    """
    watched = {path if path.is_dir() else path.parent for path in map(Path, args) if os.path.lexists(path)}
    before = {folder: snapshot(folder) for folder in watched}
    peak_file = Path(tempfile.mkdtemp()) / "peak"
    # Run from a small launcher that reports the command's own peak memory: on Linux a child's peak
    # starts at its parent's, and pytest's own process may have grown past the limits checked here.
    command = [*prefix, sys.executable, "-c", LAUNCHER, str(peak_file), sys.executable, "-m", "budgetlint.cli",
               "check", *map(str, args)]
    # The code of this checkout, whatever an editable install elsewhere points at.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        while True:  # wait4, not wait: it also gives the peak memory of this one child
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIME_LIMIT:
                process.kill()
                os.wait4(process.pid, 0)
                pytest.fail(f"budgetlint check {args} did not finish in {TIME_LIMIT} s")
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    assert "Traceback" not in stdout + stderr, stdout + stderr
    assert code in (0, 1, 2), (code, stdout, stderr)
    for folder in watched:
        assert snapshot(folder) == before[folder], "check wrote to a file it read"
    findings = [match.groupdict() for line in stdout.splitlines() if (match := LINE.match(line))]
    peak = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return Result(code, stdout, stderr, seconds, peak / 1024, findings)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every regular file below `folder` (links not followed)."""
    files = {}
    for parent, _, names in os.walk(folder, followlinks=False):
        for name in names:
            path = Path(parent, name)
            if path.is_file() and not path.is_symlink():
                files[str(path)] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "budgets"
    work.mkdir()
    return work


def write(folder: Path, content: str | bytes, name: str = "2023.yaml") -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def broken(old: str, new: str) -> tuple[str, int]:
    """The maintained budget with the first `old` replaced by `new`, and the line of the change."""
    assert old in TEXT, old
    index = TEXT.index(old)
    return TEXT[:index] + new + TEXT[index + len(old):], TEXT.count("\n", 0, index) + 1


def column_of(text: str, line: int, snippet: str) -> int:
    return text.splitlines()[line - 1].index(snippet) + 1


# --- The maintained budget itself: the baseline every case below breaks ------------------------------

def test_maintained_budget_is_clean_and_untouched(folder: Path) -> None:
    path = write(folder, TEXT)
    result = check(path)
    assert result.code == 0, result.out


# --- Not YAML --------------------------------------------------------------------------------------

def test_syntax_error(folder: Path) -> None:
    text, line = broken("total: 812.44,", "total: 812.44,,")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.rules() == {"Y001"}
    assert result.at("Y001")[0][0] == line


def test_tab_indentation(folder: Path) -> None:
    text, line = broken("\n  code: \"151\"", "\n\tcode: \"151\"")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("Y001") == [(line + 1, 1)]
    assert "tab" in result.message("Y001")


def test_control_character(folder: Path) -> None:
    text, line = broken("rounding: exact", "rounding: ex\x00act")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("Y001") == [(line, len("rounding: ex") + 1)]


def test_two_documents(folder: Path) -> None:
    result = check(write(folder, TEXT + "---\nfiscal_year: 2024\n"))
    assert result.code == 1
    assert result.at("Y001")[0][0] == TEXT.count("\n") + 1


# --- Not UTF-8 -------------------------------------------------------------------------------------

def test_gbk_file_says_gbk(folder: Path) -> None:
    raw = TEXT.encode("gb18030")
    result = check(write(folder, raw))
    assert result.code == 1
    assert result.rules() == {"Y002"}
    assert "GBK" in result.message("Y002")
    first_chinese = next(i for i, line in enumerate(TEXT.splitlines()) if any(ord(c) > 127 for c in line))
    line, column = result.at("Y002")[0]
    assert line == first_chinese + 1
    assert column == next(i for i, c in enumerate(TEXT.splitlines()[first_chinese]) if ord(c) > 127) + 1


def test_utf16_file(folder: Path) -> None:
    result = check(write(folder, TEXT.encode("utf-16")))
    assert result.code == 1
    assert result.rules() == {"Y002"}
    assert "UTF-16" in result.message("Y002")


def test_bom_is_accepted_and_positions_are_unchanged(folder: Path) -> None:
    assert check(write(folder, b"\xef\xbb\xbf" + TEXT.encode())).code == 0
    text, line = broken("total: 812.44,", "totla: 812.44,")
    result = check(write(folder, b"\xef\xbb\xbf" + text.encode()))
    assert result.at("S002") == [(line, column_of(text, line, "totla"))]


# --- Not a mapping ---------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n...\n"],
                         ids=["empty", "blank lines", "comment", "empty document"])
def test_empty_file(folder: Path, content: str) -> None:
    result = check(write(folder, content))
    assert result.code == 1
    assert result.findings[0]["rule"] == "Y006"
    assert result.at("Y006") == [(1, 1)]


@pytest.mark.parametrize("content", ["- 1909.07\n- 1896.05\n", "1909.07\n", "just some text\n"],
                         ids=["list", "number", "text"])
def test_list_or_scalar_instead_of_mapping(folder: Path, content: str) -> None:
    result = check(write(folder, content))
    assert result.code == 1
    assert result.rules() == {"Y006"}


def test_list_where_a_table_mapping_belongs(folder: Path) -> None:
    text, line = broken("  three_public:\n", "  three_public: [1, 2]\n  three_public_old:\n")
    result = check(write(folder, text))
    assert result.code == 1
    assert (line, column_of(text, line, "[1, 2]")) in result.at("S001")


# --- Keys ------------------------------------------------------------------------------------------

def test_duplicate_key_in_flow_row(folder: Path) -> None:
    text, line = broken("total: 812.44,", "total: 812.44, total: 812.45,")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("Y003") == [(line, text.splitlines()[line - 1].index("total: 812.45") + 1)]


def test_duplicate_top_level_key(folder: Path) -> None:
    result = check(write(folder, TEXT + "fiscal_year: 2024\n"))
    assert result.code == 1
    assert result.at("Y003") == [(TEXT.count("\n") + 1, 1)]
    assert f"first at line {TEXT.splitlines().index('fiscal_year: 2023') + 1}" in result.message("Y003")


def test_unknown_key(folder: Path) -> None:
    text, line = broken("total: 812.44,", "totla: 812.44,")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("S002") == [(line, column_of(text, line, "totla"))]
    assert "did you mean `total`?" in result.message("S002")


# --- Expansion bombs -------------------------------------------------------------------------------

BILLION_LAUGHS = "".join(
    [f"l0: &l0 [\"{'lol' * 10}\"]\n"]
    + [f"l{i}: &l{i} [{', '.join(f'*l{i - 1}' for _ in range(10))}]\n" for i in range(1, 10)]
)  # expanded, 10^9 strings of 30 characters: 30 GB from 1 KB


@pytest.mark.parametrize("content, rule", [
    (BILLION_LAUGHS, "Y005"),
    ("fiscal_year: 2023\ntables: &t {summary: {}}\nprevious_year:\n  <<: *t\n", "Y005"),
    ("[" * 100_000 + "]" * 100_000 + "\n", "Y001"),  # PyYAML's C composer overflows the C stack on this
    ("- " * 100_000 + "x\n", "Y001"),
    ("a: " + "{b: " * 50_000 + "1" + "}" * 50_000 + "\n", "Y001"),
], ids=["billion laughs", "merge key", "deep flow list", "deep block list", "deep flow mapping"])
def test_expansion_and_nesting_bombs_are_refused_in_bounded_time_and_memory(folder: Path, content: str,
                                                                          rule: str) -> None:
    result = check(write(folder, content))
    assert result.code == 1, result.out
    assert rule in result.rules(), result.out
    assert result.seconds < 10, result.seconds
    assert result.max_rss_mib < 300, result.max_rss_mib


# --- Size ------------------------------------------------------------------------------------------

def test_very_long_line(folder: Path) -> None:
    old = "洛阳市西工区西工街道办事处 2023年收入合计"
    text, _ = broken(old, "很长的一行" * 1_000_000 + old)  # a 15 MB line in a narrative text
    result = check(write(folder, text))
    assert result.code in (0, 1)
    assert result.seconds < 30, result.seconds
    last_line = text.count("\n") + 1
    assert all(1 <= int(f["line"]) <= last_line and int(f["column"]) >= 1 for f in result.findings)


def test_twenty_megabyte_file(folder: Path) -> None:
    index = TEXT.index("glossary:\n") + len("glossary:\n")
    entries = "".join(f"  - term: 名词{i}\n    definition: 是指{'同级财政拨付的资金，包括一般公共预算拨款。' * 6}\n"
                      for i in range(50_000))
    text = TEXT[:index] + entries + TEXT[index:]
    assert len(text.encode()) > 20 * 1024 * 1024
    result = check(write(folder, text))
    assert result.code == 0, result.out[-2000:]
    assert result.seconds < 30, result.seconds


def test_file_above_the_size_limit(folder: Path) -> None:
    path = folder / "2023.yaml"
    with path.open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    result = check(path)
    assert result.code == 1
    assert result.rules() == {"Y007"}
    assert "MiB" in result.message("Y007")


# --- Numbers ---------------------------------------------------------------------------------------

def test_amount_as_string(folder: Path) -> None:
    text, line = broken("total: 812.44,", 'total: "812.44",')
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("S001") == [(line, column_of(text, line, '"812.44"'))]
    assert "write it as a plain number, 812.44" in result.message("S001")


def test_thousands_separator_in_block_mapping(folder: Path) -> None:
    text, line = broken("revenue_total: 1909.07", "revenue_total: 1,909.07")
    result = check(write(folder, text))
    assert result.code == 1
    assert (line, column_of(text, line, "1,909.07")) in result.at("S001")
    assert "1909.07" in result.message("S001")


def test_thousands_separator_in_flow_row(folder: Path) -> None:
    # In a flow mapping the comma ends the entry: YAML reads `1` and a key `909.07`. The loader says so
    # at the number, reads it as written, and nothing else is reported (no unknown key, no sums).
    text, line = broken("total: 1909.07, basic", "total: 1,909.07, basic")
    result = check(write(folder, text))
    assert result.code == 1
    assert result.at("Y004") == [(line, column_of(text, line, "1,909.07"))]
    assert "write 1909.07" in result.message("Y004")
    assert result.rules() == {"Y004"}


@pytest.mark.parametrize("spelling, rule, hint", [
    ("1.90907e+3", "Y004", "1909.07"),  # a float with exponent in YAML 1.1
    ("1e3", "S001", "1000"),  # text in YAML 1.1: no dot, no sign
    ("1_909.07", "Y004", "digits only"),
    (".nan", "Y004", "not an amount"),
    (".inf", "Y004", "not an amount"),
    ("-.inf", "Y004", "not an amount"),
    ("NaN", "S001", "expected a number"),
    ("0x77", "Y004", "whole number"),
    ("12345678901234567890.00", "Y004", "digits before the decimal point"),
    ("1e999999999", "S001", "expected a number"),
    ("1.5e+999999999", "Y004", "digits before the decimal point"),
])
def test_odd_number_spellings(folder: Path, spelling: str, rule: str, hint: str) -> None:
    text, line = broken("revenue_total: 1909.07", f"revenue_total: {spelling}")
    result = check(write(folder, text))
    assert result.code == 1
    assert (line, column_of(text, line, spelling)) in result.at(rule), result.out
    assert hint in result.message(rule)


def test_more_than_two_decimals(folder: Path) -> None:
    text, line = broken("total: 812.44,", "total: 812.441,")
    result = check(write(folder, text))
    assert result.code == 1
    assert (line, column_of(text, line, "812.441")) in result.at("S004")


def test_negative_amount(folder: Path) -> None:
    text, line = broken("total: 812.44,", "total: -812.44,")
    result = check(write(folder, text))
    assert result.code == 1
    assert (line, column_of(text, line, "-812.44")) in result.at("S005")


def test_code_without_quotes(folder: Path) -> None:
    text, line = broken('code: "2120101"', "code: 2120101")
    result = check(write(folder, text))
    assert (line, column_of(text, line, "2120101")) in result.at("S001")
    assert 'quote the code: "2120101"' in result.message("S001")


def test_python_tags_are_plain_data(folder: Path) -> None:
    # A safe loader never runs code; the tagged node is just a list where a number belongs.
    text, line = broken("revenue_total: 1909.07", 'revenue_total: !!python/object/apply:os.system ["touch pwned"]')
    result = check(write(folder, text), cwd=folder)
    assert result.code == 1
    assert line in [position[0] for position in result.at("S001")]
    assert not (folder / "pwned").exists()


# --- Paths -----------------------------------------------------------------------------------------

def test_folder_without_budget_files(folder: Path) -> None:
    (folder / "notes.txt").write_text("not a budget", encoding="utf-8")
    result = check(folder)
    assert result.code == 0  # a new repository before its first budget: a note, not an error
    assert "no budget files" in result.err


def test_missing_path(folder: Path) -> None:
    result = check(folder / "missing.yaml")
    assert result.code == 2
    assert "no such file or folder" in result.err


def test_folder_named_like_a_file(folder: Path) -> None:
    (folder / "2023.yaml").mkdir()
    result = check(folder / "2023.yaml")
    assert result.code == 0  # a folder: walked, and it holds no budget file (yet): a note


def test_broken_symlink(folder: Path) -> None:
    (folder / "2023.yaml").symlink_to(folder / "gone.yaml")
    for target in (folder / "2023.yaml", folder):
        result = check(target)
        assert result.code == 1
        assert result.at("Y007") == [(1, 1)]
        assert "leads nowhere" in result.message("Y007")


def test_symlink_loops(folder: Path) -> None:
    (folder / "2023.yaml").symlink_to(folder / "2023.yaml")  # a file link to itself
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder)  # a folder link back up: walking it would never end
    write(folder / "sub", TEXT, "2024.yaml")
    result = check(folder)
    assert result.code == 1
    assert [f["rule"] for f in result.findings if f["file"].endswith("2023.yaml")] == ["Y007"]
    assert not [f for f in result.findings if "/loop/" in f["file"]]
    assert "2 files checked" in result.out


def test_named_pipe_does_not_hang(folder: Path) -> None:
    os.mkfifo(folder / "2023.yaml")
    result = check(folder)
    assert result.code == 1
    assert "not a regular file" in result.message("Y007")


def test_unreadable_file(folder: Path) -> None:
    path = write(folder, TEXT)
    path.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        # Root reads any file; drop the two capabilities that let it, as an ordinary user lacks them.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        prefix = ("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                  "--bounding-set=-dac_override,-dac_read_search")
    try:
        named = check(path, prefix=prefix)
        inside = check(folder, prefix=prefix)
    finally:
        path.chmod(0o644)
    # Named on the command line: a usage error (click checks the argument) …
    assert named.code == 2 and "not readable" in named.err
    # … found in a folder: a finding for that file.
    assert inside.code == 1
    assert inside.at("Y007") == [(1, 1)]
    assert "Permission denied" in inside.message("Y007")


def test_same_file_named_twice_is_checked_once(folder: Path) -> None:
    text, _ = broken("total: 812.44,", "totla: 812.44,")
    path = write(folder, text)
    result = check(path, folder, str(path))
    assert "1 file checked" in result.out
    assert len(result.at("S002")) == 1


def test_many_files_in_parallel_give_the_same_findings(folder: Path) -> None:
    broken_ones = [("total: 812.44,", "totla: 812.44,"), ("total: 812.44,", "total: -812.44,"),
                   ("rounding: exact", "rounding: ex\x00act"), ("fiscal_year: 2023", "fiscal_year: [2023")]
    for number in range(24):  # enough files for the pool of workers to be used
        sub = folder / f"d{number:02d}"
        sub.mkdir()
        old, new = broken_ones[number % len(broken_ones)] if number % 3 == 0 else ("", "")
        write(sub, broken(old, new)[0] if old else TEXT)
    serial, parallel = check("--jobs", "1", folder), check("--jobs", "2", folder)
    assert serial.code == parallel.code == 1
    assert serial.out == parallel.out
    assert "24 files checked" in serial.out
    assert {"S002", "S005", "Y001"} <= serial.rules()


def _dies_on_2013(chunk: list) -> list:
    """A worker killed while checking 2013.yaml (by the out-of-memory killer, say)."""
    from budgetlint import lint as lint_module

    if any(path.endswith("2013.yaml") for path, _, _ in chunk):
        os._exit(9)
    return [lint_module._check_one(item) for item in chunk]


def test_a_killed_worker_gives_findings_not_a_traceback(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetlint import lint as lint_module

    for number in range(24):
        write(folder, TEXT, f"{2000 + number}.yaml")
    monkeypatch.setattr(lint_module, "_check_chunk", _dies_on_2013)  # the forked workers run this
    result = lint_module.lint([str(folder)], jobs=2)
    assert result.files_checked == 24
    killed = [f for f in result.findings if f.rule == "X001"]
    assert any(f.file.endswith("2013.yaml") for f in killed)
    assert all("killed" in f.message and (f.line, f.column) == (1, 1) for f in killed)


def test_alias_of_a_single_value_is_reported(folder: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8").replace("  total: 1909.07\n", "  total: &t 1909.07\n", 1)
    text = text.replace("revenue_total: 1909.07", "revenue_total: *t", 1)
    result = check(write(folder, text))
    assert "Y005" in result.rules(), result.out
