-- Schema version 1: reference data, import batches and one versioned table per record kind.
-- Every fact row records the batch that wrote it; a keyed row replaced by a later batch keeps its
-- values with `superseded_by` set, so undoing that batch restores it exactly. Views named after the
-- kinds show only current rows: queries read the views.
create table settings (key varchar primary key, value varchar);

create table townships (
    code varchar primary key,          -- 9-digit statistical code
    name_zh varchar not null,
    name_en varchar,
    kind varchar,                      -- 街道 / 镇 / 乡 / 开发区 …
    county_code varchar not null,
    county_name varchar,
    city_name varchar,
    province_name varchar,
    seat_lon double,
    seat_lat double
);

create table import_batches (
    batch_id bigint primary key,
    source varchar not null,           -- init | demo | import
    file_name varchar,
    sha256 varchar,
    kinds varchar[],
    counts json,
    created_at timestamp not null default current_timestamp,
    created_by varchar,
    status varchar not null default 'committed',   -- committed | undone
    undone_at timestamp
);
create sequence batch_ids start 1;

create table activities_versions (
    date date not null, township_code varchar not null, community varchar, method varchar not null,
    channel varchar, venue_id varchar, partner varchar, team varchar, staff integer, reach integer not null,
    households integer, materials integer, app_signups integer, notes varchar,
    batch_id bigint not null, superseded_by bigint
);
create table venues_versions (
    venue_id varchar not null, name varchar not null, venue_type varchar not null, township_code varchar not null,
    lon double, lat double, screens integer, start_date date, end_date date,
    batch_id bigint not null, superseded_by bigint
);
create table teams_versions (
    team varchar not null, organisation varchar, township_code varchar, members integer not null, founded date,
    batch_id bigint not null, superseded_by bigint
);
create table volunteer_hours_versions (
    date date not null, team varchar not null, township_code varchar not null, volunteers integer not null,
    hours double not null, reach integer,
    batch_id bigint not null, superseded_by bigint
);
create table videos_versions (
    video_id varchar not null, title varchar not null, series varchar, platform varchar not null,
    published date not null, duration_s integer,
    batch_id bigint not null, superseded_by bigint
);
create table video_views_versions (
    date date not null, video_id varchar not null, plays bigint not null, likes bigint, shares bigint,
    comments bigint, new_followers bigint, township_code varchar,
    batch_id bigint not null, superseded_by bigint
);
create table cases_versions (
    month date not null, township_code varchar not null, fraud_type varchar not null, cases integer not null,
    loss_yuan double, solved integer,
    batch_id bigint not null, superseded_by bigint
);
create table app_registrations_versions (
    month date not null, township_code varchar not null, app varchar not null, registered bigint not null,
    batch_id bigint not null, superseded_by bigint
);
create table warnings_versions (
    month date not null, township_code varchar not null, warnings integer not null, dissuaded integer not null,
    onsite_30min integer, stopped_yuan double,
    batch_id bigint not null, superseded_by bigint
);
create table population_versions (
    year integer not null, township_code varchar not null, population bigint not null, households bigint,
    aged_60_plus bigint,
    batch_id bigint not null, superseded_by bigint
);
create table survey_versions (
    month date not null, township_code varchar not null, sampled integer not null, aware integer not null,
    batch_id bigint not null, superseded_by bigint
);
create table boundaries_versions (
    township_code varchar not null,
    geojson varchar not null,          -- geometry as GeoJSON, EPSG:4326
    schematic boolean not null,        -- true for the generated 示意 cells
    batch_id bigint not null, superseded_by bigint
);
