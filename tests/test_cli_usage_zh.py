"""click's own usage errors in Chinese in a Chinese run (`--lang zh`, or a Chinese locale).

click prints `Usage: …`, `Try '… --help' for help.` and `Error: …` in English whatever the run's language;
budgetlint prints them in Chinese in a Chinese run, on standard error with the same exit code (2), and
leaves an English run to click: the English texts below were captured from click before the change and
must stay byte for byte. The commands are run as a clerk runs them (`CliRunner` with the program name
`budgetlint`, and once as a real process), on the repository's maintained budget where a file is needed.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import CHINESE_ENV, ENGLISH_ENV, MAINTAINED, ROOT, run_cli

from budgetlint.cli import BudgetlintGroup
from budgetlint.messages import MESSAGES

ENGLISH, CHINESE = ENGLISH_ENV, CHINESE_ENV
pytestmark = pytest.mark.usefixtures("language_from_each_run")

run = run_cli


CHECK = ("budgetlint check", "[OPTIONS] [PATHS]...")
EXPLAIN = ("budgetlint explain", "[OPTIONS] RULE_ID")
# arguments after the command; the command whose usage click prints (None: click prints only the error);
# click's English error as it printed it before budgetlint said it in Chinese; the Chinese
CASES: list[tuple[list[str], tuple[str, str] | None, str, str]] = [
    (["check", "--selct", "A1"], CHECK, "No such option '--selct'. (Did you mean one of: '--help', '--select'?)",
     "没有 --selct 这个选项。您是不是要找 --help、--select？"),
    (["check", "--nope"], CHECK, "No such option '--nope'. Did you mean '--ignore'?",
     "没有 --nope 这个选项。您是不是要找 --ignore？"),
    (["check", "-Z"], CHECK, "No such option '-Z'.", "没有 -Z 这个选项。"),
    (["explain"], EXPLAIN, "Missing argument 'RULE_ID'.", "缺少参数 'RULE_ID'。"),
    (["layout", "check"], ("budgetlint layout check", "[OPTIONS] FILES..."), "Missing argument 'FILES...'.",
     "缺少参数 'FILES...'。"),
    (["export", str(MAINTAINED)], ("budgetlint export", "[OPTIONS] PATHS..."),
     "Missing option '-o' / '--output'.", "缺少选项 '-o' / '--output'。"),
    (["check", "--format", "nope"], CHECK,
     "Invalid value for '--format': 'nope' is not one of 'github', 'json', 'sarif', 'text'.",
     "'--format' 的值无效：'nope' is not one of 'github', 'json', 'sarif', 'text'."),
    (["check", "--jobs", "0"], CHECK, "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1.",
     "'--jobs' / '-j' 的值无效：0 is not in the range x>=1."),
    (["explain", "A101", "extra"], EXPLAIN, "Got unexpected extra argument (extra)", "多余的参数：extra"),
    (["explain", "A101", "x", "y"], EXPLAIN, "Got unexpected extra arguments (x y)", "多余的参数：x y"),
    (["check", "--format"], None, "Option '--format' requires an argument.", "选项 --format 需要一个值。"),
    (["check", "--quiet=1"], None, "Option '--quiet' does not take a value.", "选项 --quiet 不接受值。"),
    (["chek"], ("budgetlint", "[OPTIONS] COMMAND [ARGS]..."), "No such command 'chek'. Did you mean 'check'?",
     "没有 chek 这个命令。您是不是要找 check？"),
    (["layout", "nope"], ("budgetlint layout", "[OPTIONS] COMMAND [ARGS]..."), "No such command 'nope'.",
     "没有 nope 这个命令。"),
    # budgetlint's own usage error: its message is the catalogue's, in the run's language, in click's frame
    (["explain", "Q999"], EXPLAIN, "unknown rule `Q999`; `budgetlint rules` lists them",
     "未知的规则 `Q999`；`budgetlint rules` 列出全部规则"),
]


def english(usage: tuple[str, str] | None, error: str) -> str:
    frame = f"Usage: {usage[0]} {usage[1]}\nTry '{usage[0]} --help' for help.\n\n" if usage else ""
    return f"{frame}Error: {error}\n"


def chinese(usage: tuple[str, str] | None, error: str) -> str:
    frame = f"用法：{usage[0]} {usage[1]}\n试试 “{usage[0]} --help” 查看帮助。\n\n" if usage else ""
    return f"{frame}错误：{error}\n"


@pytest.mark.parametrize(("arguments", "usage", "english_error", "chinese_error"), CASES,
                         ids=[" ".join(case[0][:3]).replace(str(MAINTAINED), "FILE") for case in CASES])
def test_a_usage_error_of_click_is_in_chinese_in_a_chinese_run_and_as_before_in_english(
        arguments: list[str], usage: tuple[str, str] | None, english_error: str, chinese_error: str) -> None:
    before = run(arguments, ENGLISH)
    assert (before.exit_code, before.stdout, before.stderr) == (2, "", english(usage, english_error))
    # --lang zh, or a Chinese locale: the same Chinese, on standard error, exit code 2
    for said in (run(["--lang", "zh", *arguments], ENGLISH), run(arguments, CHINESE)):
        assert (said.exit_code, said.stdout, said.stderr) == (2, "", chinese(usage, chinese_error))
    # --lang en in a Chinese locale is English, as click prints it; and nothing of a run stays for the next
    assert run(["--lang", "en", *arguments], CHINESE).stderr == english(usage, english_error)
    assert run(arguments, ENGLISH).stderr == before.stderr


def test_a_missing_command_is_said_in_the_language_of_lang() -> None:
    usage = ("budgetlint", "[OPTIONS] COMMAND [ARGS]...")
    said = run(["--lang", "zh"], ENGLISH)
    assert (said.exit_code, said.stderr) == (2, chinese(usage, "缺少命令。"))
    said = run(["--lang", "en"], CHINESE)
    assert (said.exit_code, said.stderr) == (2, english(usage, "Missing command."))


def test_an_error_in_lang_itself_follows_the_locale() -> None:
    """`--lang xx` is refused before the run has a language: the locale's is used."""
    usage = ("budgetlint", "[OPTIONS] COMMAND [ARGS]...")
    detail = "'xx' is not one of 'en', 'zh'."
    said = run(["--lang", "xx", "check"], ENGLISH)
    assert (said.exit_code, said.stderr) == (2, english(usage, f"Invalid value for '--lang': {detail}"))
    said = run(["--lang", "xx", "check"], CHINESE)
    assert (said.exit_code, said.stderr) == (2, chinese(usage, f"'--lang' 的值无效：{detail}"))


