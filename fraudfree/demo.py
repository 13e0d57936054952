"""The synthetic demo database (`python -m fraudfree demo`): 青州市 or 山东省, 2020-01..2022-12, the same data
for the same seed. Figures follow domain.md; cases follow a model whose parameters are known:

    cases[i,t] ~ Poisson( population[i,y] · base_rate · exp(b_urban · urban_share[i] + b_old · share_60plus[i,y])
                          · (reach3[i,t] / reach_reference) ^ reach_elasticity )

i a township, t a month of year y; reach3 is the township's activities.reach over the 3 months before t per
resident (population of year y), reach_reference its population-weighted mean over all townships and months.
Publicity is confounded: rural townships with many residents aged 60+ get the most of it (home visits,
loudspeakers) while urban ones have more cases through their young people, so a naive comparison overstates what
publicity does. The draws are Poisson conditioned on each year's area total being its expected total (rounded),
so the headline trend is the model's and not the dice's. Reach before 2020 is simulated but not recorded: fit
from 2020-04 on. 王坟镇's cases from 2022-05 on are zero (the pilot's result, outside the model).
demo_parameters holds the values.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from fraudfree import county, db
from fraudfree.demo_area import (
    LAGGARD,
    MONTH_YEAR,
    N_MONTHS,
    PILOT,
    Y2021,
    YEARS,
    Area,
    build_area,
    categorical,
    months,
    stream,
    strings,
)
from fraudfree.demo_publicity import (
    activity_chunks,
    activity_plan,
    places,
    teams,
    venues,
    videos,
    volunteer_hours,
)
from fraudfree.kinds import AGE_BANDS, KINDS, NATIONAL_APP, VOCABULARIES

DEFAULT_SEED = 2021
SCALES = ("county", "province")

# ---- the true model -------------------------------------------------------------------------------------
REACH_ELASTICITY = -0.3
REACH_LAG_MONTHS = 3
B_URBAN = 0.8
B_OLD = -2.0
CASES_2021 = 766  # domain.md, 青州市; base_rate is set so the expected 2021 total is this (per resident elsewhere)
PILOT_ZERO_MONTHS = 8

# How publicity is allocated: monthly reach per resident, more for rural and elderly townships, growing ~5 % a
# year (which takes ~2 % off cases a year), with campaign seasons.
REACH_PER_CAPITA = 0.5
ALLOCATION_RURAL = 0.9  # log reach per capita per unit of rural share
ALLOCATION_OLD = 5.0  # … per unit of 60+ share
REACH_GROWTH = np.log(1.05) / 12  # a month
SEASON = np.array([-0.15, -0.2, 0.05, 0.0, 0.0, 0.12, -0.05, -0.05, 0.1, 0.0, 0.08, 0.1])
PILOT_LEAD = 1.35  # the pilot's reach per capita over the next highest township's
LAGGARD_SHARE = 0.6  # the laggard's over the lowest other township's

# ---- cases by fraud type ------------------------------------------------------------------------------
SOLVED_SHARE = (0.13, 0.20, 0.23)  # domain.md: solved 153 in 2021, +50 % on 2020
# type: (share of cases, tilt towards urban townships, towards 60+, mean loss in yuan,
#        victims' age bands <18, 18-40, 41-65, >65, 未知)
FRAUD_PROFILE = {
    "刷单返利": (0.32, 0.5, 0.0, 28_000, (0.04, 0.76, 0.19, 0.01, 0.0)),
    "虚假投资理财": (0.13, 0.0, 2.0, 110_000, (0.0, 0.40, 0.55, 0.05, 0.0)),
    "虚假网络贷款": (0.14, 0.3, 0.0, 15_000, (0.0, 0.70, 0.28, 0.02, 0.0)),
    "冒充电商物流客服": (0.14, 0.0, 0.0, 30_000, (0.01, 0.60, 0.36, 0.03, 0.0)),
    "冒充公检法": (0.07, -0.3, 4.0, 80_000, (0.0, 0.35, 0.50, 0.15, 0.0)),
    "冒充领导熟人": (0.05, 0.0, 2.0, 45_000, (0.0, 0.40, 0.55, 0.05, 0.0)),
    "虚假征信": (0.04, 0.2, 0.0, 25_000, (0.0, 0.70, 0.29, 0.01, 0.0)),
    "网络游戏虚假交易": (0.04, 0.6, 0.0, 8_000, (0.15, 0.80, 0.05, 0.0, 0.0)),
    "网络婚恋交友": (0.04, 0.0, 0.0, 90_000, (0.0, 0.55, 0.42, 0.03, 0.0)),
    "其他": (0.03, 0.0, 0.0, 20_000, (0.02, 0.48, 0.40, 0.08, 0.02)),
}
FRAUD_TYPES = VOCABULARIES["fraud_type"]
LOSS_SPREAD = 0.8  # sigma of log loss within a type

# ---- early warning, apps, awareness ---------------------------------------------------------------------
DISSUADED_2021 = 17_756
WARNING_GROWTH = (0.85, 1.0, 1.12)
STOPPED_YUAN = (1.55e8, 2.21e8, 2.6e8)  # domain.md: 2.21 亿 in 2021, up from 2020
LOCAL_APP = "本地反诈防护"
# app: (registered at 2021-12 in 青州市, month of the curve's midpoint, its width in months, first month)
APPS = {NATIONAL_APP: (563_000, 14, 6.0, 0), LOCAL_APP: (515_000, 17, 5.0, 6)}
PILOT_APP_SHARE_2022 = 0.88
SURVEY_MONTHS = np.arange(2, N_MONTHS, 3)  # quarter ends
# In the province each county's police account publishes 1/20 of 青州市's videos: about 1.5 million view rows.
VIDEO_ACCOUNT_SHARE = {"county": 1.0, "province": 0.05}

PARAMETER_NOTES = {
    "reach_elasticity": "发案对前3个月人均覆盖人次（相对均值）的弹性 / elasticity of cases to reach per resident "
    "over the previous months, relative to reach_reference",
    "reach_lag_months": "覆盖取前几个月之和（不含当月）/ months of reach summed before the month "
    "(not the month itself)",
    "b_urban": "城镇化率系数（对数尺度）/ log-rate coefficient of townships.urban_share",
    "b_old": "60岁以上占比系数（对数尺度）/ log-rate coefficient of aged_60_plus / population of the year",
    "base_rate": "每人每月基准发案率 / cases per resident per month at zero covariates and reference reach",
    "reach_reference": "前3个月人均覆盖人次的全域人口加权均值 / population-weighted mean of 3-month reach per "
    "resident over 2020-01..2022-12",
    "allocation_rural": "宣传分配：人均覆盖（对数）随农村人口占比的斜率（混杂）/ confounding: log reach per resident "
    "per unit of rural share",
    "allocation_60plus": "宣传分配：人均覆盖（对数）随60岁以上占比的斜率（混杂）/ confounding: log reach per resident "
    "per unit of 60+ share",
    "pilot_zero_months": "王坟镇最后几个月发案置零（模型之外）/ last months of 2022 with 王坟镇's cases set to zero, "
    "outside the model",
    "seed": "随机种子 / random seed",
}


class NotADemo(RuntimeError):
    """The file at --db is a county's real database: the demo will not overwrite it."""


