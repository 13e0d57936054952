"""The synthetic demo: deterministic, calibrated to domain.md's 2021 figures for 青州市, with a known causal model."""

import json
import subprocess
import sys

import numpy as np
import pytest

from fraudfree import db, demo
from fraudfree.kinds import AGE_BANDS, KINDS, NATIONAL_APP, VOCABULARIES

TABLES = (*KINDS, "case_victims", "demo_parameters", "townships", "boundaries")
PILOT, LAGGARD = "370781101", "370781002"


def rows(path, query, params=None):
    cur = db.connection(path).cursor()
    try:
        return cur.execute(query, params or []).fetchall()
    finally:
        cur.close()


def value(path, query, params=None):
    return rows(path, query, params)[0][0]


def fingerprint(path) -> dict[str, str]:
    """An md5 of every table's rows in sorted order."""
    return {
        name: value(
            path, f"select md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) from {name} t"
        )
        for name in TABLES
    }


def summary(path) -> dict[str, tuple]:
    """Row count and the sum of each count or amount column, per kind (what `summary` shows)."""
    result = {}
    for name, kind in KINDS.items():
        sums = [f"sum({c.name})" for c in kind.columns if c.summed]
        result[name] = rows(path, f"select count(*), {', '.join(sums) or '0'} from {name}")[0]
    return result


def within(actual, target, tolerance=0.10):
    return abs(actual - target) <= tolerance * target


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory):
    """The same county demo built again, by the command line as a user would."""
    path = tmp_path_factory.mktemp("cli") / "x.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "fraudfree", "demo", "--db", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=db.ROOT,
        timeout=120,
    )
    return path, done


def test_command_line_demo_exits_0_and_reports_every_kind(cli_build):
    path, done = cli_build
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["db"] == str(path) and report["scale"] == "county" and report["seed"] == demo.DEFAULT_SEED
    assert report["seconds"] > 0
    assert all(report["rows"][kind] > 0 for kind in KINDS)
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.duckdb"]  # no temporary file left behind


def test_same_seed_gives_identical_data(demo_db, cli_build):
    assert summary(cli_build[0]) == summary(demo_db)
    assert fingerprint(cli_build[0]) == fingerprint(demo_db)


def test_another_seed_gives_other_data(demo_db, tmp_path):
    other = tmp_path / "seed7.duckdb"
    demo.build(other, "county", 7)
    mine, theirs = fingerprint(demo_db), fingerprint(other)
    assert all(mine[kind] != theirs[kind] for kind in ("activities", "cases", "video_views", "warnings", "survey"))
    assert summary(other)["activities"] != summary(demo_db)["activities"]


def test_rebuilding_replaces_the_old_demo(tmp_path):
    path = tmp_path / "demo.duckdb"
    demo.build(path, "county", 7)
    demo.build(path, "county", 8)
    assert value(path, "select value from settings where key = 'demo_seed'") == "8"
    assert value(path, "select count(*) from import_batches where source = 'demo'") == 1


def test_demo_refuses_to_overwrite_a_real_county_database(tmp_path):
    path = tmp_path / "real.duckdb"
    subprocess.run(
        [sys.executable, "-m", "fraudfree", "init", "--county", "370781", "--db", str(path)],
        check=True,
        capture_output=True,
        cwd=db.ROOT,
    )
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "fraudfree", "demo", "--db", str(path)], capture_output=True, text=True, cwd=db.ROOT
    )
    assert done.returncode == 1 and "不会覆盖" in done.stdout
    assert path.read_bytes() == before


def test_every_kind_is_written_in_one_demo_batch(demo_db):
    for name in TABLES:
        assert value(demo_db, f"select count(*) from {name}") > 0, name
    batches = rows(demo_db, "select batch_id, file_name, kinds from import_batches where source = 'demo'")
    assert len(batches) == 1 and batches[0][1] == f"演示数据 seed={demo.DEFAULT_SEED}"
    assert set(batches[0][2]) == set(KINDS)
    for name in (*KINDS, "case_victims"):
        assert value(demo_db, f"select count(*) from {name} where batch_id <> ?", [batches[0][0]]) == 0, name
    assert value(demo_db, "select value from settings where key = 'is_demo'") == "true"
    assert value(demo_db, "select value from settings where key = 'area_code'") == "370781"


