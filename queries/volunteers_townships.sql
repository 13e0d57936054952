-- Volunteer coverage per township in the period: the teams based there and the service done there.
-- A township is uncovered when no team that existed by the end of the period (founded then or earlier, or undated)
-- is based there and no service record in the period is there.
-- Returns one row per selected township: code, name_zh, name_en, uncovered, teams_based, teams_serving (distinct
-- teams with service there), hours, reach, service_days, volunteers (person-times), members (of the teams based
-- there), population (latest year up to the year of $end, else the earliest; null when none).
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with selected as (
    select code, name_zh, coalesce(name_en, name_zh) as name_en
    from townships
    where len($townships::varchar[]) = 0 or list_contains($townships::varchar[], code)
),
population_latest as (
    select township_code, population
    from population_as_of($end)
),
based as (
    select township_code, count(*) as teams_based, sum(members)::bigint as members
    from teams
    where township_code is not null and (founded is null or founded <= last_day($end))
    group by township_code
),
service as (
    select township_code, count(distinct team) as teams_serving, count(*) as service_days,
           sum(volunteers)::bigint as volunteers, sum(hours) as hours, sum(reach)::bigint as reach
    from volunteer_hours
    where date between $start and last_day($end)
    group by township_code
)
select s.code, s.name_zh, s.name_en,
       b.township_code is null and v.township_code is null as uncovered,
       coalesce(b.teams_based, 0) as teams_based, coalesce(v.teams_serving, 0) as teams_serving,
       coalesce(v.hours, 0) as hours, coalesce(v.reach, 0) as reach, coalesce(v.service_days, 0) as service_days,
       coalesce(v.volunteers, 0) as volunteers, coalesce(b.members, 0) as members, p.population
from selected s
left join population_latest p on p.township_code = s.code
left join based b on b.township_code = s.code
left join service v on v.township_code = s.code
order by s.code
