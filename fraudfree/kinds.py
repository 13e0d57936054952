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

# Other headers partners write for the township and month of a row, shared by every kind.
TOWNSHIP_ALIASES = ("镇街", "乡镇", "街道", "所属镇街", "辖区", "乡镇街道名称", "镇街名称")
MONTH_ALIASES = ("统计月份", "月度", "年月")

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
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
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
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
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
                C("township", "乡镇街道", "township", aliases=TOWNSHIP_ALIASES),
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
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
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
                C("township", "乡镇街道", "township", aliases=TOWNSHIP_ALIASES),
            ),
            key=("date", "video_id", "township"),
            period_column="date",
        ),
        Kind(
            "cases",
            "案件",
            "cases",
            (
                C("month", "月份", "month", True, MONTH_ALIASES),
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
                C("fraud_type", "诈骗类型", "vocab:fraud_type", True),
                C("cases", "发案数", "int", True, ("发案起数", "案件数", "发案量"), summed=True),
                C("loss_yuan", "损失金额", "float", aliases=("涉案金额", "被骗金额", "损失"), summed=True),
                C("solved", "破案数", "int", aliases=("破案起数", "破案量"), summed=True),
            ),
            key=("month", "township", "fraud_type"),
            period_column="month",
        ),
        Kind(
            "app_registrations",
            "反诈APP注册",
            "app_registrations",
            (
                C("month", "月份", "month", True, MONTH_ALIASES),
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
                C("app", "应用", "text", aliases=("APP名称", "应用名称")),
                C("registered", "累计注册人数", "int", True, ("累计注册数", "注册人数", "累计注册量"), summed=True),
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
                C("month", "月份", "month", True, MONTH_ALIASES),
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
                C("warnings", "预警数", "int", True, ("预警人数", "预警次数", "预警条数"), summed=True),
                C("dissuaded", "劝阻成功数", "int", True, ("劝阻人数", "成功劝阻数", "劝阻成功人数"), summed=True),
                C("onsite_30min", "30分钟到场数", "int", summed=True),
                C("stopped_yuan", "止付金额", "float", aliases=("止付", "紧急止付金额"), summed=True),
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
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
                C("population", "常住人口", "int", True, ("人口", "人口数", "常住人口数"), summed=True),
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
                C("month", "月份", "month", True, MONTH_ALIASES),
                C("township", "乡镇街道", "township", True, TOWNSHIP_ALIASES),
                C("sampled", "样本数", "int", True, ("调查人数", "样本量"), summed=True),
                C("aware", "知晓人数", "int", True, ("知晓数",), summed=True),
            ),
            key=("month", "township"),
            period_column="month",
        ),
    )
}
del C


def summed_columns(kind: str) -> list[str]:
    return [c.name for c in KINDS[kind].columns if c.summed]


