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
    assert config.publisher and config.authors and config.licence and config.contact
    assert isinstance(config.edition, dt.date)


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
    ("publisher = 'P'\n", "missing authors, edition, licence, contact"),
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
