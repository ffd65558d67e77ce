"""One clause, one date: figures of one source sentence under one date word are dated one way.

A curator may date a figure by a phrase written outside its own sentence: a list under 截至2021年底 that runs over
several sentences, or a 目前 spoken at a meeting the item opens with (8 月 15 日至 16 日, review R8b-24). Such a
carried phrase dates the sentence's date word, so every figure of that sentence must get the same date from it.
Editor 9 (N-4) found Hebei's 1435 stations and 63.7% coverage dated by the meeting's day while the 2.3万多 activities
and 5.5万余 people of the same 目前 clause kept the page's estimated month: one clause printed with two dates.

The check reads the line-joined source texts (seeds); a web page's figures carry no character offset, so it cannot
run there. Sentences end at 。！？；, as in the curation rule "One sentence, one date" (docs/curation.md).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping

import pandas as pd

from swtoolkit.errors import RawDataError
from swtoolkit.script import to_simplified

#: Where a sentence ends (the same marks as the curation rule and its machine check).
SENTENCE_END = re.compile("[。！？!?；]")
#: Kinds that look beyond the document (a target's 到2025年): their dates are not the clause's present.
FORWARD = ("target", "norm", "plan")
#: The fields that make a resolved date: two figures with these equal are dated the same way.
DATE_KEY = ("ref_date", "date_basis", "ref_date_low", "ref_date_high")


def _plain(text: str) -> str:
    """Text compared for "written in the sentence": NFKC, simplified, without spaces, quotes and commas."""
    text = to_simplified(unicodedata.normalize("NFKC", str(text or "")))
    return re.sub(r"[\s“”\"，,：:]", "", text)


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """(start, end) offsets of the sentence of ``text`` holding offset ``at`` (ends at 。！？；, inclusive)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    i = bisect.bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else len(text))


def clause_date_problems(clean: pd.DataFrame, texts: Mapping[str, str | None]) -> list[tuple[int, RawDataError]]:
    """(position, problem) for each figure whose date phrase is carried from outside its sentence while another
    figure of the same sentence is dated differently.

    Parameters
    ----------
    clean : clean rows in raw order (positions are the raw rows'), with ``figure_id``, ``source_id``, ``locator``
        (a character offset), ``kind``, ``date_as_written`` and the date fields of :data:`DATE_KEY`.
    texts : source id → line-joined text; sources without a text are not checked.

    Two phrases each written in the sentence may date its figures differently (去年 22 passed, 今年 408 registered);
    a phrase written elsewhere (carried) dates the sentence's own date word, so it must resolve to a date the
    sentence's own phrases give (截至目前 carried beside a written 目前 agrees), and carried phrases of a sentence
    with no phrase of its own must agree with each other. Undated figures and targets, norms and plans are left to
    their own rules.
    """
    out: list[tuple[int, RawDataError]] = []
    if clean is None or clean.empty:
        return out
    written = clean["date_as_written"].astype(str).str.strip().ne("")
    pool = clean[written & ~clean["kind"].isin(FORWARD) & clean["source_id"].map(lambda s: bool(texts.get(s)))]
    sentences: dict[tuple[str, int, int], list[int]] = {}
    for pos, sid, loc in zip(pool.index, pool["source_id"], pool["locator"], strict=True):
        try:
            at = int(loc)
        except (TypeError, ValueError):
            continue
        sentences.setdefault((sid, *sentence_bounds(texts[sid], at)), []).append(pos)
    for (sid, start, end), members in sentences.items():
        if len(members) < 2:
            continue
        keys = {pos: tuple(str(clean.at[pos, k]) for k in DATE_KEY) for pos in members}
        if len(set(keys.values())) < 2:
            continue
        sentence = _plain(texts[sid][start:end])
        written = [p for p in members if _plain(str(clean.at[p, "date_as_written"])) in sentence]
        own = {keys[p] for p in written}  # the dates the sentence's own words give
        for pos in members:
            phrase = str(clean.at[pos, "date_as_written"])
            if pos in written or (own and keys[pos] in own):
                continue  # written in the sentence, or carried to the date its own words give
            # against a figure dated by the sentence's own words, else (none written) another carried one
            other = next(p for p in (written or members) if keys[p] != keys[pos])
            out.append((pos, RawDataError(
                "", None, "date_as_written", phrase,
                f"this phrase is not written in the figure's sentence of {sid} (offsets {start}–{end}), so it dates "
                f"that sentence's own date word, but {clean.at[other, 'figure_id']} of the same sentence "
                f"({str(clean.at[other, 'date_as_written']).strip()!r}) is dated {clean.at[other, 'ref_date']} "
                f"({clean.at[other, 'date_basis']}), not {clean.at[pos, 'ref_date']} ({clean.at[pos, 'date_basis']}): "
                "figures of one clause under one date word take one date (give them the same date phrase; "
                "docs/curation.md, 'One clause, one date')")))
    return sorted(out, key=lambda item: item[0])


