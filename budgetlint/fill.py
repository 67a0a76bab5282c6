"""`budgetlint fill FILE`: write every total and subtotal that the layout derives from its parts.

A clerk edits leaf figures; fill carries the totals. Which figures are derived, and from what, is the
layout's (`tables.derivations`: the sums the A1xx/A2xx rules check); the arithmetic is `tables.gap`, so
a figure the linter accepts (exactly, or within `rounding: rounded`) is left as it is. Figures are worked
out bottom up — rows, then 类/款 rows and units, then 合计 and closing lines — in an order found once from
what each figure is made of, so a loop in the layout's sums is refused rather than iterated.

The file is written by text position: a figure's text is replaced where it is written, and a missing key
is added beside its siblings, so every other character stays as typed — comments, spacing, indentation,
line breaks, a `{…}` or `[…]` split across lines (a clerk's hand formatting, which a YAML writer would
redo). What cannot be placed so (a blank written as a bare key, `{total, basic: …}`) goes through
ruamel.yaml's round trip, which must first give the unchanged file back byte for byte. Either way the new
text is read back and must hold exactly the old figures and the new ones. A file that does not load or
fails its layout's schema is not touched (exit code 2).
"""

from __future__ import annotations

import bisect
import copy
import difflib
import io
import json
import os
import re
import shutil
import sys
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import click
import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from .config import ConfigError, find_config, load_config
from .findings import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, DocPath, format_path
from .help import BudgetlintCommand
from .layout import DEFAULT_LAYOUT, LayoutError, Term, layout_name, load_layout
from .loader import UTF8_BOM, Document, load_file, load_text
from .messages import current_language, in_language, say, tr
from .model import ZERO, Budget, fmt, money
from .report import emit, visible
from .tables import (
    FISCAL_SUMMARY_ORDER,
    SUMMARY_CLOSING,
    Derivation,
    derivations,
    describe_figure,
    gap,
    row_label,
)


class FillError(Exception):
    """A file fill will not write: it does not load, fails its schema, or its sums are ambiguous."""


@dataclass(frozen=True)
class Change:
    """A derived figure that is written: blank before (`old` None) or wrong."""

    path: DocPath
    old: Decimal | None
    new: Decimal
    rule: str


# ---------------------------------------------------------------- which figures change


def plan(budget: Budget) -> list[Change]:
    """The derived figures of a budget that are blank or wrong, with the values they should have.

    A figure none of whose parts is written is left alone (blank stays blank; a stated one is left to
    `budgetlint check`). A blank figure that the layout does not print is not added. Raises FillError
    when the layout's sums form a loop, or when two derivations of one figure disagree.
    """
    by_target: dict[DocPath, list[Derivation]] = {}
    for derivation in derivations(budget):
        by_target.setdefault(derivation.target, []).append(derivation)
    values: dict[DocPath, Decimal | None] = {}

    def value(path: DocPath) -> Decimal | None:
        if path not in values:
            values[path] = money(value_at(budget.data, path))
        return values[path]

    places: dict[str, int] = {}
    changes = []
    for target in bottom_up(by_target):
        stated = value(target)
        sums = [(derivation, present) for derivation in by_target[target]
                if (present := [v for part in derivation.parts if (v := value(part)) is not None])]
        if not sums:
            continue
        if stated is not None and all(gap(budget, stated, present) is None for _, present in sums):
            continue  # right (or within the rounding the file declares)
        if stated is None and not any(derivation.printed for derivation, _ in sums):
            continue
        results = {sum(present, ZERO) for _, present in sums}
        if len(results) > 1:
            ways = tr("cli.separator").join(
                tr("cli.fill.way", amount=fmt(sum(present, ZERO)), rule=derivation.rule,
                   parts=", ".join(format_path(part) for part in derivation.parts[:4]),
                   more=" …" if len(derivation.parts) > 4 else "") for derivation, present in sums)
            raise FillError(tr("cli.fill.two_ways", figure=figure_label(budget, target), path=format_path(target),
                               ways=ways))
        key = str(target[1])
        if key not in places:
            places[key] = table_places(budget, key)
        new = written(results.pop(), places[key])
        values[target] = new
        changes.append(Change(target, stated, new, sums[0][0].rule))
    return changes


