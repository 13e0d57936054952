"""Import step 4, committing: judged tables → rows of each kind → one transaction with a batch record.

Rows of a kind are gathered across the call's sheets and files: exact duplicates are kept once and reported,
rows with one key but different values are errors. Cases written one row per case are counted into monthly
cells and victims' age bands (ages are never kept). Each row is then planned against the current data: added,
updated (keyed kinds: the current row is marked superseded by the new batch, so undo restores it exactly) or
skipped (equal to what is stored).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fraudfree import db
from fraudfree.ingest.cells import Context
from fraudfree.ingest.report import Finding
from fraudfree.ingest.understand import BOUNDARIES, SHAPES, Table
from fraudfree.kinds import KINDS, age_band

ORIGIN = ["_file", "_sheet", "_row"]
VICTIM_COLUMNS = ["month", "township_code", "fraud_type", "age_band", "victims"]
CELL_KEY = ["month", "township_code", "fraud_type"]  # a cases cell, also how case_victims rows are replaced


def stored_columns(kind: str) -> list[str]:
    if kind == "boundaries":
        return ["township_code", "geojson", "schematic"]
    return KINDS[kind].db_columns


def key_columns(kind: str) -> list[str]:
    """The columns that name a record; for kinds without a key, the whole row."""
    if kind == "boundaries":
        return ["township_code"]
    spec = KINDS[kind]
    return [spec.column(k).db_column for k in spec.key] or spec.db_columns


@dataclass
class KindRows:
    """The rows of one kind from a call, ready to plan: stored columns plus where each came from."""

    kind: str
    frame: pd.DataFrame
    read: int  # data rows read (case records count one each)
    duplicates: pd.DataFrame  # where the exact duplicate rows dropped came from (ORIGIN columns)
    victims: pd.DataFrame | None = None  # cases only: age bands counted from case records
    actions: np.ndarray | None = None  # add | update | skip per frame row, once planned

    def count(self, action: str) -> int:
        return 0 if self.actions is None else int((self.actions == action).sum())


# --- gathering ------------------------------------------------------------------------------------


def _typed(values: np.ndarray, column_type: str) -> pd.Series | np.ndarray:
    if column_type in ("int", "year"):
        return pd.array(values, dtype="Int64")
    return values


def table_frame(table: Table) -> pd.DataFrame:
    """The good rows of a table as stored columns (missing optional columns empty) plus their origin."""
    kind = SHAPES.get(table.shape, BOUNDARIES)
    bad = table.bad_rows()
    good = slice(None) if not bad.any() else ~bad  # a slice takes no copy of the usual, all-good table
    rows = table.rows[good]
    data = {}
    for column in kind.columns:
        parsed = table.columns.get(column.name)
        if parsed is None:
            values = np.full(len(rows), np.nan if column.type in ("int", "float", "year") else None)
        else:
            values = parsed.values[good]
        data[column.db_column] = _typed(values, column.type)
    frame = pd.DataFrame(data)
    frame["_file"], frame["_sheet"], frame["_row"] = table.file, table.sheet, rows
    return frame


def gather(tables: list[Table], ctx: Context) -> tuple[dict[str, KindRows], list[Finding], list[Finding]]:
    """Rows per kind across the call's tables, with duplicate warnings and conflicting-key errors."""
    errors: list[Finding] = []
    warnings: list[Finding] = []
    by_shape: dict[str, list[pd.DataFrame]] = {}
    read: dict[str, int] = {}
    for table in tables:
        by_shape.setdefault(table.shape, []).append(table_frame(table))
        read[table.kind] = read.get(table.kind, 0) + len(table.rows)
    gathered: dict[str, KindRows] = {}
    for shape, frames in by_shape.items():
        frame = pd.concat(frames, ignore_index=True)
        columns = [c for c in frame.columns if c not in ORIGIN]
        frame, duplicates = _drop_duplicates(frame, columns, ctx, warnings)
        kind = SHAPES.get(shape, BOUNDARIES).name
        victims = None
        if shape == "cases_records":
            frame, victims = count_case_records(frame)
        elif shape == "boundaries":
            frame = dissolve(frame)
        if kind in gathered:  # cases in both forms
            earlier = gathered[kind]
            frame = pd.concat([earlier.frame, frame], ignore_index=True)
            victims = earlier.victims if victims is None else victims
            duplicates = pd.concat([earlier.duplicates, duplicates], ignore_index=True)
        gathered[kind] = KindRows(kind, frame, read[kind], duplicates, victims)
    for rows in gathered.values():
        errors += _conflicting_keys(rows, ctx)
    return gathered, errors, warnings