CALIBRATION_2021 = {
    "cases": ("select sum(cases) from cases where year(month) = 2021", 766),
    "solved": ("select sum(solved) from cases where year(month) = 2021", 153),
    "national app at 2021-12": (
        f"select sum(registered) from app_registrations where month = '2021-12-01' and app = '{NATIONAL_APP}'",
        563_000,
    ),
    "local app at 2021-12": (
        f"select sum(registered) from app_registrations where month = '2021-12-01' and app = '{demo.LOCAL_APP}'",
        515_000,
    ),
    "dissuaded": ("select sum(dissuaded) from warnings where year(month) = 2021", 17_756),
    "stopped yuan": ("select sum(stopped_yuan) from warnings where year(month) = 2021", 2.21e8),
    "materials": ("select sum(materials) from activities where year(date) = 2021", 360_000),
    "teams": ("select count(*) from teams", 32),
    "team members": ("select sum(members) from teams", 1_700),
    "videos published": ("select count(*) from videos where year(published) = 2021", 810),
    "plays": ("select sum(plays) from video_views where year(date) = 2021", 1.66e8),
    "vaccination sites": ("select count(*) from venues where venue_type = '疫苗接种点'", 48),
    "traffic intersections": ("select count(*) from venues where venue_type = '交通路口'", 36),
}


@pytest.mark.parametrize("figure", CALIBRATION_2021)
def test_2021_figure_within_10_percent_of_domain(demo_db, figure):
    query, target = CALIBRATION_2021[figure]
    assert within(value(demo_db, query), target), (figure, value(demo_db, query), target)


def test_three_up_one_down_from_2020_to_2021(demo_db):
    by_year = dict(
        (y, (c, s, m))
        for y, c, s, m in rows(
            demo_db,
            """
        select year(c.month), sum(c.cases), sum(c.solved), any_value(w.stopped)
        from cases c join (select year(month) y, sum(stopped_yuan) stopped from warnings group by 1) w
          on w.y = year(c.month) group by 1""",
        )
    )
    cases_2020, solved_2020, stopped_2020 = by_year[2020]
    cases_2021, solved_2021, stopped_2021 = by_year[2021]
    assert within(cases_2020, 782, 0.03) and cases_2021 < cases_2020
    assert within(solved_2020, 102) and within(solved_2021 / solved_2020, 1.5)
    assert stopped_2021 > stopped_2020


def test_venues_are_mostly_banks_telecom_shops_and_taxi_screens(demo_db):
    total, bulk = rows(
        demo_db,
        "select count(*), count(*) filter (where venue_type in ('银行网点', '通信营业厅', '出租车LED')) from venues",
    )[0]
    assert total >= 1_500 and bulk >= 1_500 and bulk / total > 0.75


def test_population_sums_to_the_2020_census_and_changes_modestly(demo_db):
    by_year = dict(rows(demo_db, "select year, sum(population) from population group by 1"))
    assert by_year[2020] == 960_882
    assert set(by_year) == {2020, 2021, 2022}
    assert all(within(by_year[y], 960_882, 0.01) for y in by_year)


def test_awareness_survey_is_between_85_and_95_percent(demo_db):
    aware = value(demo_db, "select sum(aware) / sum(sampled) from survey where year(month) = 2021")
    assert 0.85 <= aware <= 0.95


def test_fraud_type_mix_follows_the_national_classification(demo_db):
    share = dict(
        (t, (c, loss))
        for t, c, loss in rows(
            demo_db,
            """
        select fraud_type, sum(cases) / sum(sum(cases)) over (), sum(loss_yuan) / sum(sum(loss_yuan)) over ()
        from cases group by 1""",
        )
    )
    assert within(share["刷单返利"][0], 1 / 3)
    assert within(share["虚假投资理财"][1], 1 / 3)
    assert within(sum(sorted((c for c, _ in share.values()), reverse=True)[:5]), 0.80)


def test_victims_are_mostly_young_adults_with_mean_age_near_37(demo_db):
    band = dict(rows(demo_db, "select age_band, sum(victims) / sum(sum(victims)) over () from case_victims group by 1"))
    midpoint = {"<18": 16, "18-40": 29, "41-65": 53, ">65": 72}
    mean_age = sum(band.get(b, 0) * m for b, m in midpoint.items()) / sum(band.get(b, 0) for b in midpoint)
    assert within(mean_age, 37)
    assert within(band["18-40"], 0.62) and within(band["41-65"], 0.33)
    assert value(demo_db, "select sum(victims) from case_victims") == value(demo_db, "select sum(cases) from cases")


