"""Title pages: publisher, edition, data as of, toolkit and data version from report.toml; no parameter dict."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pandas as pd
import pytest

from swtoolkit import __version__
from swtoolkit.errors import SwtoolkitError
from swtoolkit.reports.comparison import ComparisonReport
from swtoolkit.reports.content import RegionReport
from swtoolkit.reports.inputs import load_clean, report_config


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_repository_configuration_is_complete():
    config = report_config()
    assert config.publisher and config.authors and config.licence
    assert isinstance(config.edition, dt.date)


_PLACEHOLDER = re.compile(r"set one|before release|placeholder|TODO|TBD|example\.(org|com)|待定|待补", re.I)


def test_the_shipped_configuration_holds_no_placeholder():
    # a publishable cover never prints an instruction to the maintainers: each value is real or left out
    config = report_config()
    for value in (config.publisher, *config.authors, config.licence, config.contact or ""):
        assert not _PLACEHOLDER.search(value), value


def _config(tmp_path, monkeypatch, contact_line: str):
    (tmp_path / "report.toml").write_text(
        f"publisher='P'\nauthors=['A']\nedition=2027-01-15\nlicence='L'\n{contact_line}", encoding="utf-8")
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(tmp_path))
    return report_config()


@pytest.mark.parametrize("line", ["", "contact = ''\n", "contact = '   '\n"])
def test_an_unset_contact_is_left_out_of_the_cover(tmp_path, monkeypatch, line):
    from swtoolkit.reports.inputs import config_gaps, edition_rows

    config = _config(tmp_path, monkeypatch, line)
    assert config.contact is None and config_gaps(config) == ["contact"]
    labels = [label for label, _ in edition_rows("0" * 64)]
    assert "联系 Contact" not in labels and "许可 Licence" in labels


def test_a_set_contact_is_printed_on_the_cover(tmp_path, monkeypatch):
    from swtoolkit.reports.inputs import config_gaps, edition_rows

    config = _config(tmp_path, monkeypatch, "contact = 'reports@institute.cn'\n")
    assert config_gaps(config) == []
    assert ("联系 Contact", "reports@institute.cn") in edition_rows("0" * 64)


def test_a_contact_that_is_not_text_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(SwtoolkitError, match="contact must be text"):
        _config(tmp_path, monkeypatch, "contact = 3\n")


def test_the_build_warns_once_about_an_unset_contact(tmp_path, monkeypatch, caplog):
    import logging

    from swtoolkit.reports import batch

    _config(tmp_path, monkeypatch, "")
    monkeypatch.setattr(batch.folder, "prepare", lambda out: (_ for _ in ()).throw(RuntimeError("stop here")))
    with caplog.at_level(logging.WARNING), pytest.raises(RuntimeError, match="stop here"):
        batch.build_all(["530000"], formats=("html",), out=tmp_path / "out", progress=False)
    warned = [r for r in caplog.records if "contact" in r.getMessage()]
    assert len(warned) == 1 and "leave it out" in warned[0].getMessage()


def _check_title(html: str, as_of: str, digest: str) -> None:
    config = report_config()
    text = _text(html)
    for shown in (config.publisher, config.authors[0], config.edition.isoformat(), as_of, f"swtoolkit {__version__}",
                  digest[:12], "出版者 Publisher", "版次 Edition", "数据版本 Data version"):
        assert shown in text, shown
    assert "参数" not in text and "Parameters" not in text and "{'region'" not in html and "{&#x27;" not in html


def test_region_title_page_reads_report_toml_and_shows_no_parameters():
    report = RegionReport.load("530000")
    _check_title(report.title_page({"region": "530000"}).body, report.as_of, report.digest)
    assert "530000" in report.footer({"region": "530000"}).body  # parameters stay in the reproducibility footer


def test_comparison_title_page_reads_report_toml_and_shows_no_parameters():
    report = ComparisonReport.from_tables(load_clean(), pd.DataFrame(), draw_charts=False)
    _check_title(report.title_page({"focus": "云南省"}).body, report.focus.as_of, report.national.digest)


@pytest.mark.parametrize("text, message", [
    ("publisher = 'P'\n", "missing authors, edition, licence$"),
    ("publisher='P'\nauthors=['A']\nedition='2026-13-01'\nlicence='L'\ncontact='C'\n", "not a date"),
    ("publisher=''\nauthors=['A']\nedition=2026-11-30\nlicence='L'\ncontact='C'\n", "non-empty"),
    ("publisher = ", "report.toml"),
])
def test_a_wrong_configuration_is_a_clear_error(tmp_path, monkeypatch, text, message):
    (tmp_path / "report.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(tmp_path))
    with pytest.raises(SwtoolkitError, match=message):
        report_config()


def test_a_missing_configuration_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(tmp_path))
    with pytest.raises(SwtoolkitError, match="not found"):
        report_config()


def test_edition_is_read_from_the_file(tmp_path, monkeypatch):
    (tmp_path / "report.toml").write_text(
        "publisher='某研究所'\nauthors='A'\nedition=2027-01-15\nlicence='L'\ncontact='c@example.org'\n",
        encoding="utf-8")
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(tmp_path))
    config = report_config()
    assert config.edition == dt.date(2027, 1, 15) and config.authors == ("A",) and config.publisher == "某研究所"
