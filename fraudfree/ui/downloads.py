"""The CSV and xlsx download buttons under every chart and table: offered by role, every download audited.

Case-level tables are downloaded only by roles with `export_case_level` (not `viewer`). The rule: a table is
case-level when it holds case or victim figures (the cases and case_victims kinds) of single townships split finer
than their total over the chosen period: by month, by fraud type (a fraud-type filter splits them too) or by
victim age. Such small cells come close to single cases. County-wide series, township totals over the period and
tables without case figures are aggregates, for every role with `export`. The page that draws a table knows
what it holds and says so with `case_level`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from fraudfree import export
from fraudfree.ui import auth as auth_ui
from fraudfree.ui import context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def buttons(frame: pd.DataFrame, name: str, key: str, case_level: bool = False) -> None:
    """Two small download buttons for `frame`, files named after `name` (e.g. 乡镇街道一览), or a note that the
    user's role may not download this case-level table."""
    if not auth_ui.can("export_case_level" if case_level else "export"):
        if case_level:
            st.caption(context.tr("ops.case_level_withheld"))
        return
    row = st.container(horizontal=True)
    for suffix, data, mime in (
        ("csv", export.to_csv(frame), "text/csv"),
        ("xlsx", lambda: export.to_xlsx({name: frame}), XLSX),  # built when clicked: a workbook costs more
    ):
        file_name = f"{name}.{suffix}"
        row.download_button(
            context.tr(f"download.{suffix}"),
            data,
            file_name,
            mime,
            key=f"{key}_{suffix}",
            type="tertiary",
            on_click=auth_ui.audit,
            args=("export", {"rows": len(frame), "format": suffix, "case_level": case_level}, file_name),
        )
