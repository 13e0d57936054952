"""The scorecard's views as labelled tables (scores, criteria, indicators, weights, advice, method notes),
shown by the page and written by the export, so both always say the same."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from fraudfree import fmt
from fraudfree.i18n import t
from fraudfree.scorecard import advice, card, criteria, montecarlo


@dataclass(frozen=True)
class Table:
    key: str  # sheet key under [scorecard.sheet]
    frame: pd.DataFrame  # columns already carry their display names
    # Display name → score | percent | integer | number | text | long (wrapped text); text when absent.
    formats: dict[str, str] = field(default_factory=dict)


def _col(name: str, lang: str) -> str:
    return t(f"scorecard.column.{name}", lang)


def _yes_no(value: bool, lang: str) -> str:
    return _col("yes" if value else "no", lang)


def _ordered(areas: pd.DataFrame) -> pd.DataFrame:
    """Best median rank first; areas without a score last, by name."""
    return areas.assign(_unscored=areas["rank_median"].isna()).sort_values(
        ["_unscored", "rank_median", "p_bottom", "name"], kind="stable"
    )


def _missing_names(keys: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(t(f"scorecard.indicator.{k}", lang) for k in keys)


def rank_texts(areas: pd.DataFrame) -> list[str]:
    """排名区间 as people read it: 3–7, or 5 when every draw agrees; — when the area is not scored."""
    return [
        "—" if pd.isna(low) else str(low) if low == high else f"{low}–{high}"
        for low, high in zip(areas["rank_low"], areas["rank_high"], strict=True)
    ]


def method_notes(sc: card.Scorecard, lang: str = "zh") -> pd.DataFrame:
    """How each indicator is computed, from which tables and months, its direction, weight and coverage."""
    rows = []
    for level in (sc.township, sc.community):
        if level is None:
            continue
        for ind in level.indicators:
            available = int(level.values[ind.key].notna().sum())
            rows.append(
                {
                    "level": t(f"scorecard.level.{level.level}", lang),
                    "indicator": t(f"scorecard.indicator.{ind.key}", lang),
                    "pillar": t(f"scorecard.pillar.{ind.pillar}", lang),
                    "direction": t(f"scorecard.direction.{'higher' if ind.higher_is_better else 'lower'}", lang),
                    "formula": t(f"scorecard.formula.{ind.key}", lang),
                    "sources": ("、" if lang == "zh" else ", ").join(
                        t(f"scorecard.table.{s}", lang) for s in ind.sources
                    ),
                    "period": _period_text(ind.key, sc, lang),
                    "weight": level.weights[ind.key],
                    "available": t("scorecard.note.available", lang, count=available, total=len(level.values))
                    if ind.key not in level.no_data
                    else t("scorecard.note.no_data", lang),
                }
            )
    return pd.DataFrame(rows)


def _period_text(key: str, sc: card.Scorecard, lang: str) -> str:
    period = fmt.month_range(sc.start, sc.end, lang)
    if key == "case_change":
        prior = fmt.month_range(sc.start.replace(year=sc.start.year - 1), sc.end.replace(year=sc.end.year - 1), lang)
        return t("scorecard.note.period_yoy", lang, period=period, prior=prior)
    if key == "app_rate":
        return t("scorecard.note.period_latest", lang, month=fmt.month(sc.end, lang))
    return period


def townships(sc: card.Scorecard, lang: str = "zh") -> Table:
    """The first sheet of the contract: 乡镇街道, 得分, 等级, 排名区间, 无诈达标 (是/否), then the details."""
    areas = _ordered(sc.township.areas)
    c = partial(_col, lang=lang)
    frame = pd.DataFrame(
        {
            c("name"): areas["name"],
            c("score"): areas["score"].round(1),
            c("tier"): [t(f"scorecard.tier.{tier}", lang) for tier in areas["tier"]],
            c("rank_interval"): rank_texts(areas),
            c("certified"): [_yes_no(v, lang) for v in areas["certified"]],
            c("rank_median"): areas["rank_median"],
            c("p_bottom"): areas["p_bottom"],
            c("weight_share"): areas["weight_share"],
            c("missing"): [_missing_names(m, lang) for m in areas["missing"]],
            c("county"): areas["county_name"],
            c("code"): areas.index,
        }
    )
    formats = {c("score"): "score", c("rank_median"): "integer", c("p_bottom"): "percent", c("weight_share"): "percent"}
    return Table("townships", frame.reset_index(drop=True), formats)


def communities(sc: card.Scorecard, lang: str = "zh") -> Table | None:
    if sc.community is None:
        return None
    areas = _ordered(sc.community.areas)
    c = partial(_col, lang=lang)
    frame = pd.DataFrame(
        {
            c("community"): areas["name"],
            c("township"): areas["township_name"],
            c("score"): areas["score"].round(1),
            c("tier"): [t(f"scorecard.tier.{tier}", lang) for tier in areas["tier"]],
            c("rank_interval"): rank_texts(areas),
            c("rank_median"): areas["rank_median"],
            c("p_bottom"): areas["p_bottom"],
            c("weight_share"): areas["weight_share"],
            c("county"): areas["county_name"],
            **{
                t(f"scorecard.indicator.{ind.key}", lang): sc.community.values.loc[areas.index, ind.key]
                for ind in sc.community.indicators
            },
        }
    )
    formats = {c("score"): "score", c("rank_median"): "integer", c("p_bottom"): "percent", c("weight_share"): "percent"}
    formats |= {
        t(f"scorecard.indicator.{ind.key}", lang): "percent" if ind.unit == "share" else "integer"
        for ind in sc.community.indicators
    }
    return Table("communities", frame.reset_index(drop=True), formats)


def criteria_table(sc: card.Scorecard, lang: str = "zh") -> Table:
    """One row per township and enabled criterion, with what it has and what is missing."""
    c = partial(_col, lang=lang)
    names = sc.township.areas["name"]
    order = {code: i for i, code in enumerate(_ordered(sc.township.areas).index)}
    results = sc.criteria.assign(
        _area=sc.criteria["code"].map(order), _rule=sc.criteria["criterion"].map(criteria.KEYS.index)
    ).sort_values(["_area", "_rule"])
    rows = []
    for _, row in results.iterrows():
        key = row["criterion"]
        rows.append(
            {
                c("name"): names[row["code"]],
                c("criterion"): t(f"scorecard.criterion.{key}", lang),
                c("value"): criteria.format_value(key, row["value"], lang) if row["known"] else c("no_data"),
                c("threshold"): criteria.format_value(key, row["threshold"], lang),
                c("met"): _yes_no(row["met"], lang),
                c("detail"): criteria.describe(row, lang, sc.cases_as_of),
            }
        )
    columns = [c(n) for n in ("name", "criterion", "value", "threshold", "met", "detail")]
    return Table("criteria", pd.DataFrame(rows, columns=columns), {c("detail"): "long"})


def indicator_table(sc: card.Scorecard, level: card.Level | None = None, lang: str = "zh") -> Table:
    """Each area's indicators as measured, then normalised (higher is better)."""
    level = level or sc.township
    areas = _ordered(level.areas)
    frame = pd.DataFrame({_col("community" if level.level == "community" else "name", lang): areas["name"]})
    if level.level == "community":
        frame[_col("township", lang)] = areas["township_name"]
    formats = {}
    for ind in level.indicators:
        label = t(f"scorecard.indicator.{ind.key}", lang)
        frame[label] = level.values.loc[areas.index, ind.key].to_numpy()
        formats[label] = {"share": "percent", "change": "percent", "count": "integer"}.get(ind.unit, "number")
    for ind in level.indicators:
        label = t("scorecard.column.normalised", lang, indicator=t(f"scorecard.indicator.{ind.key}", lang))
        frame[label] = level.normalised.loc[areas.index, ind.key].to_numpy()
        formats[label] = "score"
    return Table("indicators", frame.reset_index(drop=True), formats)