def bottom_up(by_target: dict[DocPath, list[Derivation]]) -> list[DocPath]:
    """The derived figures in an order where every figure comes after the derived figures it is made of
    (Kahn's algorithm). Raises FillError for a loop: a figure that is, through its parts, part of itself."""
    waiting = {target: {part for derivation in derivations_ for part in derivation.parts if part in by_target}
               for target, derivations_ in by_target.items()}
    users: dict[DocPath, list[DocPath]] = {}
    for target, parts in waiting.items():
        for part in parts:
            users.setdefault(part, []).append(target)
    left = {target: len(parts) for target, parts in waiting.items()}
    ready = deque(target for target, count in left.items() if count == 0)
    order = []
    while ready:
        target = ready.popleft()
        order.append(target)
        for user in users.get(target, ()):
            left[user] -= 1
            if left[user] == 0:
                ready.append(user)
    if len(order) < len(by_target):
        stuck = next(target for target, count in left.items() if count)
        raise FillError(tr("cli.fill.loop", path=format_path(stuck)))
    return order


def value_at(data: Any, path: DocPath) -> Any:
    """The node at `path` (keys and list positions), or None where the path leads nowhere."""
    node = data
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def decimal_places(table: Any) -> int:
    """How many decimals the file writes the table's amounts with (the most any of them has): 2 for a
    table in 万元 or 元 with 分, 0 for a table of whole 元 as printed."""
    places, stack = 0, [table]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif type(node) is Decimal and node.is_finite():
            places = max(places, -int(node.as_tuple().exponent))
    return places


def table_places(budget: Budget, key: str) -> int:
    """The decimals figures of a table are written with: as its other amounts, or — a table whose amounts
    are all whole (a clerk typed `3`) — as the file's other tables in the same unit."""
    own = decimal_places(budget.table(key))
    if own:
        return own
    unit = budget.table_unit(key)
    return max((decimal_places(budget.table(other)) for other in budget.part("tables")
                if budget.table(other) is not None and budget.table_unit(other) == unit), default=0)


