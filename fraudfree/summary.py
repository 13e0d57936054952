"""`summary`: per kind, the current rows in a period and the sum of each count or amount column.

The SQL is generated from kinds.py, so identifiers come from that fixed list only; dates arrive as parameters.
Running totals and stocks (app registrations, population) add up each township's latest row in the period;
registrations count the national app only.
"""

from __future__ import annotations

import datetime as dt

from fraudfree.kinds import KINDS, NATIONAL_APP, Kind


def _in_period(kind: Kind) -> str:
    column = kind.column(kind.period_column) if kind.period_column else None
    if column is None:
        return "true"
    name = column.db_column
    if column.type == "year":
        start, end = "year($start::date)", "year($end::date)"
    else:  # dates and months (stored as first days); the period's end month is whole
        start, end = "$start::date", "last_day($end::date)"
    return f"($start::date is null or {name} >= {start}) and ($end::date is null or {name} <= {end})"


def kind_sql(kind: Kind) -> str:
    """One row: `rows` and a sum per summed column, for the current rows of `kind` in [$start, $end]."""
    sums = "".join(f", sum({c.name}) as {c.name}" for c in kind.columns if c.summed)
    if not kind.latest_per_township:
        return f'select count(*) as "rows"{sums} from {kind.name} where {_in_period(kind)}'
    national = " and app = $national_app" if "app" in kind.db_columns else ""
    order = kind.column(kind.period_column).db_column
    return (
        f"with in_period as (select * from {kind.name} where {_in_period(kind)}), "
        f"latest as (select * from in_period where true{national} "
        f"qualify row_number() over (partition by township_code order by {order} desc) = 1) "
        f'select (select count(*) from in_period) as "rows"{sums} from latest'
    )


def summary(con, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """{"kinds": {KIND: {"rows": N, COLUMN: SUM, …}}}: money in yuan, current rows only."""
    result = {}
    cur = con.cursor()
    try:
        for kind in KINDS.values():
            sql = kind_sql(kind)
            offered = {"start": start, "end": end, "national_app": NATIONAL_APP}
            params = {name: value for name, value in offered.items() if f"${name}" in sql}
            row = cur.execute(sql, params).fetchone()
            names = [d[0] for d in cur.description]
            result[kind.name] = {name: _number(value, kind, name) for name, value in zip(names, row, strict=True)}
    finally:
        cur.close()
    return {"kinds": result}


def _number(value, kind: Kind, name: str):
    if name == "rows" or kind.column(name).type == "int":
        return int(value or 0)
    return round(float(value or 0), 2)