def weights_table(sc: card.Scorecard, lang: str = "zh") -> Table:
    """Every choice behind the scores: period, method, weights (as given and as shares), criteria."""
    s = sc.settings
    rows = [
        ("period", fmt.month_range(sc.start, sc.end, lang)),
        ("normalisation", t(f"scorecard.normalisation.{s.normalisation}", lang)),
        ("aggregation", t(f"scorecard.aggregation.{s.aggregation}", lang)),
        ("min_weight_share", fmt.percent(s.min_weight_share, lang, 0)),
        ("draws", str(sc.township.draws)),
        *([("community_draws", str(sc.community.draws))] if sc.community is not None else []),
        ("seed", str(s.seed)),
        ("weight_spread", f"±{fmt.percent(s.weight_spread, lang, 0)}"),
        ("interval", fmt.percent(s.interval, lang, 0)),
        ("focus_probability", fmt.percent(s.focus_probability, lang, 0)),
        ("good_probability", fmt.percent(s.good_probability, lang, 0)),
    ]
    labelled = [(t(f"scorecard.setting.{key}", lang), value) for key, value in rows]
    for pillar, weight in s.pillar_weights.items():
        labelled.append(
            (
                t("scorecard.setting.pillar_weight", lang, pillar=t(f"scorecard.pillar.{pillar}", lang)),
                fmt.number(weight, lang),
            )
        )
    for level in (sc.township, sc.community):
        if level is None:
            continue
        for ind in level.indicators:
            label = t("scorecard.setting.weight", lang, indicator=t(f"scorecard.indicator.{ind.key}", lang))
            labelled.append((label, fmt.number(level.weights[ind.key], lang)))
    for key in criteria.KEYS:
        rule = s.criteria.get(key)
        if rule is None:
            continue
        value = (
            criteria.format_value(key, rule.threshold, lang) if rule.enabled else t("scorecard.setting.disabled", lang)
        )
        labelled.append(
            (t("scorecard.setting.criterion", lang, criterion=t(f"scorecard.criterion.{key}", lang)), value)
        )
    frame = pd.DataFrame(labelled, columns=[_col("setting", lang), _col("setting_value", lang)])
    return Table("weights", frame)


