"""`--help` in Chinese in a Chinese run (`budgetlint --lang zh … --help`, or a Chinese locale), for every
command, including the `layout` group's and those imported on first use, and for every option.

The Chinese is messages.HELP_ZH, one entry per command and per parameter with a help text: a command or
option added without its Chinese fails here, and so does an entry left for one that is gone. Each entry keeps
the option names, figures and Chinese terms of its English (the docstring, the decorator's `help=`), so an
English text changed without its Chinese fails too. An English run prints the help as click always has: the
texts at the end of this file were captured from click before the change and must stay byte for byte.
Commands are run as a clerk runs them: CliRunner with the program name `budgetlint`.
"""

from __future__ import annotations

import inspect
import re
import unicodedata

import click
import pytest
from conftest import CHINESE_ENV, ENGLISH_ENV, run_cli

from budgetlint.cli import main
from budgetlint.help import BudgetlintCommand, _lines, help_key, param_help_key
from budgetlint.messages import HELP_ZH

ENGLISH, CHINESE = ENGLISH_ENV, CHINESE_ENV
pytestmark = pytest.mark.usefixtures("language_from_each_run")
WIDTH = 80  # the help width under CliRunner (click.testing forces it), whatever the terminal

CJK = re.compile(r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CODE_SPAN = re.compile(r"`[^`]*`")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
CLOSING, OPENING = "，。、；：？！）”》」]", "（“《「["

run = run_cli


def _commands() -> list[tuple[list[str], click.Command, click.Context]]:
    """Every command under `main` with its path and a context as a run makes it (the lazy ones imported)."""
    found = []

    def walk(command: click.Command, path: list[str], ctx: click.Context) -> None:
        found.append((path, command, ctx))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, [*path, name], sub.make_context(name, [], parent=ctx, resilient_parsing=True))

    # made as a run makes them (the group's context_settings: `-h`), parsing nothing
    walk(main, [], main.make_context("budgetlint", [], resilient_parsing=True))
    return found


COMMANDS = _commands()
PATHS = [path for path, _, _ in COMMANDS]


def _english() -> dict[str, str]:
    """HELP_ZH's key → the English it translates: each command's docstring, each parameter's help."""
    texts = {}
    for path, command, ctx in COMMANDS:
        key = help_key(path)
        texts[key] = inspect.cleandoc(command.help or "")
        for param in command.get_params(ctx):
            said = getattr(param, "help", None)  # click 8.1's arguments have no help
            if said and not getattr(param, "hidden", False):
                texts[param_help_key(key, param, ctx)] = said
    return texts


ENGLISH_TEXTS = _english()
# click's own words, which no command's help names: the section headings and the notes after an option's help
CLICK_WORDS = {"Positional arguments", "Options", "Commands", "[default]", "[required]"}


def prose(text: str) -> str:
    """`text` without its examples (a paragraph marked \\b or indented) and code spans (`…`)."""
    return CODE_SPAN.sub(" ", "\n\n".join(p for p in text.split("\n\n") if not p.startswith(("\b", " "))))


def english_runs(text: str, words: int) -> list[str]:
    """The runs of at least `words` English words in the prose of `text`, their spaces made single."""
    runs = re.findall(rf"[A-Za-z][a-z']*(?:\s+[A-Za-z][a-z']*){{{words - 1},}}", prose(text))
    return [" ".join(run.split()) for run in runs]


def squashed(text: str) -> str:
    return re.sub(r"[\s\b]+", "", text)


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in line)


def test_every_command_and_parameter_has_its_chinese_and_nothing_else_has() -> None:
    expected = set(ENGLISH_TEXTS) | CLICK_WORDS
    assert sorted(expected - set(HELP_ZH)) == [], "no Chinese in messages.HELP_ZH for these"
    assert sorted(set(HELP_ZH) - expected) == [], "Chinese in messages.HELP_ZH for no command or parameter"
    # the keys as they read: a command by its path, an option by its longest name, the group itself
    assert {"budgetlint", "budgetlint --lang", "check", "check --select", "check --quiet", "layout",
            "layout check", "import --source-map", "--help"} <= set(HELP_ZH)


def test_every_command_writes_its_help_in_the_run_language_and_has_nothing_the_chinese_leaves_out() -> None:
    """A command made without `cls=BudgetlintCommand` would print click's English in a Chinese run; an
    epilog or a deprecation note has no Chinese."""
    for path, command, _ in COMMANDS:
        assert isinstance(command, BudgetlintCommand), f"{help_key(path)}: not a BudgetlintCommand"
        assert not command.epilog and not command.deprecated, help_key(path)