def build(path: Path | str, scale: str = "county", seed: int = DEFAULT_SEED) -> dict:
    """Build a fresh demo database at `path` (replacing a demo there); never leaves a half-built file behind."""
    started = time.perf_counter()
    path = Path(path)
    _refuse_real_database(path)
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.building-{os.getpid()}")
    _remove(building)
    try:
        area = build_area(scale, seed)
        con = db.open_db(building)
        try:
            county.init_area(con, area.code, demo=True, townships=area.for_init())
            batch, rows = _write(con, area, scale, seed)
        finally:
            con.close()
        os.replace(building, path)
    finally:
        _remove(building)
    return {
        "db": str(path),
        "scale": scale,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
        "area_code": area.code,
        "townships": area.size,
        "batch": batch,
        "rows": rows,
    }


def _write(con, area: Area, scale: str, seed: int) -> tuple[int, dict[str, int]]:
    rows: dict[str, int] = {}
    with db.transaction(con) as cur:
        batch = db.new_batch(cur, "demo", list(KINDS), {}, file_name=f"演示数据 seed={seed}")
        db.put_settings(cur, {"demo_scale": scale, "demo_seed": seed})
        activity_chunks: list[pa.Table] = []
        for name, table in generate(area, scale, seed):
            if name == "demo_parameters":
                db.insert_frame(cur, name, table)
                continue
            table = table.append_column("batch_id", pa.array(np.full(table.num_rows, batch, np.int64)))
            if name == "activities":
                activity_chunks.append(table)
            else:
                db.insert_frame(cur, f"{name}_versions", table)
            rows[name] = rows.get(name, 0) + table.num_rows
        # Real activities arrive month by month, so they lie in date order on disk and DuckDB skips the row
        # groups outside a period; the demo stores them the same way so that benchmarks measure that case.
        cur.register("activity_rows", pa.concat_tables(activity_chunks))
        cur.execute("insert into activities_versions by name select * from activity_rows order by date, township_code")
        cur.unregister("activity_rows")
        cur.execute("update import_batches set counts = ? where batch_id = ?", [json.dumps(rows), batch])
    return batch, rows