def written(value: Decimal, places: int) -> Decimal:
    """A computed figure as the file writes its amounts (3 → 3.00 in a table of two decimals); never rounded."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -places:
        value = value.quantize(Decimal(1).scaleb(-places))
    return abs(value) if value.is_zero() else value  # never -0.00 (Y004)


def figure_label(budget: Budget, path: DocPath) -> str:
    """`预算03表 合计 基本支出 小计`, `预算02表 unit 151 本年收入 合计`, `预算01表 收入总计` — the figure as a clerk finds it."""
    key = str(path[1])
    rows = [index for index, part in enumerate(path) if isinstance(part, int)]
    if path[2:3] == ("totals",) or rows:
        end = rows[-1] + 1 if rows else 3
        row = value_at(budget.data, path[:end])
        what = row_label(budget, key, path[:end], row if isinstance(row, dict) else {})
        return f"{what} {budget.layout.column_label(key, tuple(map(str, path[end:])))}".strip()
    return describe_figure(budget, Term(key, "", tuple(map(str, path[2:])), ""))


# ---------------------------------------------------------------- writing the file


class _Representer(RoundTripRepresenter):
    """ruamel keeps representers on the class: a subclass, so that budgetlint's Decimal does not change
    every other round trip in the process."""


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    # Plain, as the file writes amounts: `1909.07` (a YAML float by its look) or `189767551` (an int).
    text = format(value, "f")
    return representer.represent_scalar("tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text)


_Representer.add_representer(Decimal, _represent_decimal)

# Indentation styles tried, in order, until one gives the file back byte for byte: this repository's
# (sequences indented under their key), PyYAML's (not indented), and their four-space variants.
STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _yaml(style: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # never fold a long line the file has on one line
    mapping, sequence, offset = style
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, tree: Any) -> str:
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()


def round_trip(text: str, file: str) -> tuple[YAML, Any]:
    """The file as ruamel's round-trip tree, and the settings that write it back byte for byte.
    Raises FillError when no setting does: fill would then change more than the figures."""
    try:
        tree = _yaml(STYLES[0]).load(text)
        first = ""
        for style in STYLES:
            yaml = _yaml(style)
            again = _dump(yaml, tree)
            if again == text:
                return yaml, tree
            first = first or again
    except (YAMLError, ValueError, TypeError, AttributeError) as error:
        raise FillError(tr("cli.fill.round_trip", file=file, error=f"{type(error).__name__}: "
                           f"{str(error).splitlines()[0] if str(error) else ''}")) from None
    line = next((number for number, (a, b) in enumerate(zip(text.splitlines(), first.splitlines()), 1) if a != b),
                min(len(text.splitlines()), len(first.splitlines())) + 1)
    raise FillError(tr("cli.fill.formatting", file=file, line=line))


def key_order(budget: Budget, key: str) -> list[str]:
    """The order keys of the table are written in: its closing lines and groups, then its columns, as the
    layout lists them. A new key goes before the first key that comes later in this order."""
    spec = budget.layout.table(key)
    order: list[str] = ["totals"]
    if spec is not None and spec.shape == "summary":
        order += ["revenue", "expenditure"]
        for this_year, added, grand in SUMMARY_CLOSING.values():
            order += [this_year, *added, grand]
    if spec is not None and spec.shape == "fiscal_summary":
        for keys in FISCAL_SUMMARY_ORDER.values():
            order += [name for name in keys if name not in order]
    columns = [*(spec.columns if spec else ()), *(c for cs in (spec.side_columns.values() if spec else ()) for c in cs)]
    for column in columns:
        order += [name for name in column if name not in order]
    return order


def _rank(name: Any, order: list[str]) -> int:
    if name in order:
        return order.index(name)
    if name in ("units", "rows", "targets", "footer", "note"):
        return len(order)  # the lists and notes of a table or row come after its figures
    return -1  # codes, names and the like come first


def _put(node: Any, key: Any, value: Any, order: list[str]) -> None:
    """Set `key` of a mapping (or list item); a new key goes where the layout's order puts it."""
    if isinstance(node, list) or key in node:
        node[key] = value
        return
    if not node and isinstance(node, CommentedMap):
        node.fa.set_flow_style()  # an empty mapping is written `{}`: its figures go between the braces
    rank = _rank(key, order)
    position = next((index for index, name in enumerate(node) if _rank(name, order) > rank), len(node))
    node.insert(position, key, value)


def apply(tree: Any, changes: list[Change], budget: Budget) -> None:
    """Write the changes into ruamel's tree; a group the file lacks (`totals`, `this_year`) is added in
    flow style, as the files write a row: `totals: {total: 1909.07, basic: 1137.99}`."""
    orders: dict[str, list[str]] = {}
    for change in changes:
        key = str(change.path[1])
        order = orders.setdefault(key, key_order(budget, key))
        node = tree
        for depth, name in enumerate(change.path[:-1]):
            child = value_at(node, (name,))
            if not isinstance(child, (dict, list)):
                child = CommentedMap()
                child.fa.set_flow_style()
                _put(node, name, child, order if depth >= 2 else [])
            node = child
        _put(node, change.path[-1], change.new, order)


def expected_data(data: Any, changes: list[Change]) -> Any:
    """The loaded data with the changes made: what the written file must load as."""
    out = copy.deepcopy(data)
    for change in changes:
        node = out
        for name in change.path[:-1]:
            child = value_at(node, (name,))
            if not isinstance(child, (dict, list)):
                child = node[name] = {}
            node = child
        node[change.path[-1]] = change.new
    return out


# ---------------------------------------------------------------- writing by text position

