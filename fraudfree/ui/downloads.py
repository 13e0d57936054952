"""The CSV and xlsx download buttons under every chart and table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from fraudfree import export
from fraudfree.ui import context


def buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """Two small download buttons for `frame`, files named after `name` (e.g. 乡镇街道一览)."""
    row = st.container(horizontal=True)
    row.download_button(
        context.tr("download.csv"), export.to_csv(frame), f"{name}.csv", "text/csv", key=f"{key}_csv", type="tertiary"
    )
    row.download_button(
        context.tr("download.xlsx"),
        export.to_xlsx({name: frame}),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        type="tertiary",
    )