def per_township_2022(path):
    """Reach per resident, home-visit coverage, national app share, awareness and case rate per township, 2022."""
    return {
        code: rest
        for code, *rest in rows(
            path,
            f"""
        with pop as (select township_code, population, households from population where year = 2022),
        act as (select township_code, sum(reach) as reach,
                       sum(households) filter (where method = '入户走访') as visited
                from activities where year(date) = 2022 group by 1),
        app as (select township_code, registered from app_registrations
                where app = '{NATIONAL_APP}' and month = '2022-12-01'),
        srv as (select township_code, sum(aware) / sum(sampled) as aware, min(aware / sampled) as worst
                from survey where year(month) = 2022 group by 1),
        cas as (select township_code, sum(cases) as cases from cases where year(month) = 2022 group by 1)
        select pop.township_code, reach / population, visited / households, registered / population, aware, worst,
               cases / population * 1e4
        from pop join act using (township_code) join app using (township_code) join srv using (township_code)
             join cas using (township_code)""",
        )
    }


def test_wangfen_is_the_fraud_free_pilot(demo_db):
    towns = per_township_2022(demo_db)
    reach, visited, app, aware, worst, _ = towns[PILOT]
    assert reach == max(t[0] for t in towns.values())
    whole_period = dict(
        rows(
            demo_db,
            """select township_code, sum(reach) / any_value(p.population)
        from activities join population p using (township_code) where p.year = 2020 group by 1""",
        )
    )
    assert max(whole_period, key=whole_period.get) == PILOT
    assert app >= 0.80 and visited >= 0.90 and aware >= 0.95 and worst >= 0.95
    late = rows(
        demo_db,
        "select month, sum(cases) from cases where township_code = ? and month >= '2022-05-01' group by 1 order by 1",
        [PILOT],
    )
    assert len(late) == 8 and all(cases == 0 for _, cases in late)


def test_an_urban_subdistrict_lags_with_little_reach_and_many_cases(demo_db):
    towns = per_township_2022(demo_db)
    reach, _, app, aware, _, rate = towns[LAGGARD]
    assert reach == min(t[0] for t in towns.values())
    assert rate == max(t[5] for t in towns.values())
    assert app == min(t[2] for t in towns.values()) and aware == min(t[3] for t in towns.values())


def test_true_model_parameters_are_recorded(demo_db):
    truth = dict(rows(demo_db, "select name, value from demo_parameters"))
    assert truth["reach_elasticity"] == demo.REACH_ELASTICITY < 0
    assert truth["reach_lag_months"] == 3
    assert truth["b_urban"] == demo.B_URBAN and truth["b_old"] == demo.B_OLD
    assert truth["base_rate"] > 0 and truth["reach_reference"] > 0


def recorded_model_inputs(path):
    """Monthly reach, cases, population and 60+ share per township (township × month arrays), urban shares."""
    codes = [c for (c,) in rows(path, "select code from townships order by code")]
    grid = rows(
        path,
        """
        with r as (select township_code, date_trunc('month', date) as month, sum(reach) as reach
                   from activities group by all),
        c as (select township_code, month, sum(cases) as cases from cases group by all)
        select c.township_code, c.month, r.reach, c.cases, p.population, p.aged_60_plus / p.population
        from c join r using (township_code, month) join population p
          on p.township_code = c.township_code and p.year = year(c.month)
        order by c.township_code, c.month""",
    )
    reach, cases, population, share_60plus = (
        np.array([g[i] for g in grid], float).reshape(len(codes), -1) for i in (2, 3, 4, 5)
    )
    urban = np.array([u for (u,) in rows(path, "select urban_share from townships order by code")])
    return codes, reach, cases, population, share_60plus, urban


def test_recorded_data_and_parameters_rebuild_the_expected_cases(demo_db):
    truth = dict(rows(demo_db, "select name, value from demo_parameters"))
    _codes, reach, cases, population, share_60plus, urban = recorded_model_inputs(demo_db)
    lag = int(truth["reach_lag_months"])
    reach3 = sum(reach[:, lag - k - 1 : reach.shape[1] - k - 1] for k in range(lag))  # months t-3 .. t-1
    months = slice(lag, None)
    expected = (
        population[:, months]
        * truth["base_rate"]
        * np.exp(truth["b_urban"] * urban[:, None] + truth["b_old"] * share_60plus[:, months])
        * (reach3 / population[:, months] / truth["reach_reference"]) ** truth["reach_elasticity"]
    )
    in_2021 = slice(12 - lag, 24 - lag)
    assert expected[:, in_2021].sum() == pytest.approx(cases[:, 12:24].sum(), abs=1.0)
    assert expected[:, in_2021].sum() == pytest.approx(766, abs=1.0)


def test_publicity_is_confounded_so_the_naive_slope_overstates_the_effect(demo_db):
    _, reach, cases, population, _, _ = recorded_model_inputs(demo_db)
    slope = np.polyfit(np.log(reach.sum(axis=1) / population[:, 0]), np.log(cases.sum(axis=1) / population[:, 0]), 1)[0]
    assert slope < 2 * demo.REACH_ELASTICITY


