"""Every raw figure is found, as written, at its locator in the line-joined source text."""

from __future__ import annotations

import hashlib

import pandas as pd


def test_every_value_is_at_its_locator(root, joined_texts):
    raw = pd.read_csv(root / "data" / "raw" / "figures.csv", dtype=str, keep_default_na=False)
    wrong = []
    for row in raw.itertuples(index=False):
        text = joined_texts[row.source_id]
        at = int(row.locator)
        if text[at:at + len(row.value_as_written)] != row.value_as_written:
            wrong.append((row.figure_id, row.value_as_written, text[at:at + len(row.value_as_written)]))
    assert not wrong, wrong[:10]
    assert len(raw) >= 400


def test_sources_name_the_seed_files_with_checksums(root, seeds):
    sources = pd.read_csv(root / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
    assert len(sources) == 5
    for row in sources.itertuples(index=False):
        assert hashlib.sha256((seeds / row.file).read_bytes()).hexdigest() == row.sha256
