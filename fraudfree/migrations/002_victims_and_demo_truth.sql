-- Schema version 2: victims' age bands from case records, townships' urban share,
-- and the demo generator's true parameters so analyses can be checked against them.
create table case_victims_versions (
    month date not null, township_code varchar not null, fraud_type varchar not null,
    age_band varchar not null, victims integer not null,
    batch_id bigint not null, superseded_by bigint
);
alter table townships add column urban_share double;
create table demo_parameters (name varchar primary key, value double not null, note varchar);