def advice_table(sc: card.Scorecard, lang: str = "zh") -> Table:
    """下一轮宣传重点: the lowest tiers, likeliest bottom-quarter first, with the advice as sentences."""
    c = partial(_col, lang=lang)
    a = sc.advice
    frame = pd.DataFrame(
        {
            c("name"): a["name"],
            c("tier"): [t(f"scorecard.tier.{tier}", lang) for tier in a["tier"]],
            c("p_bottom"): a["p_bottom"],
            c("lagging"): a["lagging"],
            c("fraud_types"): a["fraud_types"],
            c("victim_ages"): a["victim_ages"],
            c("methods"): a["methods"],
            c("advice"): a["advice"],
            c("county"): a["county_name"],
        }
    )
    formats = {c("p_bottom"): "percent", c("advice"): "long", c("lagging"): "long", c("methods"): "long"}
    return Table("advice", frame, formats)


def notes_table(sc: card.Scorecard, lang: str = "zh") -> Table:
    c = partial(_col, lang=lang)
    notes = method_notes(sc, lang)
    frame = notes.rename(
        columns={
            "level": _col("level", lang),
            "indicator": c("indicator"),
            "pillar": c("pillar"),
            "direction": c("direction"),
            "formula": c("formula"),
            "sources": c("sources"),
            "period": c("period"),
            "weight": c("weight"),
            "available": c("available"),
        }
    )
    return Table("notes", frame, {c("formula"): "long", c("weight"): "number"})


