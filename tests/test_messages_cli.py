"""Command-line errors and notes in English and in Chinese (issue 16, item 5).

Every error a command prints comes from the catalogue (budgetlint/messages.py) through `tr`, in the
run's language: English, or Chinese when the locale is Chinese. The commands are run as a clerk runs
them, with LANG set, on the repository's real budget file and on small broken inputs made from it; the
sources of the command-line modules are read with `ast` to check that every key they name is in the
catalogue with both texts, and that no error is written as a sentence outside it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, ROOT

from budgetlint.cli import main
from budgetlint.layout import LayoutError, check_layout_file, load_layout
from budgetlint.messages import EN, MESSAGES, ZH, Message, _fields, set_language, tr

# The modules whose command-line errors and notes this file covers, and the catalogue keys they own.
FILES = ["budgetlint/config.py", "budgetlint/gitools.py", "budgetlint/fill.py", "budgetlint/diff_format.py",
         "budgetlint/diff.py", "budgetlint/coverage.py", "budgetlint/importer.py", "budgetlint/workbook.py",
         "budgetlint/export.py", "budgetlint/layout.py", "render/cli.py", "render/pdf.py", "render/site.py"]
OWN_KEY = re.compile(r"^cli\.(config|textconv|init|fill|diff|narrative|layout|render|site|pdf|import|workbook|export)"
                     r"\.[a-z_]+$|^cli\.(separator|cannot_read|cannot_write|output_is_input)$")
# The errors of these modules: their message must come from the catalogue, never a sentence of its own.
ERRORS = {"ConfigError", "LayoutError", "TableNotFound", "InitError", "FillError", "DiffError", "BadInput",
          "WorkbookError", "ExportError", "PDFError", "SiteError", "UsageError", "ClickException"}
ENGLISH, CHINESE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, {"LANG": "zh_CN.UTF-8", "LC_ALL": "",
                                                                        "LC_MESSAGES": ""}
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _language_from_the_locale() -> Iterator[None]:
    set_language("")  # each run's language comes from its LANG, not from a test before it
    yield
    set_language("")


def _trees() -> Iterator[tuple[str, ast.AST]]:
    for name in FILES:
        yield name, ast.parse((ROOT / name).read_text(encoding="utf-8"), name)


def _english(node: ast.AST) -> bool:
    """A literal text (or f-string) with English words in it, besides a `budgetlint <command>: ` prefix."""
    parts = [node] if isinstance(node, ast.Constant) else node.values if isinstance(node, ast.JoinedStr) else []
    text = "".join(part.value for part in parts if isinstance(part, ast.Constant) and isinstance(part.value, str))
    return bool(re.search(r"[a-z]{3,} [a-z]{3,}", re.sub(r"budgetlint [a-z]+: ", "", text)))


def _calls(tree: ast.AST, names: set[str]) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if called in names:
                yield node


# ---------------------------------------------------------------------------------------------------
# The sources


def test_every_key_the_command_line_names_is_in_the_catalogue_with_both_texts() -> None:
    named: set[str] = set()
    for name, tree in _trees():
        keys = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                and isinstance(node.value, str) and OWN_KEY.match(node.value)}
        assert keys, f"{name} names no catalogue key"
        named |= keys
        for call in _calls(tree, {"say", "tr"}):
            first = call.args[0]
            # a key is a literal, a choice of literals, or a name bound to literals (all checked above)
            literals = [first] if isinstance(first, ast.Constant) else \
                [first.body, first.orelse] if isinstance(first, ast.IfExp) else []
            assert literals or isinstance(first, ast.Name), f"{name}:{call.lineno}: the key is not a literal"
            for literal in literals:
                assert isinstance(literal, ast.Constant) and literal.value in MESSAGES, \
                    f"{name}:{call.lineno}: {ast.unparse(literal)} is not a catalogue key"
    for key in named:
        assert key in MESSAGES, f"{key} is named but not in MESSAGES"
        english, chinese = MESSAGES[key]
        assert english and chinese, key
        # {s} makes an English plural; Chinese has none. Every other figure is in both texts.
        assert _fields(english) - {"s"} == _fields(chinese), key
        assert HAN.search(chinese) or not re.search(r"[a-z]{4,} [a-z]{3,}", english.replace("{", "")), \
            f"{key}: the Chinese is not Chinese"
    unused = {key for key in MESSAGES if OWN_KEY.match(key)} - named
    assert not unused, f"catalogue entries no command-line module uses: {sorted(unused)}"


def test_no_error_of_the_command_line_is_a_sentence_outside_the_catalogue() -> None:
    for name, tree in _trees():
        for call in _calls(tree, ERRORS):
            if call.args:
                message = call.args[0]
                assert not isinstance(message, ast.JoinedStr), f"{name}:{call.lineno}: an f-string error"
                assert not (isinstance(message, ast.Constant) and isinstance(message.value, str)), \
                    f"{name}:{call.lineno}: an error written in English only"
        for call in _calls(tree, {"echo", "_say", "_fail"}):
            # what is printed on stderr is made by `tr`; only the program's name may stand before it
            echo = isinstance(call.func, ast.Attribute) and call.func.attr == "echo"
            if echo and "err" not in {keyword.arg for keyword in call.keywords}:
                continue  # standard output: the command's output, not an error
            for argument in call.args:
                assert not _english(argument), f"{name}:{call.lineno}: an English sentence printed on stderr"
        for call in _calls(tree, {"Problem"}):
            said = call.args[1] if len(call.args) > 1 else None
            assert isinstance(said, ast.Call) and getattr(said.func, "id", "") == "say", \
                f"{name}:{call.lineno}: a finding's message that is not `say(...)`"


# ---------------------------------------------------------------------------------------------------
# The commands: a representative error of each, exit code 2, in both languages


def _broken_yaml(folder: Path) -> Path:
    path = folder / "broken.yaml"  # the maintained budget with its first mapping cut open
    path.write_text(MAINTAINED.read_text(encoding="utf-8").replace(":", "", 1).replace("\n", "\n  - [", 3),
                    encoding="utf-8")
    return path


def _not_a_pdf(folder: Path) -> Path:
    path = folder / "disclosure.pdf"
    path.write_text("部门预算公开\n", encoding="utf-8")
    return path


def _not_a_workbook(folder: Path) -> Path:
    path = folder / "budget.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    return path


def _bad_config(folder: Path) -> Path:
    (folder / "budgetlint.toml").write_text('disable = "A309"\n', encoding="utf-8")
    return MAINTAINED


def _empty_folder(folder: Path) -> Path:
    (folder / "budgets").mkdir()
    return folder / "budgets"


Setup = Callable[[Path], Path]
# command, what to make first (it gives the FILE argument), arguments after it, English, Chinese
COMMANDS: list[tuple[str, Setup | None, list[str], str, str]] = [
    ("init", None, ["repo", "--force", "--skip-existing"], "contradict each other", "相互矛盾"),
    ("textconv", lambda _: Path("/dev/null"), [], "is not a regular file", "不是普通文件"),
    ("fill", _broken_yaml, [], "cannot be read as written, so it is not filled", "无法按所写内容读取，因此未填写"),
    ("fill", _bad_config, [], "`disable` must be a list of rule IDs", "`disable` 必须是规则编号的列表"),
    ("diff", lambda _: Path("missing.yaml"), [str(MAINTAINED)], "no such file: missing.yaml",
     "没有这个文件：missing.yaml"),
    ("narrative", _broken_yaml, [], "as a budget file; `budgetlint check", "作为预算文件读取"),
    ("import", lambda _: Path("missing.pdf"), [], "no such file: missing.pdf", "没有这个文件：missing.pdf"),
    ("import", _not_a_pdf, [], "is not a PDF file (it does not start with %PDF-)", "不是 PDF 文件（开头不是 %PDF-）"),
    ("import", _not_a_workbook, [], "cannot be read as an xlsx workbook", "无法作为 xlsx 工作簿读取"),
    ("export", lambda _: MAINTAINED, ["-o", "out", "--with-findings"], "use it with --format xlsx",
     "请与 --format xlsx 一起使用"),
    ("render", lambda _: MAINTAINED, ["--table", "99"], "no table `99` in layout henan-2023",
     "版式 henan-2023 中没有表 `99`"),
    ("render", lambda _: MAINTAINED, ["-o", str(MAINTAINED)], "is the input file; choose another output file",
     "就是输入文件；请另选一个输出文件"),
    ("site", lambda _: Path("nowhere"), [], "no such folder: nowhere", "没有这个文件夹：nowhere"),
    ("site", _empty_folder, ["-o", "public"], "no budget files (*.yaml, *.yml)", "中没有预算文件（*.yaml、*.yml）"),
]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], command: str, setup: Setup | None,
         arguments: list[str]) -> tuple[int, str]:
    folder = tmp_path / ("zh" if env is CHINESE else "en")
    folder.mkdir()
    monkeypatch.chdir(folder)
    first = [str(setup(folder))] if setup else []
    result = CliRunner(env=env).invoke(main, [command, *first, *arguments])
    return result.exit_code, result.output


@pytest.mark.parametrize(("command", "setup", "arguments", "english", "chinese"),
                         COMMANDS, ids=lambda value: value if isinstance(value, str) else None)
def test_a_command_line_error_is_in_the_language_of_the_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, setup: Setup | None, arguments: list[str],
        english: str, chinese: str) -> None:
    code, said = _run(tmp_path, monkeypatch, ENGLISH, command, setup, arguments)
    assert code == 2, said
    assert english in said and chinese not in said, said
    monkeypatch.chdir(tmp_path)
    code, said = _run(tmp_path, monkeypatch, CHINESE, command, setup, arguments)
    assert code == 2, said
    assert chinese in said and english not in said, said
    assert "Traceback" not in said


def test_a_summary_is_in_the_language_of_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an error, but what a clerk reads after an export: `wrote …` / `已写出 …`."""
    code, said = _run(tmp_path, monkeypatch, ENGLISH, "export", lambda _: MAINTAINED, ["-o", "budget.xlsx"])
    assert code == 0 and said.startswith("wrote budget.xlsx: "), said
    code, said = _run(tmp_path, monkeypatch, CHINESE, "export", lambda _: MAINTAINED, ["-o", "budget.xlsx"])
    assert code == 0 and said.startswith("已写出 budget.xlsx：") and "sheets" not in said, said


