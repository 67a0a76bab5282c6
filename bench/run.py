"""Benchmark: `budgetlint check` against `check-jsonschema` on N generated budgets, side by side.

    python bench/run.py --files 1000

Generates N realistic, clean budgets from budgets/151-xigong-jiedao/2023.yaml into a temporary
folder (and N more, to show that memory does not grow with N), then measures, in one run:

- `budgetlint check` (all rules, default --jobs) on the N files, and on 2N files;
- the same with every rule but the reading and schema checks disabled (like for like);
- `check-jsonschema --schemafile schema/budget.schema.json` on the same N files (schema only);
- `budgetlint check` on one file, start-up included (best of 5);
- the peak resident memory of each command (the largest process of its tree: `ru_maxrss` from
  `wait4`, which includes waited-for workers), and its CPU time;
- with `--stages`, the time of each step of `check_file` in one process, and the costliest rules.

Every command runs as a fresh subprocess, as CI and pre-commit run it. This is a script, not a
timed test: timings depend on the machine, so they are printed with the machine's facts.

How the budgets are varied so that each stays valid and clean: every amount of a file is multiplied
by one whole number k from 1 to 999 (so every sum, subtotal and cross-table identity still holds
exactly, and files seldom share amounts: a loader that remembers values it has read would otherwise
look faster than it is on real departments), the amounts quoted in its narrative are multiplied by
the same k, and the department code, unit code, district, street name and project codes are
replaced consistently in every table.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "budgets" / "151-xigong-jiedao" / "2023.yaml"
SCHEMA = ROOT / "schema" / "budget.schema.json"

# Districts of 洛阳市 (行政区划代码, name). A district's code is also the prefix of its project codes.
DISTRICTS = [
    ("410302", "老城区"), ("410303", "西工区"), ("410304", "瀍河回族区"), ("410305", "涧西区"),
    ("410307", "偃师区"), ("410308", "孟津区"), ("410311", "洛龙区"),
]
STREETS = ["西工", "王城路", "金谷园", "道南路", "邙山", "唐宫路", "汉屯路", "凯旋东路", "洛北", "红山",
           "东关", "西关", "南关", "北大街", "邙岭路", "中州路", "长安路", "重庆路", "天津路", "武汉路",
           "湖北路", "工农", "瀍西", "史家屯", "李楼", "开元路", "太康东路", "关林", "安乐", "龙门"]

# A plain amount after `key: ` (block or flow mapping), not a text such as `value: 3.32万元/人`.
_AMOUNT = re.compile(r"(?<=: )(\d+\.\d{2})(?=[,}\s]|$)", re.MULTILINE)
# An amount quoted in narrative or target text, e.g. `1909.07万元`, `≤1.2万元`.
_QUOTED_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(\s*万元)")
_PROJECT_CODE = re.compile(r'"410303(2[23]0000000)(\d{6})"')


@dataclass
class Variant:
    index: int
    code: str  # 3-digit department code
    district_code: str
    district: str
    street: str
    factor: int  # every amount of the file is multiplied by this

    @property
    def name(self) -> str:
        return f"洛阳市{self.district}{self.street}街道办事处"


def variant(index: int, rng: random.Random) -> Variant:
    district_code, district = DISTRICTS[index % len(DISTRICTS)]
    return Variant(index, f"{100 + index % 900:03d}", district_code, district,
                   STREETS[(index // len(DISTRICTS)) % len(STREETS)], rng.randint(1, 999))


def _scale(number: str, factor: int) -> str:
    value = Decimal(number) * factor  # exact: the exponent of the text is kept (3.00 × 7 = 21.00)
    return f"{value:f}"


def render(seed: str, v: Variant) -> str:
    text = _AMOUNT.sub(lambda m: _scale(m.group(1), v.factor), seed)
    text = _QUOTED_AMOUNT.sub(lambda m: _scale(m.group(1), v.factor) + m.group(2), text)
    # Project codes: region prefix of the district, serials shifted by a per-file offset (mod 10^6 keeps
    # them distinct within the file, and the same code maps the same way in every table).
    offset = v.index * 7919
    text = _PROJECT_CODE.sub(
        lambda m: f'"{v.district_code}{m.group(1)}{(int(m.group(2)) + offset) % 1_000_000:06d}"', text)
    text = text.replace("洛阳市西工区西工街道办事处", v.name)
    text = text.replace("洛阳市西工区", f"洛阳市{v.district}")
    text = text.replace('"410303"', f'"{v.district_code}"')
    text = text.replace('"151001"', f'"{v.code}001"').replace('"151"', f'"{v.code}"')
    return text


def generate(folder: Path, start: int, count: int, seed_text: str, rng: random.Random) -> list[Path]:
    """`count` budgets, one department folder each, as a finance bureau's repository keeps them."""
    files = []
    for index in range(start, start + count):
        v = variant(index, rng)
        path = folder / f"{v.code}-dept{index:05d}" / "2023.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(seed_text, v), encoding="utf-8")
        files.append(path)
    return files


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the command and the workers it waited for
    max_rss_mib: float
    returncode: int
    output: str


