"""Tables as readers see them, on screen and in downloads: headers and vocabulary values in the reader's language,
townships by name and months as 2021年3月."""

from __future__ import annotations

import pandas as pd

from fraudfree import fmt, i18n


def for_reader(
    frame: pd.DataFrame,
    lang: str,
    section: str,
    vocabularies: dict[str, str] | None = None,
    township_names: pd.Series | None = None,
) -> pd.DataFrame:
    """`frame` as a reader sees it: the values of vocabulary columns ({column: vocabulary of kinds.py}, columns
    the frame lacks are skipped) in the reader's language, a `month` column as 2021年3月, other dates without a
    time, yes/no as 是/否, `township_code` as names (`township_names`: code → name), and headers from
    [section.column] of the message files (a column without a message keeps its name)."""
    out = frame.copy()
    for name, vocabulary in (vocabularies or {}).items():
        if name in out:
            out[name] = [i18n.label(vocabulary, value, lang) for value in out[name]]
    if "month" in out:
        out["month"] = [fmt.month(m, lang) for m in out["month"]]
    for name in out.select_dtypes("datetime").columns:
        out[name] = out[name].dt.date
    for name in out.select_dtypes(bool).columns:
        out[name] = out[name].map({True: i18n.t("tables.yes", lang), False: i18n.t("tables.no", lang)})
    if township_names is not None and "township_code" in out:
        out["township_code"] = [township_names.get(c, c) if isinstance(c, str) else None for c in out["township_code"]]
    return out.rename(columns=lambda name: header(section, name, lang))


def header(section: str, column: str, lang: str) -> str:
    """The header of `column` in [section.column], or the column's own name."""
    key = f"{section}.column.{column}"
    text = i18n.t(key, lang)
    return column if text == key else text


def name_list(names, lang: str, limit: int = 10) -> str:
    """王府街道、益都街道 … 等 25 个: the first `limit` names, and how many there are in all when more."""
    names = [str(n) for n in names]
    shown = ("、" if lang == "zh" else ", ").join(names[:limit])
    return i18n.t("tables.and_more", lang, names=shown, count=len(names)) if len(names) > limit else shown


def term(section: str, column: str, lang: str) -> str:
    """A column's header for use inside a sentence: 覆盖人次 / people reached."""
    text = header(section, column, lang)
    return text if lang == "zh" else text[0].lower() + text[1:]
