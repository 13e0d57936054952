"""The record kinds of data-contract.md: tables, columns, keys and vocabularies, defined once.

The importer, the templates, `summary` and the demo generator all read these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str  # English name, also the database column
    zh: str  # canonical Chinese header
    type: str  # date | month | year | township | text | int | float | vocab:<name>
    required: bool = False
    aliases: tuple[str, ...] = ()
    summed: bool = False  # a count or an amount that `summary` adds up

    @property
    def db_column(self) -> str:
        """Townships are stored by their 9-digit code."""
        return "township_code" if self.type == "township" else self.name


@dataclass(frozen=True)
class Kind:
    name: str
    zh: str
    table: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # empty: every row is a new record
    period_column: str | None = None  # the date/month/year column that places a row in a period
    latest_per_township: bool = False  # running totals / stocks: summary takes each township's latest row

    @property
    def db_columns(self) -> list[str]:
        return [c.db_column for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


VOCABULARIES: dict[str, tuple[str, ...]] = {
    "method": (
        "入户走访",
        "邮政投递",
        "招聘会",
        "文艺演出",
        "进校园",
        "集中宣讲",
        "流动宣传",
        "阵地展示",
        "线上推送",
        "直播",
        "其他",
    ),
    "channel": ("LED屏", "海报展板", "宣传资料", "大喇叭", "微信群", "短视频", "直播", "面对面", "短信", "其他"),
    "partner": ("公安", "卫健", "邮政", "人社", "文旅", "教育", "民政", "志愿者协会", "银行", "通信运营商", "其他"),
    "venue_type": (
        "银行网点",
        "通信营业厅",
        "出租车LED",
        "疫苗接种点",
        "交通路口",
        "学校",
        "村居委会",
        "广场公园",
        "商超市场",
        "医院诊所",
        "其他",
    ),
    "platform": ("视频号", "抖音", "快手", "微博", "其他"),
    "fraud_type": (
        "刷单返利",
        "虚假投资理财",
        "虚假网络贷款",
        "冒充电商物流客服",
        "冒充公检法",
        "冒充领导熟人",
        "虚假征信",
        "网络游戏虚假交易",
        "网络婚恋交友",
        "其他",
    ),
}

AGE_BANDS: tuple[str, ...] = ("<18", "18-40", "41-65", ">65", "未知")
NATIONAL_APP = "国家反诈APP"

C = Column
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "activities",
            "宣传活动",
            "activities",
            (
                C("date", "日期", "date", True, ("活动日期", "开展日期")),
                C("township", "乡镇街道", "township", True, ("镇街", "乡镇", "街道", "所属镇街", "辖区")),
                C("community", "村社区", "text", aliases=("村居", "社区", "村")),
                C("method", "宣传方式", "vocab:method", True, ("宣传形式", "活动形式")),
                C("channel", "渠道", "vocab:channel"),
                C("venue_id", "阵地编号", "text"),
                C("partner", "牵头单位", "vocab:partner"),
                C("team", "志愿者队伍", "text"),
                C("staff", "参与人数", "int", summed=True),
                C("reach", "覆盖人次", "int", True, ("覆盖人数", "受众人数", "宣传人次"), summed=True),
                C("households", "入户户数", "int", aliases=("走访户数", "入户数"), summed=True),
                C("materials", "发放资料", "int", aliases=("发放资料份数", "宣传资料"), summed=True),
                C("app_signups", "现场注册APP", "int", summed=True),
                C("notes", "备注", "text"),
            ),
            period_column="date",
        ),
        Kind(
            "venues",
            "宣传阵地",
            "venues",
            (
                C("venue_id", "阵地编号", "text", True),
                C("name", "阵地名称", "text", True),
                C("venue_type", "阵地类型", "vocab:venue_type", True),
                C("township", "乡镇街道", "township", True),
                C("lon", "经度", "float"),
                C("lat", "纬度", "float"),
                C("screens", "屏幕数", "int", summed=True),
                C("start_date", "启用日期", "date"),
                C("end_date", "停用日期", "date"),
            ),
            key=("venue_id",),
        ),
        Kind(
            "teams",
            "志愿者队伍",
            "teams",
            (
                C("team", "队伍名称", "text", True),
                C("organisation", "所属单位", "text"),
                C("township", "乡镇街道", "township"),
                C("members", "人数", "int", True, summed=True),
                C("founded", "成立日期", "date"),
            ),
            key=("team",),
        ),
        Kind(
            "volunteer_hours",
            "志愿服务",
            "volunteer_hours",
            (
                C("date", "日期", "date", True),
                C("team", "队伍名称", "text", True),
                C("township", "乡镇街道", "township", True),
                C("volunteers", "参与人数", "int", True, summed=True),
                C("hours", "服务时长", "float", True, summed=True),
                C("reach", "覆盖人次", "int", summed=True),
            ),
            period_column="date",
        ),
        Kind(
            "videos",
            "视频",
            "videos",
            (
                C("video_id", "视频编号", "text", True),
                C("title", "标题", "text", True),
                C("series", "系列", "text"),
                C("platform", "平台", "vocab:platform", True),
                C("published", "发布日期", "date", True),
                C("duration_s", "时长", "int"),
            ),
            key=("video_id",),
            period_column="published",
        ),
        Kind(
            "video_views",
            "视频播放",
            "video_views",
            (
                C("date", "日期", "date", True),
                C("video_id", "视频编号", "text", True),
                C("plays", "播放量", "int", True, summed=True),
                C("likes", "点赞数", "int", summed=True),
                C("shares", "转发数", "int", summed=True),
                C("comments", "评论数", "int", summed=True),
                C("new_followers", "新增粉丝", "int", summed=True),
                C("township", "乡镇街道", "township"),
            ),
            key=("date", "video_id", "township"),
            period_column="date",
        ),
        Kind(
            "cases",
            "案件",
            "cases",
            (
                C("month", "月份", "month", True),
                C("township", "乡镇街道", "township", True),
                C("fraud_type", "诈骗类型", "vocab:fraud_type", True),
                C("cases", "发案数", "int", True, summed=True),
                C("loss_yuan", "损失金额", "float", summed=True),
                C("solved", "破案数", "int", summed=True),
            ),
            key=("month", "township", "fraud_type"),
            period_column="month",
        ),
        Kind(
            "app_registrations",
            "反诈APP注册",
            "app_registrations",
            (
                C("month", "月份", "month", True),
                C("township", "乡镇街道", "township", True),
                C("app", "应用", "text"),
                C("registered", "累计注册人数", "int", True, summed=True),
            ),
            key=("month", "township", "app"),
            period_column="month",
            latest_per_township=True,
        ),
        Kind(
            "warnings",
            "预警劝阻",
            "warnings",
            (
                C("month", "月份", "month", True),
                C("township", "乡镇街道", "township", True),
                C("warnings", "预警数", "int", True, summed=True),
                C("dissuaded", "劝阻成功数", "int", True, summed=True),
                C("onsite_30min", "30分钟到场数", "int", summed=True),
                C("stopped_yuan", "止付金额", "float", summed=True),
            ),
            key=("month", "township"),
            period_column="month",
        ),
        Kind(
            "population",
            "人口",
            "population",
            (
                C("year", "年份", "year", True),
                C("township", "乡镇街道", "township", True),
                C("population", "常住人口", "int", True, summed=True),
                C("households", "户数", "int", summed=True),
                C("aged_60_plus", "60岁以上人口", "int", summed=True),
            ),
            key=("year", "township"),
            period_column="year",
            latest_per_township=True,
        ),
        Kind(
            "survey",
            "知晓率调查",
            "survey",
            (
                C("month", "月份", "month", True),
                C("township", "乡镇街道", "township", True),
                C("sampled", "样本数", "int", True, summed=True),
                C("aware", "知晓人数", "int", True, summed=True),
            ),
            key=("month", "township"),
            period_column="month",
        ),
    )
}
del C


def summed_columns(kind: str) -> list[str]:
    return [c.name for c in KINDS[kind].columns if c.summed]