# libyaml when PyYAML has it (as the loader reads the file): its marks are character offsets of the text.
_EVENTS: Any = getattr(pyyaml, "CSafeLoader", None) or pyyaml.SafeLoader
_BREAK = re.compile(r"\r\n|\r|\n")  # YAML's line breaks
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass
class _Node:
    """A node as the file writes it: where its text starts and ends (a block collection ends where its
    last value does), and for a collection its keys' places and its children."""

    start: int
    end: int
    depth: int
    scalar: Any = None  # a scalar's ScalarEvent
    flow: bool = False
    mapping: bool = False
    keys: dict[Any, tuple[int, int]] = field(default_factory=dict)
    children: dict[Any, _Node] = field(default_factory=dict)


class _Added:
    """Keys a mapping gets, in the order `_put` gives them: the keys written (`old`) and the new ones."""

    def __init__(self, old: list[Any]) -> None:
        self.keys = list(old)
        self.values: dict[Any, Decimal | _Added] = {}

    def put(self, key: Any, value: Decimal | _Added, order: list[str]) -> Any:
        if key not in self.values:
            rank = _rank(key, order)
            self.keys.insert(next((index for index, name in enumerate(self.keys) if _rank(name, order) > rank),
                                  len(self.keys)), key)
            self.values[key] = value
        return self.values[key]


def _nodes(text: str) -> tuple[_Node, list[int]] | None:
    """The file's nodes with their places, and the ends of all its tokens (sorted); None for what fill
    does not write by position (an alias, a key that is not a scalar)."""
    parser = _EVENTS(text)
    stack: list[_Node] = []
    waiting: list[Any] = []  # per open mapping: the key whose value comes next (None: a key comes next)
    ends: list[int] = []
    root = None
    try:
        while not isinstance(event := parser.get_event(), pyyaml.StreamEndEvent):
            start, end = event.start_mark.index, event.end_mark.index
            if isinstance(event, (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent)):
                node = stack.pop()
                waiting.pop()
                if node.flow:
                    node.end = end
                    ends.append(end)
                if stack:
                    stack[-1].end = max(stack[-1].end, node.end)
                continue
            if isinstance(event, pyyaml.ScalarEvent):
                ends.append(end)
                if stack and stack[-1].mapping and waiting[-1] is None:
                    stack[-1].keys[event.value] = (start, end)
                    waiting[-1] = event.value
                    continue
                if not event.value and not event.style and stack and stack[-1].mapping:
                    # libyaml places an empty value at the next token, which may be lines further: it is
                    # taken to end where its key does.
                    start = end = stack[-1].keys[waiting[-1]][1]
                node = _Node(start, end, len(stack), scalar=event)
            elif isinstance(event, (pyyaml.MappingStartEvent, pyyaml.SequenceStartEvent)):
                if stack and stack[-1].mapping and waiting[-1] is None:
                    return None
                node = _Node(start, end, len(stack), flow=bool(event.flow_style),
                             mapping=isinstance(event, pyyaml.MappingStartEvent))
                if node.flow:
                    ends.append(end)
            elif isinstance(event, pyyaml.AliasEvent):
                return None
            else:
                continue  # stream and document start and end
            if not stack:
                root = node
            elif stack[-1].mapping:
                stack[-1].children[waiting[-1]] = node
                waiting[-1] = None
                stack[-1].end = max(stack[-1].end, node.end)
            else:
                stack[-1].children[len(stack[-1].children)] = node
                stack[-1].end = max(stack[-1].end, node.end)
            if node.scalar is None:
                stack.append(node)
                waiting.append(None)
    except pyyaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return (root, sorted(ends)) if root is not None else None


def _shown(value: Decimal | _Added, quote: str = "", colon: str = ": ", comma: str = ", ") -> str:
    """A figure as written (`1909.07`, in the quotes the old one had), a new group in flow style."""
    if isinstance(value, Decimal):
        return f"{quote}{format(value, 'f')}{quote}"
    return "{" + comma.join(_entry(key, value.values[key], colon, comma) for key in value.keys) + "}"


def _entry(key: Any, value: Decimal | _Added, colon: str = ": ", comma: str = ", ") -> str:
    plain = isinstance(key, str) and _PLAIN_KEY.fullmatch(key) and key.lower() not in (
        "null", "true", "false", "yes", "no", "on", "off", "y", "n")
    return f"{key if plain else json.dumps(str(key), ensure_ascii=False)}{colon}{_shown(value, '', colon, comma)}"