# Other spellings of vocabulary values seen in partners' sheets (the importer also ignores case and spaces).
VOCABULARY_ALIASES: dict[str, dict[str, str]] = {
    "method": {
        "入户": "入户走访",
        "走访": "入户走访",
        "上门走访": "入户走访",
        "入户宣传": "入户走访",
        "邮政": "邮政投递",
        "邮寄": "邮政投递",
        "投递": "邮政投递",
        "招聘会宣传": "招聘会",
        "文艺汇演": "文艺演出",
        "演出": "文艺演出",
        "文艺宣传": "文艺演出",
        "校园宣传": "进校园",
        "进学校": "进校园",
        "宣讲": "集中宣讲",
        "讲座": "集中宣讲",
        "集中宣传": "集中宣讲",
        "流动": "流动宣传",
        "流动宣传车": "流动宣传",
        "阵地": "阵地展示",
        "阵地宣传": "阵地展示",
        "线上": "线上推送",
        "网络推送": "线上推送",
        "推送": "线上推送",
        "直播宣传": "直播",
        "网络直播": "直播",
    },
    "channel": {
        "led": "LED屏",
        "led显示屏": "LED屏",
        "电子屏": "LED屏",
        "显示屏": "LED屏",
        "海报": "海报展板",
        "展板": "海报展板",
        "横幅": "海报展板",
        "传单": "宣传资料",
        "宣传单": "宣传资料",
        "折页": "宣传资料",
        "宣传册": "宣传资料",
        "喇叭": "大喇叭",
        "广播": "大喇叭",
        "村村响": "大喇叭",
        "微信": "微信群",
        "微信推送": "微信群",
        "朋友圈": "微信群",
        "抖音": "短视频",
        "快手": "短视频",
        "视频号": "短视频",
        "短视频平台": "短视频",
        "网络直播": "直播",
        "当面": "面对面",
        "现场": "面对面",
        "短信推送": "短信",
        "闪信": "短信",
    },
    "partner": {
        "公安局": "公安",
        "派出所": "公安",
        "反诈中心": "公安",
        "公安机关": "公安",
        "卫健局": "卫健",
        "卫生健康局": "卫健",
        "卫生院": "卫健",
        "卫生室": "卫健",
        "邮政局": "邮政",
        "邮政公司": "邮政",
        "中国邮政": "邮政",
        "人社局": "人社",
        "人力资源和社会保障局": "人社",
        "文旅局": "文旅",
        "文化和旅游局": "文旅",
        "教育局": "教育",
        "学校": "教育",
        "民政局": "民政",
        "志愿者": "志愿者协会",
        "志愿服务队": "志愿者协会",
        "志愿者联合会": "志愿者协会",
        "银行网点": "银行",
        "农商银行": "银行",
        "农商行": "银行",
        "运营商": "通信运营商",
        "移动": "通信运营商",
        "联通": "通信运营商",
        "电信": "通信运营商",
        "中国移动": "通信运营商",
        "中国联通": "通信运营商",
        "中国电信": "通信运营商",
    },
    "venue_type": {
        "银行": "银行网点",
        "营业厅": "通信营业厅",
        "移动营业厅": "通信营业厅",
        "联通营业厅": "通信营业厅",
        "电信营业厅": "通信营业厅",
        "出租车": "出租车LED",
        "出租车屏": "出租车LED",
        "接种点": "疫苗接种点",
        "疫苗点": "疫苗接种点",
        "路口": "交通路口",
        "十字路口": "交通路口",
        "中小学": "学校",
        "村委会": "村居委会",
        "居委会": "村居委会",
        "社区居委会": "村居委会",
        "广场": "广场公园",
        "公园": "广场公园",
        "超市": "商超市场",
        "商场": "商超市场",
        "市场": "商超市场",
        "集市": "商超市场",
        "医院": "医院诊所",
        "诊所": "医院诊所",
        "卫生院": "医院诊所",
    },
    "platform": {
        "微信视频号": "视频号",
        "抖音号": "抖音",
        "快手号": "快手",
        "新浪微博": "微博",
        "douyin": "抖音",
        "kuaishou": "快手",
        "weibo": "微博",
    },
    "fraud_type": {
        "刷单": "刷单返利",
        "刷单诈骗": "刷单返利",
        "网络刷单": "刷单返利",
        "刷单返利类": "刷单返利",
        "投资理财": "虚假投资理财",
        "虚假投资": "虚假投资理财",
        "投资理财类": "虚假投资理财",
        "网络贷款": "虚假网络贷款",
        "贷款诈骗": "虚假网络贷款",
        "虚假贷款": "虚假网络贷款",
        "网贷": "虚假网络贷款",
        "冒充客服": "冒充电商物流客服",
        "冒充电商客服": "冒充电商物流客服",
        "冒充物流客服": "冒充电商物流客服",
        "冒充公检法机关": "冒充公检法",
        "冒充领导": "冒充领导熟人",
        "冒充熟人": "冒充领导熟人",
        "征信": "虚假征信",
        "注销校园贷": "虚假征信",
        "游戏交易": "网络游戏虚假交易",
        "网络游戏": "网络游戏虚假交易",
        "婚恋交友": "网络婚恋交友",
        "网络交友": "网络婚恋交友",
        "杀猪盘": "网络婚恋交友",
    },
}

# The national app under the names partners write; other app names are kept as written.
NATIONAL_APP_ALIASES: tuple[str, ...] = ("国家反诈中心APP", "国家反诈中心", "国家反诈APP", "反诈中心APP", "国家反诈")

# Cases may also arrive one row per case; the importer counts them into `cases` cells and
# `case_victims` age bands. Parsing only: these columns are never stored as such.
C = Column
CASE_RECORDS = Kind(
    "cases",
    "案件（逐案登记）",
    "cases",
    (
        C("filed", "立案日期", "date", True, ("发案日期", "案发日期", "报案日期", "案发时间", "立案时间")),
        C("township", "乡镇街道", "township", True, (*TOWNSHIP_ALIASES, "案发地")),
        C("fraud_type", "诈骗类型", "vocab:fraud_type", True, ("案件类型", "诈骗手段", "案件类别")),
        C("loss_yuan", "损失金额", "float", aliases=("涉案金额", "被骗金额")),
        C("victim_age", "受害人年龄", "int", aliases=("年龄", "被害人年龄")),
    ),
    period_column="filed",
)
del C


def age_band(age: float) -> str:
    """A victim's age as one of AGE_BANDS (missing ages are 未知)."""
    if age != age:  # NaN
        return AGE_BANDS[-1]
    return "<18" if age < 18 else "18-40" if age <= 40 else "41-65" if age <= 65 else ">65"
