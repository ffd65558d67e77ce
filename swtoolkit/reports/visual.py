"""Visual checks of a built report, what an editor looks for page by page (issue 15).

- :func:`layout_problems`: lays the report's HTML out with WeasyPrint (the renderer of the PDF) and reports words
  outside the page's text area, table rows split across pages, a table's last row alone on a page, captions broken
  after their first characters,
  pages more than half empty (except the last page and a title page, which stands alone on purpose), and pages
  (the last one included) that hold nothing but back matter: source notes, the citation, the reproducibility
  footer;
- :func:`chart_caption_problems`: a chart whose drawn text (title, axis label) repeats its caption;
- :func:`number_style_problems`: a numeric table column mixing number styles (万 with full digits, percents with
  counts, decimals with whole numbers, words among numbers);
- :func:`unsearchable_tokens`: figure ids and ISO dates of the HTML that the PDF's extracted text (pypdf) does not
  hold whole, i.e. broken across lines or lost;
- :func:`chart_problems`: a matplotlib figure whose neighbouring tick labels overlap.

Each returns a list of one-line problems (empty: none); tests and the build may call them.
"""

from __future__ import annotations

import base64
import html as html_lib
import io
import re
from collections import defaultdict

from swtoolkit.reports.blocks import FIGURE_ID

