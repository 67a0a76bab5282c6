"""Read a budget file into plain data with exact amounts, and find where any node of it is written.

Why this loader and not `yaml.safe_load`:
- amounts must be `Decimal` built from the text the clerk wrote, never via a binary float;
- every finding needs a line and column, so the position of any node can be found;
- duplicate keys, aliases, tabs, odd number spellings and non-UTF-8 files must become findings,
  not silent data loss or tracebacks;
- a broken or hostile file must be refused in bounded time and memory, never crash the process.

How: libyaml (PyYAML's C parser; PyYAML's pure-Python parser where PyYAML was built without it)
turns the text into a stream of events, and one loop over the events builds the data. There is no
node graph and no recursion: PyYAML's C composer recurses in C and kills the interpreter on deeply
nested input (`[[[[…` 100,000 deep, a 200 KB file), and libyaml's scanner takes time quadratic in
flow nesting (100,000 deep: 40 s), so the loop stops at `MAX_DEPTH`. Positions are needed only for
files with findings, so loading does not record them: the first `Document.locate` reads the text
again and records every node's position. docs/performance.md has the measurements behind this.
ruamel.yaml's round-trip mode is used only where a file is written back (it keeps comments).
"""

from __future__ import annotations

import bisect
import re
import stat
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml as _pyyaml
from yaml import events as _events
from yaml.nodes import ScalarNode as _ScalarNode
from yaml.resolver import Resolver as _Resolver

from .findings import DocPath, Problem
from .messages import Message, say

# libyaml when PyYAML has it: about 20x faster than ruamel.yaml's round-trip loader, same marks.
_PARSER: Any = getattr(_pyyaml, "CSafeLoader", None) or _pyyaml.SafeLoader

# Size limits, so that checking one file stays under 1 GB of memory in every command that reads budget
# files (check, render, site, diff, textconv). Measured (docs/performance.md): a value costs up to
# 1.2 KB once loaded, placed and checked (500,000 values of table rows: 509 MB in check, 584 MB in site),
# and text up to 17 times its size (24 MiB of narrative: 415 MB). The largest real budget is 60 KB
# with 1,800 values; before these limits a 40 MB file of short list items took 5.5 GB.
MAX_FILE_BYTES = 24 * 1024 * 1024
MAX_VALUES = 500_000
# A budget nests 7 levels deep (tables.projects.units[0].rows[3].carryover.gov_fund). Deeper input is
# not a budget; stopping early also bounds libyaml's quadratic work and the recursion of later steps.
MAX_DEPTH = 32
# Digits before the decimal point of a number. 15 digits are 10^15 yuan, far above any budget, and
# keep every sum of a file exact within Decimal's default precision of 28 digits.
MAX_INTEGER_DIGITS = 15
UTF8_BOM = b"\xef\xbb\xbf"

_PLAIN_INT = re.compile(r"[-+]?[0-9]+")
_PLAIN_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
# The rest of a number after a thousands separator (`569.30` of `1,569.30`), and the whole number.
_DIGIT_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]+)?")
_GROUPED_NUMBER = re.compile(r"(?<![0-9.])[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])")
_DIRECTIVE = re.compile(r"#\s*budgetlint:\s*disable=([A-Za-z0-9, ]+?)(?:\s+reason:\s*(.*?))?\s*$")

