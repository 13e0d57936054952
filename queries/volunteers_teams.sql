-- Volunteer teams and their service in the period: one row per team that existed by the end of the period
-- (founded then or earlier, or undated), or that served in the period, plus names found only in the service
-- records (registered = false).
-- With a township filter: teams based in the selected townships or serving in them; figures count the service
-- in the selected townships only. idle: the team has no service record anywhere in the period.
-- Returns team, township_code (home; null for county-wide teams), hours, reach, service_days, volunteers
-- (person-times; these four 0 when none), members, idle, last_service (null when none), organisation, founded,
-- registered.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with period_service as (
    select team, township_code, date, volunteers, hours, reach
    from volunteer_hours
    where date between $start and last_day($end)
),
served_anywhere as (
    select distinct team from period_service
),
served_here as (
    select team, count(*) as service_days, sum(volunteers)::bigint as volunteers, sum(hours) as hours,
           sum(reach)::bigint as reach, max(date) as last_service
    from period_service
    where case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
    group by team
),
registered as (
    select team, organisation, township_code, members, founded, true as registered
    from teams
    where founded is null or founded <= last_day($end) or team in (select team from served_anywhere)
),
unregistered as (
    select team, null as organisation, null as township_code, null as members, null as founded,
           false as registered
    from served_here
    where team not in (select team from teams)
),
roster as (
    select * from registered
    union all
    select * from unregistered
)
select r.team, r.township_code, coalesce(h.hours, 0) as hours, coalesce(h.reach, 0) as reach,
       coalesce(h.service_days, 0) as service_days, coalesce(h.volunteers, 0) as volunteers, r.members,
       r.team not in (select team from served_anywhere) as idle, h.last_service,
       r.organisation, r.founded, r.registered
from roster r
left join served_here h using (team)
where len($townships::varchar[]) = 0
   or list_contains($townships::varchar[], r.township_code)
   or h.team is not null
order by hours desc, r.team
