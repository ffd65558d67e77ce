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


STAGES = ["errors", "paths", "codebook", "regions", "cleaning", "provenance", "models", "fonts", "charts", "reports",
          "extract", "release", "cli"]


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
