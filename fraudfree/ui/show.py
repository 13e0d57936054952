"""A chart or a table as every page shows it: the figure or the rows, a one-line caption, and the CSV/xlsx download
of its data underneath."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from fraudfree.ui import downloads


def chart(
    figure: go.Figure,
    key: str,
    caption: str,
    data: pd.DataFrame,
    file_name: str,
    case_level: bool = False,
    **plotly_args,
) -> None:
    """`figure`, its caption, and `data` (what it draws, as the reader sees it) to download; `case_level` as in
    downloads.buttons."""
    st.plotly_chart(figure, key=key, **plotly_args)
    st.caption(caption)
    downloads.buttons(data, file_name, f"{key}_download", case_level)


def table(
    frame: pd.DataFrame, key: str, caption: str, file_name: str, ratios=(), case_level: bool = False, **dataframe_args
) -> None:
    """`frame` (headers already in the reader's language) with thousands separators, the `ratios` columns with
    one decimal, its caption and its downloads (`case_level` as in downloads.buttons)."""
    numeric = frame.select_dtypes("number").columns
    formats = {c: st.column_config.NumberColumn(format="%.1f" if c in ratios else "localized") for c in numeric}
    st.dataframe(frame, hide_index=True, column_config=formats, key=key, **dataframe_args)
    st.caption(caption)
    downloads.buttons(frame, file_name, f"{key}_download", case_level)
