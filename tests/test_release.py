"""`swtoolkit release`: written whole, checksummed, byte-identical on a rerun, never overwritten by accident, and
refused when the committed clean data is not what the clean step makes from the raw data."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from swtoolkit import __version__
from swtoolkit.release import (
    FILES,
    ZIP_TIME,
    DataNotReproducedError,
    ReleaseExistsError,
    ReleaseVersionError,
    make_release,
)

VERSION = "9.9.9-test"


def main_release(argv: list[str]) -> int:
    """`swtoolkit release …`: its exit code (one table for every command)."""
    from swtoolkit import cli

    return cli.main(["release", *argv])

NAME = f"swtoolkit-data-{VERSION}"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    return make_release(VERSION, tmp_path_factory.mktemp("dist"), root=root)


@pytest.fixture
def project_copy(tmp_path: Path, root: Path) -> Path:
    """The data of the checkout in a temporary project root (raw without the curation workspace, and clean)."""
    copy = tmp_path / "project"
    shutil.copytree(root / "data" / "raw", copy / "data" / "raw", ignore=shutil.ignore_patterns("_work"))
    shutil.copytree(root / "data" / "clean", copy / "data" / "clean")
    return copy


def test_release_has_every_file(release: Path):
    assert release.name == NAME and release.is_dir()
    assert (release.parent / f"{NAME}.zip").is_file()
    assert set(_tree(release)) == set(FILES) | {"SHA256SUMS"}
    assert [p.name for p in release.parent.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_release_copies_the_committed_data(release: Path, root: Path):
    for name, (source, _) in FILES.items():
        if source is not None:
            assert (release / name).read_bytes() == (root / source).read_bytes(), name


def test_checksums_verify(release: Path):
    lines = (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == set(_tree(release)) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_zip_holds_the_folder_with_fixed_timestamps(release: Path):
    with zipfile.ZipFile(release.parent / f"{NAME}.zip") as zf:
        infos = zf.infolist()
        files = {i.filename[len(NAME) + 1:]: zf.read(i) for i in infos if not i.is_dir()}
    assert all(i.filename.startswith(NAME + "/") for i in infos)
    assert {i.date_time for i in infos} == {ZIP_TIME}
    assert files == _tree(release)


def test_readme_says_what_a_depositor_needs(release: Path):
    text = (release / "README.md").read_text(encoding="utf-8")
    figures_sha = hashlib.sha256((release / "figures.csv").read_bytes()).hexdigest()
    for needed in (VERSION, figures_sha, "CC BY 4.0", "## How to cite", "## Columns of figures.csv", "more_than",
                   "value_low", "## Definition families", "talent_total", "exam_cumulative", "sha256sum -c",
                   "S003"):
        assert needed in text, needed


def test_regions_extract_covers_the_data(release: Path):
    import pandas as pd

    regions = pd.read_csv(release / "regions.csv", dtype=str, keep_default_na=False)
    figures = pd.read_csv(release / "figures.csv", dtype=str, keep_default_na=False)
    assert set(figures["region_code"]) <= set(regions["code"])
    assert set(regions["parent_code"]) - {""} <= set(regions["code"])  # every parent is in the extract
    assert regions["figures"].astype(int).sum() == len(figures)


def test_second_run_into_another_folder_is_byte_identical(release: Path, tmp_path: Path, root: Path):
    again = make_release(VERSION, tmp_path, root=root)
    assert _tree(again) == _tree(release)
    assert (tmp_path / f"{NAME}.zip").read_bytes() == (release.parent / f"{NAME}.zip").read_bytes()


def test_refuses_to_overwrite_unless_forced(tmp_path: Path, root: Path):
    folder = make_release(VERSION, tmp_path, root=root)
    (folder / "figures.csv").write_text("tampered\n", encoding="utf-8")
    with pytest.raises(ReleaseExistsError, match="already exists"):
        make_release(VERSION, tmp_path, root=root)
    assert (folder / "figures.csv").read_text(encoding="utf-8") == "tampered\n"  # untouched
    make_release(VERSION, tmp_path, force=True, root=root)
    assert (folder / "figures.csv").read_bytes() == (root / "data" / "clean" / "figures.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME, f"{NAME}.zip"]


def test_a_leftover_zip_alone_also_blocks(tmp_path: Path, root: Path):
    (tmp_path / f"{NAME}.zip").write_bytes(b"old")
    with pytest.raises(ReleaseExistsError):
        make_release(VERSION, tmp_path, root=root)


def test_refuses_when_clean_data_is_not_reproduced(project_copy: Path, tmp_path: Path):
    clean = project_copy / "data" / "clean" / "figures.csv"
    text = clean.read_text(encoding="utf-8")
    assert ",10855," in text
    clean.write_text(text.replace(",10855,", ",10856,", 1), encoding="utf-8")  # a hand edit of the clean data
    out = tmp_path / "dist"
    with pytest.raises(DataNotReproducedError, match="figures.csv is not what `swtoolkit clean` makes"):
        make_release(VERSION, out, root=project_copy)
    assert not out.exists() or not any(out.iterdir())  # nothing written


def test_refuses_when_raw_data_changed_but_clean_was_not_rerun(project_copy: Path, tmp_path: Path):
    raw = project_copy / "data" / "raw" / "figures.csv"
    text = raw.read_text(encoding="utf-8")
    assert ",10855 人," in text
    raw.write_text(text.replace(",10855 人,", ",10865 人,", 1), encoding="utf-8")  # a new reading, not re-cleaned
    with pytest.raises(DataNotReproducedError):
        make_release(VERSION, tmp_path / "dist", root=project_copy)


def test_cli_through_swtoolkit_root(project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(project_copy))
    assert main_release([]) == 0  # defaults: version from the package, out = <root>/dist
    assert (project_copy / "dist" / f"swtoolkit-data-{__version__}" / "SHA256SUMS").is_file()
    assert main_release([]) == 2  # a parameter problem: the version exists (the one exit-code table)
    assert "use --force" in capsys.readouterr().err
    (project_copy / "data" / "clean" / "checks.csv").write_text("check\n", encoding="utf-8")
    assert main_release(["--version", "0.2.0", "--out", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "checks.csv" in err
    assert not (tmp_path / "o" / "swtoolkit-data-0.2.0").exists()


def test_bad_version_is_refused(tmp_path: Path, root: Path):
    with pytest.raises(ReleaseVersionError):
        make_release("../escape", tmp_path, root=root)
    assert main_release(["--version", "a/b", "--out", str(tmp_path)]) == 2


def test_source_titles_are_escaped_in_the_readme(project_copy: Path, tmp_path: Path):
    import pandas as pd

    hostile = "**Bold** [link](javascript:alert(1)) <script>x</script> a|b `code` _u_ &amp;\nsecond line"
    path = project_copy / "data" / "raw" / "sources.csv"
    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    sources.loc[0, "title"], sources.loc[0, "publisher"] = hostile, "<b>outlet</b>"
    sources.to_csv(path, index=False, lineterminator="\n")
    readme = (make_release(VERSION, tmp_path / "dist", root=project_copy) / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| {sources.loc[0, 'source_id']} |"))
    assert row.count(" | ") == 3  # one table row: the | in the title does not open a column, no line break
    for markup in ("**Bold**", "[link](", "<script>", "`code`", "_u_", " &amp;", "<b>"):
        assert markup not in row, markup
    assert "\\*\\*Bold\\*\\*" in row and "\\<script\\>" in row and "a\\|b" in row
