"""HTML blocks a report notebook displays. Every string from data is escaped here, once."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2
import markupsafe
import pandas as pd


@dataclass
class Html:
    """Rendered HTML that Jupyter shows as a display output (so `--no-input` leaves only the report)."""

    body: str

    def _repr_html_(self) -> str:
        return self.body


@dataclass
class Numbering:
    """Numbers figures and tables in the order they are shown."""

    figures: int = 0
    tables: int = 0
    listed: list[tuple[str, str]] = field(default_factory=list)

    def next_figure(self, title: str) -> str:
        self.figures += 1
        self.listed.append(("figure", title))
        return f"图 {self.figures} Figure {self.figures}"

    def next_table(self, title: str) -> str:
        self.tables += 1
        self.listed.append(("table", title))
        return f"表 {self.tables} Table {self.tables}"


#: A source note of at most this many characters is kept whole (report.css `.source-note.whole`): it moves to the
#: next page with its table's last rows rather than leave a tail there alone with the back matter (CI, stop 28:
#: Honghe's 750-character appendix note broke after two lines, and its tail and the reproducibility footer made the
#: last page). Longer notes, a third of a page and more, may run on, or the page before would be left half empty.
WHOLE_NOTE_CHARS = 900


@lru_cache(maxsize=1)
def _macros():
    """The block macros of templates/blocks.html, with HTML autoescape on: the one place data is escaped."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("swtoolkit", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["WHOLE_NOTE_CHARS"] = WHOLE_NOTE_CHARS
    return env.get_template("blocks.html").module


def _render(macro: str, *args) -> Html:
    return Html(str(getattr(_macros(), macro)(*args)))


def heading(text_zh: str, text_en: str, level: int = 2, anchor: str = "") -> Html:
    return _render("heading", text_zh, text_en, level, anchor)


def title_block(title: str, subtitle: str, rows: list[tuple[str, str]], css: str = "",
                imprint: Html | None = None) -> Html:
    """A title page: heading, subtitle and a table of (label, value) rows; css 'brief' keeps it on the first page
    with the text (a brief has no page of its own for the title). `imprint`: the citation block (blocks.citation,
    already escaped) printed under the rows, as a publisher's imprint does, so no last page holds it alone."""
    return _render("title_block", title, subtitle, [(k, str(v)) for k, v in rows], css,
                   markupsafe.Markup(imprint.body) if imprint is not None else "")


def toc(sections: list[tuple[str, str, str]]) -> Html:
    """Table of contents from (anchor, Chinese, English) section triples; the PDF adds page numbers (report.css)."""
    return _render("toc", sections)


def section_heading(sections: list[tuple[str, str, str]], key: str) -> Html:
    zh, en = next((z, e) for k, z, e in sections if k == key)
    return heading(zh, en, anchor=key)


def paragraph(text: str, css: str = "") -> Html:
    return _render("paragraph", text, css)


def bullet_list(items: list[str], css: str = "") -> Html:
    return _render("bullet_list", list(items), css)


# Tokens a reader searches for in the PDF: figure ids (S003-000668), ISO dates (2021-06-30, 2021-06) and code keys
# (school_station_staff). Each is kept on one line, never broken mid-token.
#: A figure id: source id (S003, WP045, WN012) and locator, with a letter when two figures share a locator.
FIGURE_ID = r"[A-Z]{1,3}\d{3}-\d{2,6}[a-z]?"
UNBROKEN = re.compile(FIGURE_ID + r"|\d{4}-\d{2}(?:-\d{2})?|[A-Za-z]+(?:_[A-Za-z0-9]+)+")
#: Tables of at most this many rows and characters are never split across pages (a longer one may run on, never
#: leaving its last row alone: report.css).
KEEP_WHOLE_ROWS = 6
KEEP_WHOLE_CHARS = 900
NUMBER = re.compile(r"^[≥≤><≈约~]?\s*-?[\d,]+(?:\.\d+)?\s*%?$")


