"""Visual checks of a built report, what an editor looks for page by page (issue 15).

- :func:`layout_problems`: lays the report's HTML out with WeasyPrint (the renderer of the PDF) and reports words
  outside the page's text area, table rows split across pages, captions broken after their first characters, and
  pages more than half empty (except the last page and a title page, which stands alone on purpose);
- :func:`unsearchable_tokens`: figure ids and ISO dates of the HTML that the PDF's extracted text (pypdf) does not
  hold whole, i.e. broken across lines or lost;
- :func:`chart_problems`: a matplotlib figure whose neighbouring tick labels overlap.

Each returns a list of one-line problems (empty: none); tests and the build may call them.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

from swtoolkit.reports.blocks import FIGURE_ID

#: Tokens a reader searches for: figure ids (S003-000668, WP045-04) and ISO dates (2021-06-30).
SEARCHABLE = re.compile(rf"\b{FIGURE_ID}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
#: A page is "half empty" when its content ends above this share of the text area's height.
MIN_FILLED = 0.5
TOLERANCE_PX = 1.0


def _walk(box, in_header: bool = False):
    """(box, inside a repeated header row group) for every box under `box`."""
    for child in getattr(box, "children", []):
        header = in_header or bool(getattr(child, "is_header", False))
        yield child, header
        yield from _walk(child, header)


def _text_of(box) -> str:
    return " ".join(d.text for d in box.descendants() if getattr(d, "text", None))[:40]


def layout_problems(html: str, base_url: str | None = None) -> list[str]:
    """Lay `html` out as the PDF is laid out and list: text outside the text area, split table rows, pages more
    than half empty (not the last, not a title page)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=base_url).render()
    problems: list[str] = []
    rows_on: dict[int, set[int]] = defaultdict(set)
    row_text: dict[int, str] = {}
    captions_seen: set[int] = set()  # the first line of each caption is checked
    last = len(document.pages)
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, height = left + page_box.width, page_box.height
        root = next(c for c in page_box.children if not isinstance(c, boxes.MarginBox))
        bottom, title_page = top, False
        for box, in_header in _walk(root):
            if getattr(box, "element_tag", "") == "section" and "title-page" in (
                    box.element.get("class") or "") and "brief" not in (box.element.get("class") or ""):
                title_page = True
            if isinstance(box, boxes.LineBox) and getattr(box, "element_tag", "") == "figcaption":
                line = "".join(d.text for d in box.descendants() if getattr(d, "text", None))
                if 0 < len(line.strip()) < 4 and id(box.element) not in captions_seen:
                    problems.append(f"page {number}: caption broken after {line.strip()!r}")
                captions_seen.add(id(box.element))
            if isinstance(box, boxes.TableRowBox) and not in_header:  # a header repeated on each page is wanted
                rows_on[id(box.element)].add(number)
                row_text.setdefault(id(box.element), _text_of(box))
            if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
                bottom = max(bottom, box.position_y + box.margin_height())
                if box.position_x + box.margin_width() > right + TOLERANCE_PX or box.position_x < left - TOLERANCE_PX:
                    what = box.text if isinstance(box, boxes.TextBox) else "an image"
                    problems.append(f"page {number}: {what[:40]!r} runs outside the text area")
        filled = (bottom - top) / height
        if number != last and not title_page and filled < MIN_FILLED:
            problems.append(f"page {number}: {filled:.0%} filled (more than half empty)")
    for element, pages in rows_on.items():
        if len(pages) > 1:
            problems.append(f"table row split across pages {sorted(pages)}: {row_text[element]!r}")
    return problems


def visible_text(html: str) -> str:
    """The text a reader sees in the HTML: tags, data: URIs and attribute values dropped."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def unsearchable_tokens(pdf: bytes, html: str) -> list[str]:
    """Figure ids and ISO dates shown in the HTML that the PDF's extracted text does not hold whole."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    wanted = sorted(set(SEARCHABLE.findall(visible_text(html))))
    return [f"{token!r} not found whole in the PDF text" for token in wanted if token not in text]


def chart_problems(fig, name: str = "chart") -> list[str]:
    """Overlapping neighbouring tick labels on any axis of a matplotlib figure (label bounding boxes)."""
    from swtoolkit.charts import tick_labels_overlap

    return [f"{name}: tick labels overlap"] if tick_labels_overlap(fig) else []
