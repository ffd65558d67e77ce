"""environment.yml (conda) and pyproject.toml (pip) list the same dependencies; stages import only earlier ones."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import yaml


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_and_pyproject_list_the_same_packages(root: Path):
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_side = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    conda_side = {}
    for item in env["dependencies"]:
        entries = item["pip"] if isinstance(item, dict) else [item]
        for entry in entries:
            if entry.startswith("-e") or _name(entry) in ("python", "pip"):
                continue
            conda_side[_name(entry)] = entry
    assert set(pip_side) == set(conda_side)
    for name, requirement in pip_side.items():  # the same version bounds on both sides
        assert requirement.replace(" ", "") == conda_side[name].replace(" ", ""), name


STAGES = ["errors", "paths", "script", "codebook", "regions", "cleaning", "provenance", "models", "fonts", "charts",
          "reports", "extract", "release", "cli"]


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def test_no_stage_imports_a_later_one(root: Path):
    order = {name: i for i, name in enumerate(STAGES)}
    problems = []
    for path in (root / "swtoolkit").rglob("*.py"):
        rel = path.relative_to(root).with_suffix("")
        parts = rel.parts
        if len(parts) < 2 or parts[1] in ("__init__", "__main__"):
            continue
        own = parts[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("swtoolkit."):
                target = node.module.split(".")[1]
                if target in order and own in order and order[target] > order[own]:
                    problems.append(f"{rel} imports {node.module}")
    assert not problems, problems


def _locked(root: Path) -> dict[str, list[tuple[str, str, int]]]:
    """requirements.lock: package → [(version, environment marker, number of hashes)]."""
    text = (root / "requirements.lock").read_text(encoding="utf-8")
    locked: dict[str, list[tuple[str, str, int]]] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = entry.splitlines()[0] if entry.strip() else ""
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+))?", first)
        if match:
            locked.setdefault(_name(match[1]), []).append((match[2], (match[3] or "").strip(),
                                                           entry.count("--hash=sha256:")))
    return locked


def test_the_lock_pins_every_dependency_within_its_range_with_hashes(root: Path):
    from packaging.markers import Marker
    from packaging.requirements import Requirement

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = _locked(root)
    assert len(locked) > 100
    for requirement in map(Requirement, project["dependencies"] + project["optional-dependencies"]["test"]):
        name = _name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock"
        for python in ("3.11.2", "3.11.9", "3.12.3", "3.13.1"):
            env = {"python_full_version": python, "python_version": python.rsplit(".", 1)[0],
                   "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                   "platform_python_implementation": "CPython", "implementation_name": "cpython",
                   "platform_machine": "x86_64"}
            chosen = [v for v, marker, _ in locked[name] if not marker or Marker(marker).evaluate(env)]
            assert len(chosen) == 1, (name, python, chosen)
            assert requirement.specifier.contains(chosen[0], prereleases=True), (name, chosen[0])
    assert all(hashes for entries in locked.values() for _, _, hashes in entries)


def test_setup_installs_the_lock_then_the_package_without_dependencies(root: Path):
    script = (root / "scripts" / "setup.sh").read_text(encoding="utf-8")
    lock = script.index("pip install --quiet --require-hashes -r requirements.lock")
    assert script.index("pip install --quiet --no-deps -e .") > lock
    assert script.index('if [[ -z "${SWTOOLKIT_UNPINNED:-}" ]]') < lock


def test_setup_tells_a_user_without_root_the_command_to_run_as_root(root: Path, tmp_path: Path):
    """A bare Debian has no sudo: the message is the root command, with --no-install-recommends as the script uses."""
    import os
    import subprocess

    script = (root / "scripts" / "setup.sh").read_text(encoding="utf-8")
    functions = script[script.index("SYSTEM_PACKAGES=("):script.index("PY=$(find_python)")]
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name, body in (("id", "echo 1000"), ("dpkg-query", "exit 1"), ("sudo", "exit 1"),
                       ("apt-get", "echo apt-get must not run; exit 9")):
        (stubs / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (stubs / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}:/usr/bin:/bin"}
    done = subprocess.run(["bash", "-c", functions + "\ninstall_system_packages"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert "as root: apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk" in done.stdout
    assert "sudo apt-get" not in done.stdout and "must not run" not in done.stdout


def test_readme_says_how_to_run_commands_and_jupyter_as_root(root: Path):
    readme = (root / "README.md").read_text(encoding="utf-8")
    for needed in (".venv/bin/swtoolkit", "source .venv/bin/activate", ".venv/bin/jupyter lab notebooks/",
                   ".venv/bin/jupyter lab --allow-root notebooks/", "requirements.lock",
                   "pip install -r requirements.lock", "pip install --no-deps -e ."):
        assert needed in readme, needed
