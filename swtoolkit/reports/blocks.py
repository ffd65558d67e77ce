"""HTML blocks a report notebook displays. Every string from data is escaped here, once."""

from __future__ import annotations

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


def table(frame: pd.DataFrame, caption: str, note: str, numeric: tuple[str, ...] = ()) -> Html:
    """A captioned table with its source note underneath; cells are escaped text."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            css = " class='num'" if column in numeric else ""
            cells.append(f"<td{css}>{escape('' if pd.isna(value) else str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return Html(
        f"<figure class='table'><figcaption>{escape(caption)}</figcaption>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p class='source-note'>{escape(note)}</p></figure>"
    )


def image(src: str, caption: str, note: str, alt: str) -> Html:
    """A chart from a data URI (charts.to_svg) or, for older callers, bare base64 PNG."""
    if not src.startswith("data:"):
        src = f"data:image/png;base64,{src}"
    return Html(
        f"<figure class='chart'><img alt='{escape(alt)}' src='{escape(src)}'/>"
        f"<figcaption>{escape(caption)}</figcaption><p class='source-note'>{escape(note)}</p></figure>"
    )