def _remove(path: Path) -> None:
    for file in (path, path.with_name(path.name + ".wal")):
        file.unlink(missing_ok=True)


def _refuse_real_database(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return  # not a database we can read: nothing of ours to protect
    try:
        found = dict(con.execute("select key, value from settings").fetchall())
    except duckdb.Error:
        return
    finally:
        con.close()
    if found.get("area_code") and found.get("is_demo") != "true":
        raise NotADemo(
            f"{path} 是{found.get('area_name', '')}的正式数据库，演示数据不会覆盖它 / "
            f"{path} is a real database ({found.get('area_name', '')}); the demo will not overwrite it"
        )


def generate(area: Area, scale: str, seed: int):
    """(kind, Arrow table) pairs: every kind, case_victims and demo_parameters; activities come in chunks."""
    intensity = publicity_intensity(area, stream(seed, "publicity"))
    population = np.hstack(
        [np.repeat(area.population[:, :1], REACH_LAG_MONTHS, axis=1), area.population[:, MONTH_YEAR]]
    )
    reach = np.rint(intensity * population).astype(np.int64)
    expected, parameters = case_model(area, reach)
    yield "demo_parameters", _parameter_table(parameters, seed)
    yield "population", population_table(area)
    venue = venues(area, stream(seed, "venues"))
    yield "venues", venue.table
    team = teams(area, stream(seed, "teams"))
    yield "teams", team.table
    yield "volunteer_hours", volunteer_hours(area, team, stream(seed, "volunteer_hours"))
    plan = activity_plan(area, reach[:, REACH_LAG_MONTHS:], stream(seed, "activity_plan"))
    for chunk in activity_chunks(area, plan, venue, team, places(area, stream(seed, "places")), seed):
        yield "activities", chunk
    video_table, view_table = videos(area, stream(seed, "videos"), VIDEO_ACCOUNT_SHARE[scale])
    yield "videos", video_table
    yield "video_views", view_table
    case_table, victim_table = cases(area, expected, stream(seed, "cases"))
    yield "cases", case_table
    yield "case_victims", victim_table
    yield "app_registrations", app_registrations(area, intensity[:, REACH_LAG_MONTHS:], stream(seed, "apps"))
    yield "warnings", warnings(area, stream(seed, "warnings"))
    yield "survey", survey(area, intensity[:, REACH_LAG_MONTHS:], stream(seed, "survey"))


def publicity_intensity(area: Area, rng: np.random.Generator) -> np.ndarray:
    """Monthly reach per resident, township × month from 2019-10 (three unrecorded months feed the lag)."""
    month = np.arange(-REACH_LAG_MONTHS, N_MONTHS)
    rural, old = 1 - area.urban, area.share_60plus[:, 0]
    effect = ALLOCATION_RURAL * (rural - rural.mean()) + ALLOCATION_OLD * (old - old.mean())
    effect = effect + rng.normal(0, 0.15, area.size)
    pilot, laggard = area.index(PILOT), area.index(LAGGARD)
    others = np.ones(area.size, bool)
    others[[i for i in (pilot, laggard) if i is not None]] = False
    if pilot is not None:
        effect[pilot] = effect[others].max() + np.log(PILOT_LEAD)
    if laggard is not None:
        effect[laggard] = effect[others].min() + np.log(LAGGARD_SHARE)
    log_intensity = (
        np.log(REACH_PER_CAPITA)
        + effect[:, None]
        + REACH_GROWTH * (month - 12)[None, :]
        + SEASON[month % 12][None, :]
        + rng.normal(0, 0.1, (area.size, len(month)))
    )
    return np.exp(log_intensity)


def case_model(area: Area, reach: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
    """Expected cases, township × month, from monthly reach (3 unrecorded months first), and the parameters."""
    population = area.population[:, MONTH_YEAR]
    share_60plus = area.aged_60_plus[:, MONTH_YEAR] / population
    running = np.cumsum(np.hstack([np.zeros((area.size, 1), np.int64), reach]), axis=1)
    reach3 = running[:, REACH_LAG_MONTHS : REACH_LAG_MONTHS + N_MONTHS] - running[:, :N_MONTHS]
    reach_reference = reach3.sum() / population.sum()
    risk = (
        population
        * np.exp(B_URBAN * area.urban[:, None] + B_OLD * share_60plus)
        * (reach3 / population / reach_reference) ** REACH_ELASTICITY
    )
    base_rate = CASES_2021 * area.factor / risk[:, Y2021].sum()
    parameters = {
        "reach_elasticity": REACH_ELASTICITY,
        "reach_lag_months": REACH_LAG_MONTHS,
        "b_urban": B_URBAN,
        "b_old": B_OLD,
        "base_rate": base_rate,
        "reach_reference": reach_reference,
        "allocation_rural": ALLOCATION_RURAL,
        "allocation_60plus": ALLOCATION_OLD,
        "pilot_zero_months": PILOT_ZERO_MONTHS,
    }
    return base_rate * risk, parameters


def _parameter_table(parameters: dict[str, float], seed: int) -> pa.Table:
    values = {**parameters, "seed": seed}
    return pa.table(
        {
            "name": list(values),
            "value": [float(v) for v in values.values()],
            "note": [PARAMETER_NOTES[name] for name in values],
        }
    )


def cases(area: Area, expected: np.ndarray, rng: np.random.Generator) -> tuple[pa.Table, pa.Table]:
    """Monthly cases per township and fraud type (every cell, zeros too), and victims per age band."""
    expected = expected.copy()
    pilot = area.index(PILOT)
    if pilot is not None:
        expected[pilot, N_MONTHS - PILOT_ZERO_MONTHS :] = 0
    counts = np.zeros(expected.shape, np.int64)
    for year in range(len(YEARS)):  # Poisson given the year's total is a multinomial over its cells
        in_year = year == MONTH_YEAR
        cells = expected[:, in_year]
        counts[:, in_year] = rng.multinomial(round(cells.sum()), (cells / cells.sum()).ravel()).reshape(cells.shape)
    cell = np.repeat(np.arange(area.size * N_MONTHS), counts.ravel())
    township, month = cell // N_MONTHS, cell % N_MONTHS
    profile = list(FRAUD_PROFILE.values())
    share, urban_tilt, old_tilt, mean_loss = (np.array([p[c] for p in profile]) for c in range(4))
    weight = area.population[:, 0] / area.population[:, 0].sum()
    urban = area.urban - (weight * area.urban).sum()
    old = area.share_60plus[:, 0] - (weight * area.share_60plus[:, 0]).sum()
    type_weights = share * np.exp(np.outer(urban, urban_tilt) + np.outer(old, old_tilt))
    fraud_type = categorical(rng, township, type_weights / type_weights.sum(axis=1, keepdims=True))
    band = categorical(rng, fraud_type, np.array([p[4] for p in profile]))
    loss = np.rint(rng.lognormal(np.log(mean_loss[fraud_type]) - LOSS_SPREAD**2 / 2, LOSS_SPREAD))
    solved = _solved(rng, MONTH_YEAR[month])

    n_types = len(FRAUD_TYPES)
    key = cell * n_types + fraud_type  # township, month, type
    size = area.size * N_MONTHS * n_types
    all_cells = np.arange(size)
    case_table = pa.table(
        {
            "month": months(all_cells // n_types % N_MONTHS),
            "township_code": strings(all_cells // (N_MONTHS * n_types), area.codes),
            "fraud_type": strings(all_cells % n_types, FRAUD_TYPES),
            "cases": np.bincount(key, minlength=size).astype(np.int32),
            "loss_yuan": np.bincount(key, loss, minlength=size),
            "solved": np.bincount(key, solved, minlength=size).astype(np.int32),
        }
    )
    victims = np.bincount(key * len(AGE_BANDS) + band, minlength=size * len(AGE_BANDS))
    held = np.flatnonzero(victims)
    victim_cell = held // len(AGE_BANDS)
    victim_table = pa.table(
        {
            "month": months(victim_cell // n_types % N_MONTHS),
            "township_code": strings(victim_cell // (N_MONTHS * n_types), area.codes),
            "fraud_type": strings(victim_cell % n_types, FRAUD_TYPES),
            "age_band": strings(held % len(AGE_BANDS), AGE_BANDS),
            "victims": victims[held].astype(np.int32),
        }
    )
    return case_table, victim_table


def _solved(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """Exactly SOLVED_SHARE of each year's cases, chosen at random, are solved."""
    order = np.lexsort((rng.random(len(year)), year))
    per_year = np.bincount(year, minlength=len(YEARS))
    rank = np.empty(len(year), np.int64)
    rank[order] = np.arange(len(year)) - (np.cumsum(per_year) - per_year)[year[order]]
    return rank < np.rint(np.array(SOLVED_SHARE) * per_year)[year]


def population_table(area: Area) -> pa.Table:
    township = np.tile(np.arange(area.size), len(YEARS))
    year = np.repeat(np.arange(len(YEARS)), area.size)
    return pa.table(
        {
            "year": np.array(YEARS, np.int32)[year],
            "township_code": strings(township, area.codes),
            "population": area.population[township, year],
            "households": area.households[township, year],
            "aged_60_plus": area.aged_60_plus[township, year],
        }
    )


def _township_month(area: Area, month_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.repeat(np.arange(area.size), len(month_index)), np.tile(month_index, area.size)


def warnings(area: Area, rng: np.random.Generator) -> pa.Table:
    """Warnings pushed and people talked out of paying, per township and month; money stopped (止付)."""
    urban = area.urban - area.urban.mean()
    weight = area.population[:, MONTH_YEAR] * np.exp(0.6 * urban)[:, None] * np.array(WARNING_GROWTH)[MONTH_YEAR]
    accuracy = np.clip(0.9 + rng.normal(0, 0.025, area.size), 0.8, 0.97)[:, None]
    scale = DISSUADED_2021 * area.factor / (weight[:, Y2021] * accuracy).sum()
    warned = rng.poisson(weight * scale)
    dissuaded = rng.binomial(warned, accuracy)
    onsite = rng.binomial(warned, 0.15)
    raw = rng.gamma(1.5, 1.0, weight.shape) * weight
    per_year = np.stack([raw[:, y == MONTH_YEAR].sum() for y in range(len(YEARS))])
    stopped = np.round(raw / per_year[MONTH_YEAR] * np.array(STOPPED_YUAN)[MONTH_YEAR] * area.factor, 2)
    township, month = _township_month(area, np.arange(N_MONTHS))
    return pa.table(
        {
            "month": months(month),
            "township_code": strings(township, area.codes),
            "warnings": warned.ravel().astype(np.int32),
            "dissuaded": dissuaded.ravel().astype(np.int32),
            "onsite_30min": onsite.ravel().astype(np.int32),
            "stopped_yuan": stopped.ravel(),
        }
    )


def app_registrations(area: Area, intensity: np.ndarray, rng: np.random.Generator) -> pa.Table:
    """Running totals per township and month for the national app and the local one (from its launch)."""
    population = area.population[:, 0].astype(float)
    publicity = intensity.mean(axis=1) / intensity.mean()
    pilot, laggard = area.index(PILOT), area.index(LAGGARD)
    month = np.arange(N_MONTHS)
    tables = []
    for app, (target_2021, midpoint, width, first) in APPS.items():  # two apps
        curve = 1 / (1 + np.exp(-(month - midpoint) / width))
        reach = np.exp(0.35 * (area.urban - area.urban.mean()) + rng.normal(0, 0.05, area.size)) * publicity**0.2
        if laggard is not None:
            reach[laggard] *= 0.75
        fixed = np.zeros(area.size)
        if app == NATIONAL_APP and pilot is not None:
            fixed[pilot] = PILOT_APP_SHARE_2022 / curve[-1]
            reach[pilot] = 0
        at_2021_end = curve[Y2021.stop - 1]
        level = (target_2021 * area.factor - (fixed * at_2021_end * population).sum()) / (
            reach * at_2021_end * population
        ).sum()
        share = np.minimum(fixed + level * reach, 0.95 / curve[-1])
        registered = np.floor(share[:, None] * curve[None, first:] * population[:, None]).astype(np.int64)
        township, month_index = _township_month(area, month[first:])
        tables.append(
            pa.table(
                {
                    "month": months(month_index),
                    "township_code": strings(township, area.codes),
                    "app": strings(np.zeros(len(township)), [app]),
                    "registered": registered.ravel(),
                }
            )
        )
    return pa.concat_tables(tables)


def survey(area: Area, intensity: np.ndarray, rng: np.random.Generator) -> pa.Table:
    """Quarterly awareness (知晓率) surveys: around 86 % in 2020 rising to 92 %, higher where publicity is."""
    publicity = np.log(intensity.mean(axis=1) / intensity.mean())
    year = MONTH_YEAR[SURVEY_MONTHS]
    rate = (
        0.855
        + 0.03 * year[None, :]
        + 0.04 * np.tanh(publicity)[:, None]
        + rng.normal(0, 0.01, (area.size, len(SURVEY_MONTHS)))
    )
    laggard, pilot = area.index(LAGGARD), area.index(PILOT)
    if laggard is not None:
        rate[laggard] -= 0.04
    if pilot is not None:
        rate[pilot, year == 2] = 0.975
    rate = np.clip(rate, 0.6, 0.99)
    sampled = rng.integers(200, 401, rate.shape)
    aware = rng.binomial(sampled, rate)
    if pilot is not None:  # the pilot's 2022 surveys all clear 95 %, whatever the draw
        aware[pilot, year == 2] = np.maximum(aware[pilot, year == 2], np.ceil(0.955 * sampled[pilot, year == 2]))
    township, month = _township_month(area, SURVEY_MONTHS)
    return pa.table(
        {
            "month": months(month),
            "township_code": strings(township, area.codes),
            "sampled": sampled.ravel().astype(np.int32),
            "aware": aware.ravel().astype(np.int32),
        }
    )