def _spacings(text: str, root: _Node) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """How each mapping writes `: ` after its keys and `, ` between its entries (in `{…}`, on one line), by
    where it starts: a new entry is spaced as the entries nearest to it are (`total:  3.00,   basic`)."""
    colons: list[tuple[int, str]] = []
    commas: list[tuple[int, str]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children.values())
        if not node.mapping:
            continue
        keys = list(node.keys)
        colons += [(node.start, written) for written in (text[node.keys[key][1]:node.children[key].start]
                                                         for key in keys) if written.strip(" ") == ":"][:1]
        commas += [(node.start, written) for written in (text[node.children[before].end:node.keys[after][0]]
                                                         for before, after in pairwise(keys))
                   if written.strip(" ") == ","][:1]
    return colons, commas


def _nearest(found: list[tuple[int, str]], at: int, default: str) -> str:
    return min(((abs(start - at), written) for start, written in found), default=(0, default))[1]


def write_by_position(text: str, changes: list[Change], budget: Budget) -> str | None:
    """The text with the changes made where they are written, every other character as it was: a figure's
    text is replaced; a missing key is added among its siblings — in `{…}` after the entry before it
    (`, total: 3.00`), in a block mapping as a line indented as they are — at the place `apply` gives it.
    Where the spaces before an end-of-line comment allow, the comment stays in its column (as the round
    trip keeps it). None when a change cannot be placed by position (the round trip is tried then)."""
    found = _nodes(text)
    if found is None:
        return None
    root, ends = found
    figures: dict[int, tuple[_Node, _Node, Any, Decimal | _Added]] = {}  # id → scalar, parent, key, new value
    added: dict[int, tuple[_Node, _Added]] = {}  # id → mapping, its keys old and new
    orders: dict[str, list[str]] = {}
    for change in changes:
        order = orders.setdefault(str(change.path[1]), key_order(budget, str(change.path[1])))
        node = root
        group: Any = None  # the new keys the path goes on in, once it leaves what the file writes
        for depth, name in enumerate(change.path):
            last = depth == len(change.path) - 1
            if group is None and name in node.children:
                child = node.children[name]
                if child.scalar is None and not last:
                    node = child
                    continue
                if child.scalar is None or not (last or (child.scalar.value in _NULLS and not child.scalar.style)):
                    return None  # a figure that is a group, or a value written where a group belongs
                if last:
                    figures[id(child)] = (child, node, name, change.new)
                    break
                group = figures.setdefault(id(child), (child, node, name, _Added([])))[3]
            else:
                if group is None:
                    if not node.mapping:
                        return None
                    group = added.setdefault(id(node), (node, _Added(list(node.keys))))[1]
                group = group.put(name, change.new if last else _Added([]), order if depth >= 2 else [])
            if not (last or isinstance(group, _Added)):
                return None
    edits: list[tuple[int, int, str, int]] = []  # start, end, new text, depth (deeper first at one place)
    for child, parent, name, value in figures.values():
        edit = _replace(text, child, parent, name, value)
        if edit is None:
            return None
        edits.append(edit)
    colons, commas = _spacings(text, root) if added else ([], [])
    for node, group in added.values():
        for edit in _insert(text, node, group, _nearest(colons, node.start, ": "), _nearest(commas, node.start, ", ")):
            if edit is None:
                return None
            edits.append(edit)
    edits += _comments_kept(text, edits, ends)
    out, at = [], 0
    for start, end, new, _ in sorted(edits, key=lambda edit: (edit[0], edit[1], -edit[3])):
        if start < at:
            return None  # two changes at one place: not expected, not guessed
        out += [text[at:start], new]
        at = end
    return "".join(out) + text[at:]