@pytest.mark.parametrize("key", sorted(ENGLISH_TEXTS))
def test_the_chinese_of_a_help_text_is_chinese_and_keeps_what_its_english_names(key: str) -> None:
    english, chinese = ENGLISH_TEXTS[key], HELP_ZH.get(key, "")
    assert CJK.search(chinese), f"no Chinese for {key!r}"
    assert english_runs(chinese, 3) == [], chinese
    missing = [term for term in CJK.findall(english) + re.findall(r"\d+", english) + OPTION.findall(english)
               if term not in chinese]
    assert missing == [], f"{key!r} lacks {missing}: has its English changed? {english!r}"


@pytest.mark.parametrize("path", PATHS, ids=[help_key(path) for path in PATHS])
def test_a_chinese_run_prints_the_help_of_a_command_in_chinese(path: list[str]) -> None:
    said = run(["--lang", "zh", *path, "--help"], ENGLISH)
    assert (said.exit_code, said.stderr) == (0, "")
    # a Chinese locale says the same, in every position of --help
    assert run([*path, "--help"], CHINESE).stdout == said.stdout
    assert run([*path, "-h"], CHINESE).stdout == said.stdout
    help_text = said.stdout
    command, ctx = next((command, ctx) for p, command, ctx in COMMANDS if p == path)
    key = help_key(path)
    assert help_text.startswith(" ".join(["用法：budgetlint", *path]) + " ")
    assert "\n选项：\n" in help_text
    assert ("\n命令：\n" in help_text) == isinstance(command, click.Group)
    for english in ("Usage:", "Options:", "Commands:", "[default:", "[required]"):
        assert english not in help_text
    keys = [key] + [param_help_key(key, param, ctx) for param in command.get_params(ctx)
                    if getattr(param, "help", None)]
    for shown in keys:
        assert squashed(HELP_ZH[shown]) in squashed(help_text), shown
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            first = HELP_ZH[help_key([*path, name])].split("\n\n")[0]
            assert squashed(first[:first.find("。") + 1]) in squashed(help_text), name
    # no English sentence of the docstring or of an option's help is left
    flat = " ".join(help_text.split())
    left = [run for shown in keys for run in english_runs(ENGLISH_TEXTS[shown], 4) if run in flat]
    assert left == []
    # it fits the terminal as click's English does: wrapped by the columns a Chinese character takes
    assert [line for line in help_text.splitlines() if columns(line) > WIDTH] == []


def test_click_notes_after_an_option_help_are_in_chinese_with_the_defaults_as_they_are() -> None:
    check = squashed(run(["--lang", "zh", "check", "--help"], ENGLISH).stdout)
    assert squashed("--format [github|json|sarif|text] 输出格式。 [默认：text]") in check
    assert squashed("-j, --jobs INTEGER RANGE 并行检查的文件数[默认：处理器核数]。 [x>=1]") in check
    assert squashed("-o, --output FILE 把报告写入 FILE（整个替换）") in check
    export = squashed(run(["--lang", "zh", "export", "--help"], ENGLISH).stdout)
    assert squashed("-o, --output PATH csv、parquet：") in export and squashed("工作簿文件。 [必填]") in export
    narrative = run(["--lang", "zh", "narrative", "--help"], ENGLISH).stdout
    assert "  --format [text|json]  [默认：text]\n" in narrative  # an option without help: the note alone


@pytest.mark.parametrize("path", PATHS, ids=[help_key(path) for path in PATHS])
def test_an_english_run_prints_the_help_as_click_did_before(path: list[str]) -> None:
    before = ENGLISH_HELP[" ".join(path)]
    said = run([*path, "--help"], ENGLISH)
    assert (said.exit_code, said.stdout, said.stderr) == (0, before, "")
    # --lang en in a Chinese locale is English too; and nothing of a Chinese run stays for the next
    assert run(["--lang", "en", *path, "-h"], CHINESE).stdout == before
    run(["--lang", "zh", *path, "--help"], ENGLISH)
    assert run([*path, "--help"], ENGLISH).stdout == before


def test_the_group_help_follows_lang_given_before_help() -> None:
    """`--lang` is read as given, before the group's own --help: `budgetlint --lang zh --help` is Chinese."""
    said = run(["--lang", "zh", "--help"], ENGLISH)
    assert said.exit_code == 0 and said.stdout.startswith("用法：budgetlint [OPTIONS] COMMAND [ARGS]...\n")
    assert run(["--lang", "en", "--help"], CHINESE).stdout == ENGLISH_HELP[""]
    assert run(["--help"], ENGLISH).stdout == ENGLISH_HELP[""]  # the Chinese run above left nothing


