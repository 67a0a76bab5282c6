"""Git integration: `budgetlint textconv` (a diff driver) and `budgetlint init` (a new budget repository).

textconv
    git shows a changed YAML line; a reviewer wants the changed budget line. With

        # .gitattributes
        budgets/**/*.yaml diff=budgetlint

        git config diff.budgetlint.textconv "budgetlint textconv"

    (`init` configures TEXTCONV below instead, which falls back to the plain text where budgetlint is
    not installed), `git diff`, `git log -p` and `git show` compare the canonical view printed here:
    one figure per line, each line naming its table, unit, code and name, sorted by table and code —
    so a changed amount is one changed line that says what it is, and moving rows changes nothing.

init
    Everything a department needs to keep its budget in git: the folders, the pre-commit hook, the
    diff driver, a CI workflow and a README for the clerks. Existing files are never overwritten
    unless asked (`--force`). What it writes works as written: the install line names where
    budgetlint comes from (a path, a wheel, or `budgetlint @ git+URL@REV`), a hook revision is one
    the hook repository has, and the CI passes on a repository without a budget file yet.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import click

from .findings import EXIT_CLEAN, EXIT_USAGE
from .help import BudgetlintCommand
from .items import Item, budget_items, column_text, field_text, section_prefix
from .layout import Layout, layout_for
from .loader import MAX_FILE_BYTES, load_file
from .messages import say, tr
from .model import fmt
from .report import emit, visible

# ---------------------------------------------------------------------------------------------------
# textconv


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split("\n")).strip() for p in text.split("\n\n") if p.strip()]


def item_lines(item: Item, prefix: str, layout: Layout | None = None) -> list[str]:
    """The lines of one budget line: `<table> <unit> <code> <name> | <column> = <amount>`."""
    head = " ".join(part for part in (prefix, item.label()) if part)
    lines = [f"{head} | {column_text(column, item.key, layout)} = {fmt(value)}"
             for column, value in item.figures.items()]
    for name, text in item.fields.items():
        paragraphs = _paragraphs(text) or [""]
        if len(paragraphs) == 1:
            lines.append(f"{head} | {field_text(name)} = {paragraphs[0]}")
        else:
            lines += [f"{head} | {field_text(name)} ¶{n} = {p}" for n, p in enumerate(paragraphs, start=1)]
    return lines or [head]


def canonical_text(data: dict[str, object]) -> str:
    """The whole budget, one figure (or paragraph) per line, in table and code order. git shows these
    lines in a terminal: a control character of the file (ESC, `\r`) is written as its escape."""
    lines: list[str] = []
    layout = layout_for(data)
    for item in budget_items(data):
        lines += item_lines(item, section_prefix(data, item.section), layout)
    return "\n".join(visible(line, keep="\t") for line in lines) + "\n"


def _raw(path: Path) -> str | None:
    """The file's text as it is (control characters shown as escapes), or None when it is larger than
    a budget file may be: it is not read, as `check` does not read it."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return f"(cannot read the file: {error.strerror or error})\n"
    if len(raw) > MAX_FILE_BYTES:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return visible(raw.decode(encoding).replace("\r\n", "\n"))
        except UnicodeDecodeError:
            continue
    return visible(raw.decode("utf-8", "replace").replace("\r\n", "\n"))


def textconv_text(path: Path) -> str:
    """What `budgetlint textconv` prints. A file that cannot be read as a budget is shown as it is,
    after a line that says why, so that `git diff` still shows something useful; a file over the size
    limit only with that line."""
    result = load_file(path)
    if result.document is not None and isinstance(result.document.data, dict):
        try:
            return canonical_text(result.document.data)
        except Exception as error:  # noqa: BLE001 - a shape nobody foresaw must not break `git diff`
            reason = f"{type(error).__name__}: {error}"
    else:
        first = result.problems[0] if result.problems else None
        reason = f"line {first.line}: {first.rule} {first.message}" if first else "not a budget file"
    raw = _raw(path)
    head = f"# budgetlint textconv: could not parse {path} ({reason})"
    if raw is None:
        return visible(head, keep="") + "; its text is not shown\n"
    return visible(head, keep="") + "; its raw text follows\n" + raw


