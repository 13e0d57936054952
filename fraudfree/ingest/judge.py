"""Import step 3, judging: personal data dropped or masked first, then every rule a row must meet.

Every broken rule is kept, not only the first: required values missing, negative counts, coordinates outside
China, dates in the future, 劝阻成功数 above 预警数, 知晓人数 above 样本数, ages outside 0–120.
Cells that could not be read were marked while understanding; a cell carries one problem at most.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fraudfree.ingest import personal
from fraudfree.ingest.cells import Context
from fraudfree.ingest.understand import SERIAL_NUMBER_HEADER, SHAPES, Table, split_header

COORDINATES = {"lon": (73.0, 136.0), "lat": (3.0, 54.0)}  # mainland China
MAX_AGE = 120
NOT_MASKED = frozenset({"venue_id", "video_id"})  # identifiers: a long number there is an ID, not a card
FUTURE_ALLOWED = frozenset({"start_date", "end_date"})  # a venue may be due to open or close
# (shape, column, the column it may not exceed)
AT_MOST = (("warnings", "dissuaded", "warnings"), ("survey", "aware", "sampled"))


def judge(table: Table, ctx: Context) -> None:
    """Drop personal columns, mask personal numbers in kept text, and mark the cells that break a rule."""
    drop_extra_columns(table, ctx)
    mask_text(table, ctx)
    check_cells(table, ctx)


def drop_extra_columns(table: Table, ctx: Context) -> None:
    """Columns of no kind are never read; personal ones are reported as dropped, by name only."""
    for header, index in table.extra:
        if personal.is_personal_header(split_header(header)[0]):
            table.warnings.append(
                table.finding(ctx.tr("personal_column_dropped"), table.header_row, header, index=index)
            )
        elif not SERIAL_NUMBER_HEADER.fullmatch(split_header(header)[0]):
            table.warnings.append(
                table.finding(ctx.tr("unknown_column_ignored"), table.header_row, header, index=index)
            )
    table.extra = []


def mask_text(table: Table, ctx: Context) -> None:
    for name, column in table.columns.items():
        if column.column.type != "text" or name in NOT_MASKED:
            continue
        codes, uniques = pd.factorize(column.values, use_na_sentinel=True)
        masked = [personal.mask(u) for u in uniques]
        counts = np.array([n for _, n in masked] + [0])[codes]
        if counts.any():
            column.values = np.array([m for m, _ in masked] + [None], dtype=object)[codes]
            column.raw = np.where(counts > 0, column.values, column.raw)
            table.warnings.append(
                table.finding(
                    ctx.tr("personal_values_masked", cells=int((counts > 0).sum())),
                    table.header_row,
                    column.header,
                    index=column.index,
                )
            )


def check_cells(table: Table, ctx: Context) -> None:
    this_month = np.datetime64(ctx.today.replace(day=1), "D")
    today = np.datetime64(ctx.today, "D")
    for name, column in table.columns.items():
        spec, values = column.column, column.values
        if spec.required:
            table.flag(name, column.missing, ctx.tr("required"))
        if spec.type in ("int", "float"):
            if name in COORDINATES:
                low, high = COORDINATES[name]
                table.flag(
                    name, (values < low) | (values > high), ctx.tr("coordinate_out_of_range", low=low, high=high)
                )
            else:
                table.flag(name, values < 0, ctx.tr("negative"))
        if spec.type == "date" and name not in FUTURE_ALLOWED:
            table.flag(name, values > today, ctx.tr("future_date"))
        if spec.type == "month":
            table.flag(name, values > this_month, ctx.tr("future_month"))
        if spec.type == "year":
            table.flag(name, values > ctx.today.year, ctx.tr("future_year"))
        if name == "victim_age":
            table.flag(name, values > MAX_AGE, ctx.tr("age_out_of_range", most=MAX_AGE))
    for shape, name, bound in AT_MOST:
        if table.shape == shape and name in table.columns and bound in table.columns:
            values, limit = table.columns[name].values, table.columns[bound].values
            above = values > limit
            if above.any():
                bound_zh = SHAPES[shape].column(bound).zh
                messages = np.full(len(values), None, dtype=object)
                messages[above] = [ctx.tr("above", bound=bound_zh, limit=f"{v:g}") for v in limit[above]]
                table.flag(name, above, messages)