def _where(row: pd.Series, other: pd.Series, ctx: Context) -> str:
    """'第 5 行' or, in another sheet, '「Sheet2」第 5 行'."""
    if (row["_file"], row["_sheet"]) == (other["_file"], other["_sheet"]):
        return ctx.tr("row_ref", row=int(other["_row"]))
    return ctx.tr("sheet_row_ref", sheet=other["_sheet"], row=int(other["_row"]))


def _drop_duplicates(frame: pd.DataFrame, columns: list[str], ctx: Context, warnings: list[Finding]):
    duplicated = frame.duplicated(subset=columns, keep="first").to_numpy()
    if not duplicated.any():
        return frame, frame.iloc[:0][ORIGIN]
    group = frame.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    first_of_group = pd.Series(np.arange(len(frame))).groupby(group).transform("first").to_numpy()
    for i in np.flatnonzero(duplicated):
        row, first = frame.iloc[i], frame.iloc[first_of_group[i]]
        warnings.append(
            Finding.at(
                row["_file"],
                row["_sheet"],
                int(row["_row"]),
                None,
                None,
                ctx.tr("duplicate_row", first=_where(row, first, ctx)),
            )
        )
    return frame[~duplicated].reset_index(drop=True), frame[duplicated][ORIGIN]


def _conflicting_keys(rows: KindRows, ctx: Context) -> list[Finding]:
    if rows.kind != "boundaries" and not KINDS[rows.kind].key:
        return []
    key = key_columns(rows.kind)
    frame = rows.frame
    clash = frame.duplicated(subset=key, keep=False).to_numpy()
    if not clash.any():
        return []
    names = SHAPES.get(rows.kind, BOUNDARIES)
    key_text = ctx.list_text(next(c.zh for c in names.columns if c.db_column == k) for k in key)
    group = frame.groupby(key, dropna=False, sort=False).ngroup().to_numpy()
    found = []
    for i in np.flatnonzero(clash):
        others = np.flatnonzero((group == group[i]) & (np.arange(len(frame)) != i))
        row, other = frame.iloc[i], frame.iloc[others[0]]
        found.append(
            Finding.at(
                row["_file"],
                row["_sheet"],
                int(row["_row"]),
                None,
                None,
                ctx.tr("conflicting_key", columns=key_text, other=_where(row, other, ctx)),
            )
        )
    return found


