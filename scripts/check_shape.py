"""The shape of the code in include/ and dags/, run by `make lint` (issue 29): no function over
80 lines (its `def` to its last line) or 8 parameters, and `# fmt: skip` only where a table of
data needs it. Today's exceptions are listed below; the lists are a ratchet: they may only
shrink. The check fails on a new offender, and on a listed one that has been fixed (or is
gone) but is still listed, so each fix is recorded by deleting its line.

    python scripts/check_shape.py [ROOT]     # exit 1 and one line per problem
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_LINES = 80
MAX_PARAMS = 8  # self and cls not counted; *args and **kwargs count one each

# Functions over a limit today, by "file:qualified name". Fix one, delete its line.
TOO_BIG = {
    # issue 29 item 1/2: the helpers reshaping backup/, restore/ and cli/ are on these now
    "include/airvault/restore/apply.py:apply_backup",  # 122 lines, 15 parameters
    # the rest
    "include/airvault/archive/run.py:run_archive",  # 97 lines
    "include/airvault/capture/drain.py:drain",  # 102 lines
    "include/airvault/demo/database.py:_fill_crm",  # 126 lines: one upsert per demo table
    "include/airvault/exchange/exports.py:build_query",  # 81 lines
    "include/airvault/exchange/imports.py:run_import",  # 83 lines
    "include/airvault/exchange/imports.py:_load",  # 9 parameters
    "include/airvault/exchange/imports.py:_conversions",  # 108 lines
    "include/airvault/exchange/imports.py:_apply",  # 81 lines
}

# Where a parameter list is the interface: an operator's __init__ takes each templated field as
# an explicit keyword argument (Airflow renders only those), so it is as long as its fields.
PARAMS_EXEMPT_FOLDER = "include/airvault/airflow/operators/"

# `# fmt: skip` per file. Tables of data keep theirs; the rest is code the formatter lays out.
FMT_SKIPS = {
    # tables: the demo's word lists and, per table, its columns and the SELECT of its rows
    "include/airvault/demo/database.py": 29,
    # table: each migration tool, the table it keeps and the SELECT of its head
    "include/airvault/pg/app_version.py": 1,
    # tables: each DAG's Params, one row per field
    "include/airvault/airflow/dags/backup.py": 1,
    "include/airvault/airflow/dags/capture.py": 1,
    "include/airvault/airflow/dags/exports.py": 1,
    "include/airvault/airflow/dags/imports.py": 1,
    "include/airvault/airflow/dags/restore.py": 1,
    # code, not tables: left while other helpers rewrite these files (issue 29), then to go
    # (delete the markers, `make format`, lower or delete the line)
}

FOLDERS = ("include", "dags")


@dataclass(frozen=True)
class Function:
    where: str  # file:qualified name
    lines: int
    params: int

    def problems(self) -> list[str]:
        found = []
        if self.lines > MAX_LINES:
            found.append(f"{self.lines} lines (at most {MAX_LINES})")
        if self.params > MAX_PARAMS and not self.where.startswith(PARAMS_EXEMPT_FOLDER):
            found.append(f"{self.params} parameters (at most {MAX_PARAMS})")
        return found


def functions(root: Path) -> Iterator[Function]:
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            yield from _walk(ast.parse(path.read_text(), rel), rel, "")


def _walk(node: ast.AST, rel: str, prefix: str) -> Iterator[Function]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            args = child.args
            named = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            params = sum(a.arg not in ("self", "cls") for a in named)
            params += (args.vararg is not None) + (args.kwarg is not None)
            lines = (child.end_lineno or child.lineno) - child.lineno + 1
            yield Function(f"{rel}:{name}", lines, params)
            yield from _walk(child, rel, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _walk(child, rel, prefix + child.name + ".")
        else:
            yield from _walk(child, rel, prefix)


def fmt_skips(root: Path) -> dict[str, int]:
    counts = {}
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            n = sum(line.rstrip().endswith("# fmt: skip") for line in path.open())
            if n:
                counts[path.relative_to(root).as_posix()] = n
    return counts


def check(
    root: Path, too_big: set[str] | None = None, skips: dict[str, int] | None = None
) -> list[str]:
    """One line per problem; none when the code keeps its shape."""
    too_big = TOO_BIG if too_big is None else too_big
    skips = FMT_SKIPS if skips is None else skips
    problems = []
    offenders = set()
    for f in functions(root):
        if found := f.problems():
            offenders.add(f.where)
            if f.where not in too_big:
                problems.append(f"{f.where}: {' and '.join(found)}; split it up")
    for where in sorted(too_big - offenders):
        problems.append(f"{where}: within the limits now (or gone): delete it from TOO_BIG")
    counted = fmt_skips(root)
    for rel in sorted(set(counted) | set(skips)):
        have, allowed = counted.get(rel, 0), skips.get(rel, 0)
        if have > allowed:
            problems.append(
                f"{rel}: {have} '# fmt: skip' ({allowed} allowed): only a table of data may "
                "opt out of the formatter; let `make format` lay out code"
            )
        elif have < allowed:
            problems.append(f"{rel}: {have} '# fmt: skip' now: lower FMT_SKIPS to {have}")
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    problems = check(root)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