@click.command("textconv", cls=BudgetlintCommand)
@click.argument("file", type=click.Path(dir_okay=False))
def textconv_command(file: str) -> None:
    """Print a budget file as one figure per line, for `git diff` (a git textconv driver).

    Set it up once per clone:

        git config diff.budgetlint.textconv "budgetlint textconv"

    and in .gitattributes: budgets/**/*.yaml diff=budgetlint
    """
    try:
        mode = os.stat(file).st_mode
    except OSError:
        mode = stat.S_IFREG  # a file that cannot be read: textconv_text says so in its output
    if not stat.S_ISREG(mode):  # reading a pipe waits for a writer forever, /dev/zero never ends
        raise click.UsageError(tr("cli.textconv.not_regular", file=file))
    emit(textconv_text(Path(file)), machine=True, nl=False)  # read by git, like the UTF-8 files themselves
    sys.exit(EXIT_CLEAN)


# ---------------------------------------------------------------------------------------------------
# init

# The diff driver `init` configures. git runs it through the shell with the file's path appended as
# "$@", so the function gets the path as $1. Where budgetlint cannot run (a clone without it, another
# computer), `git diff` shows the plain text after a one-line note instead of failing. `budgetlint
# textconv` writes its whole output at once, at the end, so a failure leaves nothing before the plain
# text. No single quote inside: the README for the clerks quotes it in single quotes.
TEXTCONV = ('budget_view() { budgetlint textconv "$1" 2>/dev/null || '
            '{ echo "(budgetlint not available: plain text)"; cat "$1"; }; }; budget_view')
OLD_TEXTCONV = "budgetlint textconv"  # what init configured before; replaced, any other value is kept

GITATTRIBUTES = """\
# Show budget-level changes in `git diff` / `git log -p`. Each clone needs the diff driver once:
# `budgetlint init` sets it up, README.md gives the command.
budgets/**/*.yaml diff=budgetlint
budgets/**/*.yml diff=budgetlint
"""

PRECOMMIT_LOCAL = """\
# pre-commit (https://pre-commit.com): `pip install pre-commit && pre-commit install` once per clone;
# then every `git commit` checks the budget files it commits with budgetlint, and refuses the commit
# when a figure does not add up.
repos:
  - repo: local
    hooks:
      - id: budgetlint
        name: budgetlint
        # Uses the budgetlint installed on this computer (README.md, one-time setup). To let pre-commit
        # install it by itself instead, replace this `repo: local` entry with:
        #   - repo: <the budgetlint git repository>
        #     rev: <a tag or commit of it>
        #     hooks: [{id: budgetlint}]
        entry: budgetlint check
        language: system
        files: ^budgets/.*\\.ya?ml$
        pass_filenames: true
"""

PRECOMMIT_REMOTE = """\
# pre-commit (https://pre-commit.com): `pip install pre-commit && pre-commit install` once per clone;
# then every `git commit` checks the budget files it commits with budgetlint, and refuses the commit
# when a figure does not add up. pre-commit installs budgetlint by itself from the repository below.
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: budgetlint
"""

WORKFLOW = """\
# Checks every budget on each push and pull request, shows findings as annotations on the changed
# lines, renders the disclosure, and writes the budget-level diff of a pull request to its summary.
name: budget
on:
  push:
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install budgetlint
        run: |
          pip install {install}
      # A new repository has no budget file yet: then there is nothing to check or render.
      - name: Check the budgets
        shell: bash
        run: |
          shopt -s globstar nullglob
          budgets=(budgets/**/*.yaml budgets/**/*.yml)
          if [ ${{#budgets[@]}} -eq 0 ]; then echo "No budget files in budgets/ yet."; exit 0; fi
          budgetlint check --format github budgets/
      - name: Budget-level diff of the pull request
        if: github.event_name == 'pull_request'
        shell: bash
        env:
          BASE: origin/${{{{ github.base_ref }}}}
        # File names as they are, one per NUL (-z): with spaces or Chinese characters (which git
        # would otherwise print quoted and escaped), *.yaml and *.yml.
        run: |
          git diff -z --name-only "$BASE"... -- 'budgets/*.yaml' 'budgets/*.yml' |
          while IFS= read -r -d '' file; do
            [ -f "$file" ] || continue
            git cat-file -e "$BASE:$file" 2>/dev/null || continue
            budgetlint diff --format markdown -- "$BASE:$file" "$file" >> "$GITHUB_STEP_SUMMARY"
          done
      - name: Render the disclosures
        shell: bash
        run: |
          shopt -s globstar nullglob
          budgets=(budgets/**/*.yaml budgets/**/*.yml)
          if [ ${{#budgets[@]}} -eq 0 ]; then echo "No budget files in budgets/ yet."; exit 0; fi
          budgetlint site budgets/ -o public/
      - uses: actions/upload-artifact@v4
        with:
          name: disclosure
          path: public/
          if-no-files-found: ignore
"""

