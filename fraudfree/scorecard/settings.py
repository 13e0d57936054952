"""Scorecard settings: the defaults in defaults.toml, the criteria an administrator saved, named weight presets."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd

from fraudfree import auth, db
from fraudfree.i18n import t
from fraudfree.scorecard import composite, indicators
from fraudfree.scorecard.criteria import KEYS, Criterion

PRESET_FIELDS = ("normalisation", "aggregation", "pillar_weights", "weights", "community_weights")
PRESET_NAME_MAX = 40


class SettingsError(ValueError):
    """Settings that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    normalisation: str
    aggregation: str
    min_weight_share: float
    draws: int
    seed: int
    weight_spread: float
    interval: float
    bottom_share: float
    focus_probability: float
    good_probability: float
    pillar_weights: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    community_weights: dict[str, float] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)

    def preset(self) -> dict:
        """The part a named preset keeps: method choices and weights."""
        return {name: getattr(self, name) for name in PRESET_FIELDS}

    def with_preset(self, preset: dict) -> Settings:
        known = {k: v for k, v in preset.items() if k in PRESET_FIELDS}
        for name in ("pillar_weights", "weights", "community_weights"):
            if name in known:  # a preset saved before an indicator existed keeps that indicator's default
                known[name] = {**getattr(self, name), **{k: float(v) for k, v in known[name].items()}}
        result = dataclasses.replace(self, **known)
        validate(result)
        return result


def validate(settings: Settings) -> None:
    try:
        composite.check_method(settings.normalisation, settings.aggregation)
    except composite.MethodError as err:
        raise SettingsError(str(err)) from err
    for name, expected in (("weights", indicators.TOWNSHIP), ("community_weights", indicators.COMMUNITY)):
        weights = getattr(settings, name)
        unknown = set(weights) - {ind.key for ind in expected}
        if unknown:
            raise SettingsError(f"{name}: unknown indicators {sorted(unknown)}")
        if any(w < 0 for w in weights.values()) or not any(w > 0 for w in weights.values()):
            raise SettingsError(f"{name}: weights must be zero or positive, and at least one positive")
    pillars = {ind.pillar for ind in indicators.TOWNSHIP}
    if set(settings.pillar_weights) != pillars or any(w < 0 for w in settings.pillar_weights.values()):
        raise SettingsError(f"pillar_weights: give a non-negative weight for each of {sorted(pillars)}")
    if not any(w > 0 for w in settings.pillar_weights.values()):
        raise SettingsError("pillar_weights: at least one must be positive")


def defaults() -> Settings:
    raw = tomllib.loads(resources.files("fraudfree.scorecard").joinpath("defaults.toml").read_text(encoding="utf-8"))
    method = raw["method"]
    result = Settings(
        normalisation=method["normalisation"],
        aggregation=method["aggregation"],
        min_weight_share=float(method["min_weight_share"]),
        draws=int(method["draws"]),
        seed=int(method["seed"]),
        weight_spread=float(method["weight_spread"]),
        interval=float(method["interval"]),
        bottom_share=float(method["bottom_share"]),
        focus_probability=float(method["focus_probability"]),
        good_probability=float(method["good_probability"]),
        pillar_weights={k: float(v) for k, v in raw["pillar_weights"].items()},
        weights={k: float(v) for k, v in raw["weights"].items()},
        community_weights={k: float(v) for k, v in raw["community_weights"].items()},
        criteria={k: Criterion(k, bool(v["enabled"]), float(v["threshold"])) for k, v in raw["criteria"].items()},
    )
    unknown = set(result.criteria) - set(KEYS)
    if unknown:
        raise SettingsError(f"defaults.toml: unknown criteria {sorted(unknown)}")
    validate(result)
    return result


def load(con) -> Settings:
    """The defaults with the administrator's saved criteria applied."""
    base = defaults()
    saved = con.cursor().execute("select criterion, enabled, threshold from scorecard_criteria").fetchall()
    criteria = dict(base.criteria)
    for key, enabled, threshold in saved:
        if key in KEYS:
            criteria[key] = Criterion(key, bool(enabled), float(threshold))
    return dataclasses.replace(base, criteria=criteria)


SHARED = ""  # the owner of presets everyone sees (saved by an administrator, or by anyone in the open demo)


@dataclass(frozen=True)
class Preset:
    owner: str  # SHARED, or the account that keeps it for itself
    name: str
    values: dict  # Settings.preset()