#: Tokens a reader searches for: figure ids (S003-000668, WP045-04) and ISO dates (2021-06-30).
SEARCHABLE = re.compile(rf"\b{FIGURE_ID}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
#: A page is "half empty" when its content ends above this share of the text area's height.
MIN_FILLED = 0.5
TOLERANCE_PX = 1.0


#: Back matter: text a page must not hold alone (a source note under a table or chart, the citation, the
#: reproducibility footer). A page of only these is a page an editor sends back.
BACK_MATTER = {"source-note": "source note", "cite": "citation", "repro": "reproducibility footer"}


def _role(box, inherited: str) -> str:
    element = getattr(box, "element", None)
    if inherited or element is None:
        return inherited
    classes = set((element.get("class") or "").split())
    return next((name for css, name in BACK_MATTER.items() if css in classes), "")


def _walk(box, in_header: bool = False, role: str = ""):
    """(box, inside a repeated header row group, back-matter role or '') for every box under `box`."""
    for child in getattr(box, "children", []):
        header = in_header or bool(getattr(child, "is_header", False))
        child_role = _role(child, role)
        yield child, header, child_role
        yield from _walk(child, header, child_role)


def _text_of(box) -> str:
    return " ".join(d.text for d in box.descendants() if getattr(d, "text", None))[:40]


#: A table opens a page when it starts within this share of the page's height from the top (below a caption).
TABLE_AT_TOP = 0.1
#: A source note starts this close below its table (CSS px; its top margin is 1mm): a short note kept whole
#: (blocks.WHOLE_NOTE_CHARS) is one unit with the table's last rows.
NOTE_GAP_PX = 12


def _body_rows(element) -> int:
    """The body rows of a table element in the HTML (all pages together)."""
    def tag(node) -> str:
        return str(node.tag).rsplit("}", 1)[-1]

    return sum(1 for group in element if tag(group) in ("tbody", "tfoot") for row in group if tag(row) == "tr")


def layout_problems(html: str, base_url: str | None = None) -> list[str]:
    """Lay `html` out as the PDF is laid out and list: text outside the text area, split table rows, pages more
    than half empty (not the last, not a title page, not a gap forced by a table opening the next page whose first
    rows that must go together, with the short note kept whole under a table that ends there, are taller than the
    gap)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=base_url).render()
    problems: list[str] = []
    rows_on: dict[int, set[int]] = defaultdict(set)
    row_text: dict[int, str] = {}
    table_rows: dict[int, list[tuple[int, int, str]]] = defaultdict(list)  # table → (page, body rows, text)
    captions_seen: set[int] = set()  # the first line of each caption is checked
    gaps: dict[int, float] = {}  # page → free height below its content, for the pages found more than half empty
    first_unit: dict[int, float] = {}  # page → height from its top to the end of the first rows that must go together
    table_end: dict[int, float] = {}  # page → bottom of a table that opens and ends on it (for the note under it)
    last = len(document.pages)
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, height = left + page_box.width, page_box.height
        root = next(c for c in page_box.children if not isinstance(c, boxes.MarginBox))
        bottom, title_page, roles = top, False, set()
        for box, in_header, role in _walk(root):
            if getattr(box, "element_tag", "") == "section" and "title-page" in (
                    box.element.get("class") or "") and "brief" not in (box.element.get("class") or ""):
                title_page = True
            if isinstance(box, boxes.LineBox) and getattr(box, "element_tag", "") == "figcaption":
                line = "".join(d.text for d in box.descendants() if getattr(d, "text", None))
                if 0 < len(line.strip()) < 4 and id(box.element) not in captions_seen:
                    problems.append(f"page {number}: caption broken after {line.strip()!r}")
                captions_seen.add(id(box.element))
            if isinstance(box, boxes.TableBox):
                rows = [r for g in box.children if not getattr(g, "is_header", False)
                        for r in getattr(g, "children", []) if isinstance(r, boxes.TableRowBox)]
                table_rows[id(box.element)].append((number, len(rows), _text_of(box)))
                if rows and number not in first_unit and box.position_y - top < TABLE_AT_TOP * height:
                    # a table opening the page: its first row, or both rows of a two-row table (its last row is
                    # never left alone: report.css), could not be split from what the previous page left free
                    whole = len(rows) == _body_rows(box.element)
                    unit = rows[1] if whole and len(rows) == 2 else rows[0]
                    first_unit[number] = unit.position_y + unit.margin_height() - top
                    if whole:  # the table ends here: a note kept whole under it goes with its last rows
                        table_end[number] = box.position_y + box.margin_height()
            if (number in table_end and isinstance(box, boxes.BlockBox)
                    and {"source-note", "whole"} <= set((box.element.get("class") or "").split())
                    and abs(box.position_y - table_end[number]) < NOTE_GAP_PX):
                first_unit[number] = box.position_y + box.margin_height() - top
                del table_end[number]
            if isinstance(box, boxes.TableRowBox) and not in_header:  # a header repeated on each page is wanted
                rows_on[id(box.element)].add(number)
                row_text.setdefault(id(box.element), _text_of(box))
            if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
                if not isinstance(box, boxes.TextBox) or box.text.strip():
                    roles.add(role)
                bottom = max(bottom, box.position_y + box.margin_height())
                if box.position_x + box.margin_width() > right + TOLERANCE_PX or box.position_x < left - TOLERANCE_PX:
                    what = box.text if isinstance(box, boxes.TextBox) else "an image"
                    problems.append(f"page {number}: {what[:40]!r} runs outside the text area")
        filled = (bottom - top) / height
        if number != last and not title_page and filled < MIN_FILLED:
            gaps[number] = height - (bottom - top)
            problems.append(f"page {number}: {filled:.0%} filled (more than half empty)")
        if roles and "" not in roles:
            what = " and ".join(sorted(roles))
            problems.append(f"page {number}{' (the last)' if number == last else ''} holds only the {what}")
    # a gap is forced, not a fault, when the next page opens with rows that must stay together and are taller than
    # the gap (a typesetter could not have filled it without splitting a row or leaving a last row alone)
    problems = [p for p in problems if not any(p.startswith(f"page {n}: ") and "filled" in p
                                               and first_unit.get(n + 1, 0) > free for n, free in gaps.items())]
    for parts in table_rows.values():
        parts = [p for p in parts if p[1]]
        if len(parts) > 1 and parts[-1][1] == 1:
            problems.append(f"page {parts[-1][0]}: a table's last row stands alone ({parts[0][2]!r})")
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


def _soup(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def chart_texts(src: str) -> list[str]:
    """The words drawn in a chart (an SVG data URI from charts.to_svg): matplotlib writes each text drawn as
    outlines after a comment holding the text itself."""
    if not src.startswith("data:image/svg+xml;base64,"):
        return []
    svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
    return [html_lib.unescape(t.strip()) for t in re.findall(r"<!--(.*?)-->", svg, re.S) if t.strip()]


#: Figure and table labels ("图 3 Figure 3") and the download link: not part of what a caption says.
_LABEL = re.compile(r"^\s*[图表]\s*\d+\s*(Figure|Table)\s*\d+\s*|数据 Data \(CSV\)")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def chart_caption_problems(html: str) -> list[str]:
    """Charts that repeat their caption inside the image (a title or axis label saying what the caption above
    already says). A drawn text counts when it has at least four characters, holds a letter or a Chinese character
    and stands whole inside the caption, or the caption's words stand whole inside it."""
    problems = []
    for figure in _soup(html).select("figure.chart"):
        caption_box, image = figure.find("figcaption"), figure.find("img")
        if caption_box is None or image is None:
            continue
        caption = _squash(_LABEL.sub("", caption_box.get_text(" ")))
        for text in chart_texts(image.get("src", "")):
            drawn = _squash(text)
            if len(drawn) >= 4 and re.search(r"[A-Za-z\u4e00-\u9fff]", drawn) and caption and (
                    drawn in caption or caption in drawn):
                problems.append(f"{caption_box.get_text(' ').strip()[:40]!r}: the chart repeats its caption "
                                f"({text[:40]!r})")
                break
    return problems


_NUMBER_CELL = re.compile(r"^[≥≤><≈约~]?\s*(-?[\d,]+(?:\.\d+)?)\s*(万|亿)?\s*(%)?")
#: A cell in both styles: a number with 万 or 亿 (and its range) and its unit, then its English digits.
_BILINGUAL_CELL = re.compile(r"^[≥≤><≈~]?[\d.]+[万亿](?:—[\d.]+[万亿])?\S*\s+([≥≤><≈~]?[\d,]+(?:\.\d+)?(?:–[\d,.]+)?"
                             r" [a-z].*)$")


def number_style(cell: str) -> str:
    """The style a number is written in: 'date' (2023-11), '万' (1.5万), 'percent', 'decimal', 'whole', 'words'
    (letters or words where a number is expected) or '' (empty, a dash)."""
    text = cell.strip()
    if text in ("", "—", "–", "-"):
        return ""
    if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?(?:\s*–\s*\d{4}-\d{2}(?:-\d{2})?)?", text):
        return "date"
    both = _BILINGUAL_CELL.match(text)
    if both:  # '≈7575万元 ≈75,750,000 yuan': the Chinese form, then the same number in digits (content.format_value)
        return number_style(both.group(1))
    match = _NUMBER_CELL.match(text)
    if match is None:
        return "words"
    number, chinese, percent = match.groups()
    if chinese:
        return "万"
    if percent:
        return "percent"
    return "decimal" if "." in number else "whole"


def number_style_problems(html: str) -> list[str]:
    """Right-aligned (numeric) table columns whose cells mix number styles (number_style). A column of figures as
    written (class 'written': source values keep the precision and unit they were written with) may mix percents,
    decimals and whole numbers, but never 万 with full digits, nor words among numbers."""
    problems = []
    for figure in _soup(html).select("figure.table"):
        caption = figure.find("figcaption")
        name = caption.get_text(" ").strip()[:40] if caption else "a table"
        heads = figure.select("thead th")
        for index, head in enumerate(heads):
            classes = head.get("class") or []
            if "num" not in classes:
                continue
            cells = [row.find_all("td")[index].get_text() for row in figure.select("tbody tr")
                     if len(row.find_all("td")) > index]
            styles = {number_style(c) for c in cells} - {""}
            if "written" in classes:
                mixed = "words" in styles or ("万" in styles and len(styles) > 1)
            else:
                mixed = len(styles) > 1
            if mixed:
                problems.append(f"{name!r}, column {head.get_text(' ').strip()!r}: number styles mixed "
                                f"({', '.join(sorted(styles))})")
    return problems