BUDGETS_README = """\
# budgets/

One file per department per fiscal year: `budgets/<部门代码>-<简称>/<年度>.yaml`,
e.g. `budgets/151-xigong-jiedao/2023.yaml`. The format is described in the budgetlint
documentation (docs/format.md); `budgetlint init --example` puts a complete example here.

每个部门每个年度一个文件：`budgets/<部门代码>-<简称>/<年度>.yaml`。
"""

README = """\
# 部门预算 · department budgets

本仓库用 budgetlint 管理部门预算公开文件：每个部门每个年度一个
YAML 文件（`budgets/<部门代码>-<简称>/<年度>.yaml`），每次提交都会自动检查数字是否平衡、各表是否一致。

This repository keeps department budget disclosures (部门预算公开) as YAML files checked by
budgetlint: one file per department and fiscal year. Every commit is checked: totals must add up and
the tables must agree.

## 第一次使用 · one-time setup

```sh
pip install {install} pre-commit
pre-commit install      # 提交前自动检查 / check on every commit
# git diff 显示预算行（未安装 budgetlint 时显示原文）/ budget lines in git diff (the plain text without budgetlint)
git config diff.budgetlint.textconv '{textconv}'
```

编辑器建议使用 VS Code 并安装 “YAML” 扩展：文件第一行的 `$schema` 注释会让编辑器自动补全并提示错误。
Use an editor with the YAML language server (VS Code + the “YAML” extension): the `$schema` comment on
the first line of every budget file makes it complete keys and flag mistakes as you type.

## 修改预算 · editing

- 金额直接写数字，保留两位小数：`1909.07`、`0.00`；不要加引号或千分位逗号。
  Amounts are plain numbers with two decimals, no quotes, no thousands separators.
- 代码写成带引号的文本：`"2120101"`。Codes are quoted text.
- 表格每行一条记录，例如 `- {{code: "2120101", name: 行政运行, total: 812.44, basic: 812.44}}`。
  One table row per line.
- 确需保留的问题写入文件末尾 `waivers:` 并写明理由。A finding you must accept goes into `waivers:`
  with a written reason.

## 检查 · checking

```sh
budgetlint check                 # 检查 budgets/ 下全部文件 / check every budget
budgetlint explain A101          # 查看某条规则的说明 / what a rule checks
```

每条问题都给出文件、行号、涉及的表和差额。Each finding names the file, the line, the tables and the gap.

## 提交 · committing

```sh
git add budgets/151-xigong-jiedao/2023.yaml
git commit -m "2023年预算：调整行政运行支出"
```

提交时会自动运行检查；有错误时提交会被拒绝，请按提示修改后重新提交。
The check runs on commit; a commit with errors is refused — fix the figures and commit again.

## 查看变动 · reviewing changes

```sh
budgetlint diff HEAD~1:budgets/151-xigong-jiedao/2023.yaml budgets/151-xigong-jiedao/2023.yaml
budgetlint diff budgets/151-xigong-jiedao/2022.yaml budgets/151-xigong-jiedao/2023.yaml   # 同比 / year over year
git log -p budgets/                                        # 每次提交改动的预算行 / budget lines per commit
```
"""


