-- Schema version 4: the scorecard's named weight presets and the administrator's 无诈达标 criteria.
-- Both override fraudfree/scorecard/defaults.toml; a criterion without a row keeps its default.
create table scorecard_presets (
    owner varchar not null,            -- '' for a preset shared with everyone (an administrator's), else the account
    name varchar not null,
    settings json not null,            -- normalisation, aggregation, pillar and indicator weights
    saved_at timestamp not null default current_timestamp,
    primary key (owner, name)
);
create table scorecard_criteria (
    criterion varchar primary key,     -- a key of fraudfree.scorecard.criteria.KEYS
    enabled boolean not null,
    threshold double not null,
    saved_by varchar,
    saved_at timestamp not null default current_timestamp
);