def test_init_says_what_to_do_next_in_the_language_of_the_locale(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    install = ["--install", str(ROOT)]  # where budgetlint comes from: this checkout
    code, said = _run(tmp_path, monkeypatch, ENGLISH, "init", lambda _: Path("repo"), install)
    assert code == 0 and "next: pip install pre-commit && pre-commit install" in said, said
    code, said = _run(tmp_path, monkeypatch, CHINESE, "init", lambda _: Path("repo"), install)
    assert code == 0 and "下一步：pip install pre-commit && pre-commit install" in said and "next:" not in said, said


def test_what_an_import_could_not_place_is_said_with_its_page_in_chinese() -> None:
    from budgetlint.importer import Problems

    set_language(ZH)
    problems = Problems()
    problems.add(3, tr("cli.import.incomplete", label="预算05表"))
    problems.add(None, tr("cli.import.no_year"))
    assert problems.messages == ["第 3 页：预算05表：未完整导入", "表题和标题中都没有印出预算年度：`fiscal_year` 空缺"]


# ---------------------------------------------------------------------------------------------------
# Layout errors carry both languages: a rule (T101) puts them into its finding


def test_a_layout_error_carries_its_chinese_and_prints_in_the_run_language() -> None:
    with pytest.raises(LayoutError) as raised:
        load_layout("henan-2099")
    message = raised.value.message
    assert isinstance(message, Message) and message.startswith("no layout named `henan-2099` (known: ")
    assert message.zh.startswith("没有名为 `henan-2099` 的版式（已有：") and "henan-2023" in message.zh
    set_language(EN)
    assert str(raised.value) == message
    set_language(ZH)
    assert str(raised.value) == message.zh


def test_every_problem_of_a_broken_layout_file_has_its_chinese(tmp_path: Path) -> None:
    """The packaged Henan layout, broken in six places, as `budgetlint layout check` reads it."""
    text = (ROOT / "schema" / "layouts" / "henan-2023.yaml").read_text(encoding="utf-8")
    assert "\nnarrative_words:" not in text
    broken = re.sub(r"(?m)^name: henan-2023$", "name: henan-2023-broken", text, count=1)
    broken = re.sub(r"(?m)^(\s*- )key: expenditure$", r"\1key: expenditures", broken, count=1)
    broken = re.sub(r"(?m)^amount_unit: 万元$", "amount_unit: 千元", broken, count=1)
    broken += "\nnarrative_words: {parts: [其中], colours: [红]}\n"
    path = tmp_path / "henan-2023.yaml"  # a file name that is not the layout's name: one more problem
    path.write_text(broken, encoding="utf-8")
    problems = check_layout_file(path)
    assert len(problems) >= 4, [str(problem) for problem in problems]
    for problem in problems:
        message = problem.message
        assert isinstance(message, Message) and message.zh and message.zh != str(message), message
        assert not re.search(r"\{[a-z_]+\}", message + message.zh), message  # every placeholder filled
        assert HAN.search(message.zh), message.zh
    english = {str(problem.message) for problem in problems}
    assert any(text.startswith("unknown table key `expenditures`") for text in english), english
    assert any(text.startswith("the file is named henan-2023.yaml but the layout") for text in english), english
    chinese = {problem.message.zh for problem in problems if isinstance(problem.message, Message)}
    assert any(text.startswith("未知的表键 `expenditures`") for text in chinese), chinese
    assert "`amount_unit` 只能是元或万元" in chinese, chinese
    assert any(text.startswith("narrative_words 中未知的角色 `colours`") for text in chinese), chinese