class InitError(click.ClickException):
    """Files in the way, or a folder that is a file: nothing is written, exit code 2."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Planned:
    path: str  # relative to the repository
    text: str


def _packaged(name: str) -> str:
    return resources.files("budgetlint.schema").joinpath(name).read_text(encoding="utf-8")


def planned_files(example: bool, install: str, hook: tuple[str, str] | None = None) -> list[Planned]:
    """The files `init` writes, relative to the new repository: `install` is the pip requirement of
    budgetlint (see `adoption`), `hook` the pre-commit hook's repository and revision (None: a local
    hook that runs the installed budgetlint)."""
    # JSON strings are YAML double-quoted scalars: a path with `: ` or `#` in it stays one value.
    precommit = (PRECOMMIT_REMOTE.format(repo=json.dumps(hook[0], ensure_ascii=False),
                                         rev=json.dumps(hook[1], ensure_ascii=False))
                 if hook else PRECOMMIT_LOCAL)
    command = shlex.quote(install)  # one argument for pip, whatever the path or requirement holds
    files = [
        Planned("README.md", README.format(install=command, textconv=TEXTCONV)),
        Planned("budgets/README.md", BUDGETS_README),
        # Budget files point their editor at ../../schema/budget.schema.json.
        Planned("schema/budget.schema.json", _packaged("budget.schema.json")),
        Planned(".pre-commit-config.yaml", precommit),
        Planned(".gitattributes", GITATTRIBUTES),
        Planned(".github/workflows/budget.yml", WORKFLOW.format(install=command)),
    ]
    if example:
        files.append(Planned("budgets/151-xigong-jiedao/2023.yaml", _packaged("examples/xigong-2023.yaml")))
    return files


def git_command(options: list[str], operands: Sequence[str] = ()) -> list[str]:
    """`git OPTIONS --end-of-options OPERANDS`: an operand that starts with `-` (a revision a user typed,
    a file name from a pull request) is then never taken for an option such as `--output=FILE`.

    Every git call of budgetlint is made through this (git >= 2.24 knows `--end-of-options`). A call
    without operands has nothing to protect and gets no marker: `git rev-parse` would print it back.
    """
    return ["git", *options, *(["--end-of-options", *operands] if operands else [])]


def _git(options: list[str], cwd: Path, operands: Sequence[str] = (),
         timeout: float | None = None) -> subprocess.CompletedProcess[str] | None:
    """Run git; None when git is not installed. With a timeout (a call that may go over the network),
    git never asks for a password, and a call that takes too long fails (exit code -1)."""
    if shutil.which("git") is None:
        return None
    command = git_command(options, operands)
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0"} if timeout else None
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout,
                              env=environment, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, "", f"no answer within {timeout:.0f} s")


# ---------------------------------------------------------------------------------------------------
# Where the new repository gets budgetlint from: the install line of its CI workflow and README, and
# the pre-commit hook's repository and revision. Everything is checked before a file is written.

LS_REMOTE_SECONDS = 60
SCP_LIKE = re.compile(r"(?P<host>[^/:]+):(?P<path>.+)")  # git@host:owner/repo.git


@dataclass(frozen=True)
class Adoption:
    install: str  # a pip requirement: a path, a wheel, or `budgetlint @ git+URL@REV`
    hook: tuple[str, str] | None  # (repository, revision) of a pre-commit hook that installs budgetlint
    notes: tuple[str, ...] = ()


def adoption(hook_repo: str | None, hook_rev: str | None, install: str | None) -> Adoption:
    """Where the new repository gets budgetlint from, checked: raises InitError (exit 2) rather than
    write an install line or a hook revision that cannot work.

    The install line is `install` if given; else, with a hook repository, `budgetlint @ git+URL@REV`;
    else the place this budgetlint was installed from (a checkout or a wheel, PEP 610
    `direct_url.json`). budgetlint is not on PyPI, so `pip install budgetlint` is never written.
    """
    if hook_rev and not hook_repo:
        raise InitError(tr("cli.init.rev_without_repo"))
    notes: list[str] = []
    hook = None
    if hook_repo:
        hook = _hook_revision(hook_repo, hook_rev, notes)
    if install is None and hook is not None:
        install = f"budgetlint @ git+{_pip_url(hook[0])}@{hook[1]}"
    elif install is None:
        install = _installed_from(notes)
    if not install.strip() or any(ord(c) < 32 or ord(c) == 127 for c in install):
        raise InitError(tr("cli.init.install_not_one_line", install=repr(install)))
    return Adoption(install, hook, tuple(notes))


def _local_repository(repo: str) -> Path | None:
    """The folder of a hook repository given as a path or a file:// URL; None for a remote URL."""
    if repo.startswith("file://"):
        return Path(url2pathname(urlparse(repo).path))
    path = Path(repo).expanduser()
    return path.resolve() if "://" not in repo and path.exists() else None