#: Where a statement ends for a carried date: a full stop. A semicolon goes on with the same statement (a list under
#: 截至2021年底 running over ；), a full stop begins a new one.
STATEMENT_END = re.compile("[。！？!?]")
#: Date words a sentence may hold that refer back to a date given before it (目前 of a meeting the item opens with,
#: 全年 of the year reviewed, 活动期间 of the campaign named before, 现决定 of a notice): a carried phrase dates them.
DATE_WORDS = re.compile("目前|当前|现在|现有|现已|现决定|至今|迄今|今年|全年|年内|当年|本年|同期|期间|以来|截至|截止"
                        "|届时")


def statement_bounds(text: str, at: int) -> tuple[int, int]:
    """(start, end) offsets of the statement of ``text`` holding ``at``: it ends at a full stop (。！？), not at ；."""
    ends = [m.end() for m in STATEMENT_END.finditer(text)]
    i = bisect.bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else len(text))


def carry_problems(clean: pd.DataFrame, texts: Mapping[str, str | None]) -> list[tuple[int, RawDataError]]:
    """(position, problem) for each figure dated by a phrase written before its statement's full stop while its
    own statement holds no date word for that phrase to date.

    A date phrase carries as far as the statement it opens goes on: over ；, a list of items under one
    截至2022年6月. A full stop starts a new statement; a date written before it dates that statement only where it
    holds a date word referring back (目前, 全年, 活动期间, 现决定: :data:`DATE_WORDS`). A new statement with no date
    word of its own (Yuxi's 社工站（室）累计投入…119万元，配备…977人 after the 截至2022年6月 of the sentence before) is
    not dated by it: the figure is undated (somewhere up to its document's date), ``date_as_written`` empty.
    Targets, norms and plans and sources without a text are left alone (review ref-d, docs/curation.md).
    """
    out: list[tuple[int, RawDataError]] = []
    if clean is None or clean.empty:
        return out
    for pos in clean.index:
        phrase = str(clean.at[pos, "date_as_written"] or "").strip()
        text = texts.get(str(clean.at[pos, "source_id"]))
        if not phrase or not text or str(clean.at[pos, "kind"]) in FORWARD:
            continue
        try:
            at = int(clean.at[pos, "locator"])
        except (TypeError, ValueError):
            continue
        start, end = statement_bounds(text, at)
        statement = _plain(text[start:end])
        if _plain(phrase) in statement or DATE_WORDS.search(statement):
            continue
        out.append((pos, RawDataError(
            "", None, "date_as_written", phrase,
            f"this date phrase is not written in the figure's statement of {clean.at[pos, 'source_id']} (offsets "
            f"{start}–{end}, to its full stop) and that statement holds no date word for it to date: a date carries "
            "over ； within one statement, not over a full stop into a new one; leave date_as_written empty "
            "(undated: somewhere up to the document's date) unless the statement's own words give a date "
            "(docs/curation.md, 'One clause, one date')")))
    return out


#: Two groups joined in a target's subject (机构和行业组织, 社区社会组织及志愿服务组织); 及以上 / 及以下 are bounds.
JOINED = re.compile(r"[\u4e00-\u9fff]{2}(?:以及|和|及|与)(?!以上|以下|其)[\u4e00-\u9fff]{2}")
#: The clause before a figure: back to the nearest comma, enumeration mark, colon or sentence end.
CLAUSE_START = re.compile("[，,、：:。！？!?；;]")


def _seed_clauses(clean: pd.DataFrame, texts: Mapping[str, str | None], wanted: Callable[[int], bool],
                  clause_of: Callable[[str, int], str]) -> Iterator[tuple[int, str]]:
    """(position, clause) for each row of ``clean`` that ``wanted`` keeps and whose source has a text and a
    character locator (seed rows; web rows are located by words and left alone): ``clause_of(text, at)`` is the
    part of the text before the figure the check reads."""
    if clean is None or clean.empty:
        return
    for pos in clean.index:
        if not wanted(pos):
            continue
        text = texts.get(str(clean.at[pos, "source_id"]))
        try:
            at = int(clean.at[pos, "locator"])
        except (TypeError, ValueError):
            continue
        if text:
            yield pos, clause_of(text, at)


def _clause_back_to(start: re.Pattern) -> Callable[[str, int], str]:
    """The text before a figure back to the nearest match of ``start`` (at most 60 characters), punctuation-free."""
    return lambda text, at: _plain(start.split(text[max(0, at - 60):at])[-1])


