"""Shared fixtures. Tests that need the source documents fail (not skip) under CI when they are missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from swtoolkit.paths import project_root, seeds_dir

# Tests that point SWTOOLKIT_ROOT at a project copy in a temporary folder still find the source documents.
os.environ.setdefault("SWTOOLKIT_SEEDS", str(seeds_dir()))

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


@pytest.fixture
def process_marker(monkeypatch):
    """Mark every process started from now on (an environment variable they inherit); returns `left_running`,
    which lists the marked processes still running after giving them up to `patience` seconds to exit (a kernel
    that dies with its worker takes a moment to go). Linux only (/proc)."""
    import time
    import uuid

    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find left-over processes")
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # multiprocessing's helper lives as long as this process: started unmarked
    token = uuid.uuid4().hex
    monkeypatch.setenv("SWTOOLKIT_TEST_PROCESS_MARK", token)
    needle = f"SWTOOLKIT_TEST_PROCESS_MARK={token}".encode()

    def running() -> list[str]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                environ = (entry / "environ").read_bytes()  # empty for a zombie: it is not running
            except OSError:
                continue
            if needle in environ.split(b"\0"):
                try:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    command = ""
                found.append(f"{entry.name} {command}".strip())
        return found

    def left_running(patience: float = 30.0) -> list[str]:
        deadline = time.monotonic() + patience
        while (left := running()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return left

    return left_running


@pytest.fixture
def fake_build(monkeypatch) -> list[list[str]]:
    """build_all with the model fit and the worker pool replaced; the list records the regions each build went on
    to render."""
    from swtoolkit.reports import batch

    calls = []

    def fake_run(todo, formats, out, jobs, cell_timeout, report_timeout, **kwargs):
        calls.append([code for code, _ in todo])
        for code, key in todo:
            yield code, key, {"status": "ok", "outputs": {}, "seconds": 0.0}

    monkeypatch.setattr(batch, "write_model_results", lambda figures, out: None)
    monkeypatch.setattr(batch, "_run", fake_run)
    return calls
