"""The demo's publicity side: venues, volunteer teams and their service days, activities, short videos.

Counts are calibrated to domain.md's figures for 青州市 and scale with residents elsewhere.
Every function takes the area and a random stream and returns Arrow tables with the kinds' columns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from fraudfree.demo_area import (
    LAST_DAY,
    MONTH_DAYS,
    MONTH_START,
    MONTH_YEAR,
    N_MONTHS,
    PILOT,
    Y2021,
    Area,
    apportion,
    categorical,
    dates,
    share_out,
    stream,
    strings,
    unique_labels,
)
from fraudfree.kinds import VOCABULARIES

METHODS = VOCABULARIES["method"]
CHANNELS = VOCABULARIES["channel"]
PARTNERS = VOCABULARIES["partner"]
PLATFORMS = VOCABULARIES["platform"]
START_DAY = int(MONTH_START[0])


def _day(iso: str) -> int:
    return int(np.datetime64(iso, "D").astype(int))


# ---- venues (阵地) ---------------------------------------------------------------------------------------
# type: (count in 青州市, weight by urban share u, at least one per township, screens (low, high) or None,
#        partner who runs it, name prefixes, name suffix); a venue is named prefix + township + suffix + number.
VENUE_PROFILE = {
    "银行网点": (
        380,
        "mixed",
        1,
        (1, 3),
        "银行",
        ("农业银行", "工商银行", "建设银行", "中国银行", "农商银行", "邮储银行"),
        "网点",
    ),
    "通信营业厅": (300, "mixed", 0, (1, 2), "通信运营商", ("移动", "联通", "电信"), "营业厅"),
    "出租车LED": (860, "urban", 0, (1, 1), "公安", ("",), "出租车LED屏"),
    "疫苗接种点": (48, "people", 1, None, "卫健", ("",), "疫苗接种点"),
    "交通路口": (36, "urban", 0, (1, 4), "公安", ("",), "路口大屏"),
    "学校": (120, "people", 0, None, "教育", ("",), "学校"),
    "广场公园": (25, "urban", 0, None, "文旅", ("",), "文化广场"),
    "商超市场": (60, "mixed", 0, None, "其他", ("",), "商超"),
    "医院诊所": (40, "people", 0, None, "卫健", ("",), "卫生院"),
}
LED_TYPES = ("银行网点", "通信营业厅", "出租车LED", "交通路口")


@dataclass(frozen=True)
class Venues:
    table: pa.Table
    # LED screens in service through the whole period, grouped by township: what 阵地展示 rows point at.
    screen_ids: np.ndarray
    screen_partner: np.ndarray  # index into PARTNERS
    screen_first: np.ndarray  # per township: first position in screen_ids
    screen_count: np.ndarray  # per township: how many


def venues(area: Area, rng: np.random.Generator) -> Venues:
    population = area.population[:, 0].astype(float)
    weight_of = {"mixed": population * (0.4 + area.urban), "urban": population * area.urban**2, "people": population}
    per_type = [
        apportion(round(profile[0] * area.factor), weight_of[profile[1]], profile[2])
        for profile in VENUE_PROFILE.values()
    ]
    counts = np.stack(per_type, axis=1)  # township × type
    township = np.repeat(np.tile(np.arange(area.size), len(VENUE_PROFILE)), counts.T.ravel())
    vtype = np.repeat(np.arange(len(VENUE_PROFILE)), counts.sum(axis=0))
    n = len(township)
    order = np.lexsort((vtype, township))
    township, vtype = township[order], vtype[order]
    number = pd.Series(np.ones(n)).groupby([township, vtype]).cumsum().to_numpy(int)  # 1, 2, … per township and type

    profiles = list(VENUE_PROFILE.values())
    type_names = np.array(list(VENUE_PROFILE))
    prefix_choices = [np.array(p[5]) for p in profiles]
    prefix = np.empty(n, dtype=object)
    for i, choices in enumerate(prefix_choices):  # a loop over the nine venue types
        rows = vtype == i
        prefix[rows] = choices[rng.integers(0, len(choices), rows.sum())]
    suffix = np.array([p[6] for p in profiles], dtype=object)[vtype]
    name = (pd.Series(prefix) + area.short_names[township] + suffix + number.astype(str)).to_numpy()

    has_screens = np.array([p[3] is not None for p in profiles])[vtype]
    low = np.array([p[3][0] if p[3] else 0 for p in profiles])[vtype]
    high = np.array([p[3][1] if p[3] else 0 for p in profiles])[vtype]
    screens = rng.integers(low, high + 1)
    seats = area.townships[["seat_lon", "seat_lat"]].to_numpy(float)[township]
    lon = np.round(seats[:, 0] + rng.normal(0, 0.025, n), 5)
    lat = np.round(seats[:, 1] + rng.normal(0, 0.02, n), 5)

    # Most venues serve from the start of the records; taxis come and go; vaccination sites opened in 2021.
    is_taxi = type_names[vtype] == "出租车LED"
    is_vaccination = type_names[vtype] == "疫苗接种点"
    late = is_taxi & (rng.random(n) < 0.3)
    start = np.full(n, START_DAY)
    start[late] = rng.integers(START_DAY + 31, _day("2022-07-01"), late.sum())
    start[is_vaccination] = rng.integers(_day("2021-01-04"), _day("2021-05-01"), is_vaccination.sum())
    ended = is_taxi & (rng.random(n) < 0.08)
    end = np.where(ended, rng.integers(_day("2022-07-01"), LAST_DAY + 1, n), 0)

    venue_ids = np.char.add("ZD", np.char.zfill(np.arange(1, n + 1).astype(str), 6))
    table = pa.table(
        {
            "venue_id": pa.array(venue_ids),
            "name": pa.array(name, pa.string()),
            "venue_type": strings(vtype, type_names),
            "township_code": strings(township, area.codes),
            "lon": lon,
            "lat": lat,
            "screens": pa.array(screens.astype(np.int32), mask=~has_screens),
            "start_date": dates(start),
            "end_date": pa.array(end.astype(np.int32), pa.date32(), mask=~ended),
        }
    )
    screen = np.isin(type_names[vtype], LED_TYPES) & ~late & ~ended
    partner_of_type = np.array([PARTNERS.index(p[4]) for p in profiles])
    screen_count = np.bincount(township[screen], minlength=area.size)
    return Venues(
        table, venue_ids[screen], partner_of_type[vtype[screen]], np.cumsum(screen_count) - screen_count, screen_count
    )


# ---- volunteer teams (志愿者队伍) and their service days ---------------------------------------------------
# County-wide teams: (team name after the county's name, organisation after the county's name)
COUNTY_TEAMS = (
    ("公安反诈宣传队", "公安局"),
    ("家庭医生反诈宣传队", "卫生健康局"),
    ("邮政投递员反诈宣传队", "邮政分公司"),
    ("人社就业服务反诈宣传队", "人力资源和社会保障局"),
    ("文艺轻骑兵反诈宣传队", "文化和旅游局"),
    ("反诈进校园志愿队", "教育局"),
    ("养老服务反诈志愿队", "民政局"),
    ("反诈宣传志愿服务总队", "志愿者协会"),
    ("银行业反诈宣传队", "银行业协会"),
    ("通信行业反诈宣传队", "通信行业协会"),
    ("青年反诈志愿服务队", "团委"),
    ("巾帼反诈宣传队", "妇女联合会"),
    ("老干部反诈宣讲团", "老干部局"),
    ("退役军人反诈志愿队", "退役军人事务局"),
    ("大学生反诈志愿队", "职业学院"),
    ("网格员反诈宣传队", "政法委"),
    ("律师反诈普法队", "司法局"),
    ("市场监管反诈宣传队", "市场监督管理局"),
    ("红十字反诈志愿队", "红十字会"),
)
TEAM_MEMBERS_PER_TEAM = 1_700 / 32  # domain.md: 32 teams with about 1,700 people


@dataclass(frozen=True)
class Teams:
    table: pa.Table
    names: np.ndarray
    township: np.ndarray  # index of the team's township, -1 for county-wide teams
    members: np.ndarray
    founded: np.ndarray  # days; a township's own team has the township's index


def teams(area: Area, rng: np.random.Generator) -> Teams:
    """One team per township (first, in township order) and the county-wide teams of each county."""
    t = area.townships
    counties = t.drop_duplicates("county_code")
    county_label = unique_labels(counties["county_name"], counties["city_name"]).to_numpy(str)
    county_of_team = np.repeat(np.arange(len(counties)), len(COUNTY_TEAMS))
    which = np.tile(np.arange(len(COUNTY_TEAMS)), len(counties))
    team_suffix, organisation_suffix = (np.array(column) for column in zip(*COUNTY_TEAMS, strict=True))
    names = np.concatenate(
        [(area.labels + "反诈志愿服务队").to_numpy(str), np.char.add(county_label[county_of_team], team_suffix[which])]
    )
    office = t["kind"].map({"街道": "办事处", "开发区": "管委会"}).fillna("人民政府")
    organisation = np.concatenate(
        [(t["name_zh"] + office).to_numpy(str), np.char.add(county_label[county_of_team], organisation_suffix[which])]
    )
    township = np.concatenate([np.arange(area.size), np.full(len(county_of_team), -1)])
    n = len(names)
    raw = np.exp(rng.normal(0, 0.45, n)) * np.where(township >= 0, 0.8, 1.2)
    members = np.maximum(8, apportion(round(TEAM_MEMBERS_PER_TEAM * n), raw))
    mid_2020 = _day("2020-07-01")
    founded = np.where(
        rng.random(n) < 0.7, rng.integers(START_DAY, mid_2020, n), rng.integers(mid_2020, _day("2022-01-01"), n)
    )
    table = pa.table(
        {
            "team": pa.array(names),
            "organisation": pa.array(organisation),
            "township_code": strings(np.maximum(township, 0), area.codes, null=township < 0),
            "members": members.astype(np.int32),
            "founded": dates(founded),
        }
    )
    return Teams(table, names, township, members, founded)


def volunteer_hours(area: Area, team: Teams, rng: np.random.Generator) -> pa.Table:
    """One row per team per service day: township teams at home, county-wide teams anywhere (by residents)."""
    n_teams = len(team.names)
    founded_month = (
        team.founded.astype("datetime64[D]").astype("datetime64[M]") - np.datetime64("2020-01", "M")
    ).astype(int)
    active = np.arange(N_MONTHS)[None, :] >= founded_month[:, None]
    days_a_month = np.where(team.township[:, None] >= 0, 4.0, 6.0) * active
    counts = rng.poisson(days_a_month)
    cell = np.repeat(np.arange(n_teams * N_MONTHS), counts.ravel())
    which, month = cell // N_MONTHS, cell % N_MONTHS
    day = np.maximum(
        MONTH_START[month] + (rng.random(len(cell)) * MONTH_DAYS[month]).astype(np.int32), team.founded[which]
    )
    # A team's second outing on the same day is the same service day.
    _, first = np.unique(which.astype(np.int64) * 100_000 + day, return_index=True)
    which, day = which[first], day[first]
    n = len(which)
    population = area.population[:, 0].astype(float)
    anywhere = rng.choice(area.size, n, p=population / population.sum())
    township = np.where(team.township[which] >= 0, team.township[which], anywhere)
    volunteers = 1 + rng.binomial(team.members[which] - 1, 0.22)
    hours = volunteers * rng.choice(np.array([1.5, 2.0, 2.5, 3.0, 4.0]), n)
    reach = volunteers * (5 + rng.poisson(25, n))
    return pa.table(
        {
            "date": dates(day),
            "team": strings(which, team.names),
            "township_code": strings(township, area.codes),
            "volunteers": volunteers.astype(np.int32),
            "hours": hours,
            "reach": reach.astype(np.int32),
        }
    )


# ---- villages and communities (村社区) -----------------------------------------------------------------
VILLAGE_FIRST = tuple(
    "张王李刘陈杨赵黄周吴孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭田董袁潘于蒋蔡杜叶程苏魏吕丁任沈姚卢东西南北前后大小上下"
)
VILLAGE_SECOND = (
    "家庄",
    "庄",
    "家",
    "官",
    "店",
    "营",
    "集",
    "楼",
    "坡",
    "峪",
    "河",
    "岭",
    "屯",
    "寨",
    "洼",
    "桥",
    "沟",
    "园",
    "坊",
    "埠",
)
COMMUNITY_WORDS = (
    "阳光",
    "幸福",
    "和平",
    "文化",
    "育才",
    "花园",
    "范公",
    "云门",
    "宝通",
    "新华",
    "人民",
    "东关",
    "西关",
    "南关",
    "北关",
    "凤凰",
    "玲珑",
    "迎春",
    "松林",
    "泰和",
    "海岱",
    "昭德",
    "驼山",
    "仰天",
    "怡和",
    "博雅",
    "康乐",
    "锦绣",
    "龙兴",
    "明德",
    "益民",
    "书香",
    "春晖",
    "枫林",
    "金桥",
    "瑞祥",
    "丰泽",
    "景泰",
    "民安",
    "翠园",
)


@dataclass(frozen=True)
class Places:
    names: np.ndarray  # unique names, the dictionary of the community column
    index: np.ndarray  # per place: position in names
    first: np.ndarray  # per township: its first place
    count: np.ndarray  # per township: how many places


def places(area: Area, rng: np.random.Generator) -> Places:
    """Synthetic villages (…村) and neighbourhoods (…社区): about 977 and 78 in 青州市, as domain.md says."""
    population = area.population[:, 0]
    n_village = np.clip(np.rint(population * (1 - area.urban) / 420), 3, len(VILLAGE_FIRST) * len(VILLAGE_SECOND))
    n_community = np.clip(np.rint(population * area.urban / 7000), 1, len(COMMUNITY_WORDS))
    village_pick = np.argsort(rng.random((area.size, len(VILLAGE_FIRST) * len(VILLAGE_SECOND))), axis=1)
    community_pick = np.argsort(rng.random((area.size, len(COMMUNITY_WORDS))), axis=1)
    villages = np.char.add(
        np.char.add(
            np.array(VILLAGE_FIRST)[village_pick // len(VILLAGE_SECOND)],
            np.array(VILLAGE_SECOND)[village_pick % len(VILLAGE_SECOND)],
        ),
        "村",
    )
    communities = np.char.add(np.array(COMMUNITY_WORDS)[community_pick], "社区")
    take_village = np.arange(villages.shape[1])[None, :] < n_village[:, None]
    take_community = np.arange(communities.shape[1])[None, :] < n_community[:, None]
    per_township = np.concatenate(
        [np.where(take_village, villages, ""), np.where(take_community, communities, "")], axis=1
    )
    chosen = per_township[per_township != ""]  # row-major: township by township
    names, index = np.unique(chosen, return_inverse=True)
    count = (n_village + n_community).astype(np.int64)
    return Places(names, index, np.cumsum(count) - count, count)


# ---- activities (宣传活动) ------------------------------------------------------------------------------
# method: (share of rows, tilt towards rural townships, median raw reach, mean staff, mean materials (0: none),
#          share of reach signing up for the app (nan: not recorded), share of rows naming a village/community)
METHOD_PROFILE = {
    "入户走访": (0.17, 0.7, 55, 2, 30, 0.08, 1.0),
    "邮政投递": (0.10, 0.3, 250, 2, 150, 0.01, 1.0),
    "招聘会": (0.03, -0.3, 400, 6, 120, 0.05, 0.0),
    "文艺演出": (0.05, 0.4, 450, 20, 100, 0.03, 1.0),
    "进校园": (0.07, -0.3, 550, 5, 150, 0.04, 0.0),
    "集中宣讲": (0.10, 0.0, 150, 4, 60, 0.06, 0.5),
    "流动宣传": (0.10, 0.5, 300, 3, 80, 0.02, 0.7),
    "阵地展示": (0.20, -0.4, 400, 1, 0, np.nan, 0.0),
    "线上推送": (0.13, -0.4, 700, 1, 0, np.nan, 0.4),
    "直播": (0.02, -0.3, 2500, 3, 0, np.nan, 0.0),
    "其他": (0.03, 0.0, 100, 2, 20, 0.01, 0.2),
}
# The channel and lead partner each method goes with (阵地展示's partner is the venue's).
METHOD_CHANNELS = {
    "入户走访": {"面对面": 1.0},
    "邮政投递": {"宣传资料": 1.0},
    "招聘会": {"面对面": 1.0},
    "文艺演出": {"面对面": 1.0},
    "进校园": {"面对面": 1.0},
    "集中宣讲": {"面对面": 0.8, "海报展板": 0.2},
    "流动宣传": {"大喇叭": 0.7, "海报展板": 0.2, "宣传资料": 0.1},
    "阵地展示": {"LED屏": 1.0},
    "线上推送": {"微信群": 0.7, "短视频": 0.3},
    "直播": {"直播": 1.0},
    "其他": {"其他": 0.6, "海报展板": 0.4},
}
METHOD_PARTNERS = {
    "入户走访": {"卫健": 0.6, "公安": 0.4},
    "邮政投递": {"邮政": 1.0},
    "招聘会": {"人社": 1.0},
    "文艺演出": {"文旅": 1.0},
    "进校园": {"教育": 1.0},
    "集中宣讲": {"公安": 0.5, "民政": 0.15, "银行": 0.15, "通信运营商": 0.1, "志愿者协会": 0.1},
    "流动宣传": {"公安": 0.5, "志愿者协会": 0.4, "其他": 0.1},
    "阵地展示": {"公安": 1.0},
    "线上推送": {"公安": 1.0},
    "直播": {"公安": 1.0},
    "其他": {"其他": 0.7, "志愿者协会": 0.3},
}
ROWS_PER_10K = 32  # activity rows a month per 10,000 residents (the province demo passes 10 million rows)
MATERIALS_2021 = 360_000  # domain.md, 青州市
HOME_VISIT, DISPLAY = METHODS.index("入户走访"), METHODS.index("阵地展示")
VOLUNTEERS = PARTNERS.index("志愿者协会")
PILOT_NOTE = "无诈乡镇创建"
CHUNK_ROWS = 2_000_000


def _profile(column: int) -> np.ndarray:
    return np.array([METHOD_PROFILE[m][column] for m in METHODS], float)


def _mix(table: dict, vocabulary: tuple[str, ...]) -> np.ndarray:
    return np.array([[table[m].get(v, 0.0) for v in vocabulary] for m in METHODS])


@dataclass(frozen=True)
class ActivityPlan:
    rows: np.ndarray  # township × month × method: how many activity rows
    reach: np.ndarray  # township × month: the reach (覆盖人次) those rows add up to
    materials_mean: np.ndarray  # per method: materials per row, calibrated to MATERIALS_2021


def activity_plan(area: Area, reach: np.ndarray, rng: np.random.Generator) -> ActivityPlan:
    """How many rows of which method each township-month gets; rural townships lean on home visits and
    loudspeakers, urban ones on screens, schools and phones, the pilot on home visits most of all."""
    rural = 2 * ((1 - area.urban) - 0.5)
    weights = _profile(0)[None, :] * np.exp(_profile(1)[None, :] * rural[:, None])
    pilot = area.index(PILOT)
    if pilot is not None:
        weights[pilot, HOME_VISIT] *= 2.5
    probabilities = weights / weights.sum(axis=1, keepdims=True)
    population = area.population[:, MONTH_YEAR]
    per_capita = reach / population
    expected = ROWS_PER_10K * population / 1e4 * np.sqrt(per_capita / per_capita.mean())
    rows = rng.multinomial(np.maximum(1, rng.poisson(expected)), probabilities[:, None, :])
    materials = _profile(4)
    expected_2021 = (rows[:, Y2021, :].sum(axis=(0, 1)) * materials).sum()
    return ActivityPlan(rows, reach, materials * MATERIALS_2021 * area.factor / expected_2021)


def activity_chunks(area: Area, plan: ActivityPlan, venue: Venues, team: Teams, place: Places, seed: int):
    """Activity rows as Arrow tables of about CHUNK_ROWS rows, whole townships at a time."""
    rows_per_township = np.cumsum(plan.rows.sum(axis=(1, 2)))
    cuts = np.searchsorted(rows_per_township, np.arange(CHUNK_ROWS, rows_per_township[-1], CHUNK_ROWS)) + 1
    bounds = np.unique(np.concatenate([[0], cuts, [area.size]]))
    for number, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        yield _activities(area, plan, venue, team, place, int(lo), int(hi), stream(seed, "activities", number))


def _activities(
    area: Area,
    plan: ActivityPlan,
    venue: Venues,
    team: Teams,
    place: Places,
    lo: int,
    hi: int,
    rng: np.random.Generator,
) -> pa.Table:
    n_methods = len(METHODS)
    key = np.repeat(np.arange((hi - lo) * N_MONTHS * n_methods), plan.rows[lo:hi].ravel())
    township = lo + key // (N_MONTHS * n_methods)
    month = (key // n_methods) % N_MONTHS
    method = key % n_methods
    n = len(key)
    day = MONTH_START[month] + (rng.random(n) * MONTH_DAYS[month]).astype(np.int32)
    raw_reach = np.exp(np.log(_profile(2))[method] + 0.6 * rng.standard_normal(n))
    reach = share_out(plan.reach[lo:hi].ravel(), (township - lo) * N_MONTHS + month, raw_reach)

    channel = categorical(rng, method, _mix(METHOD_CHANNELS, CHANNELS))
    partner = categorical(rng, method, _mix(METHOD_PARTNERS, PARTNERS))
    display = method == DISPLAY
    screen = venue.screen_first[township[display]] + (
        rng.random(display.sum()) * venue.screen_count[township[display]]
    ).astype(np.int64)
    partner[display] = venue.screen_partner[screen]
    venue_at = np.zeros(n, np.int64)
    venue_at[display] = screen

    in_place = rng.random(n) < _profile(6)[method]
    place_at = place.index[place.first[township] + (rng.random(n) * place.count[township]).astype(np.int64)]
    with_team = (partner == VOLUNTEERS) & (day >= team.founded[township])

    staff = 1 + rng.poisson(_profile(3)[method] - 1)
    persons_per_household = (area.population / area.households)[township, MONTH_YEAR[month]]
    visit = method == HOME_VISIT
    households = np.maximum(1, np.rint(reach / persons_per_household)).astype(np.int64)
    pilot_2022 = (township == area.index(PILOT)) & (MONTH_YEAR[month] == 2)
    households = _pilot_visits_every_household(area, households, visit & pilot_2022)
    has_materials = plan.materials_mean[method] > 0
    materials = rng.poisson(plan.materials_mean[method])
    signup_rate = _profile(5)[method]
    signups = rng.binomial(reach, np.nan_to_num(signup_rate))
    return pa.table(
        {
            "date": dates(day),
            "township_code": strings(township, area.codes),
            "community": strings(place_at, place.names, null=~in_place),
            "method": strings(method, METHODS),
            "channel": strings(channel, CHANNELS),
            "venue_id": strings(venue_at, venue.screen_ids, null=~display),
            "partner": strings(partner, PARTNERS),
            "team": strings(township, team.names, null=~with_team),  # a township's own team has its index
            "staff": staff.astype(np.int32),
            "reach": reach.astype(np.int32),
            "households": pa.array(households.astype(np.int32), mask=~visit),
            "materials": pa.array(materials.astype(np.int32), mask=~has_materials),
            "app_signups": pa.array(signups.astype(np.int32), mask=np.isnan(signup_rate)),
            "notes": strings(np.zeros(n), [PILOT_NOTE], null=~pilot_2022),
        }
    )


def _pilot_visits_every_household(area: Area, households: np.ndarray, pilot_visits: np.ndarray) -> np.ndarray:
    """The pilot's home visits in 2022 reach at least 92 % of its households (its design makes it so; this
    guarantees it whatever the draw)."""
    if not pilot_visits.any():
        return households
    needed = 0.92 * area.households[area.index(PILOT), 2]
    done = households[pilot_visits].sum()
    if done < needed:
        households = households.copy()
        households[pilot_visits] = np.ceil(households[pilot_visits] * needed / done)
    return households


# ---- short videos (视频, 视频播放) -----------------------------------------------------------------------
VIDEOS_PER_YEAR = (600, 810, 900)  # 青州市's account; domain.md: 810 videos
PLAYS_2021 = 1.66e8  # domain.md: 1.66 亿 plays for 810 videos
VIEW_DAYS = 90  # daily rows from the day a video is published
# series: (share of videos, duration range in seconds, numbered as episodes)
SERIES = {
    "一分钟反诈": (0.45, (45, 75), True),
    "以案说法": (0.2, (90, 300), False),
    "民警提醒": (0.2, (30, 120), False),
    "反诈小剧场": (0.1, (120, 420), False),
    "反诈直播课": (0.05, (1800, 3600), True),
}
TOPICS = (
    "刷单返利：动动手指就能赚钱？",
    "投资理财：稳赚不赔的内幕消息",
    "网络贷款：先交钱才能放款？",
    "冒充客服：快递丢了给你理赔",
    "冒充公检法：你涉嫌洗钱",
    "冒充领导：明天到我办公室",
    "注销校园贷：会影响征信？",
    "游戏装备：低价出售账号",
    "网络交友：带你一起赚钱",
    "国家反诈APP：一键预警",
)
PLATFORM_SHARES = {"抖音": 0.55, "视频号": 0.25, "快手": 0.12, "微博": 0.05, "其他": 0.03}


def videos(area: Area, rng: np.random.Generator, account_share: float) -> tuple[pa.Table, pa.Table]:
    """Each county's police account publishes `account_share` × VIDEOS_PER_YEAR videos; views decay by the day."""
    accounts = np.unique(area.townships["county_code"].to_numpy(str))
    per_year = np.rint(np.array(VIDEOS_PER_YEAR) * account_share).astype(np.int64)
    account = np.repeat(np.tile(np.arange(len(accounts)), len(per_year)), np.repeat(per_year, len(accounts)))
    year = np.repeat(np.arange(len(per_year)), per_year * len(accounts))
    year_start = np.array([_day(f"{y}-01-01") for y in (2020, 2021, 2022, 2023)])
    published = year_start[year] + (rng.random(len(year)) * np.diff(year_start)[year]).astype(np.int64)
    order = np.lexsort((published, account))
    account, year, published = account[order], year[order], published[order]
    n = len(account)
    number = pd.Series(np.ones(n)).groupby(account).cumsum().to_numpy(int)
    ids = np.char.add(np.char.add(accounts[account], "-"), np.char.zfill(number.astype(str), 5))
    series_names = np.array(list(SERIES))
    series = categorical(rng, np.zeros(n, np.int64), np.array([[s[0] for s in SERIES.values()]]))
    episode = pd.Series(np.ones(n)).groupby([account, series]).cumsum().to_numpy(int)
    numbered = np.array([s[2] for s in SERIES.values()])[series]
    title = (
        pd.Series(series_names[series])
        + "｜"
        + np.array(TOPICS)[rng.integers(0, len(TOPICS), n)]
        + np.where(numbered, "（第" + pd.Series(episode).astype(str) + "期）", "")
    ).to_numpy()
    low = np.array([s[1][0] for s in SERIES.values()])[series]
    high = np.array([s[1][1] for s in SERIES.values()])[series]
    platform = categorical(rng, np.zeros(n, np.int64), np.array([[PLATFORM_SHARES[p] for p in PLATFORMS]]))
    video_table = pa.table(
        {
            "video_id": pa.array(ids),
            "title": pa.array(title, pa.string()),
            "series": strings(series, series_names),
            "platform": strings(platform, PLATFORMS),
            "published": dates(published),
            "duration_s": rng.integers(low, high + 1).astype(np.int32),
        }
    )

    days = np.minimum(VIEW_DAYS, LAST_DAY - published + 1)
    video = np.repeat(np.arange(n), days)
    age = np.arange(len(video)) - np.repeat(np.cumsum(days) - days, days)
    date = published[video] + age
    half_life = rng.uniform(1.5, 6.0, n)[video]
    share = 0.9 * np.exp(-age / half_life) * (1 - np.exp(-1 / half_life)) + 0.1 / VIEW_DAYS
    expected = np.exp(rng.normal(0, 1.1, n))[video] * share
    in_2021 = (date >= year_start[1]) & (date < year_start[2])
    target = PLAYS_2021 * per_year[1] * len(accounts) / VIDEOS_PER_YEAR[1]
    plays = np.rint(expected * target / expected[in_2021].sum()).astype(np.int64)

    def engaged(low: float, high: float) -> np.ndarray:
        return rng.binomial(plays, rng.uniform(low, high, n)[video])

    views_table = pa.table(
        {
            "date": dates(date),
            "video_id": strings(video, ids),
            "plays": plays,
            "likes": engaged(0.02, 0.05),
            "shares": engaged(0.004, 0.012),
            "comments": engaged(0.001, 0.004),
            "new_followers": engaged(0.0004, 0.001),
            "township_code": pa.nulls(len(video), pa.string()),  # the platforms report the account, not the township
        }
    )
    return video_table, views_table
