"""Shared fixtures. Tests that need the source documents fail (not skip) under CI when they are missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from swtoolkit.paths import project_root, seeds_dir

SEED_FILES = {
    "S000": "000_71891119a31c8aa9.txt",
    "S001": "001_4ffd5773b4f85cfa.txt",
    "S002": "002_5d922b407cec8618.txt",
    "S003": "003_523556141fbef295.txt",
    "S004": "004_1851548c6b826aa2.txt",
}


def require_seeds() -> Path:
    """The seeds folder; under CI (CI=true) its absence is a failure, elsewhere a skip."""
    folder = seeds_dir()
    if all((folder / name).exists() for name in SEED_FILES.values()):
        return folder
    message = f"source documents not found in {folder} (set SWTOOLKIT_SEEDS or put ../shared/seeds beside the checkout)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds() -> Path:
    return require_seeds()


@pytest.fixture(scope="session")
def joined_texts(seeds: Path) -> dict[str, str]:
    """Each seed's text with line breaks removed: locators are offsets into this."""
    return {sid: (seeds / name).read_text(encoding="utf-8").replace("\n", "") for sid, name in SEED_FILES.items()}


@pytest.fixture(scope="session")
def root() -> Path:
    return project_root()