def count_case_records(records: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per case → monthly cases cells (count, summed loss) and victims per age band."""
    records = records.assign(
        month=records["filed"].to_numpy().astype("datetime64[M]").astype("datetime64[D]"),
        age_band=[age_band(a) for a in records["victim_age"].astype("float64").to_numpy()],
    )
    cells = (
        records.groupby(CELL_KEY, sort=True)
        .agg(
            cases=("filed", "size"),
            loss_yuan=("loss_yuan", lambda s: s.sum(min_count=1)),
            _file=("_file", "first"),
            _sheet=("_sheet", "first"),
            _row=("_row", "first"),
        )
        .reset_index()
    )
    cells["cases"] = cells["cases"].astype("Int64")
    cells["solved"] = pd.array([pd.NA] * len(cells), dtype="Int64")
    cells["_records"] = True
    victims = records.groupby([*CELL_KEY, "age_band"], sort=True).size().rename("victims").reset_index()
    return cells[[*KINDS["cases"].db_columns, *ORIGIN, "_records"]], victims


def dissolve(features: pd.DataFrame) -> pd.DataFrame:
    """One GeoJSON geometry per township: its features united."""
    import shapely
    from shapely.geometry import mapping

    rows = []
    for code, group in features.groupby("township_code", sort=True):
        geometry = shapely.union_all(group["geojson"].to_numpy())
        rows.append(
            {
                "township_code": code,
                "geojson": json.dumps(mapping(shapely.set_precision(geometry, 1e-6))),
                "schematic": False,
                "_file": group["_file"].iloc[0],
                "_sheet": group["_sheet"].iloc[0],
                "_row": group["_row"].iloc[0],
            }
        )
    return pd.DataFrame(rows, columns=["township_code", "geojson", "schematic", *ORIGIN])


# --- planning and writing -------------------------------------------------------------------------


def _same(left: str, right: str, columns: list[str]) -> str:
    return " and ".join(f"{left}.{c} is not distinct from {right}.{c}" for c in columns)


def plan(cur, rows: KindRows) -> np.ndarray:
    """add | update | skip for each row, against the current rows of the kind (identifiers from kinds.py)."""
    if rows.frame.empty:
        return np.empty(0, dtype=object)
    columns, key = stored_columns(rows.kind), key_columns(rows.kind)
    incoming = rows.frame[columns].assign(_i=np.arange(len(rows.frame)))
    cur.register("incoming_rows", incoming)
    try:
        found = cur.execute(
            f"select i._i, coalesce(bool_or(c._present), false) as present, "
            f"coalesce(bool_or({_same('i', 'c', columns)}), false) as same "
            f"from incoming_rows i left join (select *, true as _present from {rows.kind}) c "
            f"on {_same('i', 'c', key)} group by i._i order by i._i"
        ).fetchnumpy()
    finally:
        cur.unregister("incoming_rows")
    present, same = np.asarray(found["present"], dtype=bool), np.asarray(found["same"], dtype=bool)
    actions = np.where(~present, "add", np.where(same, "skip", "update")).astype(object)
    if rows.victims is not None and "_records" in rows.frame:
        # A cell counted from case records also replaces its age bands: unchanged only if they are too.
        changed = _victim_cells_changed(cur, rows)
        actions[(actions == "skip") & changed] = "update"
    return actions


def _victim_cells_changed(cur, rows: KindRows) -> np.ndarray:
    from_records = rows.frame["_records"].eq(True).to_numpy()
    incoming = _band_signatures(rows.victims)
    cur.register("incoming_victims", rows.victims)
    try:
        current = cur.execute(
            f"select v.* from case_victims v semi join incoming_victims i on {_same('v', 'i', CELL_KEY)}"
        ).df()
    finally:
        cur.unregister("incoming_victims")
    stored = _band_signatures(current)
    cells = rows.frame[CELL_KEY].astype(str).agg("|".join, axis=1)
    return from_records & (cells.map(incoming) != cells.map(stored).fillna("")).to_numpy()


def _band_signatures(victims: pd.DataFrame) -> pd.Series:
    """cell → 'band:victims,…' so two sets of age bands compare as text."""
    if victims.empty:
        return pd.Series(dtype=object)
    victims = victims.sort_values("age_band")
    cells = victims[CELL_KEY].astype(str).agg("|".join, axis=1)
    bands = victims["age_band"] + ":" + victims["victims"].astype(str)
    return bands.groupby(cells).agg(",".join)


def write(cur, rows: KindRows, batch: int) -> None:
    """Supersede what the updated rows replace, then insert the added and updated rows."""
    actions = rows.actions
    written = rows.frame[(actions == "add") | (actions == "update")]
    if written.empty:
        return
    columns, key = stored_columns(rows.kind), key_columns(rows.kind)
    if key != columns:  # a keyed kind: the rows it replaces stay, marked superseded
        _supersede(cur, f"{rows.kind}_versions", written[key], key, batch)
    db.insert_frame(cur, f"{rows.kind}_versions", written[columns].assign(batch_id=batch))
    if rows.kind == "cases":
        # The cells written replace their age bands; cells counted from records bring new ones.
        _supersede(cur, "case_victims_versions", written[CELL_KEY], CELL_KEY, batch)
        if rows.victims is not None:
            from_records = written[written["_records"].eq(True)][CELL_KEY]
            victims = rows.victims.merge(from_records, on=CELL_KEY)
            if not victims.empty:
                db.insert_frame(cur, "case_victims_versions", victims[VICTIM_COLUMNS].assign(batch_id=batch))


def _supersede(cur, table: str, keys: pd.DataFrame, key: list[str], batch: int) -> None:
    cur.register("replaced_keys", keys.drop_duplicates())
    try:
        cur.execute(
            f"update {table} v set superseded_by = ? from replaced_keys k "
            f"where v.superseded_by is null and {_same('v', 'k', key)}",
            [batch],
        )
    finally:
        cur.unregister("replaced_keys")