def test_a_group_run_without_a_command_prints_its_help_in_the_run_language() -> None:
    """click prints a group's help on standard error when no command is given (exit code 2)."""
    for arguments, env in ((["--lang", "zh", "layout"], ENGLISH), (["layout"], CHINESE)):
        said = run(arguments, env)
        assert (said.exit_code, said.stdout) == (2, "")
        assert said.stderr == run(["--lang", "zh", "layout", "--help"], ENGLISH).stdout
    said = run([], CHINESE)
    assert said.exit_code == 2 and said.stderr.startswith("用法：budgetlint [OPTIONS] COMMAND [ARGS]...\n")
    said = run(["layout"], ENGLISH)
    assert (said.exit_code, said.stdout, said.stderr) == (2, "", ENGLISH_HELP["layout"])


@pytest.mark.parametrize("width", [24, 46, WIDTH])
def test_chinese_is_wrapped_by_columns_between_characters_keeping_every_one(width: int) -> None:
    for key, text in HELP_ZH.items():
        for paragraph in text.split("\n\n"):
            if paragraph.startswith("\b"):
                continue  # example commands: printed as written
            lines = _lines(paragraph, width)
            assert squashed("".join(lines)) == squashed(paragraph), key
            for line in lines:
                # longer only when it cannot be broken: one word, or a character with its punctuation
                assert columns(line) <= width or " " not in line and len(CJK.findall(line)) <= 1, (key, line)
                assert not line.startswith(tuple(CLOSING)) and not line.endswith(tuple(OPENING)), (key, line)


