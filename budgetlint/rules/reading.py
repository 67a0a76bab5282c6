"""Catalogue entries for findings made while reading a file (Y) and while applying waivers (W).

These findings come from the loader and the waiver step rather than from a rule function, but they
have IDs, severities and documentation like every other rule.
"""

from __future__ import annotations

from ..rule import documented

READING_RULES = (
    documented("Y001", "yaml-syntax", "error", """
        The file is not valid YAML (a missing colon, a bad indent, a tab used for indentation).

        Why: nothing in a file that does not parse can be checked; the position points at the first
        place the parser could not read. Where the cause is a keyboard slip the message names it and
        its fix: a full-width colon or comma (`：` `，`, "use half-width"), a full-width space, a stray
        space in the indentation ("line 170 is indented by 5 spaces"), no space after a colon, a `{`
        left open.

        Bad::

            tables:
            \tsummary:

        Good::

            tables:
              summary:
    """),
    documented("Y002", "encoding", "error", """
        The file is not UTF-8 (for example GBK, as saved by Excel or WPS on Chinese Windows, or UTF-16).

        Why: budget files are shared through git and rendered to the web; one encoding (UTF-8, with or
        without BOM) keeps every name readable everywhere. budgetlint never re-encodes a file itself.

        Bad: a file saved as "ANSI"/GBK.

        Good: the same file saved as UTF-8 (`iconv -f GB18030 -t UTF-8 old.yaml > new.yaml`).
    """),
    documented("Y003", "duplicate-key", "error", """
        The same key appears twice in one mapping.

        Why: YAML readers silently keep only one of the two values, so one figure would vanish from the
        checks and the publication.

        Bad::

            - {code: "2120101", total: 812.44, total: 812.45}

        Good::

            - {code: "2120101", total: 812.44}
    """),
    documented("Y004", "number-format", "error", """
        A number is written in a form that is easy to misread or is not a figure at all: an exponent
        (`1e3`), `.nan` or `.inf`, digits grouped with `_`, hex or octal, or a negative zero (`-0.00`);
        a thousands separator inside `{…}` (`{total: 1,569.30}`, where the comma ends the entry: the
        message says to write 1569.30, and the figure is checked as meant); a code written as a number
        that lost its leading zero (`code: 0151`) or is too long to be an amount (a 21-digit project
        code): quote it.

        Why: a disclosure prints plain amounts with two decimals; anything else is a typing or export
        error. A negative zero is usually a small negative figure rounded by a spreadsheet, and it would
        be printed as `-0.00`.

        Bad::

            total: 1.90907e3
            gov_fund: -0.00

        Good::

            total: 1909.07
            gov_fund: 0.00
    """),
    documented("Y005", "alias", "error", """
        Anchors, aliases and merge keys (`&a`, `*a`, `<<:`) are not allowed.

        Why: a figure must be written where it belongs so that a reviewer sees it in the diff; and
        nested aliases can make a tiny file expand to gigabytes ("billion laughs").

        Bad::

            totals: &t {total: 3.00}
            units: [{unit: "151", <<: *t}]

        Good::

            totals: {total: 3.00}
            units: [{unit: "151", total: 3.00}]
    """),
    documented("Y006", "not-a-budget", "error", """
        The file is empty, or its top level is a list or a single value instead of a mapping.

        Why: a budget file is one mapping with `fiscal_year:`, `department:`, `tables:` … at the left
        margin.

        Bad::

            - 1909.07

        Good::

            budgetlint: 1
            fiscal_year: 2023
    """),
    documented("Y007", "unreadable-file", "error", """
        The file cannot be read: permission denied, a broken or looping symbolic link, larger than
        24 MiB, or holding more than 500,000 values.

        Why: a file the linter cannot read is a file nobody checked. The size limits are far above any
        budget (a real one is about 60 KB with 2,000 values) and keep the memory of checking, rendering
        or comparing one file under 1 GB (docs/performance.md).

        Bad: `budgets/151/2023.yaml -> 2023.yaml` (a link to itself).

        Good: a regular, readable file.
    """),
)

INTERNAL_ERROR = documented("X001", "internal-error", "error", """
    A rule failed with an unexpected error on this file; the other rules still ran.

    Why: a crash must never hide findings or show a traceback to a clerk; this finding says which
    rule to report, so the file is not silently passed.

    Bad: (a bug in budgetlint, not in the file)

    Good: no X001 finding.
""")

WAIVER_RULES = (
    documented("W001", "waiver-without-reason", "error", """
        A waiver (in `waivers:` or an inline `# budgetlint: disable=…` comment) gives no reason.

        Why: accepting a known mistake in a public document is a decision someone must be able to
        explain to the auditor; the reason is that explanation.

        Bad::

            waivers:
              - {rule: A304}

        Good::

            waivers:
              - {rule: A304, reason: 04表 as approved by 区财政局; corrected in the next revision}
    """),
    documented("W002", "waiver-unused", "warning", """
        A waiver matches no finding: the mistake it accepted has been fixed, its `at` path is wrong, or
        the finding at its place no longer states the `figures` it records (another fault now: that
        finding is reported).

        Why: stale waivers hide future findings at the same place; remove them, or renew them for the
        finding as it is now.

        Bad: a waiver for A304 at `tables.fiscal_summary.expenditure.rows[6].total` after the row was
        corrected.

        Good: the waiver removed together with the fix.
    """),
    documented("W003", "waiver-expired", "error", """
        A waiver's `expires` date has passed; the finding it accepted is reported again.

        Why: waivers are temporary by design, so that accepted mistakes are fixed in the next revision.

        Bad::

            - {rule: A304, reason: …, expires: 2023-01-31}

        Good: fix the finding, or renew the waiver with a new reason and date.
    """),
    documented("W004", "waiver-path-invalid", "error", """
        A waiver's `at` is not a document path (`tables.expenditure.rows[3].total`): a bracket that holds
        no number, a bracket left open.

        Why: the waiver cannot match any finding; the finding it was meant to accept is reported, and the
        mistake in the waiver is shown where it is written.

        Bad::

            - {rule: A304, at: "tables[x]", reason: …}

        Good::

            - {rule: A304, at: tables.fiscal_summary.expenditure.rows[0].general_budget, reason: …}
    """),
    documented("W005", "waiver-not-allowed", "error", """
        A waiver (in `waivers:` or inline) names a reading rule (Y…), a schema rule (S…) or T101 (a
        required table or part is missing). Those findings cannot be waived: the finding is reported.

        Why: a file that cannot be read as written, does not have the shape of a budget file, or leaves
        out part of the disclosure is not a disclosure anyone can accept; its other checks cannot be
        trusted. Such a file never passes `budgetlint check`.

        Bad::

            - {rule: S001, at: tables.summary.this_year_revenue, reason: the export writes text}

        Good: the value fixed (`this_year_revenue: 1896.05`), and no waiver.
    """),
    documented("W006", "waiver-unbound", "warning", """
        A waiver with `at` does not record which finding it accepts: it has no `figures:`, the amounts,
        codes or names the finding states. The message suggests them, from the finding it waives now.

        Why: a waiver bound only to a rule and a place also hides a different fault that appears there
        later (another gap, another code); with the figures it accepts only the finding that was
        reviewed, and a changed one is reported (with W002 on the waiver).

        Bad::

            - {rule: A304, at: tables.fiscal_summary.expenditure.rows[6].general_budget, reason: …}

        Good::

            - rule: A304
              at: tables.fiscal_summary.expenditure.rows[6].general_budget
              figures: [1.20, 4.22]           # 04表 1.20 ≠ 05表 4.22, as the finding states
              reason: …
    """),
)
