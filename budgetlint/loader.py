"""Read a budget file into plain data with exact amounts and the position of every node.

Why this loader and not `yaml.safe_load`:
- amounts must be `Decimal` built from the text the clerk wrote, never via a binary float;
- every finding needs a line and column, so the position of every node is kept;
- duplicate keys, aliases, tabs, odd number spellings and non-UTF-8 files must become findings,
  not silent data loss or tracebacks.

YAML is composed into a node graph by libyaml (PyYAML's C parser) when it is installed — it is
about 3x faster than ruamel.yaml's C composer and keeps the same marks (see docs/performance.md) —
and by ruamel.yaml's composer otherwise. Both give nodes of the same shape, and one walk over them
builds the data and the position map. ruamel.yaml's round-trip mode is used only where a file is
written back (it keeps comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .findings import DocPath, Problem

try:  # libyaml through PyYAML: the fast composer
    import yaml as _pyyaml

    _CLoader = getattr(_pyyaml, "CSafeLoader", None)
except ImportError:  # pragma: no cover - PyYAML is a dependency
    _pyyaml = None
    _CLoader = None

MAX_FILE_BYTES = 50 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"

_PLAIN_INT = re.compile(r"[-+]?[0-9]+")
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_DIRECTIVE = re.compile(r"#\s*budgetlint:\s*disable=([A-Za-z0-9, ]+?)(?:\s+reason:\s*(.*?))?\s*$")


@dataclass
class InlineWaiver:
    """A `# budgetlint: disable=RULE reason: …` comment on one line."""

    line: int
    rules: tuple[str, ...]
    reason: str


@dataclass
class Document:
    """A loaded file: plain data (dict/list/str/int/Decimal/bool/None) and where each node starts."""

    file: str
    data: Any
    positions: dict[DocPath, tuple[int, int]]  # node path → (line, column), both 1-based
    key_positions: dict[DocPath, tuple[int, int]]  # mapping entry path → position of its key
    inline_waivers: list[InlineWaiver] = field(default_factory=list)

    def locate(self, path: DocPath) -> tuple[int, int]:
        """Position of `path`, or of its nearest existing ancestor (a missing key points at its parent)."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def locate_key(self, path: DocPath) -> tuple[int, int]:
        return self.key_positions.get(path) or self.locate(path)


@dataclass
class LoadProblem:
    """A finding made while reading: rule ID, message and where."""

    rule: str
    message: str
    line: int
    column: int
    path: DocPath = ()


@dataclass
class LoadResult:
    document: Document | None
    problems: list[LoadProblem]


def read_text(raw: bytes) -> tuple[str | None, list[LoadProblem]]:
    """Decode a budget file: UTF-8 with or without BOM; anything else is a finding that names it."""
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [LoadProblem("Y002", "file is UTF-16 encoded; save it as UTF-8", 1, 1)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        try:
            raw.decode("gb18030")
            guess = (
                "it looks like GBK/GB18030 (as saved by Excel or WPS on Chinese Windows); "
                "re-save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8`"
            )
        except UnicodeDecodeError:
            guess = "re-save it as UTF-8"
        byte = raw[error.start : error.start + 2].hex(" ")
        return None, [
            LoadProblem("Y002", f"file is not UTF-8 (byte {byte} cannot be decoded): {guess}", line, column)
        ]


def _compose(text: str) -> Any:
    if _CLoader is not None:
        return _pyyaml.compose(text, Loader=_CLoader)
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).compose(text)


def _syntax_problem(error: Exception) -> LoadProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if "\\t" in message or "tab" in message.lower():
        message += "; YAML does not allow tab characters for indentation: use spaces"
    return LoadProblem("Y001", message, line, column)


def load_text(text: str, file: str) -> LoadResult:
    """Compose and walk YAML text. Never raises for bad input: problems come back as findings."""
    problems: list[LoadProblem] = []
    try:
        root = _compose(text)
    except RecursionError:
        return LoadResult(None, [LoadProblem("Y001", "YAML nesting is too deep to read", 1, 1)])
    except Exception as error:  # any parser or scanner error of either library
        if type(error).__name__ in {"MarkedYAMLError", "ScannerError", "ParserError", "ComposerError",
                                    "ReaderError", "YAMLError"} or hasattr(error, "problem_mark"):
            return LoadResult(None, [_syntax_problem(error)])
        raise
    if root is None:
        return LoadResult(None, [LoadProblem("Y006", "file is empty: a budget file is a YAML mapping", 1, 1)])
    walker = _Walker(problems)
    try:
        data = walker.build(root, ())
    except RecursionError:
        return LoadResult(None, [LoadProblem("Y001", "YAML nesting is too deep to read", 1, 1)])
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.append(LoadProblem("Y006", f"the document is {kind}; a budget file is a YAML mapping "
                                    "(keys such as `fiscal_year:` and `tables:` at the left margin)", 1, 1))
        return LoadResult(None, problems)
    document = Document(file, data, walker.positions, walker.key_positions, _inline_waivers(text))
    return LoadResult(document, problems)