ENGLISH_HELP: dict[str, str] = {
    "": """\
Usage: budgetlint [OPTIONS] COMMAND [ARGS]...

  budgetlint: budget-as-code for department budget disclosures (部门预算公开).

  Check budget files against the format and the arithmetic and classification
  rules, render the disclosure, and compare revisions.

Options:
  --version       Show the version and exit.
  --lang [en|zh]  Language of findings and messages: en or zh (中文) [default: zh
                  when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else
                  en].
  -h, --help      Show this message and exit.

Commands:
  check      Check budget files (files or folders; default: budgets/).
  diff       Compare two budgets budget line by budget line.
  explain    Print the documentation of one rule (budgetlint explain A101).
  export     Export budgets: tidy budget lines as CSV or Parquet with
             datapackage.json, or one budget's tables as xlsx.
  fill       Write every total and subtotal the layout derives from its parts
             (合计, unit and 类/款 rows, the columns of a row that add up, closing
             lines), in place, keeping comments and layout.
  import     Import a published disclosure (PDF), or a workbook written by
             `budgetlint export --format xlsx` (FILE.xlsx, edited in Excel),
             into a budget file of its layout.
  init       Create a budget repository in FOLDER (default: here): budgets/, the
             pre-commit hook, the git diff driver, a CI workflow and a README
             for the clerks.
  layout     Layouts: which tables a disclosure has, their columns and the sums
             that hold (docs/layouts.md).
  narrative  List every figure of a budget's narrative with what it is checked
             against, or why not.
  render     Render the disclosure of one budget file (the three parts and every
             table) as Markdown, HTML or PDF.
  rules      List every rule: ID, name, default severity and what it checks.
  site       Build a static site from a folder of budgets (default: budgets/):
             index, disclosures, findings.
  textconv   Print a budget file as one figure per line, for `git diff` (a git
             textconv driver).
""",
    "check": """\
Usage: budgetlint check [OPTIONS] [PATHS]...

  Check budget files (files or folders; default: budgets/).

  Text output: `file:line:col: severity RULE message`; where a finding compares
  two places (another table, the rows of a total), one line `↳ file:line:col:
  other side (path)` per place of the other side under it; then the count. JSON
  gives those places as `related`, SARIF as `relatedLocations`, GitHub
  annotations in the message. Findings that a file cannot be read (Y…) and
  internal errors (X001) are reported whatever --select and --ignore say.

  A folder without budget files (*.yaml, *.yml) is not an error: a new
  repository has none yet.

  Exit code 0: no error-severity finding (warnings allowed); 1: at least one
  error; 2: usage error.

Options:
  --format [github|json|sarif|text]
                                  Output format.  [default: text]
  --select RULES                  Report only these rules: IDs or prefixes,
                                  comma-separated (A3,C104).
  --ignore RULES                  Do not report these rules: IDs or prefixes,
                                  comma-separated. The longest prefix that names
                                  a rule decides between --select and --ignore.
  --exit-zero                     Exit code 0 even with error-severity findings
                                  (usage errors still exit with 2).
  -q, --quiet                     Print the findings and nothing else: no other-
                                  side lines under them, no final count, no
                                  notes.
  -o, --output FILE               Write the report to FILE (replaced whole)
                                  instead of standard output; never over a
                                  budget file.
  --color / --no-color            Colour in the text format [default: on a
                                  terminal, unless NO_COLOR is set].
  -j, --jobs INTEGER RANGE        Files checked in parallel [default: number of
                                  cores].  [x>=1]
  --config FILE                   budgetlint.toml or pyproject.toml to use
                                  [default: nearest one].
  -h, --help                      Show this message and exit.
""",
    "rules": """\
Usage: budgetlint rules [OPTIONS]

  List every rule: ID, name, default severity and what it checks.

Options:
  --format [text|markdown]  markdown: the catalogue as docs/rules.md.  [default:
                            text]
  -h, --help                Show this message and exit.
""",
    "explain": """\
Usage: budgetlint explain [OPTIONS] RULE_ID

  Print the documentation of one rule (e.g. `budgetlint explain A101`).

Options:
  -h, --help  Show this message and exit.
""",
    "layout": """\
Usage: budgetlint layout [OPTIONS] COMMAND [ARGS]...

  Layouts: which tables a disclosure has, their columns and the sums that hold
  (docs/layouts.md).

Options:
  -h, --help  Show this message and exit.

Commands:
  check  Validate layout files: every problem as file:line:col (exit code 2 if
         there is any).
  list   List the layouts this repository can use (its own layouts/ folder
         first, then the packaged ones).
""",
    "layout check": """\
Usage: budgetlint layout check [OPTIONS] FILES...

  Validate layout files: every problem as file:line:col (exit code 2 if there is
  any).

Options:
  -h, --help  Show this message and exit.
""",
    "layout list": """\
Usage: budgetlint layout list [OPTIONS]

  List the layouts this repository can use (its own layouts/ folder first, then
  the packaged ones).

Options:
  -h, --help  Show this message and exit.
""",
    "diff": """\
Usage: budgetlint diff [OPTIONS] OLD NEW

  Compare two budgets budget line by budget line.

  OLD and NEW are budget files or git revisions written REV:path, e.g.

      budgetlint diff HEAD~1:budgets/151-xigong-jiedao/2023.yaml
      budgets/151-xigong-jiedao/2023.yaml

      budgetlint diff budgets/151-xigong-jiedao/2022.yaml budgets/151-xigong-
      jiedao/2023.yaml

  Between two fiscal years of one department the output starts with the year-
  over-year summary. Exit code 0 (also when the budgets differ, unless --exit-
  code), 2 when a side cannot be read.

Options:
  --format [text|markdown|json]  text for a terminal, markdown for a pull-
                                 request comment, json for tools.  [default:
                                 text]
  --exit-code                    Exit with 1 when the budgets differ (like `git
                                 diff --exit-code`).
  -h, --help                     Show this message and exit.
""",
    "export": """\
Usage: budgetlint export [OPTIONS] PATHS...

  Export budgets: tidy budget lines as CSV or Parquet with datapackage.json, or
  one budget's tables as xlsx.

  budgetlint export budgets/ --format csv -o out/        # out/budget_lines.csv, out/datapackage.json
  budgetlint export budgets/ --format parquet -o out/    # out/budget_lines.parquet (pyarrow)
  budgetlint export budgets/x/2023.yaml -o x-2023.xlsx   # a sheet per table, as the layout prints it
  budgetlint import x-2023.xlsx -o x-2023.yaml           # the workbook, edited in Excel, read back

Options:
  --format [csv|parquet|xlsx]  csv: budget lines of every file given, into the
                               folder -o; parquet: the same as Parquet (needs
                               pyarrow); xlsx: one file's tables as a workbook
                               [default: xlsx when -o ends in .xlsx, else csv].
  -o, --output PATH            csv, parquet: the folder for budget_lines.csv
                               (.parquet) and datapackage.json; xlsx: the
                               workbook file.  [required]
  --force                      Overwrite output files that exist.
  --with-findings              xlsx: add a findings sheet and a comment on each
                               cell that has a finding of `budgetlint check`.
  -h, --help                   Show this message and exit.
""",
    "fill": """\
Usage: budgetlint fill [OPTIONS] FILES...

  Write every total and subtotal the layout derives from its parts (合计, unit and
  类/款 rows, the columns of a row that add up, closing lines), in place, keeping
  comments and layout.

  A blank derived figure is written, a wrong one replaced and reported, a right
  one left as it is; figures that are not derived are never changed. Each
  changed figure is printed as `file:line:col: figure (path) old → new`. Exit
  code 0 (written, or nothing to change); with --check 1 when something would
  change; 2 for a file that cannot be read, fails its schema or whose sums are
  ambiguous (such a file is never written).

Options:
  --diff         Print the change as a unified diff; write nothing.
  --check        Write nothing; exit with 1 when a figure would change (for CI).
  --config FILE  budgetlint.toml or pyproject.toml to use [default: nearest
                 one].
  -h, --help     Show this message and exit.
""",
    "import": """\
Usage: budgetlint import [OPTIONS] FILE

  Import a published disclosure (PDF), or a workbook written by `budgetlint
  export --format xlsx` (FILE.xlsx, edited in Excel), into a budget file of its
  layout.

  Every table of the layout, figures exactly as printed (a workbook: to the cent
  its cells show), and from a PDF the narrative, the department's duties and
  composition and the glossary as printed. Exit code 0: every table imported
  completely; 1: the file is written, but something could not be placed
  (reported on stderr with its page); 2: nothing written (not a PDF, encrypted,
  no text layer, no layout fits, a workbook of another shape, the output exists
  without --force).

Options:
  --layout NAME                   The document's layout [default: recognised
                                  from the table titles it prints; a workbook
                                  says its own].
  -o, --output FILE               The budget file to write [default: FILE's name
                                  with .yaml, in the current folder].
  --force                         Overwrite the output file if it exists.
  --source-map / --no-source-map  Write budgetlint-import.json beside the
                                  output: where each figure is printed in the
                                  PDF.  [default: source-map]
  -h, --help                      Show this message and exit.
""",
    "init": """\
Usage: budgetlint init [OPTIONS] [FOLDER]

  Create a budget repository in FOLDER (default: here): budgets/, the pre-commit
  hook, the git diff driver, a CI workflow and a README for the clerks. Runs
  `git init` when FOLDER is not in a git repository yet. Existing files are left
  alone unless --force.

Options:
  --force                Overwrite files that already exist.
  --skip-existing        Keep files that already exist and write the others.
  --example              Also add a complete example budget (西工街道 2023).
  --hook-repo URL        git URL of budgetlint, for a pre-commit hook that
                         installs budgetlint by itself [default: a local hook
                         that uses the installed budgetlint].
  --hook-rev REV         Tag, branch or commit of --hook-repo, checked with git
                         ls-remote [default: the commit its HEAD points at now].
  --install REQUIREMENT  What the CI workflow and the README pip-install: a
                         path, a wheel, or 'budgetlint @ git+URL@REV' [default:
                         from --hook-repo, else the place this budgetlint was
                         installed from].
  -h, --help             Show this message and exit.
""",
    "narrative": """\
Usage: budgetlint narrative [OPTIONS] FILE

  List every figure of a budget's narrative with what it is checked against, or
  why not.

Options:
  --format [text|json]  [default: text]
  --unchecked           List only the figures that are not checked, each with
                        its reason (the summary counts all).
  -h, --help            Show this message and exit.
""",
    "render": """\
Usage: budgetlint render [OPTIONS] FILE

  Render the disclosure of one budget file (the three parts and every table) as
  Markdown, HTML or PDF.

Options:
  --format [html|markdown|pdf]  Output format [default: from the -o suffix (.md,
                                .html, .pdf), else markdown]. pdf needs headless
                                Chromium on PATH.
  -o, --output FILE             Write here instead of standard output.
  --table TABLE                 Render one table only: its number (03, 3) or key
                                (expenditure).
  --with-findings               Mark each cell that has a finding of `budgetlint
                                check`, and list the findings.
  -h, --help                    Show this message and exit.
""",
    "site": """\
Usage: budgetlint site [OPTIONS] [FOLDER]

  Build a static site from a folder of budgets (default: budgets/): index,
  disclosures, findings.

Options:
  -o, --output DIRECTORY  Folder to write the site into.  [default: public]
  -h, --help              Show this message and exit.
""",
    "textconv": """\
Usage: budgetlint textconv [OPTIONS] FILE

  Print a budget file as one figure per line, for `git diff` (a git textconv
  driver).

  Set it up once per clone:

      git config diff.budgetlint.textconv "budgetlint textconv"

  and in .gitattributes: budgets/**/*.yaml diff=budgetlint

Options:
  -h, --help  Show this message and exit.
""",
}
