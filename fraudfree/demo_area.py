"""Ground for the demo generator: the period, seeded random streams, vectorised helpers, and the area's
townships with their (partly synthetic) populations, households and ages for 2020–2022."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from fraudfree import reference

MONTHS = np.arange("2020-01", "2023-01", dtype="datetime64[M]")
YEARS = (2020, 2021, 2022)
N_MONTHS = len(MONTHS)
MONTH_YEAR = np.arange(N_MONTHS) // 12  # 0, 1, 2 for 2020, 2021, 2022
MONTH_START = MONTHS.astype("datetime64[D]").astype(np.int32)  # days since 1970-01-01
MONTH_DAYS = np.diff(np.append(MONTH_START, (MONTHS[-1] + 1).astype("datetime64[D]").astype(np.int32)))
LAST_DAY = int(MONTH_START[-1] + MONTH_DAYS[-1] - 1)
Y2021 = slice(12, 24)  # the calendar year the figures of domain.md describe

AREAS = {"county": "370781", "province": "37"}
COUNTY_POPULATION = 960_882  # 青州市, 2020 census: domain.md's figures are for this many residents
PROVINCE_POPULATION = 101_527_453  # 山东省, 2020 census
PILOT = "370781101"  # 王坟镇, the pilot 无诈乡镇
LAGGARD = "370781002"  # 益都街道: urban, little publicity, many cases


def stream(seed: int, part: str, *more: int) -> np.random.Generator:
    """An independent random stream per part of the demo: changing one part leaves the others' draws alone."""
    return np.random.default_rng([seed, zlib.crc32(part.encode()), *more])


def strings(indices: np.ndarray, values, null: np.ndarray | None = None) -> pa.DictionaryArray:
    """A string column as indices into `values` (null where `null` is true): cheap to build and to insert."""
    return pa.DictionaryArray.from_arrays(
        pa.array(np.asarray(indices, np.int32), mask=null), pa.array(np.asarray(values, dtype=object), pa.string())
    )


def dates(days: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(days, np.int32), pa.date32())


def months(month_index: np.ndarray) -> pa.Array:
    """The first day of each month (months are stored as dates)."""
    return dates(MONTH_START[month_index])