def _replace(text: str, node: _Node, parent: _Node, name: Any, value: Decimal | _Added) -> tuple[int, int, str, int] | None:
    """The edit that writes `value` over a written scalar: its text (quoted as it was), or after the colon
    of an empty one."""
    event = node.scalar
    if event.style in ("'", '"') and event.anchor is None and event.tag is None:
        return node.start, node.end, _shown(value, event.style), node.depth
    if event.style or "\n" in text[node.start:node.end] or "\r" in text[node.start:node.end]:
        return None
    if event.value:  # a plain figure or null, after its anchor or tag if it has one
        start = node.end - len(event.value)
        return (start, node.end, _shown(value), node.depth) if text[start:node.end] == event.value else None
    # Empty (`total:`, `total: ,`): the figure goes after the key's colon.
    if name not in parent.keys:
        return None
    colon = parent.keys[name][1]
    while text[colon:colon + 1] in (" ", "\t"):
        colon += 1
    if text[colon:colon + 1] != ":":
        return None  # `{total, basic: 1137.99}`
    after = colon + 1
    while text[after:after + 1] in (" ", "\t"):
        after += 1
    if text[after:after + 1] == "#":
        after = colon + 1  # the spaces before a comment are the comment's (_comments_kept)
    elif text[after:after + 1] not in ("", ",", "}", "]", "\n", "\r"):
        return None
    return colon + 1, after, " " + _shown(value), node.depth


def _insert(text: str, node: _Node, group: _Added, colon: str, comma: str) -> list[tuple[int, int, str, int] | None]:
    """The new keys of a mapping, each run of them placed after the written key before it (or before
    the written key after it)."""
    edits: list[tuple[int, int, str, int] | None] = []
    written = list(node.keys)
    runs: list[tuple[Any, list[Any], Any]] = []  # key before, new keys, key after
    before, run = None, []
    for key in group.keys:
        if key in group.values:
            run.append(key)
            continue
        if run:
            runs.append((before, run, key))
        before, run = key, []
    if run:
        runs.append((before, run, None))
    for before, run, after in runs:
        entries = [_entry(key, group.values[key], colon, comma) for key in run]
        if node.flow:
            if before is not None:
                edits.append((node.children[before].end, node.children[before].end,
                              "".join(comma + entry for entry in entries), node.depth))
            elif after is not None:
                edits.append((node.keys[after][0], node.keys[after][0],
                              "".join(entry + comma for entry in entries), node.depth))
            elif text[node.start:node.start + 1] == "{":
                edits.append((node.start + 1, node.start + 1, comma.join(entries), node.depth))
            else:
                edits.append(None)
            continue
        if after is not None:  # lines before the key after, indented as it is
            at = node.keys[after][0]
            line = _line_start(text, at)
            if not re.fullmatch(r"[ ]*(?:-[ ]+)*", text[line:at]):
                edits.append(None)  # `? key`: not a plain key at the start of its line
                continue
            newline = _newline(text, at)
            edits.append((at, at, "".join(f"{entry}{newline}{' ' * (at - line)}" for entry in entries), node.depth))
            continue
        # After the last entry: lines after the line its value ends on, indented as the keys.
        first = node.keys[written[0]][0]
        indent = " " * (first - _line_start(text, first))
        end = node.end
        if not (end and text[end - 1] in "\r\n"):  # a block scalar ends after its line break already
            found = _BREAK.search(text, end)
            end = found.end() if found else len(text)
        newline = next((end_ for end_ in ("\r\n", "\n", "\r") if text.endswith(end_, 0, end)), _newline(text, 0))
        lines = [f"{indent}{entry}{newline}" for entry in entries]
        if end == len(text) and not text.endswith(("\n", "\r")):  # the last line has no break: nor will it
            lines = [newline + line.removesuffix(newline) for line in lines]
        edits.append((end, end, "".join(lines), node.depth))
    return edits


def _line_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1


def _newline(text: str, at: int) -> str:
    """The line break that ends the line at `at` (the file's first one for a last line without one)."""
    found = _BREAK.search(text, at) or _BREAK.search(text)
    return found.group() if found else "\n"