def test_an_error_that_is_not_a_usage_error_keeps_its_exit_code_and_has_no_usage_line() -> None:
    """`diff` of a missing file: a ClickException of budgetlint's own (exit code 2), no usage line."""
    arguments = ["diff", "missing.yaml", str(MAINTAINED)]
    said = run(arguments, ENGLISH)
    assert (said.exit_code, said.stderr) == (2, ("Error: no such file: missing.yaml (to compare a git revision, "
                                                 "write REV:path, e.g. HEAD~1:missing.yaml)\n"))
    said = run(arguments, CHINESE)
    assert (said.exit_code, said.stderr) == (2, ("错误：没有这个文件：missing.yaml（要比较 git 修订版本，请写成 "
                                                 "REV:path，例如 HEAD~1:missing.yaml）\n"))


def test_a_message_click_has_and_the_catalogue_has_not_is_english_in_the_chinese_frame() -> None:
    """A group of budgetlint's class with commands that fail with messages of click's that budgetlint does
    not know (no budgetlint command can make them): click's English, inside the Chinese usage line, hint
    and `错误：`."""

    @click.group(cls=BudgetlintGroup)
    def group() -> None:
        pass

    @group.command()
    @click.argument("first")
    def pair(first: str) -> None:
        raise click.BadArgumentUsage(f"Argument 'pair' takes 2 values, not {first}.")

    said = CliRunner(env=CHINESE).invoke(group, ["pair", "one"], prog_name="budgetlint")
    assert (said.exit_code, said.stderr) == (2, ("用法：budgetlint pair [OPTIONS] FIRST\n试试 “budgetlint pair --help” "
                                                 "查看帮助。\n\n错误：Argument 'pair' takes 2 values, not one.\n"))
    said = CliRunner(env=ENGLISH).invoke(group, ["pair", "one"], prog_name="budgetlint")
    assert said.stderr == ("Usage: budgetlint pair [OPTIONS] FIRST\nTry 'budgetlint pair --help' for help.\n\n"
                           "Error: Argument 'pair' takes 2 values, not one.\n")

    @group.command()
    @click.option("--kind", type=click.Choice(["a", "b"]), required=True)
    def pick(kind: str) -> None:
        pass

    # what click adds after a missing parameter (a Choice's choices) stays in its words
    said = CliRunner(env=CHINESE).invoke(group, ["pick"], prog_name="budgetlint")
    assert (said.exit_code, said.stderr.splitlines()[-3:]) == (2, ["错误：缺少选项 '--kind'。 Choose from:", "\ta,", "\tb"])
    said = CliRunner(env=ENGLISH).invoke(group, ["pick"], prog_name="budgetlint")
    assert said.stderr.splitlines()[-3:] == ["Error: Missing option '--kind'. Choose from:", "\ta,", "\tb"]


def test_version_is_as_before_and_help_is_help_in_a_chinese_run() -> None:
    """--version is the same in both languages; --help and a group run without a command print help, not
    an error to translate (the help's own Chinese: tests/test_cli_help_zh.py)."""
    english_run, chinese_run = run(["--version"], ENGLISH), run(["--lang", "zh", "--version"], ENGLISH)
    assert english_run.exit_code == chinese_run.exit_code == 0
    assert english_run.stdout == chinese_run.stdout and english_run.stdout
    for arguments in (["check", "--help"], ["-h"]):
        chinese_run = run(["--lang", "zh", *arguments], ENGLISH)
        assert chinese_run.exit_code == 0 and chinese_run.stdout.startswith("用法：") and "\n错误：" not in chinese_run.stdout
    english_run, chinese_run = run(["layout"], ENGLISH), run(["layout"], CHINESE)
    assert english_run.exit_code == chinese_run.exit_code == 2
    assert english_run.stderr.startswith("Usage: budgetlint layout")
    assert chinese_run.stderr.startswith("用法：budgetlint layout") and "\n错误：" not in chinese_run.stderr


def test_a_real_process_prints_the_chinese_on_standard_error_with_exit_code_2() -> None:
    result = subprocess.run([sys.executable, "-m", "budgetlint.cli", "--lang", "zh", "check", "--nope"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=ROOT, check=False)
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("用法：") and lines[0].endswith(" check [OPTIONS] [PATHS]..."), result.stderr
    assert lines[-1] == "错误：没有 --nope 这个选项。您是不是要找 --ignore？" and "Traceback" not in result.stderr


def test_every_usage_entry_of_the_catalogue_is_named_in_cli_and_every_one_named_is_there() -> None:
    tree = ast.parse((ROOT / "budgetlint" / "cli.py").read_text(encoding="utf-8"))
    named = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
             and isinstance(node.value, str) and node.value.startswith("cli.usage.")}
    assert named == {key for key in MESSAGES if key.startswith("cli.usage.")}
