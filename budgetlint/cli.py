"""The `budgetlint` command line. Thin: parsing and printing only; the work is in `lint`, `render`, …"""

from __future__ import annotations

import importlib
import os
import re
import secrets
import signal
import string
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

EXIT_INTERRUPTED = 130  # 128 + SIGINT: what shells and CI read as "stopped by Ctrl-C"
INTERRUPTED = "budgetlint: interrupted"

try:  # Ctrl-C while Python loads the rules (a third of a second): as during a command, no traceback
    import click

    from . import __version__
    from .config import ConfigError, find_config, load_config
    from .findings import EXIT_CLEAN, EXIT_USAGE, exit_code
    from .help import BudgetlintCommand, first_sentence, help_key, help_path
    from .lint import BUDGET_SUFFIXES, RULES_BY_ID, UsageError, lint
    from .messages import (
        HELP_ZH,
        LANGUAGES,
        MESSAGES,
        ZH,
        current_language,
        in_language,
        join,
        language_from_environment,
        say,
        set_language,
        tr,
    )
    from .report import REPORTERS, as_json, emit, github, sarif, text
    from .rules import CATALOGUE
except KeyboardInterrupt:
    print(INTERRUPTED, file=sys.stderr)
    sys.exit(EXIT_INTERRUPTED)

DEFAULT_BUDGETS = "budgets"

# Commands defined in modules of their own: name → "module:attribute". They are imported only when
# used, so that `budgetlint check` in a pre-commit hook does not pay for the renderers' imports.
OTHER_COMMANDS = {
    "diff": "budgetlint.diff_format:diff_command",
    "export": "budgetlint.export:export_command",
    "fill": "budgetlint.fill:fill_command",
    "import": "budgetlint.importer:import_command",
    "init": "budgetlint.gitools:init_command",
    "narrative": "budgetlint.coverage:narrative_command",
    "render": "budgetlint.render.cli:render_command",
    "site": "budgetlint.render.cli:site_command",
    "textconv": "budgetlint.gitools:textconv_command",
}


