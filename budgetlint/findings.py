"""Findings: what every check produces, and the exit codes derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import EN, ZH, Message, in_language, say

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

# Exit codes, named once (the same convention as sqlfluff and pre-commit hooks).
EXIT_CLEAN = 0  # no finding at error severity (warnings allowed)
EXIT_FINDINGS = 1  # at least one error-severity finding
EXIT_USAGE = 2  # usage or configuration error: unknown option, missing path, bad config

# A document path: keys and list indices from the root of the YAML document to one node.
DocPath = tuple[str | int, ...]
# A place in the same file as a finding: (line, column, document path as text).
Location = tuple[int, int, str]
# At most this many places of the other side per finding: a total against 40 rows names the first
# few, not 40 (a reader who needs all of them opens the table there).
MAX_RELATED = 5


def format_path(path: DocPath) -> str:
    """`('tables', 'summary', 'expenditure', 3, 'amount')` → `tables.summary.expenditure[3].amount`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def parse_path(text: str) -> DocPath:
    """The inverse of `format_path`, for waivers written by hand. Raises ValueError for text that is
    not a path (`tables[x]`, `rows[3`)."""
    parts: list[str | int] = []
    for dotted in text.strip().split("."):
        name, _, rest = dotted.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, closed, rest = rest.partition("]")
            if not closed or not index.isdigit():
                raise ValueError(say("W004.not_a_path", text=text, index=index))
            parts.append(int(index))
            rest = rest.lstrip("[")
    return tuple(parts)


@dataclass(frozen=True)
class Problem:
    """What a rule yields: a message about the node at `path` (the core adds file, line, column).

    `related` names the other side of a comparison (another table's cell, the rows a total should
    add up to), most useful first and at most MAX_RELATED, for reporters that show more than one place.
    """

    path: DocPath
    message: str
    related: tuple[DocPath, ...] = ()
    # For a finding inside a long text (a narrative sentence): a snippet of the text where the
    # problem is, so the core can point at its own line and column rather than the text's first line.
    anchor: str = ""


@dataclass(frozen=True, order=True)
class Finding:
    """One finding, sortable by place in the file, then rule."""

    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    path: str = field(default="", compare=False)
    rule_name: str = field(default="", compare=False)
    # The other side of a comparison, in the same file; not part of sorting or identity.
    related: tuple[Location, ...] = field(default=(), compare=False)

    def as_dict(self, language: str = EN) -> dict[str, object]:
        """The finding for JSON: `message` in `language`, and `messages` in every language it has."""
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.rule_name,
            "severity": self.severity,
            "message": in_language(self.message, language),
            "path": self.path,
        }
        if isinstance(self.message, Message):
            out["messages"] = {EN: str(self.message), ZH: self.message.zh}
        if self.related:  # only where there is another side: most findings have none
            out["related"] = [{"line": line, "column": column, "path": path} for line, column, path in self.related]
        return out


def exit_code(findings: list[Finding]) -> int:
    return EXIT_FINDINGS if any(f.severity == ERROR for f in findings) else EXIT_CLEAN