def _pip_url(repo: str) -> str:
    """The URL pip needs after `git+`: file:// for a folder, ssh:// for git's `host:path` form."""
    if "://" not in repo and Path(repo).is_absolute():
        return Path(repo).as_uri()
    scp = SCP_LIKE.fullmatch(repo)
    return f"ssh://{scp['host']}/{scp['path']}" if scp and "://" not in repo else repo


def _hook_revision(repo: str, rev: str | None, notes: list[str]) -> tuple[str, str]:
    """The hook repository as the new repository names it (a folder: its absolute path) and a revision
    it has: `rev` once verified with `git ls-remote`, else the commit its HEAD points at now (a tag is
    never guessed: `v0.1.0` did not exist)."""
    local = _local_repository(repo)
    where = str(local) if local is not None else repo
    listed = _git(["ls-remote"], Path(tempfile.gettempdir()), [where], timeout=LS_REMOTE_SECONDS)
    if listed is None or listed.returncode != 0:
        why = say("cli.init.git_missing") if listed is None else (listed.stderr.strip().splitlines() or ["?"])[0]
        if local is not None and listed is not None:
            raise InitError(tr("cli.init.repo_not_git", repo=repo, why=why))
        if rev is None:
            raise InitError(tr("cli.init.repo_unreachable", repo=repo, why=why))
        notes.append(tr("cli.init.rev_not_verified", repo=repo, why=why, rev=rev))
        return where, rev
    refs = [tuple(line.split("\t", 1)) for line in listed.stdout.splitlines() if "\t" in line]
    if rev is None:
        head = next((sha for sha, ref in refs if ref == "HEAD"), None)
        if head is None:
            raise InitError(tr("cli.init.repo_no_head", repo=repo))
        notes.append(tr("cli.init.hook_at_head", where=where, head=head))
        return where, head
    names = {name for _, ref in refs for name in
             (ref, ref.removeprefix("refs/heads/"), ref.removeprefix("refs/tags/").removesuffix("^{}"))}
    if rev in names or (re.fullmatch(r"[0-9a-f]{7,40}", rev) and any(sha.startswith(rev) for sha, _ in refs)):
        return where, rev
    if local is not None:  # any commit of a folder can be looked up, not only those a branch or tag points at
        found = _git(["rev-parse", "--verify", "--quiet"], local, [f"{rev}^{{commit}}"])
        if found is not None and found.returncode == 0:
            return where, rev
    tags = sorted({ref.removeprefix("refs/tags/").removesuffix("^{}") for _, ref in refs if ref.startswith("refs/tags/")})
    known = say("cli.init.its_tags", tags=", ".join(tags[-10:])) if tags else say("cli.init.no_tags")
    raise InitError(tr("cli.init.unknown_rev", rev=rev, repo=repo, known=known))


def _installed_from(notes: list[str]) -> str:
    """The place this budgetlint was installed from, as a pip requirement (PEP 610 `direct_url.json`):
    a git URL at its commit, a wheel or a checkout. Raises InitError when it cannot be told."""
    # The first installed copy on sys.path is the one running; a `budgetlint.egg-info` that a build left
    # in a checkout (found first when the checkout is the working folder) has no INSTALLER: not one.
    installed = next((dist for dist in metadata.distributions(name="budgetlint") if dist.read_text("INSTALLER")),
                     None)
    direct = installed.read_text("direct_url.json") if installed is not None else None
    try:
        origin = json.loads(direct) if direct else {}
    except ValueError:
        origin = {}
    url, vcs = origin.get("url"), origin.get("vcs_info")
    requirement = None
    if isinstance(url, str) and isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        subdirectory = f"#subdirectory={origin['subdirectory']}" if origin.get("subdirectory") else ""
        requirement = f"budgetlint @ git+{url}@{vcs['commit_id']}{subdirectory}"
    elif isinstance(url, str) and url.startswith("file://"):
        path = Path(url2pathname(urlparse(url).path))
        if path.exists():
            requirement = str(path)
            notes.append(tr("cli.init.installed_here", path=path))
    elif isinstance(url, str):
        requirement = f"budgetlint @ {url}"
    if requirement is None:
        raise InitError(tr("cli.init.origin_unknown"))
    return requirement


