"""Scorecard settings: defaults.toml, presets and criteria saved in the database, who may save them."""

import dataclasses

import pytest

from fraudfree import db
from fraudfree.scorecard import indicators, settings
from fraudfree.scorecard.criteria import KEYS, Criterion


@pytest.fixture
def con(tmp_path):
    connection = db.open_db(tmp_path / "settings.duckdb")
    yield connection
    connection.close()


def test_defaults_weight_every_indicator_and_enable_the_usual_criteria():
    defaults = settings.defaults()
    assert set(defaults.weights) == {ind.key for ind in indicators.TOWNSHIP}
    assert set(defaults.community_weights) == {ind.key for ind in indicators.COMMUNITY}
    assert set(defaults.criteria) == set(KEYS)
    enabled = {k: c.threshold for k, c in defaults.criteria.items() if c.enabled}
    assert enabled == {"zero_case_months": 6, "app_rate": 0.8, "household_coverage": 0.9, "awareness": 0.92}
    assert (defaults.normalisation, defaults.aggregation, defaults.draws) == ("minmax", "arithmetic", 1000)


def test_a_preset_round_trips_through_the_database_and_the_audit_log(con):
    changed = dataclasses.replace(
        settings.defaults(), aggregation="geometric", weights={**settings.defaults().weights, "awareness": 3.0}
    )
    settings.save_preset(con, " 重预防 ", changed, actor="admin")
    [saved] = settings.presets(con)
    assert (saved.owner, saved.name) == (settings.SHARED, "重预防")
    restored = settings.defaults().with_preset(saved.values)
    assert restored.aggregation == "geometric" and restored.weights["awareness"] == 3.0
    settings.delete_preset(con, "重预防", actor="admin")
    assert settings.presets(con) == []
    log = con.execute("select user_name, action, detail from audit_log order by id").fetchall()
    assert [(user, action) for user, action, _ in log] == [("admin", "preset_change")] * 2
    assert "重预防" in log[0][2]


def test_own_presets_are_seen_by_their_owner_only(con):
    settings.save_preset(con, "共享", settings.defaults())
    settings.save_preset(con, "我的", settings.defaults(), owner="planner1", actor="planner1")
    settings.save_preset(con, "别人的", settings.defaults(), owner="planner2", actor="planner2")
    assert [(p.owner, p.name) for p in settings.presets(con, "planner1")] == [("", "共享"), ("planner1", "我的")]
    assert [p.name for p in settings.presets(con)] == ["共享"]


def test_a_preset_without_a_newer_indicator_keeps_its_default_weight():
    preset = {"weights": {"app_rate": 4.0}}
    restored = settings.defaults().with_preset(preset)
    assert restored.weights["app_rate"] == 4.0 and restored.weights["awareness"] == 1.0


def test_saved_criteria_override_the_defaults_for_everyone(con):
    settings.save_criteria(
        con, {"app_rate": Criterion("app_rate", True, 0.6), "case_change": Criterion("case_change", True, -0.15)}
    )
    loaded = settings.load(con).criteria
    assert loaded["app_rate"].threshold == 0.6 and loaded["case_change"].enabled
    assert loaded["awareness"] == settings.defaults().criteria["awareness"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"weights": {"app_rate": -1.0}}, "weights"),
        ({"pillar_weights": {"outcomes": 0.0, "prevention": 0.0}}, "pillar_weights"),
        ({"normalisation": "zscore", "aggregation": "geometric"}, "geometric"),
    ],
)
def test_unusable_settings_are_refused_with_a_reason(con, change, message):
    with pytest.raises(settings.SettingsError, match=message):
        settings.save_preset(con, "bad", dataclasses.replace(settings.defaults(), **change))
    assert settings.presets(con) == []


def test_preset_names_must_not_be_empty(con):
    with pytest.raises(settings.SettingsError):
        settings.save_preset(con, "  ", settings.defaults())


def test_edited_tables_become_settings():
    base = settings.defaults()
    weights = settings.weights_frame(base)
    weights.loc[weights["key"] == "reach_per_1k", "weight"] = 5.0
    rules = settings.criteria_frame(base)
    rules.loc[rules["key"] == "awareness", "enabled"] = False
    chosen = settings.edited(
        base,
        "zscore",
        "arithmetic",
        {"outcomes": 1, "prevention": 2},
        weights,
        settings.weights_frame(base, "community"),
        rules,
    )
    assert chosen.weights["reach_per_1k"] == 5.0 and chosen.pillar_weights == {"outcomes": 1.0, "prevention": 2.0}
    assert not chosen.criteria["awareness"].enabled and chosen.normalisation == "zscore"