_SCALAR, _MAPPING, _SEQUENCE, _END, _ALIAS, _DOCUMENT = range(6)
_KIND = {
    _events.ScalarEvent: _SCALAR,
    _events.MappingStartEvent: _MAPPING,
    _events.SequenceStartEvent: _SEQUENCE,
    _events.MappingEndEvent: _END,
    _events.SequenceEndEvent: _END,
    _events.AliasEvent: _ALIAS,
    _events.DocumentStartEvent: _DOCUMENT,
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_RESOLVER = _Resolver()  # YAML 1.1 implicit types, as PyYAML resolves them (`yes` is true, `1_000` an int)

# Plain scalars repeat (`3.00`, `特定目标类`, `true`) within a file and across files; their values are
# kept once resolved. Bounded, so that memory stays flat however many files one process checks.
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_LIMIT = 20_000
_PLAIN_CACHE_MAX_LENGTH = 40


@dataclass
class InlineWaiver:
    """A `# budgetlint: disable=RULE reason: …` comment on one line."""

    line: int
    rules: tuple[str, ...]
    reason: str


@dataclass
class Document:
    """A loaded file: plain data (dict/list/str/int/Decimal/bool/None) and the text it was read from.

    `positions` (node path → (line, column), both 1-based) and `key_positions` (mapping entry path →
    position of its key) are worked out from the text the first time they are asked for.
    """

    file: str
    data: Any
    text: str = field(default="", repr=False)
    inline_waivers: list[InlineWaiver] = field(default_factory=list)
    _positions: dict[DocPath, tuple[int, int]] | None = field(default=None, init=False, repr=False)
    _key_positions: dict[DocPath, tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    _line_starts: list[int] | None = field(default=None, init=False, repr=False)

    @property
    def positions(self) -> dict[DocPath, tuple[int, int]]:
        if self._positions is None:
            self._positions, self._key_positions = _record_positions(self.text)
        return self._positions

    @property
    def key_positions(self) -> dict[DocPath, tuple[int, int]]:
        if self._positions is None:
            self.positions  # noqa: B018 - works out both maps
        return self._key_positions

    def locate(self, path: DocPath) -> tuple[int, int]:
        """Position of `path`, or of its nearest existing ancestor (a missing key points at its parent)."""
        positions = self.positions
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def locate_key(self, path: DocPath) -> tuple[int, int]:
        return self.key_positions.get(path) or self.locate(path)

    def find_text(self, snippet: str, line: int) -> tuple[int, int] | None:
        """Line and column of the first `snippet` in the text at or after the start of `line`."""
        starts = self._line_starts
        if starts is None:  # offsets where lines start, worked out once: many findings may ask
            starts = self._line_starts = [0]
            newline = self.text.find("\n")
            while newline >= 0:
                starts.append(newline + 1)
                newline = self.text.find("\n", newline + 1)
        if not snippet or not 1 <= line <= len(starts):
            return None
        offset = self.text.find(snippet, starts[line - 1])
        if offset < 0:
            return None
        number = bisect.bisect_right(starts, offset)
        return number, offset - starts[number - 1] + 1


@dataclass
class LoadProblem:
    """A finding made while reading: rule ID, message and where."""

    rule: str
    message: Message
    line: int
    column: int
    path: DocPath = ()


@dataclass
class LoadResult:
    document: Document | None
    problems: list[LoadProblem]


def read_text(raw: bytes) -> tuple[str | None, list[LoadProblem]]:
    """Decode a budget file: UTF-8 with or without BOM; anything else is a finding that names it."""
    raw = raw.removeprefix(UTF8_BOM)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [LoadProblem("Y002", say("Y002.utf16"), 1, 1)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1  # characters, as editors count
        try:
            raw.decode("gb18030")
            guess = say("Y002.gbk")
        except UnicodeDecodeError:
            guess = say("Y002.resave")
        byte = raw[error.start : error.start + 2].hex(" ")
        return None, [LoadProblem("Y002", say("Y002.not_utf8", byte=byte, advice=guess), line, column)]


def load_text(text: str, file: str) -> LoadResult:
    """Parse YAML text into a Document. Never raises for bad input: problems come back as findings."""
    builder = _Builder(text)
    data = builder.run()
    problems = builder.problems
    if builder.failed:
        return LoadResult(None, problems)
    if data is _NOTHING:
        return LoadResult(None, [LoadProblem("Y006", say("Y006.empty"), 1, 1)])
    if not isinstance(data, dict):
        kind = say("Y006.a_list") if isinstance(data, list) else say("Y006.a_value")
        problems.append(LoadProblem("Y006", say("Y006.not_mapping", kind=kind), 1, 1))
        return LoadResult(None, problems)
    return LoadResult(Document(file, data, text, _inline_waivers(text)), problems)


def load_file(path: Path, display: str | None = None) -> LoadResult:
    """Read and load one file; unreadable, oversized and non-UTF-8 files give a finding."""
    name = display or str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A folder, a named pipe or a device: reading a pipe would wait for a writer forever.
            what = say("Y007.folder") if stat.S_ISDIR(info.st_mode) else say("Y007.not_regular")
            return LoadResult(None, [LoadProblem("Y007", say("Y007.cannot_read", reason=what), 1, 1)])
        if info.st_size > MAX_FILE_BYTES:
            return LoadResult(None, [_too_large(info.st_size)])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grew since stat
        if len(raw) > MAX_FILE_BYTES:
            return LoadResult(None, [_too_large(len(raw))])
    except OSError as error:
        reason: str = error.strerror or str(error)  # the system's words, in the system's language
        if path.is_symlink() and not path.exists():
            reason = say("Y007.broken_link", reason=reason)
        return LoadResult(None, [LoadProblem("Y007", say("Y007.cannot_read", reason=reason), 1, 1)])
    text, problems = read_text(raw)
    if text is None:
        return LoadResult(None, problems)
    if not text.strip():
        return LoadResult(None, [LoadProblem("Y006", say("Y006.empty"), 1, 1)])
    return load_text(text, name)


def _too_large(size: int) -> LoadProblem:
    return LoadProblem("Y007", say("Y007.too_large", size=f"{size / 1048576:.1f}", limit=MAX_FILE_BYTES // 1048576),
                       1, 1)


def _inline_waivers(text: str) -> list[InlineWaiver]:
    """The `# budgetlint: disable=…` comments of the file. The same words inside a value (a narrative
    `|-` block, a quoted text) are text that will be published, not a comment: they waive nothing."""
    if "disable=" not in text:  # fast path: most files have none
        return []
    candidates: list[tuple[int, int, re.Match[str]]] = []  # (line, column of `#`, match), 0-based
    for number, line in enumerate(text.splitlines()):
        if "disable=" in line:
            match = _DIRECTIVE.search(line)
            if match:
                candidates.append((number, match.start(), match))
    if not candidates:
        return []
    inside = _inside_values(text, [(line, column) for line, column, _ in candidates])
    found = []
    for (number, _, match), in_value in zip(candidates, inside):
        if not in_value:
            rules = tuple(r.strip().upper() for r in match.group(1).split(",") if r.strip())
            found.append(InlineWaiver(number + 1, rules, (match.group(2) or "").strip()))
    return found


def _inside_values(text: str, places: list[tuple[int, int]]) -> list[bool]:
    """For each (line, column), 0-based and in line order: whether it is inside a scalar of the
    document (a key or a value) rather than in a comment. A block scalar (`|-`, `>`) starts on the line
    after its indicator, so a comment after the indicator is still a comment."""
    inside = [False] * len(places)
    lines = [line for line, _ in places]
    parser = None
    try:
        parser = _PARSER(text)
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, _events.StreamEndEvent):
                break
            if type(event) is not _events.ScalarEvent:
                continue
            start, end = event.start_mark, event.end_mark
            begin = (start.line + 1, 0) if event.style in ("|", ">") else (start.line, start.column)
            # Only the places on the lines this scalar spans need a look (most scalars span none).
            for index in range(bisect.bisect_left(lines, begin[0]), bisect.bisect_right(lines, end.line)):
                if begin <= places[index] < (end.line, end.column):
                    inside[index] = True
    except _pyyaml.YAMLError:
        pass  # not reached for a file that loaded; the places found so far stand
    finally:
        if parser is not None:
            parser.dispose()
    return inside


class _Nothing:
    """No value (yet): an empty document, or a mapping waiting for its next key. Not YAML's null."""


_NOTHING: Any = _Nothing()
_DECIMAL: Any = _Nothing()  # in _PLAIN_CACHE: "the value is Decimal(text)"


class _Frame:
    """An open mapping or sequence while its events are read."""

    __slots__ = ("container", "is_mapping", "key", "path")

    def __init__(self, container: Any, path: DocPath, is_mapping: bool) -> None:
        self.container = container
        self.path = path
        self.is_mapping = is_mapping
        self.key: Any = _NOTHING  # the key whose value comes next; _NOTHING while a key comes next


class _Builder:
    """Builds plain data from the parser's events and reports reading problems."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[LoadProblem] = []
        self.failed = False
        self.alias_reported = False
        self.duplicates: list[tuple[DocPath, Any]] = []
        self.joined: tuple[int, int] | None = None  # where the last number split at its separators starts
        self.lines: list[str] | None = None

    def run(self) -> Any:
        parser = None
        try:
            parser = _PARSER(self.text)  # PyYAML's own reader checks the characters here already
            data = self._build(parser.get_event)
        except _pyyaml.MarkedYAMLError as error:
            self.fail(self._syntax_problem(error))
            return _NOTHING
        except _pyyaml.reader.ReaderError as error:
            self.fail(self._reader_problem(error))
            return _NOTHING
        except _pyyaml.YAMLError as error:  # any other parser error: say what it said
            self.fail(LoadProblem("Y001", say("Y001.syntax", problem=str(error).splitlines()[0], context=""), 1, 1))
            return _NOTHING
        finally:
            if parser is not None:
                parser.dispose()
        self._report_duplicates()
        return data

    def fail(self, problem: LoadProblem) -> None:
        self.problems.append(problem)
        self.failed = True

    def _build(self, get_event: Any) -> Any:
        """One pass over the events. The stack holds the open collections; a mapping's frame knows
        whether a key or a value comes next. Paths are worked out only for collections and problems."""
        kinds = _KIND
        cache = _PLAIN_CACHE
        scalar_event = _events.ScalarEvent
        nothing, decimal = _NOTHING, _DECIMAL  # locals: this loop runs for every event of every file
        stack: list[_Frame] = []
        top: _Frame | None = None
        root: Any = _NOTHING
        documents = 0
        anchors: dict[str, Any] = {}  # anchor name → its scalar event (anchored collections are not kept)
        values, most = 0, MAX_VALUES  # values read (keys not counted), against the limit
        while True:
            event = get_event()
            # Fast path for the bulk of a budget: a key, or a scalar value without anchor, inside a
            # collection. Everything else takes the general path below.
            if type(event) is scalar_event and top is not None and event.anchor is None:
                text = event.value
                is_mapping = top.is_mapping
                if is_mapping and top.key is nothing:
                    # `text < ":"`: a key starting with a digit (or empty) takes the slow path, where a number
                    # split at its thousands separators (`{amount: 1,569.30}`) is recognised.
                    if text in top.container or text == "<<" or text < ":":
                        self._key(top, event, _SCALAR, get_event)
                    else:
                        top.key = text
                    continue
                values += 1
                if values > most:
                    return self._too_many_values(event)
                if event.style:  # quoted or block: text
                    value = text
                elif event.tag is None:
                    value = cache.get(text, nothing)
                    if value is decimal:
                        value = Decimal(text)
                    elif value is nothing:
                        value = self._scalar(event, top)
                else:
                    value = self._scalar(event, top)
                if is_mapping:
                    top.container[top.key] = value
                    top.key = nothing
                else:
                    top.container.append(value)
                continue
            kind = kinds.get(type(event))
            if kind is None:  # stream start, document end, stream end
                if event is None or isinstance(event, _events.StreamEndEvent):
                    return root
                continue
            if kind == _END:
                stack.pop()
                top = stack[-1] if stack else None
                continue
            if kind == _DOCUMENT:
                documents += 1
                if documents > 1:
                    self.fail(self._at("Y001", say("Y001.second_document"), event.start_mark))
                    return _NOTHING
                continue
            if top is not None and top.is_mapping and top.key is _NOTHING:
                self._key(top, event, kind, get_event)
                continue
            values += 1
            if values > most:
                return self._too_many_values(event)

            if kind == _SCALAR:
                value = self._scalar(event, top)
                if event.anchor is not None:
                    anchors[event.anchor] = event
            elif kind == _ALIAS:
                anchored = anchors.get(event.anchor)
                if anchored is not None:
                    # An alias of a single value is read (it cannot grow), but reported like any alias:
                    # a reviewer reading the diff must see each figure where it belongs.
                    value = self._scalar(anchored, top)
                    if not self.alias_reported:
                        self.alias_reported = True
                        self.problems.append(self._at("Y005", say("Y005.alias_value", anchor=event.anchor),
                                                      event.start_mark, self._value_path(top)))
                else:
                    # An alias of a mapping or list is never expanded: nested aliases ("billion
                    # laughs") would make a few lines grow without bound.
                    if not self.alias_reported:
                        self.alias_reported = True
                        self.problems.append(self._at("Y005", say("Y005.alias_collection"), event.start_mark,
                                                      self._value_path(top)))
                    value = None
            else:
                if len(stack) >= MAX_DEPTH:
                    self.fail(self._at("Y001", say("Y001.too_deep", depth=MAX_DEPTH), event.start_mark))
                    return _NOTHING
                path = self._value_path(top)
                value = {} if kind == _MAPPING else []

            if top is None:
                root = value
            elif top.is_mapping:
                top.container[top.key] = value
                top.key = _NOTHING
            else:
                top.container.append(value)
            if kind == _MAPPING or kind == _SEQUENCE:
                top = _Frame(value, path, kind == _MAPPING)
                stack.append(top)

    def _too_many_values(self, event: Any) -> Any:
        size = len(self.text.encode("utf-8")) / 1048576
        self.fail(self._at("Y007", say("Y007.too_many_values", limit=f"{MAX_VALUES:,}", size=f"{size:.1f}"),
                           event.start_mark))
        return _NOTHING

    def _key(self, top: _Frame, event: Any, kind: int, get_event: Any) -> None:
        """A mapping key: take it, or report it and drop its value."""
        if kind != _SCALAR:
            self.problems.append(self._at("Y001", say("Y001.key_not_scalar"), event.start_mark, top.path))
            _skip(event, get_event)
            _skip(get_event(), get_event)
            return
        key = event.value
        if key[:1].isdigit() and self._thousands(top, event, get_event):
            return
        if _is_merge_key(event):
            self.problems.append(self._at("Y005", say("Y005.merge"), event.start_mark, top.path))
            _skip(get_event(), get_event)
            return
        if key in top.container:
            self.duplicates.append((top.path + (key,), event.start_mark))
            _skip(get_event(), get_event)
            return
        top.key = key

    def _thousands(self, top: _Frame, event: Any, get_event: Any) -> bool:
        """A key that is the rest of a number written with thousands separators inside `{…}`: YAML
        reads `{amount: 1,569.30}` as `amount: 1` and a key `569.30` without value. The number is read
        as written, the key dropped, and the separator reported (True); False for any other key."""
        key = event.value
        if not _DIGIT_GROUP.fullmatch(key) or event.style or not top.container:
            return False
        line, end = event.end_mark.line, event.end_mark.column
        text = self.line_text(line)
        if text[end:].lstrip()[:1] not in (",", "}", ""):
            return False  # `569.30: …` has a value: a key after all
        number = next((m for m in _GROUPED_NUMBER.finditer(text) if m.start() < end <= m.end()), None)
        if number is None:
            return False
        last = next(reversed(top.container))
        written = number.group()
        if self.joined != (line, number.start()):
            first = top.container[last]
            if type(first) is not int or str(first) != written.split(",")[0]:
                return False  # not the value of the previous key (`{1,569.30}`); the schema reports the key
        _skip(get_event(), get_event)  # the key's empty value
        if self.joined == (line, number.start()):
            return True  # a later group of a number already read
        self.joined = (line, number.start())
        plain = written.replace(",", "")
        top.container[last] = Decimal(plain) if "." in plain else int(plain)
        first, *rest = written.split(",")
        keys = ", ".join(f"`{group}`" for group in rest)
        key = "Y004.thousands_keys" if len(rest) > 1 else "Y004.thousands_key"
        self.problems.append(LoadProblem("Y004", say(key, written=written, first=first, keys=keys, plain=plain),
                                         line + 1, number.start() + 1, top.path + (last,)))
        return True

    def line_text(self, line: int) -> str:
        """The text of a 0-based line (for the rare findings that look at what is written around them)."""
        if self.lines is None:
            self.lines = self.text.splitlines()
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def _report_duplicates(self) -> None:
        if not self.duplicates:
            return
        # Rare, so the first occurrence is found by reading the text again with positions.
        first = _record_positions(self.text)[1]
        for path, mark in self.duplicates:
            where = say("Y003.first_at", line=first[path][0]) if path in first else ""
            self.problems.append(self._at("Y003", say("Y003.duplicate", name=path[-1], first=where), mark, path))

    def _value_path(self, top: _Frame | None) -> DocPath:
        if top is None:
            return ()
        return top.path + ((top.key,) if top.is_mapping else (len(top.container),))

    def _scalar(self, event: Any, top: _Frame | None) -> Any:
        text: str = event.value
        if event.style:  # quoted or block scalars are text, whatever their tag
            return text
        tag = event.tag
        implicit = tag is None or tag == "!"
        if implicit and event.implicit[0]:
            cached = _PLAIN_CACHE.get(text, _NOTHING)
            if cached is _DECIMAL:
                return Decimal(text)
            if cached is not _NOTHING:
                return cached
        if implicit:
            tag = _RESOLVER.resolve(_ScalarNode, text, event.implicit)
        value, message = _convert(tag, text)
        if message is not None:
            self.problems.append(self._at("Y004", message, event.start_mark, self._value_path(top)))
        elif implicit and event.implicit[0] and len(text) <= _PLAIN_CACHE_MAX_LENGTH:
            if len(_PLAIN_CACHE) >= _PLAIN_CACHE_LIMIT:
                _PLAIN_CACHE.clear()
            # A Decimal is made anew each time: a shared instance would be written back with YAML
            # anchors by yaml.dump (which shares only str, int, bool and None silently).
            _PLAIN_CACHE[text] = _DECIMAL if isinstance(value, Decimal) else value
        return value

    @staticmethod
    def _at(rule: str, message: Message, mark: Any, path: DocPath = ()) -> LoadProblem:
        return LoadProblem(rule, message, mark.line + 1, mark.column + 1, path)

    def _syntax_problem(self, error: Any) -> LoadProblem:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        # The parser's own words (English; a Message where budgetlint raised the error itself).
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        message = say("Y001.syntax", problem=problem, context=say("Y001.context", context=context) if context else "")
        # libyaml does not name the character it cannot read; a tab is by far the likeliest.
        lines = self.text.splitlines()
        text_line = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = text_line[: len(text_line) - len(text_line.lstrip(" \t"))]
        if "\t" in indent or "\\t" in message or "tab" in message.lower():
            message = say("Y001.tab", message=message)
            if "\t" in indent:
                column = indent.index("\t") + 1
            return LoadProblem("Y001", message, line, column)
        context_mark = getattr(error, "context_mark", None)
        context_line = context_mark.line + 1 if context_mark is not None else line
        hint = _syntax_hint(lines, line, column, context_line)
        if hint is None and context_mark is not None and "flow" in str(context) and context_line < line <= len(lines):
            # A `{` or `[` not closed on its own line: the parser notices only on a later line.
            opened = lines[context_line - 1]
            bracket = opened[context_mark.column : context_mark.column + 1]
            closing = {"{": "}", "[": "]"}.get(bracket)
            if closing and closing not in opened[context_mark.column :]:
                advice = say("Y001.not_closed", bracket=bracket, line=context_line, closing=closing)
                hint = advice, context_line, len(opened.rstrip()) + 1
        if hint is None:
            return LoadProblem("Y001", message, line, column)
        # The cause first, where it is; the parser's own words after it for whoever knows YAML.
        cause, line, column = hint
        more = say("Y001.more_context", context=context) if context else ""
        return LoadProblem("Y001", say("Y001.cause", cause=cause, problem=problem, context=more), line, column)

    def _reader_problem(self, error: Any) -> LoadProblem:
        # libyaml reads the text as UTF-8 and reports a byte offset (PyYAML's own reader: a character
        # offset); turn it into line and column.
        position = int(getattr(error, "position", 0))
        if _PARSER is _pyyaml.SafeLoader:
            position = len(self.text[: max(position, 0)].encode("utf-8"))
        raw = self.text.encode("utf-8")
        position = min(max(position, 0), len(raw))
        line = raw.count(b"\n", 0, position) + 1
        column = len(raw[raw.rfind(b"\n", 0, position) + 1 : position].decode("utf-8", "replace")) + 1
        character = getattr(error, "character", None)
        shown = f"#x{character:04x}" if isinstance(character, int) else say("Y001.a_character")
        reason = getattr(error, "reason", None) or say("Y001.not_allowed")
        return LoadProblem("Y001", say("Y001.cannot_contain", character=shown, reason=reason), line, column)


# Full-width characters typed with a Chinese input method where YAML needs the half-width ones, each
# where it cannot be text: a comma before the next key, a colon after a key, brackets, a full-width space
# in the indentation or after an indicator. (A `，` or `：` inside a Chinese name or sentence is text.)
_HALF_WIDTH = {"，": ",", "：": ":", "｛": "{", "｝": "}", "［": "[", "］": "]", "　": " "}
_MISPLACED_FULL_WIDTH = re.compile(r"，(?=\s*[A-Za-z_]\w*\s*[:：])|(?<=[A-Za-z_\"'])：|[｛｝［］]|^[ ]*　|(?<=[:,-])　")
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_]\w*:(?=[^\s:/])")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _syntax_hint(lines: list[str], line: int, column: int, context_line: int) -> tuple[Message, int, int] | None:
    """The likely cause of a syntax error at `line`, `column` (1-based) as (message, line, column): the
    keyboard mistakes behind most of them. The parser notices a mistake at or after it, so the lines
    looked at are the error's line up to the error and a few lines before it (back to the construct
    the parser was reading)."""
    first = max(1, min(context_line, line), line - 3)
    # (line, how far the mistake can be on it): on the error's own line, not after the error.
    candidates = [(number, column if number == line else len(lines[number - 1]))
                  for number in range(line, first - 1, -1) if number <= len(lines)]
    for number, end in candidates:
        text = lines[number - 1]
        found = next((m for m in _MISPLACED_FULL_WIDTH.finditer(text) if m.start() < end), None)
        if found:
            character = found.group().strip(" ")
            if character == "　":
                advice = say("Y001.full_width_space", line=number)
            else:
                after = say("Y001.space_after") if character == "：" else ""
                advice = say("Y001.full_width", character=character, line=number, half=_HALF_WIDTH[character],
                             after=after)
            return advice, number, text.index(character, found.start()) + 1
    for number, _ in candidates:
        whole = lines[number - 1]
        if not whole.strip() or whole.lstrip().startswith("#") or _indent(whole) % 2 == 0:
            continue
        # An odd indentation one space off a neighbouring line: a stray space (budget files indent by 2).
        neighbours = [_indent(other) for other in (_neighbour(lines, number, -1), _neighbour(lines, number, 1)) if other]
        if any(abs(_indent(whole) - other) == 1 for other in neighbours):
            spaces = say("Y001.spaces", count=_indent(whole)) if _indent(whole) > 1 else say("Y001.one_space")
            return say("Y001.stray_space", line=number, spaces=spaces), number, 1
    for number, _ in candidates:
        found = _KEY_WITHOUT_SPACE.match(lines[number - 1])
        if found:
            return say("Y001.space_after_colon", written=found.group().strip(), line=number), number, found.end() + 1
    return None


def _neighbour(lines: list[str], number: int, step: int) -> str:
    """The nearest line above (step -1) or below (+1) line `number` that is neither blank nor a comment."""
    index = number - 1 + step
    while 0 <= index < len(lines):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return lines[index]
        index += step
    return ""


def _is_merge_key(event: Any) -> bool:
    return bool(event.value == "<<" and event.tag is None and not event.style
                and _RESOLVER.resolve(_ScalarNode, event.value, event.implicit) == _MERGE_TAG)


def _skip(event: Any, get_event: Any) -> None:
    """Consume the rest of the node that `event` starts (a dropped key's value)."""
    depth = 1 if _KIND.get(type(event)) in (_MAPPING, _SEQUENCE) else 0
    while depth:
        event = get_event()
        kind = _KIND.get(type(event))
        if kind == _MAPPING or kind == _SEQUENCE:
            depth += 1
            if depth > MAX_DEPTH:  # the same bound as for kept values
                raise _pyyaml.MarkedYAMLError(problem=say("Y001.nesting", depth=MAX_DEPTH),
                                              problem_mark=event.start_mark)
        elif kind == _END:
            depth -= 1
        elif event is None or isinstance(event, _events.StreamEndEvent):
            return


def _record_positions(text: str) -> tuple[dict[DocPath, tuple[int, int]], dict[DocPath, tuple[int, int]]]:
    """Where every node and every key of the data starts: (positions, key_positions), 1-based.

    The same walk over the events as `_Builder`, dropping the same keys, but building no values: a
    frame keeps the keys seen so far (a mapping) or the count of items (a sequence). A file that
    does not parse to the end keeps the positions found before the error.
    """
    positions: dict[DocPath, tuple[int, int]] = {}
    key_positions: dict[DocPath, tuple[int, int]] = {}
    parser = None
    stack: list[_Frame] = []
    top: _Frame | None = None
    documents = 0
    try:
        parser = _PARSER(text)
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = _KIND.get(type(event))
            if kind is None:
                if event is None or isinstance(event, _events.StreamEndEvent):
                    break
                continue
            if kind == _END:
                stack.pop()
                top = stack[-1] if stack else None
                continue
            if kind == _DOCUMENT:
                documents += 1
                if documents > 1:
                    break
                continue
            mark = event.start_mark
            if top is not None and top.is_mapping and top.key is _NOTHING:
                if kind != _SCALAR:
                    _skip(event, get_event)
                    _skip(get_event(), get_event)
                elif _is_merge_key(event) or event.value in top.container:
                    _skip(get_event(), get_event)
                else:
                    top.key = event.value
                    top.container.add(event.value)
                    key_positions[top.path + (event.value,)] = (mark.line + 1, mark.column + 1)
                continue
            if top is None:
                path: DocPath = ()
            elif top.is_mapping:
                path = top.path + (top.key,)
                top.key = _NOTHING
            else:
                path = top.path + (top.container,)
                top.container += 1
            positions[path] = (mark.line + 1, mark.column + 1)
            if len(positions) > MAX_VALUES:
                break  # as far as the loader read (the duplicates of a file over the limit are placed here)
            if kind == _MAPPING or kind == _SEQUENCE:
                if len(stack) >= MAX_DEPTH:
                    break
                top = _Frame(set() if kind == _MAPPING else 0, path, kind == _MAPPING)
                stack.append(top)
    except _pyyaml.YAMLError:
        pass  # the loader has reported it; keep what was found before it
    finally:
        if parser is not None:
            parser.dispose()
    return positions, key_positions


def _convert(tag: str, text: str) -> tuple[Any, Message | None]:
    """The value of a plain scalar with this resolved tag, and a problem message when it is not a
    readable value."""
    if tag.endswith(":str"):
        return text, None
    if tag.endswith(":float"):
        return _decimal(text)
    if tag.endswith(":int"):
        if _PLAIN_INT.fullmatch(text):
            digits = text.lstrip("+-")
            if len(digits) > MAX_INTEGER_DIGITS:
                return text, _too_many_digits(text)
            if len(digits) > 1 and digits.startswith("0"):
                # Kept as written: a leading zero belongs to a code (`0151`), which YAML would read as 151.
                return text, say("Y004.leading_zero", text=text, number=int(text))
            return int(text), _negative_zero(text) if text.startswith("-") and int(text) == 0 else None
        return text, say("Y004.not_whole", text=text)
    if tag.endswith(":null"):
        return None, None
    if tag.endswith(":bool"):
        return text.lower() in {"true", "yes", "on", "y"}, None
    return text, None  # timestamps and unknown tags stay text; the schema says what it expected


def plain_value(text: str) -> Any:
    """What `text` written as a plain scalar is read as (`812.44` → Decimal('812.44')); text that is
    not a readable value stays text."""
    value, message = _convert(_RESOLVER.resolve(_ScalarNode, text, (True, False)), text)
    return text if message is not None else value


def _decimal(text: str) -> tuple[Any, Message | None]:
    if _PLAIN_DECIMAL.fullmatch(text):
        if len(text.lstrip("+-").split(".")[0]) > MAX_INTEGER_DIGITS:
            return text, _too_many_digits(text)
        value = Decimal(text)
        return value, _negative_zero(text) if value.is_zero() and value.is_signed() else None
    lowered = text.lower()
    if "nan" in lowered or "inf" in lowered:
        return text, say("Y004.not_amount", text=text)
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return text, say("Y004.unreadable", text=text)
    if not value.is_finite() or value.adjusted() >= MAX_INTEGER_DIGITS:
        return text, _too_many_digits(text)
    if "e" in lowered:
        # Bounded: the adjusted exponent is below MAX_INTEGER_DIGITS, but a tiny one (1e-999999) would
        # print a million zeros.
        plain = format(value, "f") if value.adjusted() > -MAX_INTEGER_DIGITS else None
        if plain:
            return value, say("Y004.exponent", text=text, plain=plain)
        return value, say("Y004.exponent_tiny", text=text)
    return value, say("Y004.separator", text=text)


def _negative_zero(text: str) -> Message:
    # Decimal keeps the sign of zero: `-0.00` would be printed as written, in the tables and in diffs.
    return say("Y004.negative_zero", text=text)


def _too_many_digits(text: str) -> Message:
    shown = text if len(text) <= 40 else text[:37] + "…"
    if _PLAIN_INT.fullmatch(text) and len(text) <= 40:
        # Digits only: a project code (21 digits) written without quotes, far likelier than an amount.
        return say("Y004.code_digits", text=text, count=len(text.lstrip("+-")), limit=MAX_INTEGER_DIGITS)
    return say("Y004.too_many_digits", text=shown, limit=MAX_INTEGER_DIGITS)


def to_problem(load_problem: LoadProblem) -> Problem:
    return Problem(load_problem.path, load_problem.message)