def general_notes(sc: card.Scorecard, lang: str = "zh") -> list[str]:
    """The method in sentences: normalisation, aggregation, missing data, Monte Carlo, tiers, criteria, advice."""
    s = sc.settings
    as_of = fmt.month(sc.cases_as_of, lang) if sc.cases_as_of is not None else "—"
    return [
        t(f"scorecard.note.normalisation_{s.normalisation}", lang),
        t(f"scorecard.note.aggregation_{s.aggregation}", lang),
        t("scorecard.note.missing", lang, share=fmt.percent(s.min_weight_share, lang, 0)),
        t("scorecard.note.population", lang),
        t(
            "scorecard.note.montecarlo",
            lang,
            draws=sc.township.draws,
            seed=s.seed,
            normal_from=montecarlo.NORMAL_FROM,
            spread=fmt.percent(s.weight_spread, lang, 0),
            interval=fmt.percent(s.interval, lang, 0),
        ),
        *(
            [t("scorecard.note.fewer_draws", lang, draws=sc.community.draws, areas=len(sc.community.areas))]
            if sc.community is not None and sc.community.draws < s.draws
            else []
        ),
        t(
            "scorecard.note.tiers",
            lang,
            focus=fmt.percent(s.focus_probability, lang, 0),
            good=fmt.percent(s.good_probability, lang, 0),
        ),
        t("scorecard.note.criteria", lang, as_of=as_of),
        t("scorecard.note.advice", lang, peers=advice.PEERS, min_activities=advice.MIN_ACTIVITIES),
    ]


def all_tables(sc: card.Scorecard, lang: str = "zh", case_level: bool = True) -> list[Table]:
    """Every view in sheet order; the township scores first, as the contract says. Without `case_level`, no
    advice: it counts each township's cases by fraud type and its victims by age (fraudfree/ui/downloads.py)."""
    tables = [
        townships(sc, lang),
        communities(sc, lang),
        criteria_table(sc, lang),
        indicator_table(sc, lang=lang),
        weights_table(sc, lang),
        advice_table(sc, lang) if case_level else None,
        notes_table(sc, lang),
    ]
    return [table for table in tables if table is not None]


TIER_COLOURS = {"certified": "#1a9850", "good": "#4575b4", "fair": "#f4a82f", "focus": "#d73027"}
CHART_LIMIT = 60  # more rows than this make the chart unreadable


def rank_chart_rows(level: card.Level, lang: str = "zh", selected: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """Rows for charts.rank_intervals and how many areas were ranked: the selected areas when some are, else every
    scored area up to CHART_LIMIT, else the CHART_LIMIT likeliest to be in the bottom quarter."""
    areas = level.areas[level.areas["rank_median"].notna()]
    chosen = areas[areas.index.isin(selected)]
    if chosen.empty:
        chosen = areas if len(areas) <= CHART_LIMIT else areas.nlargest(CHART_LIMIT, ["p_bottom", "rank_median"])
    place = chosen["township_name"] if "township_name" in chosen else chosen["county_name"]
    repeated = chosen["name"].duplicated(keep=False)
    names = chosen["name"].where(~repeated, chosen["name"] + "（" + place.astype(str) + "）")
    hover = [
        t(
            "scorecard.chart_hover",
            lang,
            name=html.escape(name),
            tier=t(f"scorecard.tier.{row['tier']}", lang),
            interval=interval,
            score=f"{row['score']:.1f}",
            chance=fmt.percent(row["p_bottom"], lang, 0),
        )
        for name, interval, (_, row) in zip(names, rank_texts(chosen), chosen.iterrows(), strict=True)
    ]
    frame = pd.DataFrame(
        {
            "code": chosen.index,
            "name": names.to_numpy(),
            "rank_low": chosen["rank_low"].astype(float).to_numpy(),
            "rank_median": chosen["rank_median"].astype(float).to_numpy(),
            "rank_high": chosen["rank_high"].astype(float).to_numpy(),
            "group": chosen["tier"].to_numpy(),
            "hover": hover,
        }
    )
    return frame, len(areas)


def tier_legend(lang: str = "zh") -> dict[str, tuple[str, str]]:
    return {tier: (t(f"scorecard.tier.{tier}", lang), colour) for tier, colour in TIER_COLOURS.items()}