def run(command: list[str], cwd: Path) -> Run:
    """Run a command; wall time and the peak RSS of its largest process (wait4 of this child only)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, output)


def best_of(times: int, command: list[str], cwd: Path) -> Run:
    runs = [run(command, cwd) for _ in range(times)]
    return min(runs, key=lambda r: r.seconds)


def stages(files: list[Path]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """In one process: milliseconds per file of each step of `check_file`, and of the costliest rules."""
    from budgetlint.lint import check_file
    from budgetlint.loader import load_file
    from budgetlint.model import Budget
    from budgetlint.rules import ALL_RULES
    from budgetlint.schema_check import check_schema

    check_file(files[0])  # first use: code lists, templates, the compiled schema

    def per_file(seconds: float) -> str:
        return f"{1000 * seconds / len(files):.2f}"

    start = time.perf_counter()
    documents = [load_file(path).document for path in files]
    loading = time.perf_counter() - start
    start = time.perf_counter()
    for document in documents:
        check_schema(document.data)
    schema = time.perf_counter() - start
    rule_seconds = dict.fromkeys(ALL_RULES, 0.0)
    for document in documents:
        budget = Budget(document)
        for rule in ALL_RULES:
            start = time.perf_counter()
            for _ in rule(budget):
                pass
            rule_seconds[rule] += time.perf_counter() - start
    start = time.perf_counter()
    for document in documents:
        document.positions  # noqa: B018 - the second reading that files with findings need
    positions = time.perf_counter() - start
    start = time.perf_counter()
    for path in files:
        check_file(path)
    whole = time.perf_counter() - start
    steps = [
        ("read + parse + build data (load_file)", per_file(loading)),
        ("schema (compiled check; jsonschema only for invalid files)", per_file(schema)),
        (f"rules, all {len(ALL_RULES)}", per_file(sum(rule_seconds.values()))),
        ("check_file in all (waivers, findings included)", per_file(whole)),
        ("positions, only for files with findings left after waivers", per_file(positions)),
    ]
    costliest = sorted(rule_seconds.items(), key=lambda item: -item[1])[:10]
    return steps, [(f"{rule.id} {rule.name}", per_file(seconds)) for rule, seconds in costliest]


def machine() -> list[tuple[str, str]]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("budgetlint", "PyYAML", "jsonschema", "check-jsonschema"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} ?")
    return [
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU", model),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("packages", ", ".join(versions)),
    ]


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if number == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="N, the number of budgets (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each many-file command; best kept")
    parser.add_argument("--single", type=int, default=5, help="runs of the one-file command; best kept")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", action="store_true", help="keep the generated files and print where")
    parser.add_argument("--skip-jsonschema", action="store_true", help="do not run check-jsonschema")
    parser.add_argument("--stages", action="store_true", help="also time each step of check_file in-process")
    args = parser.parse_args(argv)

    # The code of this checkout (not whatever an installed `budgetlint` points at), here and in the
    # commands, which start as a console script would start it.
    sys.path.insert(0, str(ROOT))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    budgetlint = [sys.executable, "-m", "budgetlint.cli", "check"]
    check_jsonschema = [shutil.which("check-jsonschema") or "check-jsonschema", "--schemafile", str(SCHEMA)]

    folder = Path(tempfile.mkdtemp(prefix="budgetlint-bench-"))
    try:
        rng = random.Random(args.seed)
        seed_text = SEED_FILE.read_text(encoding="utf-8")
        started = time.perf_counter()
        first = generate(folder / "set1", 0, args.files, seed_text, rng)
        generate(folder / "set2", args.files, args.files, seed_text, rng)
        size = sum(p.stat().st_size for p in first)
        print(f"generated {2 * args.files} budgets in {time.perf_counter() - started:.1f} s "
              f"({size / args.files / 1024:.0f} KiB, {seed_text.count(chr(10))} lines each) under {folder}")

        # Python's bytecode, as `pip install` writes it for an installed package (check-jsonschema's
        # is): where PYTHONDONTWRITEBYTECODE is set, as on the measuring machine, running the code
        # would not write it, and every command would compile budgetlint's modules again (~50 ms).
        compileall.compile_dir(str(ROOT / "budgetlint"), quiet=1)
        # Warm the file cache so no command pays for the first read.
        run(budgetlint + ["set1"], folder)

        # Like for like with check-jsonschema: reading and the schema only, every rule disabled.
        only_schema = folder / "schema-only"
        only_schema.mkdir()
        from budgetlint.rule import why_not_waivable
        from budgetlint.rules import ALL_RULES, CATALOGUE

        # Every rule but the reading (Y) and schema (S) checks and T101 (which the configuration may not
        # disable: a file without its tables must never pass), waiver checks included: with the rules
        # off, the budgets' waivers would match nothing and each would be reported.
        others = [entry.id for entry in CATALOGUE if not why_not_waivable(entry.id)]
        (only_schema / "budgetlint.toml").write_text(
            "disable = [" + ", ".join(f'"{rule_id}"' for rule_id in others) + "]\n", encoding="utf-8")
        schema_only_run = best_of(args.repeat, budgetlint + [str(folder / "set1")], only_schema)

        n_run = best_of(args.repeat, budgetlint + ["set1"], folder)
        two_n_run = best_of(args.repeat, budgetlint + ["set1", "set2"], folder)
        one_run = best_of(args.single, budgetlint + [str(SEED_FILE)], ROOT)
        for name, result in (("N", n_run), ("2N", two_n_run), ("one file", one_run)):
            last = result.output.strip().splitlines()[-1:] or [""]
            if result.returncode != 0:
                print(f"budgetlint {name}: exit {result.returncode}; generated budgets must be clean:\n"
                      + result.output[-3000:])
                return 1
            print(f"budgetlint {name}: {last[0]}")

        rule_count = len(ALL_RULES)
        rows = [("command", "files", "wall s", "wall ms / file", "CPU s", "peak RSS MiB", "exit")]

        def add(label: str, files: int, result: Run) -> None:
            rows.append((label, str(files), f"{result.seconds:.2f}", f"{1000 * result.seconds / files:.2f}",
                         f"{result.cpu_seconds:.2f}", f"{result.max_rss_mib:.0f}", str(result.returncode)))

        add(f"budgetlint check (all {rule_count} rules)", args.files, n_run)
        add(f"budgetlint check (all {rule_count} rules)", 2 * args.files, two_n_run)
        add("budgetlint check, rules disabled (reading + schema)", args.files, schema_only_run)
        add("budgetlint check, one file (start-up incl.)", 1, one_run)
        schema_run = None
        if not args.skip_jsonschema:
            # One run: it is the slow side, and its time varies far less than its size.
            schema_run = run(check_jsonschema + [str(p) for p in first], folder)
            add("check-jsonschema (schema only)", args.files, schema_run)
            schema_one = best_of(args.single, check_jsonschema + [str(SEED_FILE)], ROOT)
            add("check-jsonschema, one file", 1, schema_one)

        print()
        print(table(rows))
        print()
        if schema_run is not None:
            ratio = schema_run.seconds / n_run.seconds
            print(f"budgetlint is {ratio:.1f}x faster than check-jsonschema on {args.files} files "
                  f"(target: at least 10x) — {'met' if ratio >= 10 else 'NOT met'}")
            print(f"  reading + schema only (like for like): {schema_run.seconds / schema_only_run.seconds:.1f}x")
            if schema_run.returncode != 0:
                print("  check-jsonschema found problems in the generated budgets:\n"
                      + "\n".join(schema_run.output.strip().splitlines()[-5:]))
        print(f"one file: {one_run.seconds:.3f} s (target: at most 0.4 s) — "
              f"{'met' if one_run.seconds <= 0.4 else 'NOT met'}")
        growth = two_n_run.max_rss_mib / n_run.max_rss_mib
        print(f"peak RSS for 2N / N: {growth:.2f} (flat in N when close to 1.00)")
        print()
        if args.stages:
            steps, costliest = stages(first[: min(len(first), 200)])
            print(table([("step, in one process", "ms / file")] + steps))
            print()
            print(table([("costliest rules", "ms / file")] + costliest))
            print()
        print(table([("machine", "")] + machine()))
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