#: A number cell in both styles (content.format_value): the Chinese form with 万 or 亿, then the English digits.
BILINGUAL_NUMBER = re.compile(r"^([≥≤><≈~]?[\d.]+[万亿](?:—[\d.]+[万亿])?\S*) ([≥≤><≈~]?[\d,.–]+ [a-z].*)$")


def _two_lines(value):
    """A number cell in both styles on two lines (report.css keeps each line whole: td.num is white-space: pre), so
    '≈7575万元 ≈75,750,000 yuan' never widens its column past the page; any other value unchanged."""
    if pd.isna(value):
        return value
    return BILINGUAL_NUMBER.sub(r"\1\n\2", str(value))


#: A web address inside a cell: never cut into pieces, so a date in its path ('…/c/2024-06-16/…') is not kept whole
#: (a kept-whole piece inside an address once stopped it breaking, and the sources table ran past the page).
ADDRESS = re.compile(r"https?://[^\s（）()，]+")


def _cell_pieces(value) -> list[tuple[str, bool]]:
    """Cell text as (text, keep_whole) pieces: identifiers and dates are kept whole (the template wraps them),
    except inside a web address (:data:`ADDRESS`), which stays breakable."""
    text = "" if pd.isna(value) else str(value)
    addresses = [m.span() for m in ADDRESS.finditer(text)]
    out, last = [], 0
    for match in UNBROKEN.finditer(text):
        if any(start <= match.start() < end for start, end in addresses):
            continue
        out.append((text[last:match.start()], False))
        out.append((match.group(), True))
        last = match.end()
    out.append((text[last:], False))
    return [p for p in out if p[0]]


#: The column of dates in words (Table 1, the appendix; not 日期原文, the short phrase as written): class "date",
#: given a width in report.css so a date phrase wraps to two or three lines, never four or five (referee R8b-28).
DATE_COLUMN = "日期 Date"
#: The column of a model result's sentence (the growth and gap tables): class "statement", given most of the width
#: in report.css, so a long bilingual sentence makes a wide row, not a row taller than a page.
STATEMENT_COLUMN = "说明 Statement"
#: The column of a figure's source standing (content.SOURCE_COLUMN): class "standing", given a width in report.css,
#: so "二手网页转述，非官方发布 restated by a secondary web page, not an official release" wraps to a few lines,
#: not ten.
STANDING_COLUMN = "来源性质 Source standing"


def table(frame: pd.DataFrame, caption: str, note: str, numeric: tuple[str, ...] = (),
          nowrap: tuple[str, ...] | None = None, written: tuple[str, ...] = ()) -> Html:
    """A captioned table with its source note underneath; cells are escaped text (templates/blocks.html).

    `numeric` columns (and any column whose every cell is a number) are right-aligned. `nowrap` columns (by
    default: any column whose every cell is an identifier or a date) never wrap; inside other cells, identifiers
    and dates are kept whole. `written` numeric columns hold source figures as cleaned, with the precision and unit
    they were written with (never rounded to one style); the visual check (visual.number_style_problems) holds every
    other numeric column to one number style.
    """
    def every(column, pattern) -> bool:
        cells = [str(v) for v in frame[column] if not pd.isna(v) and str(v) != ""]
        return bool(cells) and all(pattern.fullmatch(c) for c in cells)

    # a column with no entry in any row ("—" throughout) is not printed, and the note names it: kept, it was
    # squeezed to one character wide in the PDF (referee 11 R11-5). The first column names the rows and stays.
    blank = [c for c in list(frame.columns)[1:] if len(frame) and all(str(v) in ("—", "", "nan") for v in frame[c])]
    if blank:
        frame = frame.drop(columns=blank)
        note = (f"以下各列每行都没有数值，未列出 Columns with no entry in any row, not printed: "
                f"{'；'.join(map(str, blank))}。 ") + note

    numeric = set(numeric) | {c for c in frame.columns if every(c, NUMBER)}
    nowrap = set(nowrap) if nowrap is not None else {c for c in frame.columns if every(c, UNBROKEN)}
    columns = [(str(c), " ".join(name for name, on in (("num", c in numeric), ("nowrap", c in nowrap),
                                                       ("written", c in written),
                                                       ("date", str(c) == DATE_COLUMN),
                                                       ("statement", str(c) == STATEMENT_COLUMN),
                                                       ("standing", str(c) == STANDING_COLUMN)) if on))
               for c in frame.columns]
    rows = [[_cell_pieces(_two_lines(v) if str(c) in numeric else v) for c, v in zip(frame.columns, record,
                                                                                      strict=True)]
            for record in frame.itertuples(index=False)]
    # a short table stays whole on one page with its caption and note (a long one runs on, its header repeated);
    # the caption and the source note count too: kept whole, a table with a long note left half a page empty
    text = sum(len(str(v)) for v in frame.to_numpy().ravel()) + len(caption) + len(note)
    short = len(frame) <= KEEP_WHOLE_ROWS and text <= KEEP_WHOLE_CHARS
    return _render("table", columns, rows, caption, note, "keep" if short else "")