def joined_target_problems(clean: pd.DataFrame, texts: Mapping[str, str | None]) -> list[tuple[int, RawDataError]]:
    """(position, problem) for each target with no definition scope whose own clause names two groups joined by
    和/及/与 (社会工作服务机构和行业组织达到400个以上; 社区社会组织和志愿服务组织达到3000个).

    Such a target counts both groups; set against a count of one of them it gives a false gap (issue 11: 400
    organisations and sector bodies against 264 private organisations). The curator gives it the scope that says
    what it counts (scopes.csv, e.g. ``orgs_and_sector_bodies``) so the gate keeps it apart, or files it under an
    indicator that counts both. Sources without a text and web rows (located by words) are left alone.
    """
    out: list[tuple[int, RawDataError]] = []
    wanted = lambda pos: str(clean.at[pos, "kind"]) == "target" and not str(clean.at[pos, "scope"] or "")  # noqa: E731
    for pos, clause in _seed_clauses(clean, texts, wanted, _clause_back_to(CLAUSE_START)):
        joined = JOINED.search(clause)
        if joined:
            out.append((pos, RawDataError(
                "", None, "scope", "",
                f"the target's clause names two groups joined ({joined.group(0)!r} in {clause!r}): a target for "
                "both is never set against a count of one; give it the scope that says what it counts (scopes.csv) "
                "or an indicator that counts both (docs/curation.md, 'Targets for two groups, and targets to add')")))
    return out


#: Words that make a target an amount to add over the plan (a flow), not a level to reach.
FLOW_WORDS = re.compile("培训|培养|培育|新增|新建|新招|招聘|引进|累计|开发|孵化")
#: The part of a sentence before a figure: back to the nearest comma, semicolon or sentence end (an enumeration
#: mark 、 stays inside: 培养领军人才、督导人才各150名 is one clause).
PART_START = re.compile("[，,：:。！？!?；;]")


def flow_target_problems(clean: pd.DataFrame, texts: Mapping[str, str | None]) -> list[tuple[int, RawDataError]]:
    """(position, problem) for each seed target typed ``level`` for a stock indicator (codebook measure ``stock``)
    whose own clause words it as an amount to train, develop or add (到2025年培训志愿者5000人; 累计培养督导150名).

    Such a target is a cumulative flow over the plan period: a stock is never measured against it (issue 11: 75
    leading talents against 150 to train → "needs 18.9% a year"). The curator types it ``cumulative_flow`` (or
    ``annual_flow``), or files it under the flow indicator (training_persons, leading_talents_trained).
    """
    from swtoolkit.codebook import codebook

    book = codebook()

    def wanted(pos: int) -> bool:
        key = str(clean.at[pos, "indicator"])
        return (str(clean.at[pos, "kind"]) == "target" and str(clean.at[pos, "target_type"]) == "level"
                and key in book.index and str(book.loc[key, "measure"]) == "stock")

    out: list[tuple[int, RawDataError]] = []
    for pos, clause in _seed_clauses(clean, texts, wanted, _clause_back_to(PART_START)):
        flow = FLOW_WORDS.search(clause)
        if flow:
            out.append((pos, RawDataError(
                "", None, "target_type", "level",
                f"the target's clause words it as an amount to add ({flow.group(0)!r} in {clause!r}), not a level to "
                "reach: type it cumulative_flow (or annual_flow), or file it under the flow indicator; a stock is "
                "never measured against it (docs/curation.md, 'Targets for two groups, and targets to add')")))
    return out


#: Words that make a norm a proposal (a paper's recommendation, a plan being drafted), not a rule adopted.
PROPOSAL_WORDS = re.compile("建议|提议|呼吁|倡议|(?<!模)拟(?!定)|可考虑")


def proposal_norm_problems(clean: pd.DataFrame, texts: Mapping[str, str | None]) -> list[tuple[int, RawDataError]]:
    """(position, problem) for each seed norm filed ``adopted`` whose own sentence (back to the full stop) proposes
    it (课题组建议每站配备1名专职人员; 拟按每站5万元安排) rather than states a rule set by a document.

    A proposal is not a norm (issue 11: Dehong's recommendation to fund one full-time post per station set against
    all 372 station workers → "gap 0"). The curator files it ``proposal`` (or ``practice`` for what is done); an
    adopted rule is one a document sets (印发, 规定, 明确, 要求). Sources without a text are left alone.
    """
    out: list[tuple[int, RawDataError]] = []
    wanted = lambda pos: (str(clean.at[pos, "kind"]) == "norm"  # noqa: E731
                          and str(clean.at[pos, "norm_status"]) == "adopted")
    for pos, before in _seed_clauses(clean, texts, wanted,
                                     lambda text, at: _plain(text[statement_bounds(text, at)[0]:at])):
        said = PROPOSAL_WORDS.search(before)
        if said:
            out.append((pos, RawDataError(
                "", None, "norm_status", "adopted",
                f"the norm's sentence proposes it ({said.group(0)!r} in {before[-60:]!r}): a proposal is not an "
                "adopted rule; file it proposal (or practice for what is done) unless a document sets it "
                "(docs/curation.md, 'Targets for two groups, and targets to add')")))
    return out