def _kind(path: Path) -> str:
    """What is at `path`, links not followed: missing, link, folder, file or other (a pipe, a device)."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as error:
        raise InitError(tr("cli.init.cannot_look", path=path, error=error.strerror or error)) from None
    if stat.S_ISLNK(mode):
        return "link"
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _nearest_existing(path: Path) -> Path:
    while _kind(path) == "missing" and path.parent != path:
        path = path.parent
    return path


def _blocked_parent(folder: Path, relative: str) -> str:
    """Why a file cannot be written under `folder` because of a folder on its way: one of them is a
    symbolic link or not a folder ("" when none is)."""
    where = folder
    for part in Path(relative).parts[:-1]:
        where = where / part
        kind = _kind(where)
        if kind == "missing":
            return ""
        if kind != "folder":
            relative = where.relative_to(folder).as_posix()
            return tr("cli.init.parent_is_link" if kind == "link" else "cli.init.parent_not_folder", path=relative)
    return ""


def _plan(folder: Path, files: list[Planned], force: bool, skip_existing: bool) -> list[tuple[Planned, str]]:
    """What to do with each file (create, replace or keep), after checking everything that could stop
    the writing half-way: raises InitError, having written nothing, when anything is in the way.

    Inside `folder` nothing is followed: a symbolic link (to a file or a folder, leading anywhere or
    nowhere) is never written through, so `init` cannot write outside the folder it was given.
    """
    base = _nearest_existing(folder)
    if not base.is_dir():  # the folder, or a folder above it, is a file (links to folders are fine here)
        raise InitError(tr("cli.init.base_not_folder", base=base, folder=folder))
    problems: list[str] = []
    existing: list[str] = []
    plan: list[tuple[Planned, str]] = []
    folders: set[Path] = set()  # the existing folders that new files or folders go into
    for planned in files:
        blocked = _blocked_parent(folder, planned.path)
        if blocked:
            problems.append(blocked)
            continue
        target = folder / planned.path
        kind = _kind(target)
        if kind == "folder":
            problems.append(tr("cli.init.target_is_folder", path=planned.path))
        elif kind in ("link", "other") and not skip_existing:
            problems.append(tr("cli.init.target_is_link" if kind == "link" else "cli.init.target_not_file",
                               path=planned.path))
        elif kind == "missing":
            folders.add(_nearest_existing(target.parent))
            plan.append((planned, "create"))
        else:
            existing.append(planned.path)
            if kind == "file" and force and not os.access(target, os.W_OK):
                problems.append(tr("cli.init.file_not_writable", path=target))
            plan.append((planned, "keep" if skip_existing else "replace"))
    for place in sorted(folders):
        if not os.access(place, os.W_OK | os.X_OK):
            problems.append(tr("cli.init.folder_not_writable", path=place.absolute()))
    if problems:
        raise InitError(tr("cli.init.problems", problems=tr("cli.separator").join(dict.fromkeys(problems))))
    if existing and not force and not skip_existing:
        raise InitError(tr("cli.init.files_exist", count=len(existing), folder=folder, files=", ".join(existing)))
    return plan


def _write_new_or_replace(target: Path, text: str, replace: bool) -> None:
    """Write a file, never through a symbolic link (O_NOFOLLOW), and create only what is not there
    yet (O_EXCL): a link put in the file's place after the checks makes this fail, not write elsewhere."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | (os.O_TRUNC if replace else os.O_CREAT | os.O_EXCL)
    descriptor = os.open(target, flags, 0o666)
    with open(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)