def _on_sigint(main_pid: int) -> Callable[[int, FrameType | None], None]:
    """A SIGINT handler for this process and the workers `check --jobs` forks from it: Ctrl-C reaches
    them all, and a worker would print a traceback of its own; it ends quietly, and the main process
    says it, once (below)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(EXIT_INTERRUPTED)
        raise KeyboardInterrupt

    return handler


class FullHelpGroup(BudgetlintCommand, click.Group):
    """A command group whose `--help` shows each command's first sentence whole, wrapped: click cuts it
    at about 45 characters, mid-phrase (`Print the documentation of one rule (e.g.`)."""

    command_class = BudgetlintCommand  # `@group.command` makes one

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        chinese, path = current_language() == ZH, help_path(ctx)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                key = help_key([*path, name])
                rows.append((name, first_sentence(HELP_ZH[key]) if chinese and key in HELP_ZH
                             else command.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section(HELP_ZH["Commands"] if chinese else "Commands"):
                formatter.write_dl(rows)


# click 8.2+: a group run without arguments prints its help through this error; it is help, not an error
SHOWS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _zh(key: str, /, **params: object) -> str:
    return in_language(say(key, **params), ZH)


def _read(key: str, text: str) -> dict[str, str] | None:
    """The parameters with which the English of catalogue entry `key` reads `text`, or None if it does not.
    The English of a `cli.usage.*` entry is click's own: this is how one of click's messages is recognised
    without depending on the exception class that carries it (click 8.1 has no NoSuchCommand)."""
    pattern = "".join(re.escape(literal) + (f"(?P<{name}>.*?)" if name else "")
                      for literal, name, _, _ in string.Formatter().parse(MESSAGES[key][0]))
    match = re.fullmatch(pattern, text, re.DOTALL)
    return match.groupdict() if match else None


def _hint(error: click.BadParameter) -> str | None:
    """The parameter as click names it in an error: `'--jobs' / '-j'`, `'FILES...'`."""
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(name) for name in hint)
    return error.param.get_error_hint(error.ctx) if error.param is not None else None


def _click_error_in_chinese(error: click.ClickException) -> str:
    """The text after `Error:` of one of click's errors, in Chinese; click's English for a message it does
    not know (budgetlint's own usage errors are Chinese already in a Chinese run)."""
    if isinstance(error, click.exceptions.MissingParameter):
        hint, param = _hint(error), error.param
        kind = error.param_type or (param.param_type_name if param is not None else "parameter")
        key = {"argument": "cli.usage.missing_argument", "option": "cli.usage.missing_option"}.get(
            kind, "cli.usage.missing_parameter")
        missing, english = say(key, param=f" {hint}" if hint else ""), error.format_message()
        if not english.startswith(missing):
            return english
        # what click says after it (a message given, a Choice's choices) stays in click's words
        return in_language(missing, ZH) + english[len(missing):]
    if isinstance(error, click.BadParameter):
        # the detail is click's (or the type's) own words about the value as written
        hint = _hint(error)
        if hint is None:
            return _zh("cli.usage.invalid_value", detail=error.message)
        return _zh("cli.usage.invalid_value_for", param=hint, detail=error.message)
    said = None
    if isinstance(error, click.exceptions.NoSuchOption):
        said = _zh("cli.usage.no_such_option", option=error.option_name)
    elif (found := _read("cli.usage.no_such_command", error.message)) is not None:
        said = _zh("cli.usage.no_such_command", **found)
    if said is not None:
        possibilities = sorted(getattr(error, "possibilities", None) or ())
        if possibilities:
            said += _zh("cli.usage.did_you_mean", possibilities=in_language(join(possibilities), ZH))
        return said
    for key in ("cli.usage.extra_arguments", "cli.usage.requires_argument", "cli.usage.requires_arguments",
                "cli.usage.takes_no_value", "cli.usage.missing_command"):
        if (found := _read(key, error.message)) is not None:
            return _zh(key, **found)
    return error.format_message()


def _show_in_chinese(error: click.ClickException) -> None:
    """What click's `error.show()` prints, in Chinese: the usage line and the hint at --help where click
    prints them (a usage error that knows its command), then the error; on standard error, as click."""
    ctx = error.ctx if isinstance(error, click.UsageError) else None
    if ctx is not None:
        formatter = ctx.make_formatter()
        formatter.write_usage(ctx.command_path, " ".join(ctx.command.collect_usage_pieces(ctx)),
                              prefix=_zh("cli.usage.usage"))
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            hint = _zh("cli.usage.try_help", command=ctx.command_path, option=option) + "\n"
        click.echo(f"{formatter.getvalue().rstrip()}\n{hint}", err=True)
    click.echo(_zh("cli.usage.error", message=_click_error_in_chinese(error)), err=True)


def _chinese_instead(error: click.ClickException, language: str) -> bool:
    """Print `error` in Chinese if this run is Chinese (then the caller exits with its code); in an English
    run leave it to click, which prints it as it always has."""
    if language != ZH or isinstance(error, SHOWS_HELP):
        return False
    _show_in_chinese(error)
    return True


class BudgetlintGroup(FullHelpGroup):
    """The command group: commands of this module, plus OTHER_COMMANDS imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *OTHER_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in OTHER_COMMANDS:
            module, attribute = OTHER_COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, name)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            # an error in the group's own options (`--lang xx`): `--lang` is not read yet, the locale decides
            if not _chinese_instead(error, current_language()):
                raise
            raise click.exceptions.Exit(error.exit_code) from None

    def invoke(self, ctx: click.Context) -> Any:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (`nohup`, `&`)
            signal.signal(signal.SIGINT, _on_sigint(os.getpid()))
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Ctrl-C: one line, and the exit code of a program stopped by SIGINT (128 + 2), which shells
            # and CI tell from a failure; click would print `Aborted!` and exit with 1, like a finding.
            click.echo(INTERRUPTED, err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except click.ClickException as error:
            # click prints its errors in English; a Chinese run gets them in Chinese, with the same exit code.
            # `--lang` is read here too: an unknown command is found before `main` sets the run's language.
            if not _chinese_instead(error, ctx.params.get("lang") or current_language()):
                raise
            ctx.exit(error.exit_code)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # The whole run, not only `invoke`: click prints help (`--help`, a group without a command) after
        # the command has ended or without invoking it, in the run's language.
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language("")  # `--lang` is this run's: a next run in the same process (tests) starts anew


def _lang_before_help(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--lang` is eager, read as given, so that `budgetlint --lang zh --help` (eager too) is Chinese."""
    if value is not None:
        set_language(value)
    return value


@click.group(cls=BudgetlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, callback=_lang_before_help,
              help="Language of findings and messages: en or zh (中文) [default: zh when the locale "
                   "(LC_ALL, LC_MESSAGES, LANG) is Chinese, else en].")
def main(lang: str | None) -> None:
    """budgetlint: budget-as-code for department budget disclosures (部门预算公开).

    Check budget files against the format and the arithmetic and classification rules, render the
    disclosure, and compare revisions.
    """
    set_language(lang or language_from_environment())


# Findings that mean the rules could not check a file (it cannot be read as written; budgetlint failed
# on it): reported whatever --select and --ignore say, or `--select A3` would pass an unreadable file.
ALWAYS_REPORTED = ("Y", "X001")


def _rule_prefixes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Rule IDs or prefixes of IDs (`A3` for A301…A314), comma-separated or repeated; a usage error
    naming those that match no rule."""
    prefixes = tuple(dict.fromkeys(part.strip().upper() for value in values for part in value.split(",")
                                   if part.strip()))
    unknown = [prefix for prefix in prefixes if not any(rule_id.startswith(prefix) for rule_id in RULES_BY_ID)]
    if unknown:
        raise click.UsageError(tr("cli.unknown_rules", option=option, s="s" if len(unknown) > 1 else "",
                                  rules=", ".join(f"`{prefix}`" for prefix in unknown)))
    return prefixes


def reported(rule_id: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether findings of a rule are reported: the longest prefix that names it decides, as in ruff
    (`--select A --ignore A3` drops A301…A314, `--ignore A3 --select A301` keeps A301 only of them);
    without --select every rule is selected."""
    if rule_id.startswith(ALWAYS_REPORTED):
        return True
    chosen = max((len(prefix) for prefix in select or ("",) if rule_id.startswith(prefix)), default=-1)
    dropped = max((len(prefix) for prefix in ignore if rule_id.startswith(prefix)), default=-1)
    return chosen > dropped


def _use_color(choice: bool | None, to_file: bool) -> bool:
    """--color/--no-color when given; else colour only on a terminal, and not when NO_COLOR is set to
    anything but "" (https://no-color.org)."""
    if choice is not None:
        return choice
    return not to_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_output_target(target: Path, paths: tuple[str, ...]) -> None:
    """Refuse an --output that would replace a file being checked, or put a *.yaml report among the
    budgets, where the next `budgetlint check` would read it as one."""
    where = target.resolve()
    if where.is_dir():
        raise click.UsageError(tr("cli.output_is_folder", target=target))
    for name in paths:
        checked = Path(name).resolve()
        if where == checked or (checked.is_dir() and _inside(where, checked) and where.suffix in BUDGET_SUFFIXES):
            raise click.UsageError(tr("cli.output_over_budget", target=target, name=name))


def write_report(target: Path, content: bytes) -> None:
    """Write the report whole or not at all: a new temporary file beside it, renamed over it. A reader
    (CI uploading SARIF) never sees half a report, and a link in its place is replaced, not followed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        # 0o666 less the umask, as for any new file
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        try:
            with open(descriptor, "wb") as stream:
                stream.write(content)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise click.UsageError(tr("cli.output_unwritable", target=target, error=error.strerror or error)) from None


@main.command(short_help="Check budget files (files or folders; default: budgets/).")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Report only these rules: IDs or prefixes, comma-separated (A3,C104).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Do not report these rules: IDs or prefixes, comma-separated. The longest prefix that names a "
                   "rule decides between --select and --ignore.")
@click.option("--exit-zero", is_flag=True,
              help="Exit code 0 even with error-severity findings (usage errors still exit with 2).")
@click.option("--quiet", "-q", is_flag=True,
              help="Print the findings and nothing else: no other-side lines under them, no final count, no notes.")
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the report to FILE (replaced whole) instead of standard output; never over a budget file.")
@click.option("--color/--no-color", "color", default=None,
              help="Colour in the text format [default: on a terminal, unless NO_COLOR is set].")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Files checked in parallel [default: number of cores].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="budgetlint.toml or pyproject.toml to use [default: nearest one].")
def check(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...],
          exit_zero: bool, quiet: bool, output_file: str | None, color: bool | None, jobs: int | None,
          config_path: str | None) -> None:
    """Check budget files (files or folders; default: budgets/).

    Text output: `file:line:col: severity RULE message`; where a finding compares two places (another
    table, the rows of a total), one line `↳ file:line:col: other side (path)` per place of the other
    side under it; then the count. JSON gives those places as `related`, SARIF as `relatedLocations`,
    GitHub annotations in the message. Findings that a file cannot be read (Y…) and internal errors
    (X001) are reported whatever --select and --ignore say.

    A folder without budget files (*.yaml, *.yml) is not an error: a new repository has none yet.

    Exit code 0: no error-severity finding (warnings allowed); 1: at least one error; 2: usage error.
    """
    selected, ignored = _rule_prefixes(select, "--select"), _rule_prefixes(ignore, "--ignore")
    for prefix in ignored:
        if all(rule_id.startswith(ALWAYS_REPORTED) for rule_id in RULES_BY_ID if rule_id.startswith(prefix)):
            raise click.UsageError(tr("cli.cannot_ignore", prefix=prefix))
    if not paths:
        if not Path(DEFAULT_BUDGETS).is_dir():
            raise click.UsageError(tr("cli.no_paths", folder=DEFAULT_BUDGETS))
        paths = (DEFAULT_BUDGETS,)
    if output_file is not None:
        _check_output_target(Path(output_file), paths)
    try:
        config_file = Path(config_path) if config_path else find_config(Path.cwd())
        if config_path and not Path(config_path).is_file():
            raise ConfigError(tr("cli.no_config_file", path=config_path))
        config = load_config(config_file, set(RULES_BY_ID))
        result = lint(paths, config, jobs or os.cpu_count() or 1)
    except (UsageError, ConfigError) as error:
        raise click.UsageError(str(error)) from None
    if result.files_checked == 0 and not quiet:
        folders = ", ".join(name if name.endswith(("/", os.sep)) else name + "/" for name in paths)
        click.echo(tr("cli.no_budget_files", folders=folders), err=True)
    findings = [f for f in result.findings if reported(f.rule, selected, ignored)]
    styled = output_format == "text" and _use_color(color, output_file is not None)
    if output_format == "sarif":
        output = sarif(findings, result.files_checked, CATALOGUE)
    elif output_format == "json":
        output = as_json(findings, result.files_checked, result.skipped)
    elif output_format == "text":
        output = text(findings, result.files_checked, quiet=quiet, color=styled)
    else:
        output = github(findings, result.files_checked)
    if output_file is not None:
        write_report(Path(output_file), (output + "\n").encode("utf-8") if output else b"")
    elif output:
        emit(output, machine=output_format != "text", styled=styled)
    sys.exit(EXIT_CLEAN if exit_zero else exit_code(findings))


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown: the catalogue as docs/rules.md.")
def list_rules(output_format: str) -> None:
    """List every rule: ID, name, default severity and what it checks."""
    from .catalogue import markdown, title

    if output_format == "markdown":
        emit(markdown(CATALOGUE), machine=True, nl=False)  # the text of docs/rules.md: English, always
        return
    # The name and severity are what budgetlint.toml is written with: the same in every language.
    language = current_language()
    for entry in CATALOGUE:
        emit(f"{entry.id}  {entry.name:<40} {entry.severity:<8} {title(entry, language)}")


@main.command(short_help="Print the documentation of one rule (budgetlint explain A101).")
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print the documentation of one rule (e.g. `budgetlint explain A101`)."""
    from .catalogue import explanation

    entry = RULES_BY_ID.get(rule_id.upper())
    if entry is None:
        raise click.UsageError(tr("cli.unknown_rule", rule=rule_id))
    emit(f"{entry.id} {entry.name} ({entry.severity})\n")
    emit(explanation(entry, current_language()))
    sys.exit(EXIT_CLEAN)


@main.group("layout", cls=FullHelpGroup)
def layout_group() -> None:
    """Layouts: which tables a disclosure has, their columns and the sums that hold (docs/layouts.md)."""


@layout_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def layout_check(files: tuple[str, ...]) -> None:
    """Validate layout files: every problem as file:line:col (exit code 2 if there is any)."""
    from .layout import check_layout_file

    folders = _layout_folders()
    problems = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise click.UsageError(tr("cli.no_layout_file", name=name))
        problems += check_layout_file(path, folders)
    for problem in problems:
        emit(f"{problem.file}:{problem.line}:{problem.column}: error {in_language(problem.message, current_language())}")
    if problems:
        sys.exit(EXIT_USAGE)
    emit(tr("cli.layouts_checked", count=len(files), s="s" if len(files) != 1 else ""))


@layout_group.command("list")
def layout_list() -> None:
    """List the layouts this repository can use (its own layouts/ folder first, then the packaged ones)."""
    from .layout import LayoutError, find_layout_file, known_layouts, load_layout

    folders = _layout_folders()
    for name in known_layouts(folders):
        try:
            layout = load_layout(name, folders)
            emit(f"{name:<24} {layout.document_kind:<6} {len(layout.tables):>2} tables  "
                 f"{find_layout_file(name, folders)}")
        except LayoutError as error:
            emit(f"{name:<24} {tr('cli.layout_unusable', error=error.message)}")


def _layout_folders() -> tuple[Path, ...]:
    try:
        return load_config(find_config(Path.cwd()), set(RULES_BY_ID)).layout_folders
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


if __name__ == "__main__":  # pragma: no cover
    main()