def _comments_kept(text: str, edits: list[tuple[int, int, str, int]], ends: list[int]) -> list[tuple[int, int, str, int]]:
    """For each line whose text before an end-of-line comment grows or shrinks, the spaces before the
    comment taken or given so that it stays in its column; as many as were typed, up to two, stay."""
    shifts: dict[int, list[tuple[int, int]]] = {}  # line start → (edit start, length change)
    for start, end, new, _ in edits:
        if "\n" not in new and "\r" not in new and new != text[start:end]:
            shifts.setdefault(_line_start(text, start), []).append((start, len(new) - (end - start)))
    more = []
    for line, shifted in shifts.items():
        found = _BREAK.search(text, line)
        line_end = found.start() if found else len(text)
        last = ends[bisect.bisect_right(ends, line_end) - 1] if ends and ends[0] <= line_end else line
        comment = text.find("#", max(last, line), line_end)  # after the line's last token, `#` starts a comment
        if comment < 0:
            continue
        delta = sum(change for start, change in shifted if start <= comment)
        spaces = comment
        while spaces > line and text[spaces - 1] in " \t":
            spaces -= 1
        if delta and spaces < comment:
            more.append((spaces, comment, " " * max(comment - spaces - delta, min(comment - spaces, 2)), -1))
    return more


# ---------------------------------------------------------------- one file


@dataclass
class Filled:
    """A file and what fill makes of it: the text read, the text to write and the figures changed."""

    file: str
    text: str
    new_text: str
    changes: list[Change]
    document: Document
    budget: Budget
    bom: bool
    newline: str


def fill_file(path: Path, layout_folders: tuple[Path, ...] = ()) -> Filled:
    """Work out the filled text of one budget file (nothing is written). Raises FillError."""
    file = str(path)
    result = load_file(path, file)
    if result.document is None or result.problems:
        language = current_language()
        problems = "\n".join(visible(f"  {file}:{p.line}:{p.column}: {p.rule} {in_language(p.message, language)}",
                                     keep="") for p in result.problems[:5])
        raise FillError(tr("cli.fill.unreadable", file=file, problems=problems))
    document = result.document
    name = layout_name(document.data) or DEFAULT_LAYOUT
    try:
        layout = load_layout(name, layout_folders)
    except LayoutError as error:
        raise FillError(tr("cli.fill.layout", file=file, name=name, error=error.message)) from None
    from .schema_check import check_schema  # the validator is loaded only where it is needed

    budget = Budget(document, layout_folders=layout_folders)
    # A derived figure left empty (`total:`, `total: null`) is one for fill to write, not a fault.
    targets = {derivation.target for derivation in derivations(budget)}
    schema_problems = [(rule_id, problem, at_key) for rule_id, problem, at_key
                       in check_schema(document.data, (layout.name, layout_folders))
                       if not (problem.path in targets and value_at(document.data, problem.path) is None)]
    if schema_problems:
        lines = []
        language = current_language()
        for rule_id, problem, _ in schema_problems[:5]:
            line, column = document.locate(problem.path)
            lines.append(visible(f"  {file}:{line}:{column}: {rule_id} {in_language(problem.message, language)}",
                                 keep=""))
        more = say("cli.fill.more", count=len(schema_problems) - 5) if len(schema_problems) > 5 else ""
        raise FillError(tr("cli.fill.schema", file=file, lines="\n".join(lines), more=more))
    changes = plan(budget)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FillError(tr("cli.cannot_read", path=file, error=error.strerror or error)) from None
    bom = raw.startswith(UTF8_BOM)
    if raw.removeprefix(UTF8_BOM).decode("utf-8", "replace") != document.text:
        raise FillError(tr("cli.fill.changed", file=file))
    newline = "\r\n" if "\r\n" in document.text else "\n"
    if not changes:
        return Filled(file, document.text, document.text, changes, document, budget, bom, newline)
    new_text = write_by_position(document.text, changes, budget)
    if new_text is None:  # the round trip, for what cannot be written by position
        if newline == "\r\n" and document.text.count("\r\n") != document.text.count("\n"):
            raise FillError(tr("cli.fill.line_endings", file=file))
        yaml, tree = round_trip(document.text.replace("\r\n", "\n"), file)
        apply(tree, changes, budget)
        new_text = _dump(yaml, tree).replace("\n", newline)
    check = load_text(new_text, file)
    if check.problems or check.document is None or check.document.data != expected_data(document.data, changes):
        raise FillError(tr("cli.fill.read_back", file=file))
    return Filled(file, document.text, new_text, changes, document, budget, bom, newline)


