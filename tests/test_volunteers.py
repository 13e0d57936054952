"""志愿者: teams and their service by team and township, townships no team covers, idle teams; and the page."""

import datetime as dt

import pandas as pd
import pytest

from fraudfree.analytics import volunteers
from fraudfree.filters import Filters
from tests.page_app import (
    FILTER_BAR_MONTHS,
    HEGUAN,
    WANGFEN,
    WANGFU,
    YIDU,
    YUNMENSHAN,
    county_with,
    metrics,
    open_page,
    texts,
)

D = dt.date
YEAR_2021 = Filters(D(2021, 1, 1), D(2021, 12, 1))

TEAMS = [
    {"team": "王府反诈队", "township_code": WANGFU, "members": 10, "founded": D(2020, 1, 1)},
    {"team": "全县反诈总队", "township_code": None, "members": 20, "founded": None},
    {"team": "益都反诈队", "township_code": YIDU, "members": 5, "founded": D(2020, 5, 1)},  # idle in 2021
    {"team": "王坟新队", "township_code": WANGFEN, "members": 8, "founded": D(2022, 3, 1)},  # founded after 2021
]


def service(day, team, township, volunteers, hours, reach):
    return {"date": day, "team": team, "township_code": township, "volunteers": volunteers, "hours": hours,
            "reach": reach}  # fmt: skip


SERVICE = [
    service(D(2021, 2, 1), "王府反诈队", WANGFU, 4, 8.0, 100),
    service(D(2021, 3, 1), "王府反诈队", WANGFU, 2, 3.0, 40),
    service(D(2021, 4, 1), "全县反诈总队", WANGFEN, 6, 12.0, 200),
    service(D(2021, 5, 1), "云门山热心队", YUNMENSHAN, 3, 6.0, 50),  # a team missing from the team list
    service(D(2020, 12, 1), "益都反诈队", YIDU, 2, 4.0, 30),  # before 2021
]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    path = tmp_path_factory.mktemp("volunteers") / "county.duckdb"
    return county_with(path, {"teams": TEAMS, "volunteer_hours": SERVICE, "cases": FILTER_BAR_MONTHS})


def test_a_township_is_uncovered_without_a_team_based_there_or_service_there(county):
    data = volunteers.load(county, YEAR_2021)
    uncovered = set(data.uncovered["code"])
    assert HEGUAN in uncovered
    assert not uncovered & {WANGFU, YIDU, WANGFEN, YUNMENSHAN}, (
        "based there (王府, 益都) or served there (王坟, 云门山)"
    )
    assert len(uncovered) == 13 - 4
    later = volunteers.load(county, Filters(D(2022, 6, 1), D(2022, 12, 1)))
    assert WANGFEN not in set(later.uncovered["code"]), "王坟新队 is based there from March 2022"
    assert WANGFU not in set(later.uncovered["code"]), "a team based there covers it even without service"


def test_idle_teams_are_those_without_service_anywhere_in_the_period(county):
    data = volunteers.load(county, YEAR_2021)
    assert data.idle["team"].tolist() == ["益都反诈队"], "王坟新队 did not exist yet"
    december_2020 = volunteers.load(county, Filters(D(2020, 12, 1), D(2020, 12, 1)))
    assert set(december_2020.idle["team"]) == {"王府反诈队", "全县反诈总队"}


def test_team_figures_sum_their_service_and_unlisted_teams_show_up(county):
    teams = volunteers.load(county, YEAR_2021).teams.set_index("team")
    wangfu = teams.loc["王府反诈队"]
    assert (wangfu["service_days"], wangfu["volunteers"], wangfu["hours"], wangfu["reach"]) == (2, 6, 11.0, 140)
    assert wangfu["last_service"] == pd.Timestamp(2021, 3, 1)
    assert not teams.loc["云门山热心队", "registered"]
    assert list(teams.index[:2]) == ["全县反诈总队", "王府反诈队"], "most hours first"


def test_township_figures_count_service_where_it_took_place_per_1000_residents(county):
    data = volunteers.load(county, YEAR_2021)
    townships = data.townships.set_index("code")
    assert townships.loc[WANGFEN, ["teams_based", "teams_serving", "hours"]].tolist() == [0, 1, 12.0]
    assert townships.loc[WANGFU, "volunteer_hours_per_1k"] == pytest.approx(11 / 95_000 * 1000)
    assert data.monthly["hours"].tolist() == [0, 8, 3, 12, 6, 0, 0, 0, 0, 0, 0, 0]


def test_the_township_filter_keeps_the_teams_based_or_serving_there(county):
    data = volunteers.load(county, Filters(YEAR_2021.start, YEAR_2021.end, (WANGFEN,)))
    assert data.teams["team"].tolist() == ["全县反诈总队"]
    assert data.monthly["hours"].sum() == 12
    assert data.uncovered.empty


def test_page_names_uncovered_townships_and_idle_teams(app_db, county):
    app_db(county)
    app = open_page("volunteers", period="2021-01:2021-12")
    assert not app.exception
    assert metrics(app)["服务时长（小时）"] == "29"
    warnings = [w.value for w in app.warning]
    assert any("9 个乡镇街道没有志愿者队伍覆盖" in w and "何官镇" in w for w in warnings)
    assert any("1 支队伍本时段没有任何志愿服务记录：益都反诈队" in w for w in warnings)
    assert len(app.get("plotly_chart")) == 3, "monthly trend, township map, teams by hours"
    one = open_page("volunteers", period="2021-01:2021-12", t=WANGFEN)
    assert metrics(one)["服务时长（小时）"] == "12"
    assert "都有志愿者队伍" in texts(one)


def test_an_empty_selection_says_so(app_db, county):
    app_db(county)
    app = open_page("volunteers", period="2021-01:2021-12", t=HEGUAN)
    assert not app.exception
    assert "没有志愿服务记录" in texts(app) and "没有登记的志愿者队伍" in texts(app)
    assert "何官镇" in texts(app)


def test_page_on_the_demo_in_english_with_filters_set(app_db, demo_db):
    app_db(demo_db)
    app = open_page("volunteers", period="2021-01:2021-12", t=WANGFEN, ft="刷单返利", lang="en")
    assert not app.exception
    assert app.title[0].value == "Volunteers"
    assert {"Volunteer teams", "Members", "Hours"} <= set(metrics(app))
    assert len(app.get("plotly_chart")) == 3
    assert "Wangfen Town" in app.dataframe[0].value.iloc[:, 0].tolist()
