"""Teaching notebooks: stored without outputs, thin and portable, and each one runs top to bottom under papermill
(their last cell asserts facts about the real data, so a library change that breaks them fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from swtoolkit.paths import project_root

TEACHING = project_root() / "notebooks" / "teaching"  # not notebooks_dir(): SWTOOLKIT_NOTEBOOKS may point elsewhere
NOTEBOOKS = sorted(TEACHING.glob("*.ipynb"))
EXPECTED = ["01_raw_to_clean.ipynb", "02_growth_models.ipynb", "03_gaps_targets_norms.ipynb",
            "04_reproduce_a_report.ipynb", "05_national_series.ipynb"]
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{12,}")  # long enough to be a sentence, not a name or a term


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_the_teaching_notebooks_are_there():
    assert set(EXPECTED) <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path: Path):
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_portable_and_thin(path: Path):
    code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    assert not re.search(r"""["'](/|[A-Za-z]:\\)\w""", code), "absolute path: use swtoolkit.paths"
    assert not re.search(r"^\s*def ", code, re.M), "logic belongs in the library, not in a teaching notebook"
    assert "Answer check" in code, "the exercises end with an answer check cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_sentences_copied_from_the_sources(path: Path, joined_texts: dict[str, str]):
    sources = "".join(re.sub(r"\s+", "", text) for text in joined_texts.values())
    text = "\n".join(c.source for c in _read(path).cells)
    copied = [run for run in CJK_RUN.findall(text) if run in sources]
    assert not copied, copied


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs_top_to_bottom(path: Path, tmp_path: Path):
    import papermill

    # cwd is a scratch folder: a notebook that relies on the current directory fails here
    papermill.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3", cwd=str(tmp_path),
                               progress_bar=False, log_output=False)
    executed = _read(tmp_path / path.name)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert "all answers check out" in str(executed.cells[-1].outputs)