def load_file(path: Path, display: str | None = None) -> LoadResult:
    """Read and load one file; unreadable, oversized and non-UTF-8 files give a finding."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(None, [LoadProblem(
                "Y007", f"file is {size / 1048576:.1f} MiB, larger than the {MAX_FILE_BYTES // 1048576} MiB "
                "a budget file may be", 1, 1)])
        raw = path.read_bytes()
    except OSError as error:
        return LoadResult(None, [LoadProblem("Y007", f"cannot read file: {error.strerror or error}", 1, 1)])
    text, problems = read_text(raw)
    if text is None:
        return LoadResult(None, problems)
    if not text.strip():
        return LoadResult(None, [LoadProblem("Y006", "file is empty: a budget file is a YAML mapping", 1, 1)])
    return load_text(text, name)


def _inline_waivers(text: str) -> list[InlineWaiver]:
    if "budgetlint:" not in text:  # fast path: most files have none
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "budgetlint:" in line:
            match = _DIRECTIVE.search(line)
            if match:
                rules = tuple(r.strip().upper() for r in match.group(1).split(",") if r.strip())
                found.append(InlineWaiver(number, rules, (match.group(2) or "").strip()))
    return found


class _Walker:
    """Turns a composed node graph into plain data, recording positions and reading problems."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        self.problems = problems
        self.positions: dict[DocPath, tuple[int, int]] = {}
        self.key_positions: dict[DocPath, tuple[int, int]] = {}
        self.seen_collections: set[int] = set()
        self.alias_reported = False

    def build(self, node: Any, path: DocPath) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        kind = node.id
        if kind == "scalar":
            return self.scalar(node, path)
        # An alias makes the composer hand back the very same node again. Expanding it would let a
        # few lines of "billion laughs" YAML grow without bound, and a budget never needs one.
        if id(node) in self.seen_collections:
            if not self.alias_reported:
                self.alias_reported = True
                self.problem("Y005", "anchors and aliases (&name / *name) are not allowed in budget files: "
                             "write each figure where it belongs", path)
            return None
        self.seen_collections.add(id(node))
        if kind == "sequence":
            return [self.build(child, path + (index,)) for index, child in enumerate(node.value)]
        return self.mapping(node, path)

    def mapping(self, node: Any, path: DocPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self.problem("Y001", "a mapping key must be a plain word, not a list or mapping", path,
                             key_node.start_mark)
                continue
            key = key_node.value
            if key == "<<" and key_node.tag.endswith(":merge"):
                self.problem("Y005", "merge keys (<<) are not allowed in budget files", path, key_node.start_mark)
                continue
            child = path + (key,)
            key_mark = key_node.start_mark
            if key in result:
                first_line = self.key_positions[child][0]
                self.problem("Y003", f"duplicate key `{key}` (first at line {first_line}); the later value "
                             "would silently replace the earlier one", child, key_mark)
                continue
            self.key_positions[child] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def scalar(self, node: Any, path: DocPath) -> Any:
        tag: str = node.tag
        text: str = node.value
        if tag.endswith(":str") or node.style:  # quoted or block scalars are text
            return text
        if tag.endswith(":float"):
            return self.decimal(text, path)
        if tag.endswith(":int"):
            if _PLAIN_INT.fullmatch(text):
                return int(text)
            self.problem("Y004", f"`{text}` is not a plain whole number (hex, octal, `_` or `:` forms are "
                         "easy to misread): write the digits only", path)
            return text
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() in {"true", "yes", "on", "y"}
        return text  # timestamps and unknown tags stay text; the schema says what it expected

    def decimal(self, text: str, path: DocPath) -> Any:
        if _PLAIN_DECIMAL.fullmatch(text):
            return Decimal(text)
        lowered = text.lower()
        if "nan" in lowered or "inf" in lowered:
            self.problem("Y004", f"`{text}` is not an amount: write the figure (e.g. 0.00), or leave the "
                         "cell out if it is blank", path)
            return text
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            self.problem("Y004", f"`{text}` is not a number budgetlint can read exactly", path)
            return text
        if "e" in lowered:
            plain = format(value, "f")
            self.problem("Y004", f"`{text}` is written with an exponent: write it as {plain}", path)
        else:
            self.problem("Y004", f"`{text}` uses `_` or `:` inside a number: write the digits only", path)
        return value

    def problem(self, rule: str, message: str, path: DocPath, mark: Any = None) -> None:
        if mark is None:
            line, column = self.positions.get(path, (1, 1))
        else:
            line, column = mark.line + 1, mark.column + 1
        self.problems.append(LoadProblem(rule, message, line, column, path))


def to_problem(load_problem: LoadProblem) -> Problem:
    return Problem(load_problem.path, load_problem.message)