def write_atomically(path: Path, text: str, bom: bool) -> None:
    """Replace the file whole: a new file beside it, renamed over it (a reader never sees half a file).
    A symbolic link is followed: the file it leads to is replaced, the link stays."""
    target = path.resolve()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.fill.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        try:
            with open(descriptor, "wb") as stream:
                stream.write((UTF8_BOM if bom else b"") + text.encode("utf-8"))
            shutil.copymode(target, temporary)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise FillError(tr("cli.cannot_write", path=path, error=error.strerror or error)) from None


def summary_lines(filled: Filled) -> list[str]:
    """`file:line:col: 预算03表 合计 基本支出 小计 (tables.expenditure.totals.basic) 1137.90 → 1137.99`."""
    lines = []
    for change in filled.changes:
        line, column = filled.document.locate(change.path)
        old = tr("cli.fill.blank") if change.old is None else format(change.old, "f")  # as the file writes it
        what = f"{figure_label(filled.budget, change.path)} ({format_path(change.path)})"
        lines.append((line, column, f"{filled.file}:{line}:{column}: {what} {old} → {format(change.new, 'f')}"))
    return [text for _, _, text in sorted(lines, key=lambda entry: entry[:2])]


def unified_diff(filled: Filled) -> str:
    return "".join(difflib.unified_diff(filled.text.splitlines(keepends=True),
                                        filled.new_text.splitlines(keepends=True),
                                        fromfile=filled.file, tofile=filled.file))


# ---------------------------------------------------------------- the command


@click.command("fill", cls=BudgetlintCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--diff", "show_diff", is_flag=True, help="Print the change as a unified diff; write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit with 1 when a figure would change (for CI).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="budgetlint.toml or pyproject.toml to use [default: nearest one].")
def fill_command(files: tuple[Path, ...], show_diff: bool, check_only: bool, config_path: Path | None) -> None:
    """Write every total and subtotal the layout derives from its parts (合计, unit and 类/款 rows, the
    columns of a row that add up, closing lines), in place, keeping comments and layout.

    A blank derived figure is written, a wrong one replaced and reported, a right one left as it is;
    figures that are not derived are never changed. Each changed figure is printed as
    `file:line:col: figure (path) old → new`. Exit code 0 (written, or nothing to change); with
    --check 1 when something would change; 2 for a file that cannot be read, fails its schema or whose
    sums are ambiguous (such a file is never written).
    """
    try:
        from .lint import RULES_BY_ID

        config = load_config(config_path or find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    code = EXIT_CLEAN
    for path in files:
        try:
            filled = fill_file(path, tuple(config.layout_folders))
            if show_diff:
                emit(unified_diff(filled), nl=False)
            if filled.changes and not (show_diff or check_only):
                write_atomically(path, filled.new_text, filled.bom)
        except FillError as error:
            click.echo(visible(f"budgetlint fill: {error}", keep="\n"), err=True)
            code = EXIT_USAGE
            continue
        except Exception as error:  # noqa: BLE001 - a bug must not end in a traceback; the file is not written
            click.echo(visible("budgetlint fill: " + tr("cli.fill.internal", path=path,
                                                         error=f"{type(error).__name__}: {error}"), keep=""), err=True)
            code = EXIT_USAGE
            continue
        if not show_diff:
            for line in summary_lines(filled):
                emit(line)
            count = len(filled.changes)
            key = "cli.fill.all_right" if not count else "cli.fill.would_change" if check_only else "cli.fill.written"
            emit(tr(key, file=filled.file, count=count, s="" if count == 1 else "s"))
        if check_only and filled.changes and code == EXIT_CLEAN:
            code = EXIT_FINDINGS
    sys.exit(code)