def init_repository(folder: Path, force: bool = False, skip_existing: bool = False, example: bool = False,
                    hook_repo: str | None = None, hook_rev: str | None = None,
                    install: str | None = None) -> list[str]:
    """Create the files of a budget repository in `folder`; returns what was done, line by line.

    Everything is checked before anything is written: where budgetlint is installed from and the hook
    revision (`adoption`), files that exist (unless `force` or `skip_existing`), symbolic links,
    folders or files in the way, folders that cannot be written. Any of them raises InitError (exit 2)
    with nothing written.
    """
    adopted = adoption(hook_repo, hook_rev, install)
    plan = _plan(folder, planned_files(example, adopted.install, adopted.hook), force, skip_existing)
    done = list(adopted.notes)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for planned, action in plan:
            if action == "keep":
                done.append(f"kept     {planned.path} (exists)")
                continue
            target = folder / planned.path
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_new_or_replace(target, planned.text, replace=action == "replace")
            done.append(f"{'replaced' if action == 'replace' else 'created '} {planned.path}")
    except OSError as error:  # checked above; this is a disk that filled up, or a change made meanwhile
        written = "; ".join(done) or say("cli.init.nothing")
        raise InitError(tr("cli.init.write_failed", path=error.filename or folder, error=error.strerror or error,
                           written=written)) from None
    done += _git_setup(folder)
    return done


def _git_setup(folder: Path) -> list[str]:
    inside = _git(["rev-parse", "--show-toplevel"], folder)
    if inside is None:
        return [tr("cli.init.no_git")]
    done = []
    if inside.returncode != 0:
        result = _git(["init", "-q"], folder)
        if result is None or result.returncode != 0:
            reason = result.stderr.strip() if result else say("cli.init.git_not_found")
            return [tr("cli.init.git_init_failed", reason=reason)]
        done.append("ran      git init")
    elif Path(inside.stdout.strip()).resolve() != folder.resolve():
        done.append(tr("cli.init.inside_repository", folder=folder, top=inside.stdout.strip()))
    current = _git(["config", "--local", "--get"], folder, ["diff.budgetlint.textconv"])
    # Set it when unset, or when it is the command an earlier init set (it fails `git diff` where
    # budgetlint is not installed); a value of one's own is kept.
    if current is not None and (current.returncode != 0 or current.stdout.strip() == OLD_TEXTCONV):
        _git(["config", "--local"], folder, ["diff.budgetlint.textconv", TEXTCONV])
        done.append("ran      git config diff.budgetlint.textconv (budgetlint textconv; the plain text where "
                    "budgetlint is not installed)")
    return done


@click.command("init", cls=BudgetlintCommand)
@click.argument("folder", type=click.Path(file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--skip-existing", is_flag=True, help="Keep files that already exist and write the others.")
@click.option("--example", is_flag=True, help="Also add a complete example budget (西工街道 2023).")
@click.option("--hook-repo", metavar="URL",
              help="git URL of budgetlint, for a pre-commit hook that installs budgetlint by itself "
                   "[default: a local hook that uses the installed budgetlint].")
@click.option("--hook-rev", metavar="REV",
              help="Tag, branch or commit of --hook-repo, checked with git ls-remote "
                   "[default: the commit its HEAD points at now].")
@click.option("--install", metavar="REQUIREMENT",
              help="What the CI workflow and the README pip-install: a path, a wheel, or "
                   "'budgetlint @ git+URL@REV' [default: from --hook-repo, else the place this budgetlint "
                   "was installed from].")
def init_command(folder: str, force: bool, skip_existing: bool, example: bool, hook_repo: str | None,
                 hook_rev: str | None, install: str | None) -> None:
    """Create a budget repository in FOLDER (default: here): budgets/, the pre-commit hook, the git
    diff driver, a CI workflow and a README for the clerks. Runs `git init` when FOLDER is not in a
    git repository yet. Existing files are left alone unless --force."""
    if force and skip_existing:
        raise click.UsageError(tr("cli.init.force_and_skip"))
    for line in init_repository(Path(folder), force, skip_existing, example, hook_repo, hook_rev, install):
        emit(line)
    emit(tr("cli.init.next"))
    sys.exit(EXIT_CLEAN)