def categorical(rng: np.random.Generator, group: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """One draw per row from the distribution probs[group[row]] (each row of `probs` sums to 1)."""
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    # Offsetting each group's cumulative probabilities by the group number makes one sorted array.
    flat = (np.arange(len(probs))[:, None] + cum).ravel()
    return np.searchsorted(flat, group + rng.random(len(group)), side="right") - group * probs.shape[1]


def apportion(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Whole numbers in proportion to `weights`, each at least `minimum`, adding up to `total` (largest remainder)."""
    weights = np.asarray(weights, float)
    rest = max(0, int(total) - minimum * len(weights))
    share = rest * weights / weights.sum()
    counts = np.floor(share).astype(np.int64)
    order = np.argsort(counts - share, kind="stable")
    counts[order[: rest - counts.sum()]] += 1
    return counts + minimum


def share_out(totals: np.ndarray, group: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each group's whole-number total over its rows in proportion to `weights`, every row at least 1.

    Every group must have a row; the group's largest row takes the rounding, so the sums are exact.
    """
    n_groups = len(totals)
    sums = np.bincount(group, weights, minlength=n_groups)
    parts = np.maximum(1, np.floor(weights * (totals / sums)[group])).astype(np.int64)
    short = totals - np.bincount(group, parts, minlength=n_groups).astype(np.int64)
    order = np.lexsort((parts, group))
    largest = order[np.cumsum(np.bincount(group, minlength=n_groups)) - 1]
    parts[largest] += short
    return parts


def unique_labels(names: pd.Series, *qualifiers: pd.Series) -> pd.Series:
    """Names made unique by prefixing qualifiers (county, then city) only where a name repeats."""
    labels = names.copy()
    prefix = pd.Series("", index=names.index)
    for qualifier in qualifiers:
        repeated = labels.duplicated(keep=False)
        prefix = prefix.where(~repeated, qualifier + prefix)
        labels = prefix + names
    return labels


@dataclass(frozen=True)
class Area:
    """The demo's townships (reference columns for init_area) and their stocks per year (T × 3 arrays)."""

    code: str
    townships: pd.DataFrame
    population: np.ndarray
    households: np.ndarray
    aged_60_plus: np.ndarray

    @property
    def size(self) -> int:
        return len(self.townships)

    @cached_property
    def urban(self) -> np.ndarray:
        return self.townships["urban_share"].to_numpy(float)

    @cached_property
    def share_60plus(self) -> np.ndarray:
        return self.aged_60_plus / self.population

    @cached_property
    def codes(self) -> np.ndarray:
        return self.townships["code"].to_numpy(str)

    @cached_property
    def short_names(self) -> np.ndarray:
        return np.array([reference.short_name(name) for name in self.townships["name_zh"]])

    @cached_property
    def labels(self) -> pd.Series:
        """Township names unique within the area (the province has several 城关街道)."""
        t = self.townships
        return unique_labels(t["name_zh"], t["county_name"], t["city_name"])

    @property
    def factor(self) -> float:
        """Residents relative to 青州市: per-capita figures of domain.md scale by this."""
        return self.population[:, 0].sum() / COUNTY_POPULATION

    def index(self, code: str) -> int | None:
        found = np.flatnonzero(self.codes == code)
        return int(found[0]) if len(found) else None

    def for_init(self) -> pd.DataFrame:
        """The townships for county.init_area, without populations: the demo writes every year itself."""
        return self.townships.assign(demo_population=np.nan)


def build_area(scale: str, seed: int) -> Area:
    code = AREAS[scale]
    townships = reference.area_townships(code)
    rng = stream(seed, "area")
    if scale == "province":
        townships = _synthetic_details(townships, code, rng)
    size = len(townships)
    urban = townships["urban_share"].to_numpy(float)
    population_2020 = townships["demo_population"].to_numpy(float)
    # Modest change a year: towns that draw people grow, rural ones shrink a little.
    growth = 1 + 0.012 * (urban[:, None] - 0.5) + rng.normal(0, 0.004, (size, 2))
    population = np.rint(population_2020[:, None] * np.cumprod(np.hstack([np.ones((size, 1)), growth]), axis=1))
    households = np.rint(
        townships["demo_households"].to_numpy(float)[:, None]
        * population
        / population[:, :1]
        * np.array([1.0, 1.004, 1.008])
    )
    share_60plus = townships["demo_share_60plus"].to_numpy(float)[:, None] + np.array([0.0, 0.005, 0.01])
    aged_60_plus = np.rint(population * share_60plus)
    return Area(
        code, townships, population.astype(np.int64), households.astype(np.int64), aged_60_plus.astype(np.int64)
    )


def _synthetic_details(townships: pd.DataFrame, code: str, rng: np.random.Generator) -> pd.DataFrame:
    """Seats, populations, households, 60+ and urban shares for a province's real township list (示意)."""
    size = len(townships)
    kind = townships["kind"]
    urban = np.clip(townships["urban_share"].to_numpy(float) + rng.normal(0, 0.07, size), 0.05, 0.98)
    median = kind.map({"街道": 55_000, "镇": 45_000, "乡": 22_000, "开发区": 35_000}).fillna(30_000).to_numpy(float)
    population = apportion(PROVINCE_POPULATION, median * np.exp(rng.normal(0, 0.45, size)))
    households = np.rint(population / rng.uniform(2.55, 3.05, size))
    share_60plus = np.clip(0.14 + 0.12 * (1 - urban) + rng.normal(0, 0.015, size), 0.08, 0.35)
    lon, lat = _synthetic_seats(townships["county_code"].to_numpy(str), code, rng)
    return townships.assign(
        urban_share=urban,
        demo_population=population,
        demo_households=households,
        demo_share_60plus=share_60plus,
        seat_lon=lon,
        seat_lat=lat,
    )


def _synthetic_seats(county_codes: np.ndarray, area_code: str, rng: np.random.Generator):
    """Counties on a shuffled grid over the area's extent, townships scattered around their county's centre."""
    lon_min, lon_max, lat_min, lat_max = reference.extent(area_code)
    counties, county_of = np.unique(county_codes, return_inverse=True)
    width, height = lon_max - lon_min, lat_max - lat_min
    columns = int(np.ceil(np.sqrt(len(counties) * width / height)))
    rows = int(np.ceil(len(counties) / columns))
    cell = rng.permutation(rows * columns)[: len(counties)]
    cell_w, cell_h = width / columns, height / rows
    centre_lon = lon_min + (cell % columns + 0.5) * cell_w
    centre_lat = lat_min + (cell // columns + 0.5) * cell_h
    margin = 1e-3  # seats strictly inside the extent, so each gets a Voronoi cell
    lon = centre_lon[county_of] + rng.normal(0, 0.22 * cell_w, len(county_codes))
    lat = centre_lat[county_of] + rng.normal(0, 0.22 * cell_h, len(county_codes))
    return np.clip(lon, lon_min + margin, lon_max - margin), np.clip(lat, lat_min + margin, lat_max - margin)
