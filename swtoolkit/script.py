"""Traditional characters → simplified, one character for one character, so offsets stay offsets.

The number, date and region grammars are written in simplified characters (万, 约, 余, 覆盖, 云南). A page in
traditional characters (萬, 約, 餘, 覆蓋, 雲南) is read through OpenCC's maintained ``t2s`` conversion (the
official ``opencc`` package, https://github.com/BYVoid/OpenCC). The grammar works on the converted text and every
offset it finds is an offset into the original text, because the conversion here never changes the length: a
segment whose phrase conversion would change its length is converted character by character instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: Characters that are not CJK ideographs are never changed (digits, punctuation, Latin): only runs of ideographs
#: go through OpenCC, and ASCII-only text is returned as it is.
_IDEOGRAPH_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: Signs that stand for the digit zero in Chinese numerals as typeset on web pages (○ WHITE CIRCLE, Ｏ, O) are read
#: as 〇 only between other Chinese digits (二○二三年), never elsewhere.
_ZERO_LOOKALIKES = re.compile(r"(?<=[〇零一二三四五六七八九十百千万])[○ＯOо](?=[〇零○ＯOо一二三四五六七八九])"
                              r"|(?<=[〇零○一二三四五六七八九][○ＯOо])[○ＯOо]")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # the official package; a wheel exists for CPython 3.9-3.13

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _convert_run(run: str) -> str:
    converted = _converter().convert(run)
    if len(converted) == len(run):
        return converted
    # a phrase rule changed the length: convert each character alone (one character maps to one character)
    chars = [_converter().convert(ch) for ch in run]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, run, strict=True))


def to_simplified(text: str) -> str:
    """The text in simplified characters, of exactly the same length (offset i of the result is offset i of the
    input); 二○二三 with a white circle for zero is written 二〇二三.

    Raises nothing for ordinary text; OpenCC is imported at the first call (ImportError if it is not installed).
    """
    text = str(text)
    if text.isascii():
        return text
    out = _IDEOGRAPH_RUN.sub(lambda m: _convert_run(m.group()), text)
    out = _ZERO_LOOKALIKES.sub("〇", out)
    assert len(out) == len(text), "to_simplified must keep the length"  # noqa: S101 - an invariant, tested
    return out


def to_simplified_many(texts: pd.Series) -> pd.Series:
    """to_simplified for a column of strings, converting only the strings that hold a character OpenCC changes on
    its own (or a zero look-alike): the others are returned as they are, so a column in simplified characters costs
    one pass over its distinct characters, not one OpenCC call per string."""
    import pandas as pd

    texts = pd.Series(texts, dtype="str") if not isinstance(texts, pd.Series) else texts.astype("str")
    chars = set("".join(texts.unique().tolist()))
    changing = sorted(ch for ch in chars if _IDEOGRAPH_RUN.fullmatch(ch) and _convert_run(ch) != ch)
    pattern = "[" + re.escape("".join(changing)) + "○ＯOо]" if changing else "[○ＯOо]"
    hit = texts.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
    if not hit.any():
        return texts
    out = texts.copy()
    out[hit] = texts[hit].map(to_simplified)
    return out