def test_every_date_lies_in_2020_to_2022(demo_db):
    for name, kind in KINDS.items():
        for column in kind.columns:
            if column.type in ("date", "month"):
                low, high = rows(demo_db, f"select min({column.name}), max({column.name}) from {name}")[0]
                assert str(low) >= "2020-01-01" and str(high) <= "2022-12-31", (name, column.name, low, high)
    assert (
        value(demo_db, "select count(*) from case_victims where month not between '2020-01-01' and '2022-12-01'") == 0
    )
    assert (
        value(demo_db, "select count(*) from video_views v join videos using (video_id) where v.date < published") == 0
    )


def test_every_vocabulary_value_is_allowed(demo_db):
    for name, kind in KINDS.items():
        for column in kind.columns:
            if column.type.startswith("vocab:"):
                found = {
                    v
                    for (v,) in rows(
                        demo_db, f"select distinct {column.name} from {name} where {column.name} is not null"
                    )
                }
                assert found <= set(VOCABULARIES[column.type[6:]]), (name, column.name, found)
    assert {a for (a,) in rows(demo_db, "select distinct app from app_registrations")} == {NATIONAL_APP, demo.LOCAL_APP}
    assert {b for (b,) in rows(demo_db, "select distinct age_band from case_victims")} <= set(AGE_BANDS)


def test_township_codes_are_the_areas_nine_digit_codes(demo_db):
    codes = {c for (c,) in rows(demo_db, "select code from townships")}
    assert len(codes) == 13 and all(len(c) == 9 and c.isdigit() for c in codes)
    for name, kind in KINDS.items():
        if any(c.type == "township" for c in kind.columns):
            found = {
                c
                for (c,) in rows(demo_db, f"select distinct township_code from {name} where township_code is not null")
            }
            assert found <= codes, name
    assert value(demo_db, "select count(*) from video_views where township_code is not null") == 0  # county level


def test_activities_pair_each_method_with_its_channel_and_partner(demo_db):
    pairs = {(m, c, p) for m, c, p in rows(demo_db, "select distinct method, channel, partner from activities")}
    assert {(c, p) for m, c, p in pairs if m == "入户走访"} <= {("面对面", "卫健"), ("面对面", "公安")}
    assert {(c, p) for m, c, p in pairs if m == "邮政投递"} == {("宣传资料", "邮政")}
    assert {p for m, _, p in pairs if m == "招聘会"} == {"人社"}
    assert {p for m, _, p in pairs if m == "文艺演出"} == {"文旅"}
    assert {p for m, _, p in pairs if m == "进校园"} == {"教育"}
    assert {c for m, c, _ in pairs if m == "阵地展示"} == {"LED屏"}
    assert {c for m, c, _ in pairs if m == "线上推送"} <= {"微信群", "短视频"}
    assert (
        value(
            demo_db,
            """select count(*) from activities a left join venues v using (venue_id)
        where a.method = '阵地展示' and (v.township_code is distinct from a.township_code or a.date < v.start_date)""",
        )
        == 0
    )
    assert (
        value(demo_db, "select count(*) from activities where (households is not null) <> (method = '入户走访')") == 0
    )


def test_activities_name_villages_communities_and_volunteer_teams(demo_db):
    places = [p for (p,) in rows(demo_db, "select distinct community from activities where community is not null")]
    assert len(places) > 500 and all(p.endswith(("村", "社区")) for p in places)
    assert value(demo_db, "select count(*) from activities where community is null") > 0
    unknown_teams = value(
        demo_db,
        "select count(*) from activities a left join teams t using (team) where a.team is not null and t.team is null",
    )
    assert unknown_teams == 0
    assert value(demo_db, "select count(*) from activities where team is not null and partner <> '志愿者协会'") == 0
    assert value(demo_db, "select count(*) from activities where team is not null") > 0
    assert (
        value(
            demo_db, "select count(*) from volunteer_hours v join teams t using (team) where v.volunteers > t.members"
        )
        == 0
    )


def test_daily_video_views_decay_after_publication(demo_db):
    first_week, later = rows(
        demo_db,
        """
        select sum(plays) filter (where v.date < published + 7), sum(plays) filter (where v.date >= published + 7)
        from video_views v join videos using (video_id)""",
    )[0]
    assert first_week > 2 * later
    days = value(demo_db, "select max(n) from (select count(*) as n from video_views group by video_id)")
    assert days > 30  # a row per day, not one per video