def presets(con, user: str | None = None) -> list[Preset]:
    """The shared presets, then `user`'s own, each by name."""
    rows = (
        con.cursor()
        .execute(
            "select owner, name, settings from scorecard_presets where owner in (?, ?) order by owner <> ?, name",
            [SHARED, user or SHARED, SHARED],
        )
        .fetchall()
    )
    return [Preset(owner, name, json.loads(values)) for owner, name, values in rows]


def save_preset(con, name: str, settings: Settings, owner: str = SHARED, actor: str | None = None) -> None:
    """Save (or replace) a named preset of weights and method choices, shared or `owner`'s own; audited."""
    name = name.strip()
    if not name or len(name) > PRESET_NAME_MAX:
        raise SettingsError(f"preset name must have 1 to {PRESET_NAME_MAX} characters")
    validate(settings)
    with db.transaction(con) as cur:
        cur.execute(
            "insert or replace into scorecard_presets (owner, name, settings, saved_at) "
            "values (?, ?, ?, current_timestamp)",
            [owner, name, json.dumps(settings.preset(), ensure_ascii=False)],
        )
        auth.audit(cur, actor, "preset_change", {"preset": name, "shared": owner == SHARED, "change": "saved"})


def delete_preset(con, name: str, owner: str = SHARED, actor: str | None = None) -> None:
    with db.transaction(con) as cur:
        cur.execute("delete from scorecard_presets where owner = ? and name = ?", [owner, name])
        auth.audit(cur, actor, "preset_change", {"preset": name, "shared": owner == SHARED, "change": "deleted"})


def save_criteria(con, criteria: dict[str, Criterion], actor: str | None = None) -> None:
    """Make `criteria` the county's 无诈达标 rules for every user and the command line; audited."""
    for criterion in criteria.values():
        if criterion.key not in KEYS:
            raise SettingsError(f"unknown criterion {criterion.key}")
    with db.transaction(con) as cur:
        for criterion in criteria.values():
            cur.execute(
                "insert or replace into scorecard_criteria (criterion, enabled, threshold, saved_by, saved_at) "
                "values (?, ?, ?, ?, current_timestamp)",
                [criterion.key, criterion.enabled, criterion.threshold, actor],
            )
        detail = {key: [c.enabled, c.threshold] for key, c in criteria.items()}
        auth.audit(cur, actor, "preset_change", {"criteria": detail})


def weights_frame(settings: Settings, level: str = "township", lang: str = "zh") -> pd.DataFrame:
    """The weights as an editable table: key, indicator, pillar, weight."""
    chosen = indicators.TOWNSHIP if level == "township" else indicators.COMMUNITY
    weights = settings.weights if level == "township" else settings.community_weights
    return pd.DataFrame(
        {
            "key": [ind.key for ind in chosen],
            "indicator": [t(f"scorecard.indicator.{ind.key}", lang) for ind in chosen],
            "pillar": [t(f"scorecard.pillar.{ind.pillar}", lang) for ind in chosen],
            "weight": [weights.get(ind.key, 0.0) for ind in chosen],
        }
    )


def criteria_frame(settings: Settings, lang: str = "zh") -> pd.DataFrame:
    """The criteria as an editable table: key, criterion, enabled, threshold."""
    rules = [settings.criteria[key] for key in KEYS if key in settings.criteria]
    return pd.DataFrame(
        {
            "key": [r.key for r in rules],
            "criterion": [t(f"scorecard.criterion.{r.key}", lang) for r in rules],
            "enabled": [r.enabled for r in rules],
            "threshold": [r.threshold for r in rules],
        }
    )


def edited(
    settings: Settings,
    normalisation: str,
    aggregation: str,
    pillar_weights: dict[str, float],
    weights: pd.DataFrame,
    community_weights: pd.DataFrame,
    criteria: pd.DataFrame,
) -> Settings:
    """`settings` with what was changed on the page (tables shaped like weights_frame and criteria_frame)."""

    def as_dict(frame: pd.DataFrame) -> dict[str, float]:
        return {key: float(0 if pd.isna(w) else w) for key, w in zip(frame["key"], frame["weight"], strict=True)}

    result = dataclasses.replace(
        settings,
        normalisation=normalisation,
        aggregation=aggregation,
        pillar_weights={k: float(v) for k, v in pillar_weights.items()},
        weights=as_dict(weights),
        community_weights=as_dict(community_weights),
        criteria={
            key: Criterion(key, bool(on), float(threshold))
            for key, on, threshold in zip(criteria["key"], criteria["enabled"], criteria["threshold"], strict=True)
            if not pd.isna(threshold)
        },
    )
    validate(result)
    return result
