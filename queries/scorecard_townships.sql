-- Scorecard inputs per township for a period: population, cases and losses (and the same months a year
-- earlier), 国家反诈APP registrations, activities, volunteer hours, warnings and surveys.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive), $app (VARCHAR,
-- the national app's name). A township without rows counts 0 only when its table has rows in the window;
-- a table without any rows there gives NULL (no data), never 0. Registrations and population are the latest
-- values in or before the period (population: population_as_of); survey and warning figures are NULL where
-- the township has none.
with bounds as (
    select
        $start::date as first_month,
        $end::date as last_month,
        ($end::date + interval 1 month)::date as after_end,
        ($start::date - interval 12 month)::date as prior_first,
        ($end::date - interval 12 month)::date as prior_last
),
population_latest as (
    select township_code, population, households, aged_60_plus
    from population_as_of($end::date)
),
cases_period as (
    select township_code, sum(cases) as cases, sum(coalesce(loss_yuan, 0)) as loss
    from cases, bounds
    where month between first_month and last_month
    group by all
),
cases_prior as (
    select township_code, sum(cases) as cases_prior, sum(coalesce(loss_yuan, 0)) as loss_prior
    from cases, bounds
    where month between prior_first and prior_last
    group by all
),
registrations_latest as (
    select township_code, registered
    from app_registrations, bounds
    where app = $app and month <= last_month
    qualify row_number() over (partition by township_code order by month desc) = 1
),
activities_period as (
    select township_code, count(*) as activities, sum(reach) as reach,
        sum(coalesce(households, 0)) as households_visited, sum(coalesce(app_signups, 0)) as app_signups
    from activities, bounds
    where date >= first_month and date < after_end
    group by all
),
volunteering_period as (
    select township_code, sum(hours) as volunteer_hours
    from volunteer_hours, bounds
    where date >= first_month and date < after_end
    group by all
),
warnings_period as (
    select township_code, sum(warnings) as warnings, sum(dissuaded) as dissuaded
    from warnings, bounds
    where month between first_month and last_month
    group by all
),
survey_period as (
    select township_code, sum(sampled) as sampled, sum(aware) as aware
    from survey, bounds
    where month between first_month and last_month
    group by all
),
tables_with_data as (
    select
        (select count(*) from cases_period) > 0 as has_cases,
        (select count(*) from cases_prior) > 0 as has_cases_prior,
        (select count(*) from activities_period) > 0 as has_activities,
        (select count(*) from volunteering_period) > 0 as has_volunteering
)
select
    t.code,
    t.name_zh as name,
    t.county_name,
    t.kind,
    t.urban_share,
    p.population,
    p.households,
    p.aged_60_plus,
    case when has_cases then coalesce(c.cases, 0) end as cases,
    case when has_cases then coalesce(c.loss, 0) end as loss,
    case when has_cases_prior then coalesce(cp.cases_prior, 0) end as cases_prior,
    case when has_cases_prior then coalesce(cp.loss_prior, 0) end as loss_prior,
    r.registered,
    case when has_activities then coalesce(a.activities, 0) end as activities,
    case when has_activities then coalesce(a.reach, 0) end as reach,
    case when has_activities then coalesce(a.households_visited, 0) end as households_visited,
    case when has_activities then coalesce(a.app_signups, 0) end as app_signups,
    case when has_volunteering then coalesce(v.volunteer_hours, 0) end as volunteer_hours,
    w.warnings,
    w.dissuaded,
    s.sampled,
    s.aware
from townships t
cross join tables_with_data
left join population_latest p on p.township_code = t.code
left join cases_period c on c.township_code = t.code
left join cases_prior cp on cp.township_code = t.code
left join registrations_latest r on r.township_code = t.code
left join activities_period a on a.township_code = t.code
left join volunteering_period v on v.township_code = t.code
left join warnings_period w on w.township_code = t.code
left join survey_period s on s.township_code = t.code
order by t.code