def csv_data_uri(frame: pd.DataFrame) -> str:
    """A CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese) as a data: URI: downloads need no server."""
    data = frame.to_csv(index=False, float_format="%.10g", lineterminator="\n").encode("utf-8-sig")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


def image(src: str, caption: str, note: str, alt: str, data: pd.DataFrame | None = None,
          filename: str = "data.csv") -> Html:
    """A chart from a data URI (charts.to_svg) or bare base64 PNG; with `data`, a 数据 Data link downloads
    exactly those rows as CSV, embedded in the page (nothing fetched)."""
    if not src.startswith("data:"):
        src = f"data:image/png;base64,{src}"
    uri = csv_data_uri(data) if data is not None else ""
    return _render("image", src, caption, note, alt, uri, filename)


def value_cards(caption: str, cards: list[dict], note: str, data: pd.DataFrame | None = None,
                filename: str = "data.csv") -> Html:
    """Figures too few for a chart, each as a card: value as written, date in words, figure id.

    `cards`: dicts with value, date, figure_id and target (bool)."""
    shown = [{**c, "id_parts": _cell_pieces(c.get("figure_id", ""))} for c in cards]
    uri = csv_data_uri(data) if data is not None else ""
    return _render("value_cards", caption, shown, note, uri, filename)


#: The line that opens every list of sources (source_list); the audit lists it as a claim of the appendix.
SOURCE_LIST_NOTE = ("每份文件列出一次，图表下的资料来源注释按编号引用；数值经 swtoolkit 清洗"
                    "（data/figures.csv）。 "
                    "Each document is listed once; the notes under tables and charts cite it by its id. Figures as "
                    "cleaned by swtoolkit (data/figures.csv).")


def source_list(entries: list[tuple[str, str]]) -> Html:
    """The report's list of sources: each document once, as (source id, full reference) pairs
    (provenance.source_list); dates and ids inside a reference are kept whole."""
    shown = [(sid, _cell_pieces(text.removesuffix(f" [{sid}]"))) for sid, text in entries]
    return _render("source_list", "资料来源列表", "Sources", SOURCE_LIST_NOTE, shown)


def citation(authors: str, edition: str, title: str, publisher: str, toolkit: str, data: str, licence: str) -> Html:
    """The 'how to cite' block: authors (year). title. publisher, edition date. toolkit and data versions."""
    return _render("citation", authors, edition, title, publisher, toolkit, data, licence)


def reproducibility(python: str, versions: str, parameters: str, digest: str) -> Html:
    """The reproducibility footer: Python and package versions, parameters, and the digest of the report's inputs
    (stages.inputs_digest: the same inputs give the same digest, whatever else changed in the repository)."""
    return _render("reproducibility", python, versions, parameters, digest)


def methods_link(stem: str) -> Html:
    """A brief's pointer to the build's methods document: `stem`.html and `stem`.pdf, beside the report in the
    reports folder (relative links: the HTML and the PDF both resolve them there)."""
    return _render("methods_link", stem)
