"""What runs apart from what tests: requirements.txt is what the compose image installs (the
Dockerfile) and requirements-dev.txt adds the test and lint tools for `make install`. These
tests read the installed distributions' own metadata, so a runtime dependency that pulls a test
tool in, or an import in the shipped code that only the test tools satisfy, fails here rather
than in a container at 2 a.m."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "requirements.txt"
DEV = ROOT / "requirements-dev.txt"
# The code the image runs: the core, the provider, the DAG files and the plugin.
SHIPPED = [ROOT / "include", ROOT / "dags", ROOT / "plugins"]
TEST_TOOLS = {
    "moto",
    "pytest",
    "hypothesis",
    "playwright",
    "ruff",
    "mypy",
    "pypdf",
    "aiosmtpd",
    "apache-airflow-client",
    "types-pyyaml",
}


def requirements(path: Path) -> list[Requirement]:
    """The requirements of a pip requirements file, following its `-r` includes."""
    found: list[Requirement] = []
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            found += requirements(path.parent / line.split(None, 1)[1])
        else:
            found.append(Requirement(line))
    return found


def closure(roots: list[Requirement]) -> dict[str, set[str]]:
    """Every distribution the requirements install (by canonical name, with the extras asked
    of it), walked through the installed distributions' metadata."""
    seen: dict[str, set[str]] = {}
    todo = [(canonicalize_name(r.name), set(r.extras)) for r in roots]
    while todo:
        name, extras = todo.pop()
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, set()) | extras
        for spec in md.requires(name) or []:
            req = Requirement(spec)
            envs = [{"extra": e} for e in seen[name]] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((canonicalize_name(req.name), set(req.extras)))
    return seen


def project_requirements() -> list[Requirement]:
    """airvault's own `dependencies` (installed editable by `make install`; the image installs
    the project with --no-deps, so requirements.txt must hold them too)."""
    return [Requirement(r) for r in md.requires("airvault") or [] if "extra ==" not in r]


def imported_modules(folders: list[Path]) -> dict[str, str]:
    """Top-level module -> the first file importing it, of every absolute import (also those
    inside functions) in the .py files under `folders`."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_what_runs_holds_no_test_tool():
    runtime = closure(requirements(RUNTIME) + project_requirements())
    assert sorted(TEST_TOOLS & set(runtime)) == [], "the compose image would install these"
    # ...and `make install` still gets every one of them.
    dev = {canonicalize_name(r.name) for r in requirements(DEV)}
    assert sorted(TEST_TOOLS - dev) == []


def test_every_import_of_the_shipped_code_is_satisfied_by_what_runs():
    runtime = set(closure(requirements(RUNTIME)))  # the image: the project itself --no-deps
    owners = md.packages_distributions()
    local = {"airvault"} | {p.stem for p in (ROOT / "plugins").glob("*.py")}
    imports = imported_modules(SHIPPED)
    assert {"psycopg", "airflow", "pydantic"} <= set(imports)  # the walk found the code
    unmet = {
        module: where
        for module, where in imports.items()
        if module not in sys.stdlib_module_names
        and module not in local
        and not {canonicalize_name(d) for d in owners.get(module, [])} & runtime
    }
    assert unmet == {}, "imported, but requirements.txt does not install them (module: file)"


def test_both_sets_are_pinned_by_the_lock():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if match := re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line.strip()):
            pins[canonicalize_name(match.group(1))] = match.group(2)
    installed = closure(requirements(DEV) + project_requirements())
    installed.pop("airvault", None)
    unpinned = sorted(set(installed) - set(pins))
    assert unpinned == [], "installed by `make install` but not pinned in constraints.txt"
    for name in installed:
        assert md.version(name) == pins[name], f"{name}: installed {md.version(name)}"
