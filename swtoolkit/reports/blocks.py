"""HTML blocks a report notebook displays. Every string from data is escaped here, once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

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


def heading(text_zh: str, text_en: str, level: int = 2, anchor: str = "") -> Html:
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return Html(f"<h{level}{ident}>{escape(text_zh)} <span class='en'>{escape(text_en)}</span></h{level}>")


def title_block(title: str, subtitle: str, rows: list[tuple[str, str]]) -> Html:
    """A title page: heading, subtitle and a table of (label, value) rows."""
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return Html(f"<section class='title-page'><h1>{escape(title)}</h1><p class='subtitle'>{escape(subtitle)}</p>"
                f"<table class='meta'>{body}</table></section>")


def toc(sections: list[tuple[str, str, str]]) -> Html:
    """Table of contents from (anchor, Chinese, English) section triples."""
    items = "".join(f"<li><a href='#{escape(k)}'>{escape(zh)} {escape(en)}</a></li>" for k, zh, en in sections)
    return Html(f"<nav class='toc'><h2>目录 Contents</h2><ol>{items}</ol></nav>")


def section_heading(sections: list[tuple[str, str, str]], key: str) -> Html:
    zh, en = next((z, e) for k, z, e in sections if k == key)
    return heading(zh, en, anchor=key)


def paragraph(text: str, css: str = "") -> Html:
    cls = f" class='{escape(css)}'" if css else ""
    return Html(f"<p{cls}>{escape(text)}</p>")


def bullet_list(items: list[str], css: str = "") -> Html:
    cls = f" class='{escape(css)}'" if css else ""
    return Html(f"<ul{cls}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")


# Tokens a reader searches for in the PDF: figure ids (S003-000668), ISO dates (2021-06-30, 2021-06) and code keys
# (school_station_staff). Each is kept on one line, never broken mid-token.
UNBROKEN = re.compile(r"[A-Z]\d{3}-\d{6}|\d{4}-\d{2}(?:-\d{2})?|[A-Za-z]+(?:_[A-Za-z0-9]+)+")
NUMBER = re.compile(r"^[≥≤><≈约~]?\s*-?[\d,]+(?:\.\d+)?\s*%?$")


def _cell_text(value) -> str:
    """Escaped cell text with identifiers and dates wrapped in a span that never breaks."""
    text = "" if pd.isna(value) else str(value)
    out, last = [], 0
    for match in UNBROKEN.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(f"<span class='nowrap'>{escape(match.group())}</span>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def table(frame: pd.DataFrame, caption: str, note: str, numeric: tuple[str, ...] = (),
          nowrap: tuple[str, ...] | None = None) -> Html:
    """A captioned table with its source note underneath; cells are escaped text.

    `numeric` columns (and any column whose every cell is a number) are right-aligned. `nowrap` columns (by
    default: any column whose every cell is an identifier or a date) never wrap; inside other cells, identifiers
    and dates are kept whole.
    """
    def every(column, pattern) -> bool:
        cells = [str(v) for v in frame[column] if not pd.isna(v) and str(v) != ""]
        return bool(cells) and all(pattern.fullmatch(c) for c in cells)

    numeric = set(numeric) | {c for c in frame.columns if every(c, NUMBER)}
    nowrap = set(nowrap) if nowrap is not None else {c for c in frame.columns if every(c, UNBROKEN)}
    classes = {c: " ".join(name for name, on in (("num", c in numeric), ("nowrap", c in nowrap)) if on)
               for c in frame.columns}
    head = "".join(f"<th{_class(classes[c])}>{escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = [f"<td{_class(classes[c])}>{_cell_text(v)}</td>" for c, v in zip(frame.columns, record, strict=True)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return Html(
        f"<figure class='table'><figcaption>{escape(caption)}</figcaption>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p class='source-note'>{escape(note)}</p></figure>"
    )


def _class(names: str) -> str:
    return f" class='{names}'" if names else ""


def image(src: str, caption: str, note: str, alt: str) -> Html:
    """A chart from a data URI (charts.to_svg) or, for older callers, bare base64 PNG."""
    if not src.startswith("data:"):
        src = f"data:image/png;base64,{src}"
    return Html(
        f"<figure class='chart'><img alt='{escape(alt)}' src='{escape(src)}'/>"
        f"<figcaption>{escape(caption)}</figcaption><p class='source-note'>{escape(note)}</p></figure>"
    )
