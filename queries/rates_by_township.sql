-- Cases and population per township for a period, the inputs of every case rate.
-- Returns one row per township: code, name_zh, name_en, cases (0 when none), population and
-- population_year (the latest year up to the year of $end, else the earliest year; null when none).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $fraud_types (VARCHAR[]; empty = all types)
with cases_in_period as (
    select township_code, sum(cases) as cases
    from cases
    where month between $start and $end
      and (len($fraud_types::varchar[]) = 0 or list_contains($fraud_types::varchar[], fraud_type))
    group by township_code
),
population_chosen as (
    select township_code, year, population
    from population_as_of($end)
)
select townships.code,
       townships.name_zh,
       townships.name_en,
       coalesce(cases_in_period.cases, 0)::bigint as cases,
       population_chosen.population,
       population_chosen.year as population_year
from townships
left join cases_in_period on cases_in_period.township_code = townships.code
left join population_chosen on population_chosen.township_code = townships.code
order by townships.code
