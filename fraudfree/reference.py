"""Reference data shipped in data/: the national township list, per-county details and extents."""

from __future__ import annotations

from functools import cache

import pandas as pd

from fraudfree import db

CHINA_CSV = db.DATA_DIR / "townships_china_2023.csv"
EXTENTS_CSV = db.DATA_DIR / "county_extents.csv"
# Files named townships_<place>.csv (other than the national list) add English names, seats and
# illustrative populations for the townships they cover.
DETAIL_GLOB = "townships_*.csv"
SUFFIXES = ("街道办事处", "街道", "民族乡", "镇", "乡", "经济发展区", "经济开发区", "开发区", "管委会", "农场")


@cache
def china_townships() -> pd.DataFrame:
    return pd.read_csv(CHINA_CSV, dtype=str)


@cache
def township_details() -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype={"code": str}) for p in sorted(db.DATA_DIR.glob(DETAIL_GLOB)) if p != CHINA_CSV]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["code"])


def township_kind(name: str) -> str:
    for suffix, kind in (("街道", "街道"), ("镇", "镇"), ("乡", "乡"), ("区", "开发区")):
        if name.endswith(suffix):
            return kind
    return "其他"


def short_name(name: str) -> str:
    """王坟镇 → 王坟: the name as people write it without its administrative suffix."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def area_townships(area_code: str) -> pd.DataFrame:
    """Townships of a 6-digit county or 2-digit province code, with whatever details are known.

    Columns: code, name_zh, name_en, kind, county_code, county_name, city_name, province_name,
    seat_lon, seat_lat, urban_share, demo_population, demo_households, demo_share_60plus.
    """
    china = china_townships()
    column = "county_code" if len(area_code) == 6 else "province_code"
    rows = china[china[column] == area_code].rename(columns={"name": "name_zh"})
    details = township_details()
    merged = rows.merge(details.drop(columns=["name_zh"], errors="ignore"), on="code", how="left")
    if "kind" not in merged or merged["kind"].isna().any():
        derived = merged["name_zh"].map(township_kind)
        merged["kind"] = merged["kind"].fillna(derived) if "kind" in merged else derived
    for column_name in ("name_en", "seat_lon", "seat_lat", "demo_population", "demo_households", "demo_share_60plus"):
        if column_name not in merged:
            merged[column_name] = None
    # Subdistricts are urban; towns are mostly rural. Used only where no census share is loaded.
    merged["urban_share"] = merged["kind"].map({"街道": 0.9, "开发区": 0.7, "镇": 0.3, "乡": 0.2}).fillna(0.4)
    return merged.reset_index(drop=True)


def extent(area_code: str) -> tuple[float, float, float, float] | None:
    """(lon_min, lon_max, lat_min, lat_max) of an area, when data/county_extents.csv knows it."""
    extents = pd.read_csv(EXTENTS_CSV, dtype={"county_code": str})
    row = extents[extents["county_code"] == area_code]
    if row.empty:
        return None
    r = row.iloc[0]
    return float(r.lon_min), float(r.lon_max), float(r.lat_min), float(r.lat_max)


TOWNSHIP_COLUMNS = (
    "code",
    "name_zh",
    "name_en",
    "kind",
    "county_code",
    "county_name",
    "city_name",
    "province_name",
    "seat_lon",
    "seat_lat",
    "urban_share",
)


def load_townships(cur, townships: pd.DataFrame) -> None:
    """Replace the townships reference table with `townships` (an area_townships frame)."""
    cur.execute("delete from townships")
    db.insert_frame(cur, "townships", townships[list(TOWNSHIP_COLUMNS)])
